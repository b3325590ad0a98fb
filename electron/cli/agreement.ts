/**
 * `marginalia agreement PROJECT [--json | --csv] [--annotators a,b] [--labels L1,L2] [--documents 1,2]
 * [--no-gold]`: the figures of the app's Agreement view (docs/agreement.md), as a table, as JSON
 * (the API's result) or as long CSV, one figure a row.
 */
import { csvRow, spreadsheetText } from '../core/formats/csv';
import { UserError } from '../core/errors';
import type { AgreementResult } from '../contract/types';
import type { MatchScores } from '../core/agreement/spanMatch';
import type { HeadlessProject } from '../services/headless';

export type Values = Record<string, string | boolean | string[] | undefined>;
/** Opens a project read only for one command (the CLI's withProject). */
export type Open = (
  command: string,
  access: 'read',
  path: string | undefined,
  use: (project: HeadlessProject) => Promise<number>,
) => Promise<number>;

export const AGREEMENT_USAGE = `  agreement PROJECT          agreement between annotators (and gold): span P/R/F1 exact and partial,
                             token kappas, Krippendorff's alpha-U, per pair, label and document
      --json | --csv         as one JSON object (names in docs/agreement.md) or as CSV, a figure a row
      --annotators a,b       only these annotators (default: everyone with spans)
      --labels L1,L2         only these labels
      --documents 1,2        only these documents, by number
      --no-gold              leave the gold layer out (default: compared when there is one)`;

export const AGREEMENT_OPTIONS = {
  csv: { type: 'boolean' },
  documents: { type: 'string', multiple: true },
  'no-gold': { type: 'boolean' },
} as const;

/** A comma list that may also be given as repeated flags. */
export const list = (value: Values[string]) =>
  (Array.isArray(value) ? value : typeof value === 'string' ? [value] : [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');

/** The command, opening the project read only through `open` (the CLI's withProject). */
export function agreementCommand(open: Open) {
  return async ([project, ...extra]: string[], values: Values): Promise<number> => {
    if (extra.length) throw new UserError(`agreement takes one project, not ${extra.length + 1}`);
    if (values.json && values.csv) throw new UserError('choose --json or --csv, not both');
    const documents = list(values.documents).map((d) => {
      if (!/^[1-9]\d*$/.test(d)) throw new UserError(`--documents takes document numbers, not "${d}"`);
      return Number(d);
    });
    const annotators = list(values.annotators);
    const labels = list(values.labels);
    return open('agreement', 'read', project, async (headless) => {
      let last = 0;
      const result = headless.agreement(
        {
          ...(documents.length ? { documents } : {}),
          ...(annotators.length ? { annotators } : {}),
          ...(labels.length ? { labels } : {}),
          ...(values['no-gold'] ? { gold: false } : {}),
        },
        (done, total) => {
          if (total < 1000 || (Date.now() - last < 500 && done < total)) return;
          last = Date.now();
          process.stderr.write(`agreement: ${done} of ${total} documents\n`);
        },
      );
      if (values.json) console.log(JSON.stringify(publicReport(result), null, 2));
      else if (values.csv) process.stdout.write(agreementCsv(result));
      else console.log(agreementText(result));
      return 0;
    });
  };
}

/** The report without what only the app uses (layer ids to open, cache counts). */
function publicReport(result: AgreementResult): Omit<AgreementResult, 'layers' | 'computed' | 'reused'> {
  const report: Partial<AgreementResult> = { ...result };
  delete report.layers;
  delete report.computed;
  delete report.reused;
  return report as Omit<AgreementResult, 'layers' | 'computed' | 'reused'>;
}

const fig = (x: number | null) => (x === null ? '—' : x.toFixed(3));

/** The table a person reads: pairs, overall, labels, the five documents with the lowest agreement. */
export function agreementText(r: AgreementResult): string {
  const w = Math.max(6, ...r.raters.map((n) => n.length));
  const lines = [
    `${r.documents} documents compared; raters: ${r.raters.join(', ')}`,
    '',
    `${'a'.padEnd(w)}  ${'b'.padEnd(w)}  exact F1  partial F1  token kappa  alpha-U  documents`,
    ...r.pairs.map(
      (p) =>
        `${p.a.padEnd(w)}  ${p.b.padEnd(w)}  ${fig(p.exact.f1).padStart(8)}  ${fig(p.partial.f1).padStart(10)}  ` +
        `${fig(p.token_kappa).padStart(11)}  ${fig(p.alpha_u).padStart(7)}  ${p.documents}`,
    ),
    '',
    `label (annotators)   exact F1  partial F1  Fleiss kappa  alpha-U`,
    ...Object.entries(r.overall.labels).map(
      ([l, g]) =>
        `${l.padEnd(19)}  ${fig(g.exact.f1).padStart(8)}  ${fig(g.partial.f1).padStart(10)}  ${fig(g.fleiss_kappa).padStart(12)}  ${fig(g.alpha_u).padStart(7)}`,
    ),
    `${'all labels'.padEnd(19)}  ${fig(r.overall.exact.f1).padStart(8)}  ${fig(r.overall.partial.f1).padStart(10)}  ${fig(r.overall.fleiss_kappa).padStart(12)}  ${fig(r.overall.alpha_u).padStart(7)}`,
    `document status alpha ${fig(r.status_alpha.alpha)} (${r.status_alpha.values} values)`,
    ...r.attributes.map(
      (a) => `attribute ${a.label}.${a.attribute} alpha ${fig(a.alpha)} (${a.values} values)`,
    ),
    '',
    'lowest agreement (alpha-U, exact F1):',
    ...r.per_document
      .slice(0, 5)
      .map((d) => `  ${String(d.id).padStart(6)}  ${fig(d.alpha_u)}  ${fig(d.exact_f1)}  ${d.title}`),
  ];
  return lines.join('\n');
}

const matchRows = (prefix: string[], name: string, m: MatchScores) =>
  (['precision', 'recall', 'f1', 'matched', 'reference', 'candidate'] as const).map((k) => [
    ...prefix,
    `${name}.${k}`,
    m[k],
  ]);

/** One figure a row: scope, a, b, label ('' for all), document ('' for all), measure, value. */
export function agreementCsv(r: AgreementResult): string {
  const rows: (string | number | null)[][] = [['scope', 'a', 'b', 'label', 'document', 'measure', 'value']];
  const group = (label: string, g: AgreementResult['overall']['labels'][string]) => [
    ...matchRows(['overall', '', '', label, ''], 'exact', g.exact),
    ...matchRows(['overall', '', '', label, ''], 'partial', g.partial),
    ['overall', '', '', label, '', 'fleiss_kappa', g.fleiss_kappa],
    ['overall', '', '', label, '', 'alpha_u', g.alpha_u],
  ];
  rows.push(...group('', r.overall));
  for (const [l, g] of Object.entries(r.overall.labels)) rows.push(...group(l, g));
  for (const p of r.pairs)
    for (const [label, f] of [['', p] as const, ...Object.entries(p.labels)]) {
      const at = ['pair', p.a, p.b, label, ''];
      rows.push(...matchRows(at, 'exact', f.exact), ...matchRows(at, 'partial', f.partial));
      rows.push([...at, 'token_kappa', f.token_kappa], [...at, 'alpha_u', f.alpha_u]);
    }
  for (const d of r.per_document) {
    for (const m of ['alpha_u', 'fleiss_kappa', 'exact_f1', 'partial_f1'] as const)
      rows.push(['document', '', '', '', d.id, m, d[m]]);
    for (const p of d.pairs)
      for (const m of ['exact_f1', 'partial_f1', 'token_kappa', 'alpha_u'] as const)
        rows.push(['document', p.a, p.b, '', d.id, m, p[m]]);
  }
  for (const a of r.attributes)
    rows.push(['attribute', '', '', a.label, '', `${a.attribute}.alpha`, a.alpha]);
  // Names and labels are the user's text: a spreadsheet must not run one as a formula.
  return rows
    .map((row) =>
      csvRow(row.map((v, i) => (i >= 1 && i <= 3 && typeof v === 'string' ? spreadsheetText(v) : v))),
    )
    .join('');
}
