/**
 * The review queue, keyboard first: the open conflicts of the project (filtered by kind), one at a
 * time with who said what. ↓/J and ↑/K move; 1–9 accept that version into gold; X rejects; R goes
 * to the one-line reason, Enter back to the queue. docs/adjudication.md.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ConflictPage, ConflictVersionView } from '../../../electron/contract/review';
import type { ConflictKind } from '../../../electron/core/conflicts';
import { CONFLICT_KINDS } from '../../../electron/core/conflicts';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { ReviewProgress } from './ReviewProgress';

const versionText = (v: ConflictVersionView) =>
  v.type ??
  `${v.label} ${(v.fragments ?? []).map((f) => `${f.start}–${f.end}`).join(', ')}${
    v.attributes && Object.keys(v.attributes).length ? ` ${JSON.stringify(v.attributes)}` : ''
  }`;

export function ReviewView(props: { notices: Notices }) {
  const { run } = props.notices;
  const [kind, setKind] = useState<ConflictKind | ''>('');
  const [page, setPage] = useState<ConflictPage | null>(null);
  const [at, setAt] = useState(0);
  const [reason, setReason] = useState('');
  const queue = useRef<HTMLDivElement>(null);
  const reasonField = useRef<HTMLInputElement>(null);

  const load = useCallback(
    async (next: ConflictKind | '') => {
      const result = await run(() => api.listConflicts({ ...(next ? { kinds: [next] } : {}), limit: 200 }));
      if (result) setPage(result);
    },
    [run],
  );
  useEffect(() => void load(kind), [load, kind]);

  const conflicts = page?.conflicts ?? [];
  const current = conflicts[Math.min(at, conflicts.length - 1)];

  const decide = async (outcome: 'accept' | 'reject', version?: number) => {
    if (!current) return;
    const done = await run(() =>
      api.decideConflict({
        documentId: current.documentId,
        key: current.key,
        outcome,
        ...(version === undefined ? {} : { version }),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      }),
    );
    if (!done) return;
    setReason('');
    await load(kind);
    queue.current?.focus();
  };

  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key;
    if (key === 'ArrowDown' || key === 'j') setAt((i) => Math.min(i + 1, conflicts.length - 1));
    else if (key === 'ArrowUp' || key === 'k') setAt((i) => Math.max(i - 1, 0));
    else if (/^[1-9]$/.test(key) && current && Number(key) <= current.versions.length)
      void decide('accept', Number(key) - 1);
    else if (key === 'x') void decide('reject');
    else if (key === 'r') reasonField.current?.focus();
    else return;
    event.preventDefault();
  };

  return (
    <section className="mg-review" aria-label="Review">
      <header className="mg-review-head">
        <label>
          Kind{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ConflictKind | '')}>
            <option value="">every kind</option>
            {CONFLICT_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span role="status">
          {page ? `${page.open} open conflict${page.open === 1 ? '' : 's'}` : 'Reading the conflicts…'}
        </span>
      </header>
      <div
        ref={queue}
        className="mg-review-queue"
        tabIndex={0}
        role="group"
        aria-label="Conflict queue"
        onKeyDown={onKey}
      >
        {current ? (
          <article aria-label="Current conflict">
            <p>
              {at + 1} of {conflicts.length}: <strong>{current.kind}</strong> in {current.title} —{' '}
              {current.summary}
            </p>
            <ol aria-label="Versions">
              {current.versions.map((v, i) => (
                <li key={i}>
                  <kbd>{i + 1}</kbd> {versionText(v)} ({v.annotators.join(', ')})
                </li>
              ))}
            </ol>
            <p className="mg-review-keys">
              1–{current.versions.length} accept · X reject · R reason · ↓/J next · ↑/K previous
            </p>
          </article>
        ) : (
          <p>No open conflicts{kind ? ` of kind ${kind}` : ''}.</p>
        )}
      </div>
      <label>
        Reason{' '}
        <input
          ref={reasonField}
          value={reason}
          maxLength={1000}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Escape') {
              e.preventDefault();
              queue.current?.focus();
            }
          }}
        />
      </label>
      <ReviewProgress notices={props.notices} open={page?.open} />
    </section>
  );
}
