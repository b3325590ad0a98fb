/**
 * Auto-accept from the review screen: k of the project's annotators, the labels and relation types
 * it covers (each may have a k of its own), a preview of what the rule would accept that follows the
 * form, and one button that writes it. The form's rule is autoAcceptForm.ts; what it accepts is the
 * service's (docs/adjudication.md, Auto-accept).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AutoAcceptCounts } from '../../../electron/contract/review';
import type { ProjectSchema } from '../../../electron/core/schema';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import {
  acceptText,
  count,
  initialForm,
  keptText,
  ruleKey,
  ruleOf,
  type AutoAcceptRule,
  type RuleChoice,
  type RuleForm,
} from './autoAcceptForm';

/** How long the form must rest before its preview is asked for. */
const PREVIEW_PAUSE_MS = 250;

/** A preview answered for one rule (its ruleKey): the counts, or the API's sentence. */
type Preview =
  { key: string; counts: AutoAcceptCounts; error: null } | { key: string; counts: null; error: string };

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The preview of the latest rule: asked once the form rests, one call at a time; a rule changed while
 * a call runs is asked for when it returns (the rules in between never are).
 */
function usePreview(rule: AutoAcceptRule | null): Preview | null {
  const [preview, setPreview] = useState<Preview | null>(null);
  const wanted = useRef<AutoAcceptRule | null>(null);
  const asking = useRef(false);
  // The rule of the preview shown: a form changed and changed back asks nothing again.
  const answered = useRef<string | null>(null);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const ask = useCallback(async () => {
    const rule = wanted.current;
    if (asking.current || !rule || ruleKey(rule) === answered.current) return;
    asking.current = true;
    const key = ruleKey(rule);
    let answer: Preview;
    try {
      answer = { key, counts: await api.previewAutoAccept(rule), error: null };
    } catch (error) {
      answer = { key, counts: null, error: messageOf(error) };
    }
    asking.current = false;
    if (!live.current) return;
    answered.current = key;
    setPreview(answer);
    if (wanted.current && ruleKey(wanted.current) !== key) void ask();
  }, []);
  const key = rule ? ruleKey(rule) : null;
  const first = preview === null;
  useEffect(() => {
    wanted.current = rule;
    if (!rule) return;
    const timer = setTimeout(() => void ask(), first ? 0 : PREVIEW_PAUSE_MS);
    return () => clearTimeout(timer);
    // The rule is rebuilt on every render; its key says when it changed.
  }, [key, ask]);
  return preview;
}

/** Who has a layer of their own with spans in it (gold apart): the n of "k of n". */
async function annotatorsWithSpans(): Promise<string[]> {
  const progress = await api.getProgress({ offset: 0, limit: 1 });
  return progress.annotators.filter((a) => a.spans > 0).map((a) => a.name);
}

export function AutoAcceptDialog(props: {
  schema: ProjectSchema;
  onClose: () => void;
  /** Written: the counts of what was accepted (the dialog is done). */
  onAccepted: (counts: AutoAcceptCounts) => void;
}) {
  const [annotators, setAnnotators] = useState<string[] | null>(null);
  const [form, setForm] = useState<RuleForm | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string | null>(null);
  const kId = useId();
  const ofId = useId();

  useEffect(() => {
    let live = true;
    annotatorsWithSpans().then(
      (names) => {
        if (!live) return;
        setAnnotators(names);
        setForm(initialForm(props.schema, names.length));
      },
      (error: unknown) => live && setLoadError(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [props.schema]);

  const n = annotators?.length ?? 0;
  const check = form ? ruleOf(form, n) : null;
  const rule = check?.rule ?? null;
  const preview = usePreview(rule);
  const current = rule !== null && preview?.key === ruleKey(rule) ? preview : null;
  const counts = current?.counts ?? null;

  const change = (next: Partial<RuleForm>) => {
    setAcceptError(null);
    setForm((f) => f && { ...f, ...next });
  };
  const changeChoice = (key: string, next: Partial<RuleChoice>) =>
    form && change({ choices: form.choices.map((c) => (c.key === key ? { ...c, ...next } : c)) });
  const chooseAll = (chosen: boolean) =>
    form && change({ choices: form.choices.map((c) => ({ ...c, chosen })) });

  const accept = async () => {
    if (!rule || !counts?.accepted) return;
    setAccepting(true);
    setAcceptError(null);
    try {
      const accepted = await api.autoAccept(rule);
      props.onAccepted(accepted);
    } catch (error) {
      setAcceptError(messageOf(error));
      setAccepting(false);
    }
  };

  const problem = loadError ?? check?.problem ?? current?.error ?? acceptError;
  const labels = form?.choices.filter((c) => c.kind === 'label') ?? [];
  const relationTypes = form?.choices.filter((c) => c.kind === 'relation') ?? [];
  const row = (choice: RuleChoice, accepted: string) => (
    <tr key={`${choice.kind}:${choice.key}`}>
      <th scope="row">
        <label>
          <input
            type="checkbox"
            checked={choice.chosen}
            onChange={(e) => changeChoice(choice.key, { chosen: e.target.checked })}
          />{' '}
          {choice.name}
        </label>
      </th>
      <td>
        <input
          type="number"
          className="mg-autoaccept-k"
          min={1}
          max={Math.max(1, n)}
          value={choice.ownK}
          placeholder={form?.k}
          disabled={!choice.chosen}
          aria-label={`k for ${choice.name}`}
          onChange={(e) => changeChoice(choice.key, { ownK: e.target.value })}
        />
      </td>
      <td className="mg-autoaccept-count">{accepted}</td>
    </tr>
  );
  // "…" while the rule's preview is on its way; nothing while the form builds no rule.
  const pending = rule && !current ? '…' : '';
  const spansOf = (choice: RuleChoice) =>
    !choice.chosen ? '–' : counts ? count(counts.labels[choice.key] ?? 0) : pending;

  return (
    <Modal title="Auto-accept" onClose={accepting ? noop : props.onClose}>
      <p className="mg-autoaccept-about">
        Puts in gold every place where at least k annotators drew the same version exactly (label, characters,
        attribute values) and no other version has as many; its decisions are marked auto. A place a reviewer
        decided is never changed, so it can be run again after more work arrives.
      </p>
      {form && (
        <fieldset className="mg-autoaccept" disabled={accepting}>
          <div className="mg-autoaccept-rule">
            <label htmlFor={kId}>k</label>{' '}
            <input
              id={kId}
              type="number"
              className="mg-autoaccept-k"
              min={1}
              max={Math.max(1, n)}
              value={form.k}
              autoFocus
              aria-describedby={ofId}
              onChange={(e) => change({ k: e.target.value })}
            />{' '}
            <span id={ofId} title={annotators?.join(', ')}>
              of {n} annotator{n === 1 ? '' : 's'} must agree exactly
            </span>
          </div>
          <div className="mg-row">
            <span className="mg-muted">Labels and relation types (a k of its own, or empty for k):</span>
            <span className="mg-spacer" />
            <button type="button" className="mg-link" onClick={() => chooseAll(true)}>
              All
            </button>
            <button type="button" className="mg-link" onClick={() => chooseAll(false)}>
              None
            </button>
          </div>
          <table className="mg-autoaccept-table" aria-label="What the rule would accept" aria-busy={!current}>
            <thead>
              <tr>
                <th scope="col">Label</th>
                <th scope="col">Own k</th>
                <th scope="col">Would accept</th>
              </tr>
            </thead>
            <tbody>{labels.map((c) => row(c, spansOf(c)))}</tbody>
            {relationTypes.length > 0 && (
              <tbody>
                <tr>
                  <th scope="rowgroup" colSpan={3} className="mg-autoaccept-group">
                    Relation types
                  </th>
                </tr>
                {relationTypes.map((c) => row(c, ''))}
                <tr>
                  <th scope="row">Relations</th>
                  <td />
                  <td className="mg-autoaccept-count">{counts ? count(counts.relations) : pending}</td>
                </tr>
              </tbody>
            )}
          </table>
        </fieldset>
      )}
      <p className="mg-autoaccept-summary" role="status">
        {!form
          ? loadError
            ? ''
            : 'Counting the annotators…'
          : counts
            ? `Would accept ${count(counts.accepted - counts.relations)} span${counts.accepted - counts.relations === 1 ? '' : 's'} and ${count(counts.relations)} relation${counts.relations === 1 ? '' : 's'}. ${keptText(counts)} Nothing is written until you accept.`
            : rule && !current?.error
              ? 'Counting what the rule would accept…'
              : ''}
      </p>
      {problem && (
        <p className="mg-autoaccept-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="mg-row">
        <span className="mg-spacer" />
        <button type="button" onClick={props.onClose} disabled={accepting}>
          Cancel
        </button>
        <button
          type="button"
          className="mg-primary"
          disabled={accepting || !counts?.accepted}
          aria-busy={accepting}
          onClick={() => void accept()}
        >
          {accepting ? 'Accepting…' : counts ? acceptText(counts) : 'Accept into gold'}
        </button>
      </div>
    </Modal>
  );
}

const noop = () => undefined;
