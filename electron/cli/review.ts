/**
 * `marginalia review PROJECT [--auto-accept K [--labels L1,L2=K2] [--preview]]`: the open conflicts
 * per kind, or auto-accept (docs/adjudication.md). `marginalia decisions PROJECT --out FILE.jsonl|.csv`:
 * every decision with its conflict's versions and annotators, written atomically.
 */
import { extname } from 'node:path';
import type { AutoAcceptCounts, DecisionRecord, ReviewProgress } from '../contract/review';
import { CONFLICT_KINDS } from '../core/conflicts';
import { UserError } from '../core/errors';
import { csvRow, spreadsheetText } from '../core/formats/csv';
import { writeFileAtomically } from '../services/atomicOutput';
import { list, type Open, type Values } from './agreement';
import { wholeNumber } from './wholeNumber';

export const REVIEW_USAGE = `  review PROJECT             the open conflicts of the project, per kind (docs/adjudication.md)
      --progress [--json]    conflicts left per document and in the project, and each annotator's
                             exact / partial F1 against gold per label
      --auto-accept K        put in gold every span (and relation) at least K annotators drew exactly,
                             unless another version has as many; never touches a place a reviewer
                             decided; re-runnable; decisions marked auto (reviewers and owners only)
      --labels L1,L2=K2      only these labels; L2=K2 gives L2 a K of its own
      --preview              say what --auto-accept would accept, per label, and write nothing
  decisions PROJECT --out FILE [--format jsonl|csv]
                             every decision as JSONL (.jsonl) or CSV (.csv), or as --format says:
                             document, conflict kind, versions with their annotators, outcome,
                             reviewer, time, reason`;

export const REVIEW_OPTIONS = {
  'auto-accept': { type: 'string' },
  preview: { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

const whole = (text: string, flag: string): number =>
  wholeNumber(flag, text, { min: 1, of: 'of annotators', untouched: 'nothing was accepted' });

/** `--labels Claim,Figure=3`: the labels, and the ones with a K of their own. */
function labelRule(values: Values): { labels?: string[]; perLabel?: Record<string, number> } {
  const items = list(values.labels);
  if (!items.length) return {};
  const perLabel: Record<string, number> = {};
  const labels = items.map((item) => {
    const [label, k] = item.split('=');
    if (k !== undefined) perLabel[label!.trim()] = whole(k.trim(), `--labels ${label}=`);
    return label!.trim();
  });
  return { labels, ...(Object.keys(perLabel).length ? { perLabel } : {}) };
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

export function countsText(counts: AutoAcceptCounts, preview: boolean): string {
  const labels = Object.entries(counts.labels).map(([l, n]) => `${l} ${n}`);
  const spans = counts.accepted - counts.relations;
  return [
    `${preview ? 'would accept' : 'accepted'} ${plural(spans, 'span')}${labels.length ? ` (${labels.join(', ')})` : ''}` +
      ` and ${plural(counts.relations, 'relation')} into gold`,
    `${plural(counts.keptManual, 'place')} decided by a reviewer ${preview ? 'would be' : 'were'} left as decided`,
  ].join('\n');
}

const f1 = (figure: number | null) => (figure === null ? '–' : figure.toFixed(2));

/** `review --progress` as text: the project's line, a line per document with conflicts, F1 against gold. */
export function progressText({ project, documents, annotators }: ReviewProgress): string {
  const lines = [
    `${plural(project.open, 'open conflict')} of ${project.conflicts}, in ${project.documentsLeft} of ${plural(project.documents, 'document')}`,
    ...documents.map((d) => `  ${d.open} of ${d.conflicts} open  ${d.title} (document ${d.documentId})`),
  ];
  if (!annotators.length) lines.push('agreement with gold: the gold layer has no span yet');
  else {
    lines.push('agreement with gold (exact F1 / partial F1; gold spans, spans drawn):');
    for (const a of annotators)
      lines.push(
        `  ${a.annotator}: ${f1(a.exactF1)} / ${f1(a.partialF1)}; ` +
          a.labels
            .map((l) => `${l.label} ${f1(l.exactF1)} / ${f1(l.partialF1)} (${l.gold}, ${l.spans})`)
            .join('; '),
      );
  }
  return lines.join('\n');
}

export function reviewCommand(open: Open) {
  return async ([project, ...extra]: string[], values: Values): Promise<number> => {
    if (extra.length) throw new UserError(`review takes one project, not ${extra.length + 1}`);
    const k =
      typeof values['auto-accept'] === 'string' ? whole(values['auto-accept'], '--auto-accept') : undefined;
    if (k === undefined && (values.preview || values.labels))
      throw new UserError('--preview and --labels go with --auto-accept K; nothing was changed');
    if (values.progress && k !== undefined)
      throw new UserError('--progress only reads: run it without --auto-accept; nothing was changed');
    if (values.json && !values.progress)
      throw new UserError('--json goes with --progress (marginalia review PROJECT --progress --json)');
    if (values.progress)
      return open('review', 'read', project, async (headless) => {
        const progress = await headless.call('reviewProgress', {});
        console.log(values.json ? JSON.stringify(progress, null, 2) : progressText(progress));
        return 0;
      });
    if (k === undefined)
      return open('review', 'read', project, async (headless) => {
        const page = await headless.call('listConflicts', { limit: 1 });
        const byKind = await Promise.all(
          CONFLICT_KINDS.map(
            async (kind) =>
              [kind, (await headless.call('listConflicts', { kinds: [kind], limit: 1 })).total] as const,
          ),
        );
        console.log(
          `${plural(page.open, 'open conflict')}: ${byKind.map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
        );
        return 0;
      });
    const rule = { k, ...labelRule(values) };
    return open('review', values.preview ? 'read' : 'write', project, async (headless) => {
      const counts = await headless.call(values.preview ? 'previewAutoAccept' : 'autoAccept', rule);
      console.log(countsText(counts, values.preview === true));
      return 0;
    });
  };
}

const versionText = (v: DecisionRecord['versions'][number]) =>
  `${v.type ?? `${v.label} ${(v.fragments ?? []).map((f) => `${f.start}-${f.end}`).join(',')}`}` +
  `${v.attributes && Object.keys(v.attributes).length ? ` ${JSON.stringify(v.attributes)}` : ''} (${v.annotators.join(', ')})`;

/** One JSON object a line, the names docs/adjudication.md gives. */
export function decisionsJsonl(records: readonly DecisionRecord[]): string {
  return records
    .map((d) =>
      JSON.stringify({
        document: d.documentId,
        title: d.title,
        conflict: d.conflictKey,
        kind: d.kind,
        versions: d.versions,
        none: d.none,
        outcome: d.outcome,
        chosen: d.chosen,
        reviewer: d.reviewer,
        time: d.decidedAt,
        reason: d.reason,
        auto: d.auto,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** A row per decision; versions as "Claim 15-36 (ann1) | Claim 18-36 (ann2) | none (ann3)". */
export function decisionsCsv(records: readonly DecisionRecord[]): string {
  const header = [
    'document',
    'title',
    'conflict',
    'kind',
    'versions',
    'outcome',
    'chosen',
    'reviewer',
    'time',
    'reason',
    'auto',
  ];
  const rows = records.map((d) => [
    d.documentId,
    spreadsheetText(d.title),
    spreadsheetText(d.conflictKey),
    d.kind,
    spreadsheetText(
      [...d.versions.map(versionText), ...(d.none.length ? [`none (${d.none.join(', ')})`] : [])].join(' | '),
    ),
    d.outcome,
    spreadsheetText(d.chosen.join(' | ')),
    spreadsheetText(d.reviewer),
    d.decidedAt,
    spreadsheetText(d.reason),
    d.auto ? 'yes' : 'no',
  ]);
  return [header, ...rows].map((row) => csvRow(row)).join('');
}

/** `--format jsonl|csv`, or else the file's extension. */
function decisionsFormat(out: string, format: Values[string]): 'jsonl' | 'csv' {
  if (typeof format === 'string') {
    const named = format.trim().toLowerCase();
    if (named === 'jsonl' || named === 'csv') return named;
    throw new UserError(
      `decisions are written as --format jsonl or --format csv, not "${format}"; nothing was written`,
    );
  }
  const type = extname(out).toLowerCase();
  if (type === '.jsonl' || type === '.csv') return type === '.csv' ? 'csv' : 'jsonl';
  throw new UserError(
    `--out ends in .jsonl or .csv (the format is taken from it), not "${out}", or name the format with --format jsonl|csv; nothing was written`,
  );
}

export function decisionsCommand(open: Open) {
  return async ([project, ...extra]: string[], values: Values): Promise<number> => {
    if (extra.length) throw new UserError(`decisions takes one project, not ${extra.length + 1}`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (!out) throw new UserError('name the output file with --out FILE.jsonl or --out FILE.csv');
    const format = decisionsFormat(out, values.format);
    return open('decisions', 'read', project, async (headless) => {
      const records = await headless.call('listDecisions', {});
      writeFileAtomically(out, format === 'csv' ? decisionsCsv(records) : decisionsJsonl(records));
      console.log(`wrote ${plural(records.length, 'decision')} to ${out}`);
      return 0;
    });
  };
}
