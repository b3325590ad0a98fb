/**
 * Adds cached per-document sums into the figures a user reads: for every pair of raters, over all
 * annotators, per label and per document. Counts are pooled before a figure is computed (micro
 * averages), so a figure over many documents is the figure of one long document, not a mean of
 * ratios. Names are those of the JSON the CLI prints. docs/agreement.md, Reading the report.
 */
import { addUnitizing, alphaU, alphaUOverall, copyUnitizing, type UnitizingSums } from './alphaUnitizing';
import { addContingency, cohenKappa, emptyContingency, type Contingency } from './cohenKappa';
import type { Figure } from './figures';
import { addFleiss, emptyFleiss, fleissKappa, type FleissSums } from './fleissKappa';
import { addCoincidences, nominalAlpha, type Coincidences } from './krippendorffAlpha';
import type { DocumentSums, LabelPairSums } from './documentSums';
import { addCounts, NO_MATCHES, scores, type MatchCounts, type MatchScores } from './spanMatch';

export interface PairFigures {
  exact: MatchScores;
  partial: MatchScores;
  /** Cohen's kappa on token inside/outside items, pooled over the labels. */
  token_kappa: Figure;
  /** Token items compared (tokens × labels). */
  tokens: number;
  /** Krippendorff's alpha-U of the two raters. */
  alpha_u: Figure;
}

export interface PairReport extends PairFigures {
  a: string;
  b: string;
  /** Documents where at least one of the two has a span. */
  documents: number;
  labels: Record<string, PairFigures>;
}

export interface GroupFigures {
  exact: MatchScores;
  partial: MatchScores;
  fleiss_kappa: Figure;
  alpha_u: Figure;
}

export interface DocumentReport {
  id: number;
  title: string;
  alpha_u: Figure;
  fleiss_kappa: Figure;
  exact_f1: Figure;
  partial_f1: Figure;
  pairs: {
    a: string;
    b: string;
    exact_f1: Figure;
    partial_f1: Figure;
    token_kappa: Figure;
    alpha_u: Figure;
  }[];
}

export interface AgreementReport {
  /** The compared layers: annotators by name, then "gold" when a gold layer is compared. */
  raters: string[];
  labels: string[];
  documents: number;
  /** Over the annotators (gold left out): every annotator pair pooled, Fleiss' kappa, alpha-U. */
  overall: GroupFigures & { labels: Record<string, GroupFigures> };
  pairs: PairReport[];
  /** Nominal alpha of each attribute over spans several annotators marked identically. */
  attributes: { label: string; attribute: string; alpha: Figure; values: number }[];
  /** Documents sorted from the lowest agreement (alpha-U, then exact F1; undefined last). */
  per_document: DocumentReport[];
}

export interface DocumentEntry {
  id: number;
  title: string;
  sums: DocumentSums;
  /** The document's figures when already computed (cached) for the same raters and labels. */
  figures?: DocumentFigures;
}

export type DocumentFigures = Omit<DocumentReport, 'id' | 'title'>;

/** One document's own figures: each pair's, and the annotators' pooled and group figures. */
export function documentFigures(
  sums: DocumentSums,
  raters: readonly string[],
  annotators: number,
  labels: readonly string[],
): DocumentFigures {
  const pairs: DocumentReport['pairs'] = [];
  const peoplePairs: LabelPairSums[] = [];
  for (const p of sums.pairs) {
    const here = labels.map((l) => p.labels[l]).filter((l): l is LabelPairSums => l !== undefined);
    const f = pairFigures(here);
    pairs.push({
      a: raters[p.a]!,
      b: raters[p.b]!,
      exact_f1: f.exact.f1,
      partial_f1: f.partial.f1,
      token_kappa: f.token_kappa,
      alpha_u: f.alpha_u,
    });
    if (p.b < annotators) peoplePairs.push(...here);
  }
  const group = sums.group ? labels.flatMap((l) => (sums.group![l] ? [sums.group![l]] : [])) : null;
  const pooled = pairFigures(peoplePairs, false);
  return {
    alpha_u: group ? alphaUOverall(group.map((g) => g.unitizing)).alpha : null,
    fleiss_kappa: group
      ? fleissKappa(group.reduce((sum, g) => addFleiss(sum, g.fleiss), emptyFleiss(2))).kappa
      : null,
    exact_f1: pooled.exact.f1,
    partial_f1: pooled.partial.f1,
    pairs,
  };
}

interface PairAcc {
  documents: number;
  labels: Map<string, LabelPairSums>;
}

/**
 * Adds `b` into the accumulator `a`, in place (a fresh copy when there is none yet, so cached sums
 * stay untouched): a report adds every document's sums of every pair and label.
 */
function addLabelPair(a: LabelPairSums | undefined, b: LabelPairSums): LabelPairSums {
  if (!a)
    return {
      exact: { ...b.exact },
      partial: { ...b.partial },
      tokens: b.tokens.map((row) => [...row]),
      unitizing: copyUnitizing(b.unitizing),
    };
  addCountsInto(a.exact, b.exact);
  addCountsInto(a.partial, b.partial);
  a.tokens.forEach((row, i) => row.forEach((n, j) => (row[j] = n + b.tokens[i]![j]!)));
  addUnitizing(a.unitizing, b.unitizing);
  return a;
}

function addCountsInto(a: MatchCounts, b: MatchCounts): void {
  a.matched += b.matched;
  a.reference += b.reference;
  a.candidate += b.candidate;
}

/** Figures of pooled label sums; alpha-U (the costly one) only when `withAlpha`. */
function pairFigures(perLabel: readonly LabelPairSums[], withAlpha = true): PairFigures {
  let exact: MatchCounts = NO_MATCHES;
  let partial: MatchCounts = NO_MATCHES;
  let tokens: Contingency = emptyContingency(2);
  for (const l of perLabel) {
    exact = addCounts(exact, l.exact);
    partial = addCounts(partial, l.partial);
    tokens = addContingency(tokens, l.tokens);
  }
  const kappa = cohenKappa(tokens);
  return {
    exact: scores(exact),
    partial: scores(partial),
    token_kappa: kappa.kappa,
    tokens: kappa.items,
    alpha_u: withAlpha ? alphaUOverall(perLabel.map((l) => l.unitizing)).alpha : null,
  };
}

const nullsLast = (x: Figure, y: Figure) => (x === null ? (y === null ? 0 : 1) : y === null ? -1 : x - y);

/**
 * The documents' sums added up: what the report's pooled figures are computed from. Sums of parts
 * add into the sums of the whole (addReportSums), so a caller can keep those of blocks of documents
 * and, after an edit, add up one block again instead of every document.
 */
export interface ReportSums {
  pairs: Map<string, PairAcc>;
  group: Map<string, { fleiss: FleissSums; unitizing: UnitizingSums }>;
  attributes: Map<string, Coincidences>;
  groupDocuments: number;
}

export const emptyReportSums = (): ReportSums => ({
  pairs: new Map(),
  group: new Map(),
  attributes: new Map(),
  groupDocuments: 0,
});

/** The sums of `documents` on `labels` (cached document sums stay untouched). */
export function reportSums(documents: readonly DocumentSums[], labels: readonly string[]): ReportSums {
  const total = emptyReportSums();
  const wanted = new Set(labels);
  for (const sums of documents) {
    for (const p of sums.pairs) {
      const key = `${p.a}:${p.b}`;
      const acc = total.pairs.get(key) ?? { documents: 0, labels: new Map() };
      acc.documents++;
      for (const l of labels)
        if (p.labels[l]) acc.labels.set(l, addLabelPair(acc.labels.get(l), p.labels[l]));
      total.pairs.set(key, acc);
    }
    if (sums.group) {
      total.groupDocuments++;
      for (const l of labels) if (sums.group[l]) addGroup(total.group, l, sums.group[l]);
    }
    for (const [key, m] of Object.entries(sums.attributes))
      if (wanted.has(key.split('\u0000')[0]!))
        total.attributes.set(key, addCoincidences(total.attributes.get(key) ?? new Map(), m));
  }
  return total;
}

function addGroup(
  group: ReportSums['group'],
  label: string,
  g: { fleiss: FleissSums; unitizing: UnitizingSums },
): void {
  const acc = group.get(label);
  group.set(
    label,
    acc
      ? { fleiss: addFleiss(acc.fleiss, g.fleiss), unitizing: addUnitizing(acc.unitizing, g.unitizing) }
      : { fleiss: g.fleiss, unitizing: copyUnitizing(g.unitizing) },
  );
}

/** Adds `part` into `total` (an accumulator of the caller's own; `part` stays untouched). */
export function addReportSums(total: ReportSums, part: ReportSums): ReportSums {
  for (const [key, p] of part.pairs) {
    const acc = total.pairs.get(key) ?? { documents: 0, labels: new Map() };
    acc.documents += p.documents;
    for (const [l, sums] of p.labels) acc.labels.set(l, addLabelPair(acc.labels.get(l), sums));
    total.pairs.set(key, acc);
  }
  for (const [l, g] of part.group) addGroup(total.group, l, g);
  for (const [key, m] of part.attributes)
    total.attributes.set(key, addCoincidences(total.attributes.get(key) ?? new Map(), m));
  total.groupDocuments += part.groupDocuments;
  return total;
}

/**
 * The report over `documents` for `raters` (their first `annotators` are annotators), on `labels`;
 * `sums` are the documents' sums when the caller has already added them up.
 */
export function agreementReport(
  documents: readonly DocumentEntry[],
  raters: readonly string[],
  annotators: number,
  labels: readonly string[],
  sums: ReportSums = reportSums(
    documents.map((d) => d.sums),
    labels,
  ),
): AgreementReport {
  const { pairs, group, groupDocuments } = sums;
  let attributes = sums.attributes;
  const perDocument: DocumentReport[] = documents.map((doc) => ({
    id: doc.id,
    title: doc.title,
    ...(doc.figures ?? documentFigures(doc.sums, raters, annotators, labels)),
  }));
  perDocument.sort(
    (x, y) => nullsLast(x.alpha_u, y.alpha_u) || nullsLast(x.exact_f1, y.exact_f1) || x.id - y.id,
  );

  const pairReports: PairReport[] = [...pairs.entries()]
    .map(([key, acc]) => {
      const [a, b] = key.split(':').map(Number) as [number, number];
      const perLabel = Object.fromEntries([...acc.labels].map(([l, s]) => [l, pairFigures([s])]));
      return {
        a: raters[a]!,
        b: raters[b]!,
        documents: acc.documents,
        ...pairFigures([...acc.labels.values()]),
        labels: perLabel,
        order: [a, b],
      };
    })
    .sort((x, y) => x.order[0]! - y.order[0]! || x.order[1]! - y.order[1]!)
    .map(({ order: _order, ...rest }) => rest);

  const annotatorPairs = [...pairs.entries()].filter(([key]) => Number(key.split(':')[1]) < annotators);
  const overallLabels: Record<string, GroupFigures> = {};
  for (const l of labels) {
    const g = group.get(l);
    const pooled = pairFigures(
      annotatorPairs.map(([, acc]) => acc.labels.get(l)).filter((s): s is LabelPairSums => !!s),
    );
    overallLabels[l] = {
      exact: pooled.exact,
      partial: pooled.partial,
      fleiss_kappa: g ? fleissKappa(g.fleiss).kappa : null,
      alpha_u: g ? alphaU(g.unitizing).alpha : null,
    };
  }
  const pooledAll = pairFigures(
    annotatorPairs.flatMap(([, acc]) => [...acc.labels.values()]),
    false,
  );
  const fleissAll = [...group.values()].reduce((sum, g) => addFleiss(sum, g.fleiss), emptyFleiss(2));
  attributes = new Map([...attributes].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return {
    raters: [...raters],
    labels: [...labels],
    documents: groupDocuments,
    overall: {
      exact: pooledAll.exact,
      partial: pooledAll.partial,
      fleiss_kappa: fleissKappa(fleissAll).kappa,
      alpha_u: alphaUOverall([...group.values()].map((g) => g.unitizing)).alpha,
      labels: overallLabels,
    },
    pairs: pairReports,
    attributes: [...attributes].map(([key, m]) => {
      const [label, attribute] = key.split('\u0000') as [string, string];
      const a = nominalAlpha(m);
      return { label, attribute, alpha: a.alpha, values: Math.round(a.values) };
    }),
    per_document: perDocument,
  };
}
