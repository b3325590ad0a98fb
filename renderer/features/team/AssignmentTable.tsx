/**
 * Who annotates which document: a table of documents × annotators, a page at a time (a project can
 * hold 100,000 documents), each cell a checkbox that assigns or takes off one document (manual
 * override), and Assign… for N annotators per document by round-robin or a seeded random draw
 * (core/assignment.ts). Only owners change it; the services refuse anyone else.
 */
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { AssignmentPage } from '../../../electron/contract/types';
import { api } from '../../api/client';
import { Modal } from '../../ui/Modal';
import type { Notices } from '../../ui/notices';

/** Rows per page: one screen of the table, read in one call. */
export const PAGE_SIZE = 100;

export function AssignmentTable(props: {
  notices: Notices;
  canChange: boolean;
  onChanged: () => void;
  onClose: () => void;
}) {
  const { run } = props.notices;
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AssignmentPage | null>(null);
  const [planning, setPlanning] = useState(false);

  const load = useCallback(
    (at: number) =>
      run(() => api.listAssignments({ offset: at, limit: PAGE_SIZE })).then((next) => next && setPage(next)),
    [run],
  );
  useEffect(() => void load(offset), [load, offset]);

  const toggle = async (documentId: number, annotator: string, assigned: boolean) => {
    const row = await run(() => api.setAssignment({ documentId, annotator, assigned }));
    if (!row || !page) return;
    setPage({ ...page, rows: page.rows.map((r) => (r.id === row.id ? row : r)) });
    props.onChanged();
  };

  if (planning && page)
    return (
      <AssignForm
        notices={props.notices}
        people={page.annotators.map((a) => a.name)}
        onDone={(changed) => {
          setPlanning(false);
          if (changed) {
            props.onChanged();
            void load(offset);
          }
        }}
      />
    );
  const total = page?.total ?? 0;
  const last = Math.min(offset + PAGE_SIZE, total);
  return (
    <Modal title="Assignments" onClose={props.onClose}>
      <div className="mg-row">
        <button type="button" disabled={!props.canChange || !page} onClick={() => setPlanning(true)}>
          Assign…
        </button>
        <span className="mg-spacer" />
        <button
          type="button"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
        >
          Previous
        </button>
        <span aria-live="polite">{total ? `${offset + 1}–${last} of ${total}` : 'no documents'}</span>
        <button type="button" disabled={last >= total} onClick={() => setOffset(offset + PAGE_SIZE)}>
          Next
        </button>
      </div>
      {!props.canChange && <p className="mg-hint">Only an owner of the project changes assignments.</p>}
      <div className="mg-assignments">
        <table className="mg-annotators" aria-label="Assignments">
          <thead>
            <tr>
              <th scope="col">Document</th>
              {page?.annotators.map((a) => (
                <th key={a.id} scope="col">
                  {a.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page?.rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.title}</th>
                {page.annotators.map((a) => {
                  const assigned = row.assigned.includes(a.id);
                  return (
                    <td key={a.id}>
                      <input
                        type="checkbox"
                        aria-label={`${row.title}: ${a.name}`}
                        checked={assigned}
                        disabled={!props.canChange}
                        onChange={() => void toggle(row.id, a.id, !assigned)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DoneRow onDone={props.onClose} />
    </Modal>
  );
}

/** A dialog's last row: its other actions on the left, Done on the right. */
export function DoneRow(props: { onDone: () => void; children?: ReactNode }) {
  return (
    <div className="mg-row">
      {props.children}
      <span className="mg-spacer" />
      <button type="button" className="mg-primary" onClick={props.onDone}>
        Done
      </button>
    </div>
  );
}

/** Assign…: which annotators, how many per document, and how (all documents; the table overrides after). */
function AssignForm(props: { notices: Notices; people: string[]; onDone: (changed: boolean) => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [extra, setExtra] = useState('');
  const [perDocument, setPerDocument] = useState(1);
  const [random, setRandom] = useState(false);
  const [seed, setSeed] = useState(1);
  const annotators = [
    ...chosen,
    ...extra
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !chosen.includes(n)),
  ];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const report = await props.notices.run(() =>
      api.assignDocuments({
        annotators,
        perDocument,
        strategy: random ? 'random' : 'round-robin',
        ...(random ? { seed } : {}),
      }),
    );
    if (!report) return;
    props.notices.show(
      'info',
      `Assigned ${report.documents} documents, ${report.perDocument} annotators each: ` +
        report.counts.map((c) => `${c.name} ${c.assigned}`).join(', '),
    );
    props.onDone(true);
  };
  return (
    <Modal title="Assign documents" onClose={() => props.onDone(false)}>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Annotators</legend>
          {props.people.map((name) => (
            <label key={name} className="mg-row">
              <input
                type="checkbox"
                checked={chosen.includes(name)}
                onChange={(e) =>
                  setChosen(e.target.checked ? [...chosen, name] : chosen.filter((n) => n !== name))
                }
              />
              {name}
            </label>
          ))}
          <label className="mg-row">
            New (comma separated){' '}
            <input value={extra} onChange={(e) => setExtra(e.target.value)} aria-label="New annotators" />
          </label>
        </fieldset>
        <label className="mg-row">
          Annotators per document{' '}
          <input
            type="number"
            min={1}
            max={Math.max(1, annotators.length)}
            value={perDocument}
            onChange={(e) => setPerDocument(Number(e.target.value))}
          />
        </label>
        <label className="mg-row">
          <input type="checkbox" checked={random} onChange={(e) => setRandom(e.target.checked)} />
          Seeded random draw instead of round-robin
        </label>
        {random && (
          <label className="mg-row">
            Seed{' '}
            <input type="number" min={0} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
          </label>
        )}
        <p className="mg-hint">
          Every document gets {perDocument} of the {annotators.length} chosen; each annotator’s count differs
          by at most one. The documents’ earlier assignments are replaced; spans stay.
        </p>
        <div className="mg-row">
          <span className="mg-spacer" />
          <button type="button" onClick={() => props.onDone(false)}>
            Cancel
          </button>
          <button
            type="submit"
            className="mg-primary"
            disabled={annotators.length === 0 || perDocument < 1 || perDocument > annotators.length}
          >
            Assign
          </button>
        </div>
      </form>
    </Modal>
  );
}
