/**
 * Writing brat standoff: per document `NAME.txt` (the text, LF line ends) and `NAME.ann`, and at the
 * end annotation.conf (types, attributes, `<OVERLAP>` when spans nest or cross) and visual.conf
 * (label colours). Offsets are code points, which brat's reader counts; a span crossing a line break
 * is cut into fragments around it (brat's .ann reader breaks lines there), and fragments never touch.
 */
import type { Fragment } from '../spans';
import { ANY_ENTITY, writeConf, type ConfAttribute } from './bratConf';
import { FileNamer } from './fileNames';
import { lineBreakOffsets } from './lineBreaks';
import type {
  AttributeValue,
  CorpusDocument,
  CorpusSpan,
  FormatWriter,
  LossCollector,
  WriteOptions,
} from './model';
import { piecesOf, withoutOverlaps } from './overlaps';
import { describeSpan, reportFixedUnit, reportUnheld, UnitText } from './writerSupport';

/** A brat type or attribute name: no white space (the .ann columns are split at it). */
export const bratName = (name: string) => name.replace(/\s+/g, '_');

/** The name brat gets for a label, relation type or attribute name, with a loss entry if it changed. */
function bratNameReported(name: string, loss: LossCollector, document: string): string {
  const written = bratName(name);
  if (written !== name)
    loss.add(
      'label-renamed',
      'brat type names hold no white space; it is written as "_"',
      document,
      `${name} -> ${written}`,
    );
  return written;
}

export function createBratWriter(options: WriteOptions): FormatWriter {
  const names = new FileNamer();
  const entities = new Set(
    options.schema.labels.filter((l) => l.kind === 'span').map((l) => bratName(l.key)),
  );
  const relationTypes = new Map<string, { from: Set<string>; to: Set<string> }>();
  for (const r of options.schema.relationTypes)
    relationTypes.set(bratName(r.name), {
      from: new Set([bratName(r.fromLabel)]),
      to: new Set([r.toLabel === null ? ANY_ENTITY : bratName(r.toLabel)]),
    });
  const attributes = new Map<string, ConfAttribute>();
  let overlap = false;
  const isEnum = (label: string, attribute: string) =>
    options.schema.labels.some(
      (l) => l.key === label && l.attributes.some((a) => a.name === attribute && a.type === 'enum'),
    );

  return {
    document(doc, out, loss) {
      const base = names.name(doc.id);
      const at = new UnitText(doc.text, 'codepoint');
      const breaks = lineBreakOffsets(doc.text);
      const lines: string[] = [];
      const tid = new Map<string, string>();
      const next = { T: 1, R: 1, A: 1, N: 1 };
      for (const span of doc.spans) {
        const label = bratNameReported(span.label, loss, doc.id);
        entities.add(label);
        const fragments = span.fragments.flatMap((f) => splitAtBreaks(f, breaks));
        if (fragments.length === 0) {
          loss.add(
            'line-break-only',
            'a span covering only line breaks cannot be written to brat; it is left out',
            doc.id,
            describeSpan(doc.text, span),
          );
          continue;
        }
        if (fragments.length > span.fragments.length)
          loss.add(
            'line-break-split',
            "brat's .ann lines cannot hold a line break, so a span crossing one is written as fragments on each side (read back, it is discontinuous)",
            doc.id,
            describeSpan(doc.text, span),
          );
        const id = `T${next.T++}`;
        tid.set(span.key, id);
        const offsets = fragments.map((f) => `${at.at(f.start)} ${at.at(f.end)}`).join(';');
        lines.push(
          `${id}\t${label} ${offsets}\t${fragments.map((f) => doc.text.slice(f.start, f.end)).join(' ')}`,
        );
        for (const [name, value] of Object.entries(span.attributes)) {
          const line = attributeLine(
            `A${next.A}`,
            name,
            value,
            id,
            span,
            doc,
            loss,
            attributes,
            label,
            isEnum(span.label, name),
          );
          if (line) {
            lines.push(line);
            next.A++;
          }
        }
        if (span.note) {
          const note = span.note.replace(/\s+/g, ' ');
          if (note !== span.note)
            loss.add(
              'note-layout',
              'a brat note is one line; its line breaks and tabs are written as spaces',
              doc.id,
              describeSpan(doc.text, span),
            );
          lines.push(`#${next.N++}\tAnnotatorNotes ${id}\t${note}`);
        }
      }
      for (const r of doc.relations) {
        const [from, to] = [tid.get(r.from), tid.get(r.to)];
        if (!from || !to) continue; // its span was left out above, and reported there
        const type = bratNameReported(r.type, loss, doc.id);
        lines.push(`R${next.R++}\t${type} Arg1:${from} Arg2:${to}`);
        if (!relationTypes.has(type))
          relationTypes.set(type, { from: new Set([ANY_ENTITY]), to: new Set([ANY_ENTITY]) });
      }
      if (withoutOverlaps(piecesOf(doc.spans)).dropped.length > 0) overlap = true;
      out.write(`${base}.txt`, doc.text);
      out.write(`${base}.ann`, lines.length > 0 ? lines.join('\n') + '\n' : '');
      reportUnheld(loss, 'brat', doc, {
        attributes: true,
        notes: true,
        relations: true,
        discontinuous: true,
      });
    },
    finish(out, loss) {
      reportFixedUnit(loss, 'brat', options.offsetUnit, 'codepoint');
      const relations = [...relationTypes].map(([name, r]) => ({ name, from: [...r.from], to: [...r.to] }));
      out.write('annotation.conf', writeConf({ entities: [...entities], relations, attributes, overlap }));
      const colours = options.schema.labels.map((l) => `${bratName(l.key)}\tbgColor:${l.color}`);
      out.write('visual.conf', ['[labels]', '', '[drawing]', ...colours].join('\n') + '\n');
    },
  };
}

/** The pieces of a fragment between the line breaks inside it; empty pieces are dropped. */
function splitAtBreaks(f: Fragment, breaks: readonly number[]): Fragment[] {
  const pieces: Fragment[] = [];
  let start = f.start;
  // Binary search for the first break at or after the fragment: long documents have many lines.
  let lo = 0;
  let hi = breaks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (breaks[mid]! < f.start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < breaks.length && breaks[i]! < f.end; i++) {
    if (breaks[i]! > start) pieces.push({ start, end: breaks[i]! });
    start = breaks[i]! + 1;
  }
  if (f.end > start) pieces.push({ start, end: f.end });
  return pieces;
}

/**
 * The A line for one attribute, or null when brat cannot hold the value. brat attributes are flags or
 * one of a closed list of one-word values: `true` is a flag, `false` is no line; text and numbers
 * become values listed in annotation.conf (read back as text), white space in them written as `_`.
 */
function attributeLine(
  id: string,
  rawName: string,
  value: AttributeValue,
  tid: string,
  span: CorpusSpan,
  doc: CorpusDocument,
  loss: LossCollector,
  conf: Map<string, ConfAttribute>,
  label: string,
  declaredEnum: boolean,
): string | null {
  const name = bratNameReported(rawName, loss, doc.id);
  const detail = () => `${describeSpan(doc.text, span)}: ${rawName}=${JSON.stringify(value)}`;
  const declare = (word: string | null) => {
    let entry = conf.get(name);
    if (!entry) conf.set(name, (entry = { labels: new Set(), values: new Set() }));
    entry.labels.add(label);
    if (word !== null) entry.values.add(word);
  };
  if (typeof value === 'boolean') {
    declare(null);
    if (value) return `${id}\t${name} ${tid}`;
    loss.add(
      'attribute-false',
      'a brat flag is set or absent: a yes/no attribute that is "no" is written as absent',
      doc.id,
      detail(),
    );
    return null;
  }
  const text = String(value).trim();
  if (text === '') {
    loss.add('attribute-value', 'a brat attribute value cannot be empty; it is left out', doc.id, detail());
    return null;
  }
  const word = text.replace(/\s+/g, '_');
  if (word !== text)
    loss.add(
      'attribute-space',
      'a brat attribute value is one word; white space in it is written as "_"',
      doc.id,
      detail(),
    );
  if (typeof value === 'string' && !declaredEnum)
    loss.add(
      'attribute-text',
      'brat has no free-text attributes; the text is written as a value listed in annotation.conf',
      doc.id,
      detail(),
    );
  if (typeof value === 'number')
    loss.add(
      'attribute-number',
      'brat has no numeric attributes; the number is written as a listed value and reads back as text',
      doc.id,
      detail(),
    );
  declare(word);
  return `${id}\t${name} ${tid} ${word}`;
}
