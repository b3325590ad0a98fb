/**
 * The Progress screen (issue 12): what a lead reads at a glance — each annotator's documents by
 * status, their active time, their spans per label — each chart with its table beside it, then the
 * documents a page at a time. Under blind annotation an annotator sees only their own row.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ProgressReport } from '../../../electron/contract/progress';
import type { ProjectSchema } from '../../../electron/contract/types';
import { durationText } from '../../../electron/core/progress';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { BarChart, type Series } from './BarChart';

const PAGE = 50;
const STATUS_TEXT = { todo: 'todo', in_progress: 'in progress', done: 'done' } as const;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function ProgressView(props: { notices: Notices; schema: ProjectSchema }) {
  const { run } = props.notices;
  const [report, setReport] = useState<ProgressReport | null>(null);
  const [offset, setOffset] = useState(0);

  const load = useCallback(
    async (at: number) => {
      const next = await run(() => api.getProgress({ offset: at, limit: PAGE }));
      if (next) setReport(next);
    },
    [run],
  );
  useEffect(() => void load(offset), [load, offset]);

  // Status and labels: people with documents or spans (an owner who only assigns would be an
  // empty bar); active time: anyone who did something.
  const people = useMemo(
    () => (report?.annotators ?? []).filter((a) => a.documents > 0 || a.spans > 0),
    [report],
  );
  const names = useMemo(() => people.map((a) => a.name), [people]);
  const active = useMemo(() => (report?.annotators ?? []).filter((a) => a.activeSeconds > 0), [report]);
  const activeNames = useMemo(() => active.map((a) => a.name), [active]);
  const statusSeries = useMemo<Series[]>(
    () => [
      { label: 'done', values: people.map((a) => a.done), colour: 'var(--ok)' },
      { label: 'in progress', values: people.map((a) => a.inProgress), colour: 'var(--warn)' },
      { label: 'todo', values: people.map((a) => a.todo), colour: 'var(--muted)' },
    ],
    [people],
  );
  const timeSeries = useMemo<Series[]>(
    () => [
      {
        label: 'active time',
        values: active.map((a) => Math.round(a.activeSeconds / 6) / 10),
        colour: 'var(--accent)',
      },
    ],
    [active],
  );
  const labels = useMemo(
    () => props.schema.labels.filter((l) => people.some((a) => a.labels.some((x) => x.label === l.name))),
    [props.schema, people],
  );
  const labelSeries = useMemo<Series[]>(
    () =>
      labels.map((l) => ({
        label: l.name,
        values: people.map((a) => a.labels.find((x) => x.label === l.name)?.spans ?? 0),
        colour: l.color,
      })),
    [labels, people],
  );

  if (!report) return <section className="mg-dashboard" aria-label="Progress" aria-busy="true" />;
  const d = report.documents;
  const page = report.documentPage;
  return (
    <section className="mg-dashboard" aria-label="Progress">
      <h2>Progress</h2>
      <p>
        {d.total} documents: {d.done} done, {d.inProgress} in progress, {d.todo} todo
        {report.ownOnly && ' — yours only: this project shows annotators only their own work'}.
      </p>
      {people.length === 0 && active.length === 0 ? (
        <p className="mg-empty">Nobody has documents or work here yet.</p>
      ) : (
        <>
          <BarChart
            title="Documents by status"
            categories={names}
            series={statusSeries}
            unit="documents"
            stacked
          >
            <table className="mg-dashboard-table" aria-label="Documents by status per annotator">
              <thead>
                <tr>
                  <th scope="col">annotator</th>
                  <th scope="col">done</th>
                  <th scope="col">in progress</th>
                  <th scope="col">todo</th>
                  <th scope="col">spans</th>
                </tr>
              </thead>
              <tbody>
                {people.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{a.done}</td>
                    <td>{a.inProgress}</td>
                    <td>{a.todo}</td>
                    <td>{a.spans}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </BarChart>
          <BarChart title="Active time" categories={activeNames} series={timeSeries} unit="minutes">
            <table className="mg-dashboard-table" aria-label="Active time per annotator">
              <thead>
                <tr>
                  <th scope="col">annotator</th>
                  <th scope="col">active</th>
                  <th scope="col">last activity</th>
                </tr>
              </thead>
              <tbody>
                {active.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    <td>{durationText(a.activeSeconds)}</td>
                    <td>{when(a.lastActivity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </BarChart>
          <BarChart title="Spans per label" categories={names} series={labelSeries} unit="spans" stacked>
            <table className="mg-dashboard-table" aria-label="Spans per label per annotator">
              <thead>
                <tr>
                  <th scope="col">annotator</th>
                  {labels.map((l) => (
                    <th key={l.key} scope="col">
                      {l.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {people.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.name}</th>
                    {labels.map((l) => (
                      <td key={l.key}>{a.labels.find((x) => x.label === l.name)?.spans ?? 0}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </BarChart>
        </>
      )}
      <h3>Documents</h3>
      <table className="mg-dashboard-table mg-dashboard-documents" aria-label="Documents">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">title</th>
            <th scope="col">status</th>
            <th scope="col">annotators</th>
            <th scope="col">spans</th>
            <th scope="col">gold</th>
            <th scope="col">active</th>
            <th scope="col">last activity</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <th scope="row">{r.title}</th>
              <td>{STATUS_TEXT[r.status]}</td>
              <td>
                {r.annotators.map((a) => `${a.name}: ${STATUS_TEXT[a.status]}, ${a.spans}`).join('; ') || '—'}
              </td>
              <td>{r.spans}</td>
              <td>{r.gold}</td>
              <td>{durationText(r.activeSeconds)}</td>
              <td>{when(r.lastActivity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.total > PAGE && (
        <nav className="mg-dashboard-pages" aria-label="Pages of documents">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span>
            {offset + 1}–{offset + page.rows.length} of {page.total}
          </span>
          <button
            type="button"
            disabled={offset + PAGE >= page.total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Next
          </button>
        </nav>
      )}
    </section>
  );
}
