import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA, type ProjectSchema } from './schema';
import { labelKeyOf, newLabelKey, relationTypesBetween, schemaByNames, schemaProblem } from './schemaRules';

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
