/**
 * brat's annotation.conf: writing one for an export, and reading one into a project schema fragment.
 * Sections: [entities] (one type a line), [relations] (`name<TAB>Arg1:A|B, Arg2:C`, and the
 * `<OVERLAP>` line that lets spans nest or cross), [events] (not used), [attributes]
 * (`name<TAB>Arg:A|B` for a flag, `..., Value:x|y` for a closed list of values).
 */
import type { AttributeDef, LabelDef, ProjectSchema, RelationTypeDef } from '../schema';

export const ANY_ENTITY = '<ENTITY>';
export const OVERLAP_LINE = '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>';

export interface ConfAttribute {
  labels: Set<string>;
  /** Empty for a flag. */
  values: Set<string>;
}

export interface ConfContent {
  entities: string[];
  relations: { name: string; from: string[]; to: string[] }[];
  attributes: Map<string, ConfAttribute>;
  overlap: boolean;
}

/** The text of annotation.conf. */
export function writeConf(conf: ConfContent): string {
  const lines = [
    '# Written by Marginalia. Offsets in the .ann files are code points of the .txt files.',
    '[entities]',
    ...conf.entities,
    '',
    '[relations]',
  ];
  if (conf.overlap) lines.push('# Spans in this corpus nest or cross.', OVERLAP_LINE);
  for (const r of conf.relations) lines.push(`${r.name}\tArg1:${r.from.join('|')}, Arg2:${r.to.join('|')}`);
  lines.push('', '[events]', '', '[attributes]');
  for (const [name, a] of conf.attributes) {
    const values = a.values.size > 0 ? `, Value:${[...a.values].join('|')}` : '';
    lines.push(`${name}\tArg:${[...a.labels].join('|')}${values}`);
  }
  return lines.join('\n') + '\n';
}

const PALETTE = ['#d9480f', '#1971c2', '#2f9e44', '#9c36b5', '#e67700', '#0c8599', '#c2255c', '#5c940d'];

/** The labels, attributes and relation types an annotation.conf declares, as a schema fragment. */
export function readConf(content: string): ProjectSchema {
  let section = '';
  const labels: LabelDef[] = [];
  const relationTypes: RelationTypeDef[] = [];
  const attributes: { name: string; labels: string[]; values: string[] }[] = [];
  for (const raw of content.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/#.*$/, '').trimEnd();
    if (line.trim() === '') continue;
    const header = /^\s*\[(\w+)\]\s*$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    // A type name holds no white space; whatever follows it are the arguments.
    const [, name = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line.trim()) ?? [];
    const argument = (key: string) =>
      (new RegExp(`(?:^|,)\\s*${key}:([^,]+)`).exec(args)?.[1] ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
    if (section === 'entities') {
      const key = name.replace(/^!/, '');
      if (!name.startsWith('!') && !labels.some((l) => l.key === key))
        labels.push({
          key,
          name: key,
          color: PALETTE[labels.length % PALETTE.length]!,
          hotkey: '',
          kind: 'span',
          attributes: [],
        });
    } else if (section === 'relations' && !name.startsWith('<')) {
      const to = argument('Arg2');
      const toLabel = to.length === 1 && to[0] !== ANY_ENTITY ? to[0]! : null;
      for (const from of argument('Arg1')) relationTypes.push({ name, fromLabel: from, toLabel });
    } else if (section === 'attributes') {
      attributes.push({ name, labels: argument('Arg'), values: argument('Value') });
    }
  }
  for (const a of attributes) {
    const def: AttributeDef =
      a.values.length > 0
        ? { name: a.name, type: 'enum', options: a.values }
        : { name: a.name, type: 'bool', options: [] };
    for (const label of labels)
      if (a.labels.includes(label.key) || a.labels.includes(ANY_ENTITY)) label.attributes.push(def);
  }
  // `<ENTITY>` as a relation's first argument means any declared type.
  const expanded = relationTypes.flatMap((r) =>
    r.fromLabel === ANY_ENTITY ? labels.map((l) => ({ ...r, fromLabel: l.key })) : [r],
  );
  return { labels, relationTypes: expanded };
}
