import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA, type ProjectSchema } from './schema';
import {
  describeImpact,
  isHarmless,
  labelKeyOf,
  labelName,
  newLabelKey,
  relationTypesBetween,
  schemaByNames,
  schemaProblem,
  type SchemaImpact,
} from './schemaRules';

const edited = (change: (schema: ProjectSchema) => void): ProjectSchema => {
  const schema = structuredClone(DEFAULT_SCHEMA);
  change(schema);
  return schema;
};

describe('schema rules', () => {
  it('accepts the default schema', () => {
    expect(schemaProblem(DEFAULT_SCHEMA)).toBeNull();
  });

  it.each([
    [
      'a duplicate name',
      (s: ProjectSchema) => (s.labels[1]!.name = 'claim'),
      'two labels are called "claim"',
    ],
    [
      'a duplicate hotkey',
      (s: ProjectSchema) => (s.labels[1]!.hotkey = '1'),
      'Claim and Figure both use the hotkey "1"',
    ],
    [
      'a long hotkey',
      (s: ProjectSchema) => (s.labels[1]!.hotkey = 'ab'),
      'the hotkey of Figure must be one key, not "ab"',
    ],
    [
      'a bad colour',
      (s: ProjectSchema) => (s.labels[0]!.color = 'red'),
      'the colour of Claim must look like #1a2b3c, not "red"',
    ],
    ['an empty name', (s: ProjectSchema) => (s.labels[0]!.name = '  '), 'every label needs a name'],
    [
      'a duplicate key',
      (s: ProjectSchema) => (s.labels[1]!.key = 'Claim'),
      'two labels have the key "Claim"',
    ],
    [
      'a duplicate attribute',
      (s: ProjectSchema) => s.labels[0]!.attributes.push({ name: 'source', type: 'string', options: [] }),
      'Claim has two attributes called "source"',
    ],
    [
      'an enum without options',
      (s: ProjectSchema) => (s.labels[0]!.attributes[1]!.options = []),
      'Claim verified needs at least one option',
    ],
    [
      'a repeated option',
      (s: ProjectSchema) => (s.labels[0]!.attributes[1]!.options = ['yes', 'yes']),
      'Claim verified lists an option twice',
    ],
    [
      'options on a number',
      (s: ProjectSchema) => (s.labels[1]!.attributes[0]!.options = ['1']),
      'Figure value is not a list of options, so it takes none',
    ],
    [
      'a relation to a missing label',
      (s: ProjectSchema) => (s.relationTypes[0]!.toLabel = 'Person'),
      'relation type "scopes" points to a label the schema does not have',
    ],
    [
      'a relation from a missing label',
      (s: ProjectSchema) => (s.relationTypes[0]!.fromLabel = 'Person'),
      'relation type "scopes" starts at a label the schema does not have',
    ],
    [
      'a duplicate relation type',
      (s: ProjectSchema) => s.relationTypes.push({ name: 'scopes', fromLabel: 'Hedge', toLabel: null }),
      'Hedge has two relation types called "scopes"',
    ],
    [
      'no labels',
      (s: ProjectSchema) => ((s.labels = []), (s.relationTypes = [])),
      'the schema needs at least one label',
    ],
  ])('refuses %s', (_what, change, message) => {
    expect(schemaProblem(edited(change))).toBe(message);
  });

  it.each(['l', 'L', '+', '?', '[', ']', '{', '}'])('refuses the editor key %s as a hotkey', (key) => {
    expect(schemaProblem(edited((s) => (s.labels[1]!.hotkey = key)))).toMatch(
      new RegExp(`^the hotkey of Figure cannot be "\\${key}": in the editor that key `),
    );
  });

  it('allows labels without a hotkey', () => {
    expect(schemaProblem(edited((s) => ((s.labels[0]!.hotkey = ''), (s.labels[1]!.hotkey = ''))))).toBeNull();
  });

  it('lists the relation types that fit two labels, "any" targets included', () => {
    expect(relationTypesBetween(DEFAULT_SCHEMA, 'Hedge', 'Claim').map((r) => r.name)).toEqual(['scopes']);
    expect(relationTypesBetween(DEFAULT_SCHEMA, 'Claim', 'Hedge').map((r) => r.name)).toEqual([
      'attributed_to',
    ]);
    expect(relationTypesBetween(DEFAULT_SCHEMA, 'Hedge', 'Figure')).toEqual([]);
  });

  it('makes keys for new labels that no label uses', () => {
    expect(newLabelKey(DEFAULT_SCHEMA, 'Person name')).toBe('Person_name');
    expect(newLabelKey(DEFAULT_SCHEMA, 'Claim')).toBe('Claim_2');
  });
});

describe('labels by the names the user sees', () => {
  // Location renamed Place, then a new label called Location: the old key stays with Place.
  const renamed: ProjectSchema = {
    labels: [
      ...DEFAULT_SCHEMA.labels.map((l) => (l.key === 'Location' ? { ...l, name: 'Place' } : l)),
      { ...DEFAULT_SCHEMA.labels[2]!, key: 'Location_2', name: 'Location', hotkey: '5' },
    ],
    relationTypes: [{ name: 'near', fromLabel: 'Figure', toLabel: 'Location' }],
  };

  it('finds a label by its name first, then by its key', () => {
    expect(labelKeyOf(renamed, 'Place')).toBe('Location');
    expect(labelKeyOf(renamed, 'Location')).toBe('Location_2');
    expect(labelKeyOf(renamed, 'Claim')).toBe('Claim');
    expect(labelKeyOf(renamed, 'Person')).toBeUndefined();
  });

  it('writes labels and relation ends under their names', () => {
    const byNames = schemaByNames(renamed);
    expect(byNames.labels.map((l) => l.key)).toEqual(['Claim', 'Figure', 'Place', 'Hedge', 'Location']);
    expect(byNames.relationTypes).toEqual([{ name: 'near', fromLabel: 'Figure', toLabel: 'Place' }]);
  });
});

describe('schema refusals the editor shows', () => {
  it.each([
    [
      'a label without a key',
      (s: ProjectSchema) => ((s.labels[1]!.key = ''), (s.labels[1]!.name = ' Figure ')),
      'label "Figure" has no key',
    ],
    [
      'a blank hotkey',
      (s: ProjectSchema) => (s.labels[1]!.hotkey = ' '),
      'the hotkey of Figure must be one key, not " "',
    ],
    [
      'a name repeated with spaces around it',
      (s: ProjectSchema) => (s.labels[1]!.name = ' Claim '),
      'two labels are called "Claim"',
    ],
    [
      'a colour with a seventh digit',
      (s: ProjectSchema) => (s.labels[0]!.color = '#d9480f0'),
      'the colour of Claim must look like #1a2b3c, not "#d9480f0"',
    ],
    [
      'a colour after other text',
      (s: ProjectSchema) => (s.labels[0]!.color = 'x#d9480f'),
      'the colour of Claim must look like #1a2b3c, not "x#d9480f"',
    ],
    [
      'a colour of five digits',
      (s: ProjectSchema) => (s.labels[0]!.color = '#d9480'),
      'the colour of Claim must look like #1a2b3c, not "#d9480"',
    ],
    [
      'an attribute without a name',
      (s: ProjectSchema) => (s.labels[0]!.attributes[0]!.name = '  '),
      'an attribute of Claim has no name',
    ],
    [
      'an attribute repeated with a space',
      (s: ProjectSchema) => (s.labels[0]!.attributes[1]!.name = 'source '),
      'Claim has two attributes called "source"',
    ],
    [
      'an empty option',
      (s: ProjectSchema) => (s.labels[0]!.attributes[1]!.options = ['yes', ' ']),
      'Claim verified has an empty option',
    ],
    [
      'a relation type without a name',
      (s: ProjectSchema) => (s.relationTypes[1]!.name = ' '),
      'every relation type needs a name',
    ],
    [
      'a relation type repeated with spaces',
      (s: ProjectSchema) => s.relationTypes.push({ name: ' in ', fromLabel: 'Figure', toLabel: null }),
      'Figure has two relation types called "in"',
    ],
    [
      'a repeated relation type of a renamed label, by the name shown',
      (s: ProjectSchema) => (
        (s.labels[3]!.name = 'Caveat'),
        s.relationTypes.push({ name: 'scopes', fromLabel: 'Hedge', toLabel: 'Figure' })
      ),
      'Caveat has two relation types called "scopes"',
    ],
    [
      'the third label on the hotkey of the first',
      (s: ProjectSchema) => (s.labels[2]!.hotkey = '1'),
      'Claim and Location both use the hotkey "1"',
    ],
  ])('refuses %s', (_what, change, message) => {
    expect(schemaProblem(edited(change))).toBe(message);
  });

  it.each([
    ['an upper-case colour', (s: ProjectSchema) => (s.labels[0]!.color = '#D9480F')],
    [
      'a hotkey outside the basic plane, one key though two UTF-16 units',
      (s: ProjectSchema) => (s.labels[0]!.hotkey = '😀'),
    ],
    [
      'one relation type name from two labels',
      (s: ProjectSchema) => s.relationTypes.push({ name: 'scopes', fromLabel: 'Claim', toLabel: 'Figure' }),
    ],
    ['an enum with one option', (s: ProjectSchema) => (s.labels[0]!.attributes[1]!.options = ['yes'])],
    [
      'two labels that both use no hotkey',
      (s: ProjectSchema) => ((s.labels[2]!.hotkey = ''), (s.labels[3]!.hotkey = '')),
    ],
    [
      'the same attribute name on two labels',
      (s: ProjectSchema) => (s.labels[1]!.attributes[0]!.name = 'source'),
    ],
  ])('accepts %s', (_what, change) => {
    expect(schemaProblem(edited(change))).toBeNull();
  });

  it('makes keys from blank, spaced and taken names', () => {
    expect(newLabelKey(DEFAULT_SCHEMA, '   ')).toBe('Label');
    expect(newLabelKey(DEFAULT_SCHEMA, ' Person \t name ')).toBe('Person_name');
    expect(
      newLabelKey(
        edited((s) => s.labels.push({ ...s.labels[0]!, key: 'Claim_2', name: 'Other' })),
        'Claim',
      ),
    ).toBe('Claim_3');
  });

  it('says a label by its name, or by its key once the schema has no such label', () => {
    const renamed = edited((s) => (s.labels[2]!.name = 'Place'));
    expect(labelName(renamed, 'Location')).toBe('Place');
    expect(labelName(renamed, 'Person')).toBe('Person');
  });

  it('finds a label by a name typed with spaces, or by its exact key', () => {
    const spaced = edited((s) => (s.labels[2]!.name = ' Place '));
    expect(labelKeyOf(spaced, ' Place')).toBe('Location');
    expect(labelKeyOf(spaced, 'Location')).toBe('Location');
    expect(schemaByNames(spaced).labels[2]!.key).toBe('Place');
    expect(schemaByNames(DEFAULT_SCHEMA).relationTypes[2]).toEqual({
      name: 'attributed_to',
      fromLabel: 'Claim',
      toLabel: null,
    });
  });
});

describe('what a schema change removes', () => {
  const none: SchemaImpact = { labels: [], attributes: [], relationTypes: [] };
  const label = (spans: number, relations: number) => ({ key: 'Hedge', name: 'Hedge', spans, relations });
  const attribute = (spans: number) => ({ label: 'Claim', attribute: 'verified', spans });
  const relationType = (relations: number) => ({ name: 'scopes', fromLabel: 'Hedge', relations });

  it('a change that removes nothing is harmless; one removal of any kind is not', () => {
    expect(isHarmless(none)).toBe(true);
    expect(isHarmless({ ...none, labels: [label(1, 0)] })).toBe(false);
    expect(isHarmless({ ...none, attributes: [attribute(1)] })).toBe(false);
    expect(isHarmless({ ...none, relationTypes: [relationType(1)] })).toBe(false);
    expect(isHarmless({ ...none, labels: [label(1, 0)], attributes: [attribute(1)] })).toBe(false);
    expect(isHarmless({ ...none, labels: [label(1, 0)], relationTypes: [relationType(1)] })).toBe(false);
  });

  it('counts what goes in words, one and many', () => {
    expect(describeImpact(none)).toBe('nothing');
    expect(describeImpact({ ...none, labels: [label(1, 0)] })).toBe('1 span');
    expect(describeImpact({ ...none, attributes: [attribute(1), attribute(2)] })).toBe('3 attribute values');
    expect(describeImpact({ ...none, labels: [label(2, 1)] })).toBe('2 spans and 1 relation');
    expect(
      describeImpact({
        labels: [label(2, 1), label(1, 2)],
        attributes: [attribute(1)],
        relationTypes: [relationType(4), relationType(1)],
      }),
    ).toBe('3 spans, 8 relations and 1 attribute value');
    expect(describeImpact({ ...none, relationTypes: [relationType(2)], attributes: [attribute(1)] })).toBe(
      '2 relations and 1 attribute value',
    );
  });
});
