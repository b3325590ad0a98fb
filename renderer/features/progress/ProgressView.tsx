/**
 * The Progress screen (issue 12): what a lead reads at a glance — each annotator's documents by
 * status, their active time, their spans per label — each chart with its table beside it, then the
 * documents a page at a time. Under blind annotation an annotator sees only their own row.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ProgressReport } from '../../../electron/contract/progress';
import type { ProjectSchema } from '../../../electron/contract/types';
import { STATUS_WORDS } from '../../../electron/core/documentStatus';
import { durationText } from '../../../electron/core/progress';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';
import { BarChart, type Series } from './BarChart';

const PAGE = 50;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
/** Counts as the charts' axes print them (100,000, not 100000). */
const count = (n: number) => n.toLocaleString();

/** A chart's figures as a table: one row per annotator, their name as the row's header. */
function FigureTable(props: {
  label: string;
  columns: string[];
  rows: { key: string; name: string; cells: (string | number)[] }[];
}) {
  return (
    <table className="mg-dashboard-table" aria-label={props.label}>
      <thead>
        <tr>
          <th scope="col">annotator</th>
          {props.columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.name}</th>
            {r.cells.map((cell, i) => (
              <td key={props.columns[i]}>{typeof cell === 'number' ? count(cell) : cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

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
        {count(d.total)} documents: {count(d.done)} done, {count(d.inProgress)} in progress, {count(d.todo)}{' '}
        todo
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
            <FigureTable
              label="Documents by status per annotator"
              columns={['done', 'in progress', 'todo', 'spans']}
              rows={people.map((a) => ({
                key: a.id,
                name: a.name,
                cells: [a.done, a.inProgress, a.todo, a.spans],
              }))}
            />
          </BarChart>
          <BarChart title="Active time" categories={activeNames} series={timeSeries} unit="minutes">
            <FigureTable
              label="Active time per annotator"
              columns={['active', 'last activity']}
              rows={active.map((a) => ({
                key: a.id,
                name: a.name,
                cells: [durationText(a.activeSeconds), when(a.lastActivity)],
              }))}
            />
          </BarChart>
          <BarChart title="Spans per label" categories={names} series={labelSeries} unit="spans" stacked>
            <FigureTable
              label="Spans per label per annotator"
              columns={labels.map((l) => l.name)}
              rows={people.map((a) => ({
                key: a.id,
                name: a.name,
                cells: labels.map((l) => a.labels.find((x) => x.label === l.name)?.spans ?? 0),
              }))}
            />
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
              <td>{STATUS_WORDS[r.status]}</td>
              <td>
                {r.annotators.map((a) => `${a.name}: ${STATUS_WORDS[a.status]}, ${a.spans}`).join('; ') ||
                  '—'}
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
