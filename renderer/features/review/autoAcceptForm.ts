/**
 * The auto-accept dialog's form as a value: k of n, the labels and relation types chosen, a k of
 * their own, and the rule (the `autoAccept` API's arguments) it builds, or the sentence saying why
 * it builds none. What the rule accepts is the service's to say (electron/services/autoAccept.ts);
 * this only builds and checks the arguments and words the counts. docs/adjudication.md, Auto-accept.
 */
import type { ApiArgs } from '../../../electron/contract/api';
import type { AutoAcceptCounts } from '../../../electron/contract/review';
import type { ProjectSchema } from '../../../electron/core/schema';

export type AutoAcceptRule = ApiArgs<'autoAccept'>;

/** A span label or relation type the rule may cover. */
export interface RuleChoice {
  /** What the rule names: a label's key, a relation type's name. */
  key: string;
  name: string;
  kind: 'label' | 'relation';
  chosen: boolean;
  /** Its own k as typed; empty: the common k. */
  ownK: string;
}

export interface RuleForm {
  /** k as typed. */
  k: string;
  choices: RuleChoice[];
}

/** A majority of n annotators (2 of 3, 3 of 4), the k a form starts with; 1 when there are none. */
export const majority = (annotators: number): number => (annotators < 1 ? 1 : Math.floor(annotators / 2) + 1);

/** The form as the dialog opens: a majority, every span label and relation type chosen. */
export function initialForm(schema: ProjectSchema, annotators: number): RuleForm {
  return {
    k: String(majority(annotators)),
    choices: [
      ...schema.labels
        .filter((l) => l.kind === 'span')
        .map((l) => ({ key: l.key, name: l.name, kind: 'label' as const, chosen: true, ownK: '' })),
      ...schema.relationTypes.map((t) => ({
        key: t.name,
        name: t.name,
        kind: 'relation' as const,
        chosen: true,
        ownK: '',
      })),
    ],
  };
}

/** The rule a form builds, or why it builds none (a sentence for the dialog). */
export type RuleCheck = { rule: AutoAcceptRule; problem: null } | { rule: null; problem: string };

/** `text` as a k of `annotators`, or null: digits only, from 1 to the number of annotators. */
function kOf(text: string, annotators: number): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const k = Number(trimmed);
  return k >= 1 && k <= annotators ? k : null;
}

/**
 * The rule of a form: `labels` only when some are left out (so a label added to the schema later is
 * covered by a rule run again), `perLabel` only for a chosen label whose own k differs from k.
 */
export function ruleOf(form: RuleForm, annotators: number): RuleCheck {
  if (annotators < 1) return { rule: null, problem: 'No annotator has drawn a span yet: nothing to accept.' };
  const range =
    annotators === 1 ? 'be 1 (there is one annotator)' : `be a whole number from 1 to ${annotators}`;
  const k = kOf(form.k, annotators);
  if (k === null) return { rule: null, problem: `k must ${range}.` };
  const chosen = form.choices.filter((c) => c.chosen);
  if (!chosen.length) return { rule: null, problem: 'Choose at least one label or relation type.' };
  const perLabel: Record<string, number> = {};
  for (const choice of chosen) {
    if (!choice.ownK.trim()) continue;
    const own = kOf(choice.ownK, annotators);
    if (own === null)
      return { rule: null, problem: `The k of ${choice.name} must ${range}, or be left empty.` };
    if (own !== k) perLabel[choice.key] = own;
  }
  const rule: AutoAcceptRule = {
    k,
    ...(chosen.length < form.choices.length ? { labels: chosen.map((c) => c.key) } : {}),
    ...(Object.keys(perLabel).length ? { perLabel } : {}),
  };
  return { rule, problem: null };
}

/** The same rule gives the same key: a preview is current when its key is the form's. */
export const ruleKey = (rule: AutoAcceptRule): string => JSON.stringify(rule);

/** A count as the app writes counts (with thousands separators). */
export const count = (n: number): string => n.toLocaleString();

const counted = (n: number, noun: string) => `${count(n)} ${noun}${n === 1 ? '' : 's'}`;

/** The accept button's words. */
export const acceptText = (counts: AutoAcceptCounts): string =>
  counts.accepted ? `Accept ${counted(counts.accepted, 'place')} into gold` : 'Nothing to accept';

/** The preview's line on the places a reviewer decided. */
export const keptText = (counts: AutoAcceptCounts, done = false): string =>
  `${counted(counts.keptManual, 'place')} decided by a reviewer ${
    done ? (counts.keptManual === 1 ? 'was' : 'were') : counts.keptManual === 1 ? 'is' : 'are'
  } left as decided.`;

/** What an accept did, for the notice: spans per label (by name), relations, places left alone. */
export function acceptedText(counts: AutoAcceptCounts, labelName: (key: string) => string): string {
  const spans = counts.accepted - counts.relations;
  const perLabel = Object.entries(counts.labels)
    .filter(([, n]) => n > 0)
    .map(([label, n]) => `${labelName(label)} ${count(n)}`);
  return (
    `Auto-accepted ${counted(spans, 'span')}${perLabel.length ? ` (${perLabel.join(', ')})` : ''} and ` +
    `${counted(counts.relations, 'relation')} into gold. ${counts.keptManual ? `${keptText(counts, true)} ` : ''}` +
    'Ctrl+Z in a document’s gold layer takes that document’s part back.'
  );
}
