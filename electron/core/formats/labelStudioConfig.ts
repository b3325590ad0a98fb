/**
 * The Label Studio labeling config: the XML written beside an export (Label Studio drops results whose
 * labels its config does not name), and read back as a schema fragment on import.
 */
import type { LabelDef, ProjectSchema } from '../schema';

/** The `name` of the Labels tag and of the Text tag the results refer to. */
export const FROM_NAME = 'label';
export const TO_NAME = 'text';

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The labeling config: one Labels tag over the text, and the relation types. */
export function labelConfig(labels: ReadonlyMap<string, string>, relationTypes: ReadonlySet<string>): string {
  return [
    '<View>',
    `  <Labels name="${FROM_NAME}" toName="${TO_NAME}">`,
    ...[...labels].map(([value, colour]) => `    <Label value="${xml(value)}" background="${xml(colour)}"/>`),
    '  </Labels>',
    `  <Text name="${TO_NAME}" value="$text"/>`,
    ...(relationTypes.size > 0
      ? [
          '  <Relations>',
          ...[...relationTypes].map((r) => `    <Relation value="${xml(r)}"/>`),
          '  </Relations>',
        ]
      : []),
    '</View>',
    '',
  ].join('\n');
}

const unxml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The labels (with their colours) and relation types a labeling config declares, as a schema fragment. */
export function schemaFromConfig(xmlText: string): ProjectSchema {
  const attribute = (tag: string, name: string) => {
    const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
    return m ? unxml(m[1]!) : undefined;
  };
  const labels: LabelDef[] = [];
  for (const [tag] of xmlText.matchAll(/<Label\b[^>]*>/g)) {
    const key = attribute(tag, 'value');
    if (!key || labels.some((l) => l.key === key)) continue;
    const colour = attribute(tag, 'background') ?? '';
    labels.push({
      key,
      name: key,
      color: /^#[0-9a-f]{6}$/i.test(colour) ? colour : '#888888',
      hotkey: '',
      kind: 'span',
      attributes: [],
    });
  }
  // Label Studio relations may join any two regions: one relation type per label, to any label.
  const relationTypes = [...xmlText.matchAll(/<Relation\b[^>]*>/g)]
    .map(([tag]) => attribute(tag, 'value'))
    .filter((name): name is string => !!name)
    .flatMap((name) => labels.map((l) => ({ name, fromLabel: l.key, toLabel: null })));
  return { labels, relationTypes };
}
