/** The annotation schema of a project: span labels, their attributes, and relation types. */

export type AttributeType = 'enum' | 'string' | 'number' | 'bool';

export interface AttributeDef {
  name: string;
  type: AttributeType;
  /** Allowed values for `enum` attributes; empty otherwise. */
  options: string[];
}

export interface LabelDef {
  key: string;
  name: string;
  /** CSS colour, `#rrggbb`. */
  color: string;
  /** A single key that applies the label to the selection. */
  hotkey: string;
  kind: 'span' | 'document';
  attributes: AttributeDef[];
}

export interface RelationTypeDef {
  name: string;
  fromLabel: string;
  /** `null` means any label. */
  toLabel: string | null;
}

export interface ProjectSchema {
  labels: LabelDef[];
  relationTypes: RelationTypeDef[];
}

const attr = (name: string, type: AttributeType, options: string[] = []): AttributeDef => ({
  name,
  type,
  options,
});

/** The default schema (docs/architecture.md, Defaults and budgets): Claim, Figure, Location, Hedge on hotkeys 1–4. */
export const DEFAULT_SCHEMA: ProjectSchema = {
  labels: [
    {
      key: 'Claim',
      name: 'Claim',
      color: '#d9480f',
      hotkey: '1',
      kind: 'span',
      attributes: [attr('source', 'string'), attr('verified', 'enum', ['yes', 'no', 'unclear'])],
    },
    {
      key: 'Figure',
      name: 'Figure',
      color: '#1971c2',
      hotkey: '2',
      kind: 'span',
      attributes: [
        attr('value', 'number'),
        attr('approximate', 'bool'),
        attr('category', 'enum', ['casualties', 'captives', 'property', 'vehicles', 'money', 'other']),
      ],
    },
    {
      key: 'Location',
      name: 'Location',
      color: '#2f9e44',
      hotkey: '3',
      kind: 'span',
      attributes: [attr('normalized', 'string'), attr('kind', 'string')],
    },
    {
      key: 'Hedge',
      name: 'Hedge',
      color: '#9c36b5',
      hotkey: '4',
      kind: 'span',
      attributes: [attr('cue', 'enum', ['reporting verb', 'modal', 'adverb', 'attribution'])],
    },
  ],
  relationTypes: [
    { name: 'scopes', fromLabel: 'Hedge', toLabel: 'Claim' },
    { name: 'in', fromLabel: 'Figure', toLabel: 'Claim' },
    { name: 'attributed_to', fromLabel: 'Claim', toLabel: null },
  ],
};
