import { describe, expect, it } from 'vitest';
import { DEFAULT_SCHEMA, type ProjectSchema } from './schema';
import {
  NO_RENAMES,
  relationUnderRenames,
  renamedAttributes,
  renamedRelationType,
  renamesProblem,
  spanUnderSchema,
  type SchemaRenames,
} from './schemaRenames';
import type { Relation, Span } from './spans';

const edited = (
  change: (schema: ProjectSchema) => void,
  from: ProjectSchema = DEFAULT_SCHEMA,
): ProjectSchema => {
  const schema = structuredClone(from);
  change(schema);
  return schema;
};
const attributeRenames = (...list: [label: string, from: string, to: string][]): SchemaRenames => ({
  attributes: list.map(([label, from, to]) => ({ label, from, to })),
  relationTypes: [],
});
const relationRenames = (...list: [fromLabel: string, from: string, to: string][]): SchemaRenames => ({
  attributes: [],
  relationTypes: list.map(([fromLabel, from, to]) => ({ fromLabel, from, to })),
});

// Claim's "source" attribute renamed "origin" (Claim's first attribute in the default schema).
const originOnClaim = edited((s) => (s.labels[0]!.attributes[0]!.name = 'origin'));
// Hedge's "scopes" relation type renamed "limits".
const limitsFromHedge = edited((s) => (s.relationTypes[0]!.name = 'limits'));

describe('which attribute renames a schema change can carry', () => {
  it('accepts no renames, and a rename from a name that went to one that came', () => {
    expect(renamesProblem(DEFAULT_SCHEMA, DEFAULT_SCHEMA, NO_RENAMES)).toBeNull();
    expect(
      renamesProblem(DEFAULT_SCHEMA, originOnClaim, attributeRenames(['Claim', 'source', 'origin'])),
    ).toBeNull();
  });

  it('accepts a new name typed with a trailing space, as the editor trims it', () => {
    const spaced = edited((s) => (s.labels[0]!.attributes[0]!.name = 'origin '));
    expect(
      renamesProblem(DEFAULT_SCHEMA, spaced, attributeRenames(['Claim', 'source', 'origin'])),
    ).toBeNull();
  });

  it('refuses renames on a label that is not in both schemas', () => {
    const withoutClaim = edited((s) => ((s.labels = s.labels.slice(1)), (s.relationTypes = [])));
    expect(
      renamesProblem(DEFAULT_SCHEMA, withoutClaim, attributeRenames(['Claim', 'source', 'origin'])),
    ).toBe('cannot rename attributes of "Claim": the label is not in both schemas');
    expect(
      renamesProblem(withoutClaim, DEFAULT_SCHEMA, attributeRenames(['Claim', 'source', 'origin'])),
    ).toBe('cannot rename attributes of "Claim": the label is not in both schemas');
  });

  it.each([
    ['a name the label never had', originOnClaim, 'sauce', 'origin'],
    [
      'an old name the label still has',
      edited((s) => s.labels[0]!.attributes.push({ name: 'origin', type: 'string', options: [] })),
      'source',
      'origin',
    ],
    ['a new name the label does not have', originOnClaim, 'source', 'origine'],
    [
      'a new name the label had already',
      edited((s) => s.labels[0]!.attributes.splice(0, 1)),
      'source',
      'verified',
    ],
    ['a name to itself', DEFAULT_SCHEMA, 'source', 'source'],
  ])('refuses %s, naming the label as shown', (_what, next, from, to) => {
    const shown = edited((s) => (s.labels[0]!.name = 'Assertion'), next);
    expect(renamesProblem(DEFAULT_SCHEMA, shown, attributeRenames(['Claim', from, to]))).toBe(
      `Assertion has no attribute "${from}" renamed to "${to}"`,
    );
  });

  it('refuses one attribute renamed twice, or two renamed to one name', () => {
    const both = edited(
      (s) => s.labels[0]!.attributes.push({ name: 'origin2', type: 'string', options: [] }),
      originOnClaim,
    );
    expect(
      renamesProblem(
        DEFAULT_SCHEMA,
        both,
        attributeRenames(['Claim', 'source', 'origin'], ['Claim', 'source', 'origin2']),
      ),
    ).toBe('Claim renames the attribute "source" or "origin2" twice');
    const merged = edited(
      (s) => (s.labels[0]!.attributes = [{ name: 'origin', type: 'string', options: [] }]),
    );
    expect(
      renamesProblem(
        DEFAULT_SCHEMA,
        merged,
        attributeRenames(['Claim', 'source', 'origin'], ['Claim', 'verified', 'origin']),
      ),
    ).toBe('Claim renames the attribute "verified" or "origin" twice');
  });

  it('accepts the same rename on two labels', () => {
    const current = edited((s) => (s.labels[2]!.attributes[1]!.name = 'source'));
    const next = edited((s) => (s.labels[2]!.attributes[1]!.name = 'origin'), originOnClaim);
    expect(
      renamesProblem(
        current,
        next,
        attributeRenames(['Claim', 'source', 'origin'], ['Location', 'source', 'origin']),
      ),
    ).toBeNull();
  });
});

describe('which relation type renames a schema change can carry', () => {
  it('accepts a rename from a type that went to one that came, from the same label', () => {
    expect(
      renamesProblem(DEFAULT_SCHEMA, limitsFromHedge, relationRenames(['Hedge', 'scopes', 'limits'])),
    ).toBeNull();
    const spaced = edited((s) => (s.relationTypes[0]!.name = ' limits'));
    expect(renamesProblem(DEFAULT_SCHEMA, spaced, relationRenames(['Hedge', 'scopes', 'limits']))).toBeNull();
  });

  it.each([
    ['a type the label never started', limitsFromHedge, 'Hedge', 'hedges', 'limits'],
    ['a type of another label', limitsFromHedge, 'Claim', 'scopes', 'limits'],
    [
      'an old type still there',
      edited((s) => s.relationTypes.push({ name: 'limits', fromLabel: 'Hedge', toLabel: null })),
      'Hedge',
      'scopes',
      'limits',
    ],
    ['a new type that is not there', limitsFromHedge, 'Hedge', 'scopes', 'limit'],
    ['a type to itself', DEFAULT_SCHEMA, 'Hedge', 'scopes', 'scopes'],
  ])('refuses %s', (_what, next, fromLabel, from, to) => {
    expect(renamesProblem(DEFAULT_SCHEMA, next, relationRenames([fromLabel, from, to]))).toBe(
      `there is no relation type "${from}" from ${fromLabel} renamed to "${to}"`,
    );
  });

  it('refuses a rename to a type the label started already', () => {
    const current = edited((s) =>
      s.relationTypes.push({ name: 'scopes', fromLabel: 'Figure', toLabel: null }),
    );
    const next = edited((s) => s.relationTypes.splice(1, 1), current);
    expect(renamesProblem(current, next, relationRenames(['Figure', 'in', 'scopes']))).toBe(
      'there is no relation type "in" from Figure renamed to "scopes"',
    );
  });

  it('refuses a type that only another label started', () => {
    const next = edited((s) => s.relationTypes.push({ name: 'limits', fromLabel: 'Claim', toLabel: null }));
    expect(renamesProblem(DEFAULT_SCHEMA, next, relationRenames(['Claim', 'scopes', 'limits']))).toBe(
      'there is no relation type "scopes" from Claim renamed to "limits"',
    );
  });

  it("renames one label's type while another label keeps a type of that name", () => {
    const current = edited((s) =>
      s.relationTypes.push({ name: 'scopes', fromLabel: 'Claim', toLabel: null }),
    );
    const next = edited((s) => (s.relationTypes[0]!.name = 'limits'), current);
    expect(renamesProblem(current, next, relationRenames(['Hedge', 'scopes', 'limits']))).toBeNull();
  });

  it('accepts two relation types renamed in one change', () => {
    const next = edited((s) => (s.relationTypes[1]!.name = 'within'), limitsFromHedge);
    expect(
      renamesProblem(
        DEFAULT_SCHEMA,
        next,
        relationRenames(['Hedge', 'scopes', 'limits'], ['Figure', 'in', 'within']),
      ),
    ).toBeNull();
  });

  it('refuses one relation type renamed twice', () => {
    const next = edited(
      (s) => s.relationTypes.push({ name: 'bounds', fromLabel: 'Hedge', toLabel: 'Claim' }),
      limitsFromHedge,
    );
    expect(
      renamesProblem(
        DEFAULT_SCHEMA,
        next,
        relationRenames(['Hedge', 'scopes', 'limits'], ['Hedge', 'scopes', 'bounds']),
      ),
    ).toBe('the relation type "scopes" or "bounds" is renamed twice');
  });

  it('accepts an attribute and a relation type of one label renamed alike', () => {
    const current = edited((s) => (s.labels[3]!.attributes[0]!.name = 'scopes'));
    const next = edited((s) => (s.labels[3]!.attributes[0]!.name = 'limits'), limitsFromHedge);
    const renames: SchemaRenames = {
      attributes: [{ label: 'Hedge', from: 'scopes', to: 'limits' }],
      relationTypes: [{ fromLabel: 'Hedge', from: 'scopes', to: 'limits' }],
    };
    expect(renamesProblem(current, next, renames)).toBeNull();
  });
});

describe('stored values under renamed names', () => {
  it('moves only the renamed attribute of that label, keeping its value', () => {
    const renames = attributeRenames(['Claim', 'source', 'origin'], ['Figure', 'value', 'amount']);
    expect(renamedAttributes(renames, 'Claim', { source: 'AP', verified: 'yes', value: 3 })).toEqual({
      origin: 'AP',
      verified: 'yes',
      value: 3,
    });
  });

  it('renames a relation type only where it starts at the renamed label', () => {
    const renames = relationRenames(['Hedge', 'scopes', 'limits']);
    expect(renamedRelationType(renames, 'Hedge', 'scopes')).toBe('limits');
    expect(renamedRelationType(renames, 'Claim', 'scopes')).toBe('scopes');
    expect(renamedRelationType(renames, 'Hedge', 'in')).toBe('in');
  });

  const span: Span = {
    id: 4,
    documentId: 1,
    annotator: 'a',
    label: 'Claim',
    start: 0,
    end: 9,
    fragments: [{ start: 0, end: 9 }],
    attributes: { source: 'AP', verified: 'yes', gone: 'x' },
    note: 'check',
    origin: 'manual',
  };

  it('brings an old span snapshot up through renames in order, dropping attributes the schema lost', () => {
    const later = [
      attributeRenames(['Claim', 'source', 'origin']),
      attributeRenames(['Claim', 'origin', 'by']),
    ];
    const schema = edited((s) => (s.labels[0]!.attributes[0]!.name = 'by'));
    expect(spanUnderSchema(span, later, schema)).toEqual({
      ...span,
      attributes: { by: 'AP', verified: 'yes' },
    });
    expect(span.attributes).toEqual({ source: 'AP', verified: 'yes', gone: 'x' });
  });

  it('keeps no attributes of a span whose label the schema no longer has', () => {
    const schema = edited((s) => (s.labels = s.labels.slice(1)));
    expect(spanUnderSchema(span, [], schema).attributes).toEqual({});
    expect(spanUnderSchema(span, [], DEFAULT_SCHEMA).attributes).toEqual({ source: 'AP', verified: 'yes' });
  });

  it('brings an old relation snapshot up through renames in order', () => {
    const relation: Relation = {
      id: 2,
      documentId: 1,
      type: 'scopes',
      fromSpan: 4,
      toSpan: 5,
      annotator: 'a',
    };
    const later = [
      relationRenames(['Hedge', 'scopes', 'limits']),
      relationRenames(['Hedge', 'limits', 'bounds']),
    ];
    expect(relationUnderRenames(relation, 'Hedge', later)).toEqual({ ...relation, type: 'bounds' });
    expect(relationUnderRenames(relation, 'Claim', later)).toEqual(relation);
  });
});
