/**
 * `marginalia progress PROJECT [--json] [--offset N] [--limit N]`: the dashboard's figures
 * (core/progress.ts, docs/teams.md): per annotator status, spans, active time, last activity and
 * labels; the project's documents by status; a page of documents. A table, or one JSON object.
 */
import type { ProgressReport } from '../contract/progress';
import { STATUS_WORDS } from '../core/documentStatus';
import { UserError } from '../core/errors';
import { durationText } from '../core/progress';
import type { Open, Values } from './agreement';
import { wholeNumber } from './wholeNumber';

export const PROGRESS_USAGE = `  progress PROJECT           per annotator: documents todo / in progress / done, spans, active time
                             (from the event log: docs/teams.md), last activity, spans per label;
                             then the documents, each with its annotators' status and spans
      --json                 as one JSON object (fields in docs/teams.md)
      --offset N --limit N   which documents to list (default: the first 50)`;

export const PROGRESS_OPTIONS = {
  offset: { type: 'string' },
  limit: { type: 'string' },
} as const;

const whole = (value: Values[string], flag: string, fallback: number): number =>
  value === undefined ? fallback : wholeNumber(flag, String(value), { untouched: 'nothing was read' });

/** Columns padded to their widest cell: the first `left` (words) left-aligned, the rest right. */
function table(header: string[], rows: string[][], left: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < left ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

const day = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '—');

export function progressText(report: ProgressReport): string {
  const d = report.documents;
  const out = [
    `documents   ${d.total}: ${d.done} done, ${d.inProgress} in progress, ${d.todo} todo` +
      (report.ownOnly ? ' (yours only: this project shows annotators only their own work)' : ''),
    '',
    ...table(
      ['annotator', 'role', 'documents', 'todo', 'in progress', 'done', 'spans', 'active', 'last activity'],
      report.annotators.map((a) => [
        a.name,
        a.role,
        String(a.documents),
        String(a.todo),
        String(a.inProgress),
        String(a.done),
        String(a.spans),
        durationText(a.activeSeconds),
        day(a.lastActivity),
      ]),
      2,
    ),
    '',
    'spans per label',
    ...report.annotators
      .filter((a) => a.labels.length)
      .map((a) => `  ${a.name}: ${a.labels.map((l) => `${l.label} ${l.spans}`).join(', ')}`),
  ];
  const page = report.documentPage;
  if (page.rows.length) {
    const last = page.offset + page.rows.length;
    out.push(
      '',
      `documents ${page.offset + 1}–${last} of ${page.total}`,
      ...table(
        ['#', 'title', 'status', 'annotators', 'spans', 'gold', 'active', 'last activity'],
        page.rows.map((r) => [
          String(r.id),
          r.title.length > 40 ? `${r.title.slice(0, 39)}…` : r.title,
          STATUS_WORDS[r.status],
          r.annotators.map((a) => `${a.name} ${STATUS_WORDS[a.status]} (${a.spans})`).join(', ') || '—',
          String(r.spans),
          String(r.gold),
          durationText(r.activeSeconds),
          day(r.lastActivity),
        ]),
        4,
      ),
    );
    if (last < page.total) out.push(`(${page.total - last} more: --offset ${last})`);
  }
  return out.join('\n');
}

/** The command, opening the project read only through `open` (the CLI's withProject). */
export function progressCommand(open: Open) {
  return async ([project, ...extra]: string[], values: Values): Promise<number> => {
    if (extra.length) throw new UserError(`progress takes one project, not ${extra.length + 1}`);
    const offset = whole(values.offset, '--offset', 0);
    const limit = whole(values.limit, '--limit', 50);
    return open('progress', 'read', project, async (headless) => {
      const report = await headless.call('getProgress', { offset, limit });
      console.log(values.json ? JSON.stringify(report, null, 2) : progressText(report));
      return 0;
    });
  };
}
