/**
 * The Agreement view: filters (annotators, labels, documents), a heat map of rater pairs for the
 * chosen measure and label, the per-label table, and the documents of the chosen pair from the
 * lowest agreement; opening one shows the pair's two layers together. docs/agreement.md.
 * For a reviewer (or owner) a heat-map cell opens the review queue of its pair, and each document
 * its queue; the Pair list chooses whose documents are listed without leaving the view.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AgreementResult, LayerRef } from '../../../electron/contract/types';
import { writesGold } from '../../../electron/core/layers';
import { api } from '../../api/client';
import type { Notices } from '../../ui/notices';
import type { ReviewFilter } from '../review/reviewKeys';
import { JobProgress } from '../transfer/JobProgress';
import { useJob } from '../transfer/useJob';
import { MEASURES, pairValue, shown, type Measure } from './measures';
import { PairHeatMap } from './PairHeatMap';

interface Filters {
  annotators: string[] | null;
  labels: string[] | null;
  documents: string;
}

export function AgreementView(props: {
  notices: Notices;
  /** Opens a document with these layers shown beside the editable one. */
  onOpen: (documentId: number, layers: LayerRef[]) => void;
  /** Opens the review screen's queue narrowed to what was chosen here. */
  onReview?: (filter: ReviewFilter) => void;
}) {
  const { run, show } = props.notices;
  const [report, setReport] = useState<AgreementResult | null>(null);
  const [everyone, setEveryone] = useState<string[]>([]);
  const [allLabels, setAllLabels] = useState<string[]>([]);
  const [filters, setFilters] = useState<Filters>({ annotators: null, labels: null, documents: '' });
  const [problem, setProblem] = useState('');
  const [measure, setMeasure] = useState<Measure>('exact_f1');
  const [label, setLabel] = useState<string | null>(null);
  const [pair, setPair] = useState(0);
  // Only owners and reviewers may open the queue; an annotator's cell chooses the pair instead.
  const [reviews, setReviews] = useState(false);
  useEffect(() => {
    void run(() => api.getTeam({})).then((team) => setReviews(!!team?.you && writesGold(team.you.role)));
  }, [run]);
  const onReview = reviews ? props.onReview : undefined;
  // A large project's first computation runs as a job: followed here, with progress and Cancel.
  const [computing, setComputing] = useState<{
    jobId: string;
    filters: Filters;
    samePairs: boolean;
  } | null>(null);
  const job = useJob(computing?.jobId ?? null, show);
  // A new choice of filters cancels the computation still running for the last one.
  const runningJob = useRef<string | null>(null);
  runningJob.current = computing?.jobId ?? null;

  const apply = useCallback((result: AgreementResult, next: Filters, samePairs: boolean) => {
    setReport(result);
    // A new label keeps the chosen pair; new filters may change the pairs, so the first is chosen.
    if (!samePairs) setPair(0);
    if (!next.annotators) setEveryone(result.raters.filter((r) => r !== 'gold'));
    if (!next.labels) setAllLabels(result.labels);
  }, []);

  const load = useCallback(
    async (next: Filters, documentLabel: string | null, samePairs = false) => {
      const documents = next.documents
        .split(',')
        .map((d) => d.trim())
        .filter((d) => d !== '');
      if (documents.some((d) => !/^[1-9]\d*$/.test(d)))
        return setProblem('Documents are numbers separated by commas, such as 1, 4, 9.');
      setProblem('');
      const started = await run(() =>
        api.startAgreement({
          ...(next.annotators ? { annotators: next.annotators } : {}),
          ...(next.labels ? { labels: next.labels } : {}),
          ...(documents.length ? { documents: documents.map(Number) } : {}),
          // The list of documents follows the chosen label; cached sums make this quick.
          ...(documentLabel ? { documentLabel } : {}),
        }),
      );
      if (!started) return;
      const previous = runningJob.current;
      if (previous) void run(() => api.cancelJob({ id: previous }));
      if (started.result) {
        setComputing(null);
        apply(started.result, next, samePairs);
      } else setComputing({ jobId: started.jobId, filters: next, samePairs });
    },
    [run, apply],
  );
  useEffect(() => {
    const status = job.status;
    if (!computing || status?.kind !== 'agreement' || status.state === 'running') return;
    if (status.result) apply(status.result, computing.filters, computing.samePairs);
    else if (status.state === 'failed') setProblem(status.error ?? 'The figures could not be computed.');
    else
      setProblem('Computing the figures was cancelled; the figures already computed are kept for next time.');
    setComputing(null);
  }, [job.status, computing, apply]);
  useEffect(() => void load({ annotators: null, labels: null, documents: '' }, null), [load]);

  const toggle = (key: 'annotators' | 'labels', value: string, all: string[]) => {
    const current = filters[key] ?? all;
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    const chosen = { ...filters, [key]: next.length === all.length ? null : next };
    setFilters(chosen);
    // A label filtered out cannot stay the chosen one.
    const keep = key === 'labels' && label !== null && !next.includes(label) ? null : label;
    if (keep !== label) setLabel(keep);
    if (next.length) void load(chosen, keep);
  };

  const chosenPair = report?.pairs[pair];
  const documents = useMemo(() => {
    if (!report || !chosenPair) return [];
    return report.per_document
      .map((d) => {
        const p = d.pairs.find((x) => x.a === chosenPair.a && x.b === chosenPair.b);
        return { id: d.id, title: d.title, value: p ? (p[measure] ?? null) : null };
      })
      .filter((d) => d.value !== null)
      .sort((x, y) => x.value! - y.value! || x.id - y.id);
  }, [report, chosenPair, measure]);

  // A pair (gold is no annotator of the queue) and the chosen label, as the review queue's filter.
  const reviewOf = (p: { a: string; b: string }): ReviewFilter => ({
    annotators: [p.a, p.b].filter((r) => r !== 'gold'),
    ...(label ? { label } : {}),
  });
  const review = () => reviewOf(chosenPair!);
  const openPair = onReview && report ? (i: number) => onReview(reviewOf(report.pairs[i]!)) : undefined;

  return (
    <section className="mg-agreement" aria-label="Agreement">
      <h2>Agreement</h2>
      <form
        className="mg-agreement-filters"
        aria-label="Agreement filters"
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset>
          <legend>Annotators</legend>
          {everyone.map((a) => (
            <label key={a}>
              <input
                type="checkbox"
                checked={(filters.annotators ?? everyone).includes(a)}
                onChange={() => toggle('annotators', a, everyone)}
              />
              {a}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Labels</legend>
          {allLabels.map((l) => (
            <label key={l}>
              <input
                type="checkbox"
                checked={(filters.labels ?? allLabels).includes(l)}
                onChange={() => toggle('labels', l, allLabels)}
              />
              {l}
            </label>
          ))}
        </fieldset>
        <label>
          Documents
          <input
            type="text"
            placeholder="all (or 1, 4, 9)"
            value={filters.documents}
            onChange={(e) => setFilters({ ...filters, documents: e.target.value })}
            onKeyDown={(e) => e.key === 'Enter' && void load(filters, label)}
            onBlur={() => void load(filters, label)}
          />
        </label>
        <label>
          Measure
          <select value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
            {Object.entries(MEASURES).map(([key, name]) => (
              <option key={key} value={key}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Label
          <select
            value={label ?? ''}
            onChange={(e) => {
              const chosen = e.target.value || null;
              setLabel(chosen);
              void load(filters, chosen, true);
            }}
          >
            <option value="">All labels</option>
            {(report?.labels ?? []).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </form>
      {problem && <p role="alert">{problem}</p>}
      {computing && job.status?.state === 'running' && <JobProgress status={job.status} />}
      {report && (
        <>
          <p>
            {report.documents} documents compared; raters {report.raters.join(', ')}.
          </p>
          <PairHeatMap
            report={report}
            measure={measure}
            label={label}
            chosen={pair}
            onChoose={setPair}
            {...(openPair ? { onOpen: openPair } : {})}
          />
          <table className="mg-agreement-table" aria-label="Agreement per label">
            <thead>
              <tr>
                <th scope="col">label</th>
                <th scope="col">exact F1</th>
                <th scope="col">partial F1</th>
                <th scope="col">Fleiss kappa</th>
                <th scope="col">alpha-U</th>
              </tr>
            </thead>
            <tbody>
              {[...Object.entries(report.overall.labels), ['all labels', report.overall] as const].map(
                ([l, g]) => (
                  <tr key={l}>
                    <th scope="row">{l}</th>
                    <td>{shown(g.exact.f1)}</td>
                    <td>{shown(g.partial.f1)}</td>
                    <td>{shown(g.fleiss_kappa)}</td>
                    <td>{shown(g.alpha_u)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          {chosenPair && (
            <>
              <label>
                Pair
                <select value={pair} onChange={(e) => setPair(Number(e.target.value))}>
                  {report.pairs.map((p, i) => (
                    <option key={i} value={i}>
                      {p.a} and {p.b}
                    </option>
                  ))}
                </select>
              </label>
              <h3>
                Documents of {chosenPair.a} and {chosenPair.b}
                {label ? ` on ${label}` : ''}, lowest {MEASURES[measure]} first (
                {shown(pairValue(chosenPair, measure, label))} overall)
              </h3>
              {onReview && (
                <button type="button" onClick={() => onReview(review())}>
                  Review their conflicts{label ? ` of ${label}` : ''}
                </button>
              )}
              <ol className="mg-agreement-documents" aria-label="Documents from the lowest agreement">
                {documents.map((d) => (
                  <li key={d.id}>
                    <button
                      type="button"
                      onClick={() =>
                        props.onOpen(d.id, [report.layers[chosenPair.a]!, report.layers[chosenPair.b]!])
                      }
                    >
                      <span className="mg-agreement-value">{shown(d.value)}</span> {d.title}
                    </button>
                    {onReview && (
                      // A link beside the document's button: it goes to another screen (the queue).
                      <a
                        href="#review"
                        aria-label={`Review the conflicts of ${d.title}`}
                        onClick={(e) => {
                          e.preventDefault();
                          onReview({ ...review(), document: d.id });
                        }}
                      >
                        Review
                      </a>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </section>
  );
}
