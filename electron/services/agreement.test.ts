import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiArgs } from '../contract/api';
import { DEFAULT_SCHEMA } from '../core/schema';
import { ProjectStore } from '../store/projectStore';
import { tableDump, thrown } from '../store/testing';
import { computeAgreement, startAgreement } from './agreement';
import { JobRunner } from './jobs';

const TEXT = 'Officials said 12 people were killed in Kervadi on Tuesday.';
const GOLD = { kind: 'gold' } as const;

describe('agreement over a project', () => {
  let dir: string;
  let path: string;
  let store: ProjectStore;
  let ann1: number;
  let ann2: number;
  const docs: number[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'marginalia-agreement-'));
    path = join(dir, 'p.marginalia');
    store = ProjectStore.create(path, 'p', DEFAULT_SCHEMA);
    ann1 = store.ensureAnnotator('ann1');
    ann2 = store.ensureAnnotator('ann2');
    const rita = store.ensureAnnotator('rita');
    store.setAnnotatorRole('rita', 'reviewer', null);
    docs.splice(0);
    docs.push(
      ...store
        .insertDocuments(
          ['a', 'b', 'c'].map((k) => ({
            externalId: k,
            title: `Doc ${k}`,
            text: `${TEXT} (${k})`,
            sha256: k,
            source: {},
            newlinePolicy: 'none' as const,
          })),
          null,
        )
        .inserted.map((d) => d.id),
    );
    // Doc a: the two annotators disagree on the Figure's end and on the Location.
    store.addSpan(ann1, docs[0]!, { label: 'Figure', start: 15, end: 24 });
    store.addSpan(ann2, docs[0]!, { label: 'Figure', start: 15, end: 36 });
    store.addSpan(ann2, docs[0]!, { label: 'Location', start: 40, end: 47 });
    store.addSpan(rita, docs[0]!, { label: 'Location', start: 40, end: 47 }, GOLD);
    // Doc b: they agree. Doc c: nobody tagged it.
    store.addSpan(ann1, docs[1]!, { label: 'Location', start: 40, end: 47 });
    store.addSpan(ann2, docs[1]!, { label: 'Location', start: 40, end: 47 });
  });

  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each pair exact and partial P/R/F1 with counts, and token kappa, computed by hand', () => {
    const r = computeAgreement(store, { documents: [docs[0]!], gold: false });
    expect(r.raters).toEqual(['ann1', 'ann2']);
    const [pair] = r.pairs;
    expect(pair).toMatchObject({
      a: 'ann1',
      b: 'ann2',
      exact: { matched: 0, reference: 1, candidate: 2, f1: 0 },
      partial: { matched: 1, reference: 1, candidate: 2, precision: 0.5, recall: 1 },
    });
    expect(pair!.partial.f1).toBeCloseTo(2 / 3, 12);
    // 14 tokens (the text and "(a)") × 4 labels; Figure: both in 2, only ann2 2; Location: only ann2 1; the rest out for both.
    expect(pair!.tokens).toBe(56);
    expect(pair!.token_kappa).toBeCloseTo(204 / 372, 12);
    expect(pair!.labels.Location!.exact).toMatchObject({
      matched: 0,
      reference: 0,
      candidate: 1,
      precision: 0,
    });
  });

  it('compares the gold layer with each annotator, gold as the reference', () => {
    const r = computeAgreement(store, { documents: [docs[0]!] });
    expect(r.raters).toEqual(['ann1', 'ann2', 'gold']);
    const withGold = r.pairs.find((p) => p.a === 'ann2' && p.b === 'gold')!;
    expect(withGold.exact).toMatchObject({
      matched: 1,
      reference: 1,
      candidate: 2,
      precision: 0.5,
      recall: 1,
    });
    expect(r.layers.gold).toEqual(GOLD);
    // Gold is compared in pairs only; the overall figures are the annotators'.
    expect(r.overall.exact).toMatchObject({ matched: 0, reference: 1, candidate: 2 });
  });

  it('lists documents from the lowest agreement, and leaves out a document nobody tagged', () => {
    const r = computeAgreement(store, { gold: false });
    expect(r.per_document.map((d) => d.title)).toEqual(['Doc a', 'Doc b', 'Doc c']);
    expect(r.per_document[1]).toMatchObject({ alpha_u: 1, exact_f1: 1, fleiss_kappa: 1 });
    expect(r.per_document[2]).toMatchObject({ alpha_u: null, exact_f1: null });
    expect(r.documents).toBe(2);
    expect(r.per_document[0]!.alpha_u!).toBeLessThan(1);
  });

  it("lists the documents by one label's figures when asked, the rest of the report as over all labels", () => {
    const all = computeAgreement(store, { gold: false });
    const figure = computeAgreement(store, { gold: false, documentLabel: 'Figure' });
    const byTitle = (r: typeof all) => new Map(r.per_document.map((d) => [d.title, d]));
    // Doc a over all labels: partial 1 matched of 1 + 2 spans; its Figures alone: 1 of 1 + 1.
    expect(byTitle(all).get('Doc a')!.partial_f1).toBeCloseTo(2 / 3, 12);
    expect(byTitle(figure).get('Doc a')).toMatchObject({ exact_f1: 0, partial_f1: 1 });
    expect(byTitle(figure).get('Doc a')!.pairs).toMatchObject([
      { a: 'ann1', b: 'ann2', exact_f1: 0, partial_f1: 1 },
    ]);
    // Doc b has no Figure: nothing to compare there, where its Locations agree.
    expect(byTitle(all).get('Doc b')).toMatchObject({ exact_f1: 1, alpha_u: 1 });
    expect(byTitle(figure).get('Doc b')).toMatchObject({ exact_f1: null, alpha_u: null });
    const rest = ({ per_document: _d, computed: _c, reused: _r, ...r }: typeof all) => r;
    expect(rest(figure)).toEqual(rest(all));
  });

  it('gives nominal alpha of attribute values on identical spans and of document statuses (4/9 by hand)', () => {
    // Location kind on [40,47): a village/town, b town/town, c village/village. Statuses likewise.
    const kinds: [number, number, string, string][] = [
      [0, ann1, 'village', 'done'],
      [0, ann2, 'town', 'done'],
      [1, ann1, 'town', 'done'],
      [1, ann2, 'town', 'in_progress'],
      [2, ann1, 'village', 'in_progress'],
      [2, ann2, 'village', 'in_progress'],
    ];
    for (const [doc, who, kind, status] of kinds) {
      const existing = store.spansOf(docs[doc]!, who).find((sp) => sp.label === 'Location');
      const span = existing ?? store.addSpan(who, docs[doc]!, { label: 'Location', start: 40, end: 47 });
      store.setSpanAttribute(who, span.id, 'kind', kind);
      store.setDocumentStatus(docs[doc]!, who, status as 'done' | 'in_progress');
    }
    const r = computeAgreement(store, { gold: false });
    // Coincidences: same-same 2 + 2, each mixed pair 1 + 1; n = 6, D_o = 2/6, D_e = (36 − 18)/30.
    expect(r.attributes).toEqual([
      { label: 'Location', attribute: 'kind', alpha: expect.any(Number), values: 6 },
    ]);
    expect(r.attributes[0]!.alpha).toBeCloseTo(4 / 9, 12);
    expect(r.status_alpha.values).toBe(6);
    expect(r.status_alpha.alpha).toBeCloseTo(4 / 9, 12);
  });

  it('keeps an annotator called "gold" apart from the gold layer', () => {
    const named = store.ensureAnnotator('gold');
    store.addSpan(named, docs[0]!, { label: 'Figure', start: 15, end: 24 });
    const r = computeAgreement(store, { documents: [docs[0]!] });
    expect(r.raters).toEqual(['ann1', 'ann2', 'gold', 'gold layer']);
    expect(r.pairs.find((p) => p.a === 'ann1' && p.b === 'gold')!.exact.f1).toBe(1);
    expect(r.layers['gold layer']).toEqual(GOLD);
  });

  it('restricts figures to the labels asked for', () => {
    const r = computeAgreement(store, { labels: ['Location'], gold: false });
    expect(r.labels).toEqual(['Location']);
    expect(r.overall.exact).toMatchObject({ matched: 1, reference: 1, candidate: 2 });
    expect(Object.keys(r.overall.labels)).toEqual(['Location']);
  });

  it('recomputes only the document an edit touched', () => {
    const first = computeAgreement(store, { gold: false });
    expect([first.computed, first.reused]).toEqual([3, 0]);
    expect(computeAgreement(store, { gold: false })).toMatchObject({ computed: 0, reused: 3 });
    store.addSpan(ann1, docs[0]!, { label: 'Location', start: 40, end: 47 });
    const after = computeAgreement(store, { gold: false });
    expect([after.computed, after.reused]).toEqual([1, 2]);
    expect(after.pairs[0]!.exact.matched).toBe(first.pairs[0]!.exact.matched + 1);
  });

  it('after edits, reports what a fresh computation reports: new and vanished annotators, blocks of documents', () => {
    const more = store.insertDocuments(
      Array.from({ length: 300 }, (_, i) => ({
        externalId: `m${i}`,
        title: `More ${i}`,
        text: `${TEXT} [${i}]`,
        sha256: `m${i}`,
        source: {},
        newlinePolicy: 'none' as const,
      })),
      null,
    ).inserted;
    for (const [i, d] of more.entries()) {
      store.addSpan(ann1, d.id, { label: 'Location', start: 40, end: 47 });
      if (i % 3) store.addSpan(ann2, d.id, { label: 'Location', start: 40 + (i % 2), end: 47 });
    }
    const fresh = () => {
      const other = ProjectStore.open(path, { readOnly: true });
      try {
        return computeAgreement(other, {});
      } finally {
        other.close();
      }
    };
    const same = (r: ReturnType<typeof fresh>) => ({ ...r, computed: 0, reused: 0 });
    computeAgreement(store, {});
    const ann3 = store.ensureAnnotator('ann3');
    const added = store.addSpan(ann3, more[250]!.id, { label: 'Figure', start: 15, end: 24 });
    const withAnn3 = computeAgreement(store, {});
    expect(withAnn3.raters).toEqual(['ann1', 'ann2', 'ann3', 'gold']);
    expect(same(withAnn3)).toEqual(same(fresh()));
    store.deleteSpan(ann3, added.id);
    const without = computeAgreement(store, {});
    expect(without.raters).toEqual(['ann1', 'ann2', 'gold']);
    expect(same(without)).toEqual(same(fresh()));
    // The same raters: one document is computed again, and its block of documents added up again.
    store.addSpan(ann2, more[10]!.id, { label: 'Figure', start: 15, end: 24 });
    const edited = computeAgreement(store, {});
    expect([edited.computed, edited.reused]).toEqual([1, 302]);
    expect(same(edited)).toEqual(same(fresh()));
  });

  it('starts a job with progress when documents must be computed, and answers at once from cached figures', async () => {
    const jobs = new JobRunner();
    const started = startAgreement(store, jobs, { gold: false }, 'ann1');
    expect(started.result).toBeNull();
    const status = await jobs.settled(started.jobId!);
    expect(status).toMatchObject({ kind: 'agreement', state: 'done', phase: 'finished', done: 3, total: 3 });
    const cached = startAgreement(store, jobs, { gold: false }, 'ann1');
    expect(cached.jobId).toBeNull();
    expect(cached.result).toEqual({ ...(status.result as object), computed: 0, reused: 3 });
    // One edited document is computed at once too: the view reopens without a job.
    store.addSpan(ann1, docs[2]!, { label: 'Figure', start: 15, end: 24 });
    expect(startAgreement(store, jobs, { gold: false }, 'ann1').result).toMatchObject({
      computed: 1,
      reused: 2,
    });
    // A refusal comes before any job.
    expect(() => startAgreement(store, jobs, { labels: ['Person'] }, 'ann1')).toThrow(
      /no span label "Person"/,
    );
  });

  it('stops a cancelled computation at the next document and keeps what it computed', async () => {
    const jobs = new JobRunner();
    const { jobId } = startAgreement(store, jobs, { gold: false }, 'ann1');
    jobs.cancel(jobId!);
    expect(await jobs.settled(jobId!)).toMatchObject({ state: 'cancelled', result: null });
    const after = computeAgreement(store, { gold: false });
    expect(after.computed).toBeLessThan(3);
    expect(after.computed + after.reused).toBe(3);
  });

  it('refuses an unknown annotator, label or document in a sentence, and changes nothing', () => {
    const before = tableDump(path);
    expect(thrown(() => computeAgreement(store, { annotators: ['ann1', 'zoe'] })).message).toBe(
      'no spans by "zoe" in this project (annotators with spans: "ann1", "ann2"); nothing was computed',
    );
    expect(thrown(() => computeAgreement(store, { labels: ['Person'] })).message).toMatch(
      /^this project has no span label "Person" \(labels: "Claim", .*\); nothing was computed$/,
    );
    expect(thrown(() => computeAgreement(store, { documentLabel: 'Person' })).message).toMatch(
      /^this project has no span label "Person" \(labels: "Claim", .*\); nothing was computed$/,
    );
    expect(thrown(() => computeAgreement(store, { documents: [999] })).message).toBe(
      'this project has no document 999; nothing was computed',
    );
    expect(thrown(() => computeAgreement(store, { annotators: ['ann1'], gold: false })).message).toMatch(
      /needs two layers to compare/,
    );
    expect(tableDump(path)).toBe(before);
  });

  it('under blind annotation refuses an annotator who sees only their own layer, and shows owners and reviewers everything', () => {
    store.team.setAssigned(docs[0]!, ann1, true, ann1);
    const before = tableDump(path);
    expect(thrown(() => computeAgreement(store, { gold: false }, undefined, 'ann1')).message).toBe(
      "agreement compares annotators' layers, and this project shows you only your own: an owner or " +
        'a reviewer can read the figures. Nothing was computed.',
    );
    // Nobody who is not in the project's team reads the figures either.
    expect(() => computeAgreement(store, { gold: false }, undefined, null)).toThrow(/only your own/);
    expect(tableDump(path)).toBe(before);
    const reviewer = computeAgreement(store, {}, undefined, 'rita');
    expect(reviewer.raters).toEqual(['ann1', 'ann2', 'gold']);
    expect(reviewer.per_document).toHaveLength(3);
  });

  it('gives an annotator allowed to see others the figures of their assigned documents only', () => {
    store.team.setAssigned(docs[1]!, ann1, true, ann1);
    store.team.setPolicy({ annotatorsSeeOthers: true }, ann1);
    const r = computeAgreement(store, { gold: false }, undefined, 'ann1');
    expect(r.per_document.map((d) => d.title)).toEqual(['Doc b']);
    expect(r.overall.exact).toMatchObject({ matched: 1, reference: 1, candidate: 1 });
    expect(thrown(() => computeAgreement(store, { documents: [docs[0]!] }, undefined, 'ann1')).message).toBe(
      `document ${docs[0]} is not assigned to you; this project shows annotators only their own documents. Nothing was computed.`,
    );
  });

  it('checks its filters at the boundary: an empty list or an unknown field is refused', () => {
    expect(apiArgs.getAgreement.safeParse({ labels: [] }).success).toBe(false);
    expect(apiArgs.getAgreement.safeParse({ documents: [0] }).success).toBe(false);
    expect(apiArgs.getAgreement.safeParse({ annotator: ['x'] }).success).toBe(false);
  });
});
