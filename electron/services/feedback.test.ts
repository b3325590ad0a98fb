/**
 * Feedback to annotators through the API: a reviewer decides with reasons, and each annotator sees
 * what became of their own layer — kept, boundary moved, relabelled, removed, added — with the reason
 * beside it; an annotator is refused another annotator's feedback; before review there is none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../contract/api';
import type { DocumentFeedback } from '../contract/feedback';
import { GOLD } from '../core/layers';
import { relationChangeText } from '../core/relationFeedback';
import type { ProjectStore } from '../store/projectStore';
import { reviewedProject } from '../store/testing';
import { autoAcceptHandlers } from './autoAccept';
import { feedbackHandlers } from './feedback';
import { accessAs, apiCaller } from './handlers.testkit';
import { reviewHandlers } from './review';

//            0         1         2         3         4         5
//            0123456789012345678901234567890123456789012345678901234567890
const TEXT = 'Officials said 12 people were killed in Kervadi on Monday. Rain hit Quetta.';

let dir: string;
let store: ProjectStore;
let ids: Record<string, number>;
let documentId: number;
let user: number;
const { call, refusal } = apiCaller(() => {
  const access = accessAs(
    () => store,
    () => user,
  );
  return {
    ...reviewHandlers(access),
    ...autoAcceptHandlers(access),
    ...feedbackHandlers(access),
  } as ApiHandlers;
});

/** Each item as the panel reads it: kind, "mine" → "gold", and the reason. */
const shown = (feedback: DocumentFeedback) =>
  feedback.items.map(
    (i) =>
      `${i.kind}: ${i.mine ? `${i.mine.label} "${i.mine.text}"` : '-'} → ${i.gold ? `${i.gold.label} "${i.gold.text}"` : '-'}${
        i.decision?.reason ? ` (${i.decision.reason})` : ''
      }`,
  );

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-feedback-'));
  ({ store, ids, documentId } = reviewedProject(join(dir, 'p.marginalia'), TEXT, ['ann1', 'ann2']));
  const add = (who: string, label: string, start: number, end: number) =>
    store.addSpan(ids[who]!, documentId, { label, start, end });
  add('ann1', 'Claim', 0, 36); // boundary: ann2 says 15-36
  add('ann2', 'Claim', 15, 36);
  add('ann1', 'Figure', 15, 17); // label: ann2 says Hedge
  add('ann2', 'Hedge', 15, 17);
  add('ann1', 'Location', 40, 47); // both agree
  add('ann2', 'Location', 40, 47);
  add('ann1', 'Hedge', 48, 57); // missing in ann2: rejected
  user = ids.rita!;
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function review(): Promise<void> {
  const conflicts = (await call('listConflicts', {})).conflicts;
  const at = (kind: string) => conflicts.find((c) => c.kind === kind)!;
  const version = (kind: string, who: string) =>
    at(kind).versions.findIndex((v) => v.annotators.includes(who));
  const decide = (kind: string, outcome: 'accept' | 'reject', reason: string, who = 'ann2') =>
    call('decideConflict', {
      documentId,
      key: at(kind).key,
      outcome,
      reason,
      ...(outcome === 'accept' ? { version: version(kind, who) } : {}),
    });
  await decide('boundary', 'accept', 'the source is not part of the claim');
  await decide('label', 'accept', 'a number, not a hedge', 'ann1');
  await decide('missing', 'reject', 'a date, not a hedge');
  await call('autoAccept', { k: 2 });
  // And one span the reviewer drew by hand in gold.
  store.addSpan(ids.rita!, documentId, { label: 'Location', start: 68, end: 74 }, GOLD);
}

describe('feedback to annotators', () => {
  it("shows an annotator what review changed in their layer, each change with the reviewer's reason", async () => {
    await review();
    user = ids.ann1!;
    const feedback = await call('getFeedback', { documentId });
    expect(feedback).toMatchObject({ annotator: 'ann1', title: 'Kervadi', reviewed: true });
    expect(shown(feedback)).toEqual([
      'boundary: Claim "Officials said 12 people were killed" → Claim "12 people were killed" (the source is not part of the claim)',
      'kept: Figure "12" → Figure "12" (a number, not a hedge)',
      'kept: Location "Kervadi" → Location "Kervadi" (auto-accept: 2 agree (2 of 2: ann1, ann2))',
      'removed: Hedge "on Monday" → - (a date, not a hedge)',
      'added: - → Location "Quetta"',
    ]);
    expect(feedback.items.find((i) => i.kind === 'removed')!.decision).toMatchObject({
      outcome: 'reject',
      reviewer: 'rita',
      auto: false,
    });
  });

  it('shows the other annotator their own changes: relabelled where the reviewer took the other label', async () => {
    await review();
    user = ids.ann2!;
    expect(shown(await call('getFeedback', { documentId }))).toEqual([
      'kept: Claim "12 people were killed" → Claim "12 people were killed" (the source is not part of the claim)',
      'relabelled: Hedge "12" → Figure "12" (a number, not a hedge)',
      'kept: Location "Kervadi" → Location "Kervadi" (auto-accept: 2 agree (2 of 2: ann1, ann2))',
      'added: - → Location "Quetta"',
    ]);
  });

  it("shows each annotator's relations against gold's: kept, retyped, removed, added, with reasons", async () => {
    const span = (who: string, label: string, start: number) =>
      store
        .spansOf(documentId)
        .find((s) => !s.gold && s.annotator === who && s.label === label && s.start === start)!;
    const link = (who: string, type: string, from: { id: number }, to: { id: number }) =>
      store.addRelation(ids[who]!, { type, fromSpan: from.id, toSpan: to.id });
    link('ann1', 'in', span('ann1', 'Figure', 15), span('ann1', 'Claim', 0));
    link('ann1', 'attributed_to', span('ann1', 'Claim', 0), span('ann1', 'Location', 40));
    link('ann2', 'scopes', span('ann2', 'Hedge', 15), span('ann2', 'Claim', 15));
    link('ann2', 'attributed_to', span('ann2', 'Claim', 15), span('ann2', 'Location', 40));
    await review();
    // Decided once gold holds both spans (ann2's Claim and the agreed Location): rejected, with a reason.
    const key = (await call('listConflicts', { kinds: ['relation'] })).conflicts.find(
      (c) => c.key === 'rel:Claim@15-36>Location@40-47',
    )!.key;
    await call('decideConflict', {
      documentId,
      key,
      outcome: 'reject',
      reason: 'no source in this sentence',
    });
    // By hand in gold: the Figure in the Claim, and the Claim's source in Quetta.
    const gold = (label: string, start: number) =>
      store.spansOf(documentId).find((s) => s.gold && s.label === label && s.start === start)!;
    link('rita', 'in', gold('Figure', 15), gold('Claim', 15));
    link('rita', 'attributed_to', gold('Claim', 15), gold('Location', 68));

    const relationsShown = (feedback: DocumentFeedback) =>
      feedback.relations.map(
        (r) =>
          `${r.kind}: ${relationChangeText(r, (s) => `${s.label} "${s.text}"`)}${
            r.decision?.reason ? ` (${r.decision.reason})` : ''
          }`,
      );
    user = ids.ann1!;
    // ann1's Claim moved its boundary in gold and the Figure stayed: the relation between them is kept.
    expect(relationsShown(await call('getFeedback', { documentId }))).toEqual([
      'removed: Claim "Officials said 12 people were killed" attributed_to Location "Kervadi"',
      'kept: Figure "12" in Claim "Officials said 12 people were killed"',
      'added: Claim "12 people were killed" attributed_to Location "Quetta"',
    ]);
    user = ids.ann2!;
    const ann2 = await call('getFeedback', { documentId });
    // ann2's Hedge became a Figure in gold: the relation between the same two spans is retyped.
    expect(relationsShown(ann2)).toEqual([
      'retyped: Hedge "12" scopes → in Claim "12 people were killed"',
      'removed: Claim "12 people were killed" attributed_to Location "Kervadi" (no source in this sentence)',
      'added: Claim "12 people were killed" attributed_to Location "Quetta"',
    ]);
    // The change names both relations, each with its spans, so the panel can select the from-span.
    const retyped = ann2.relations[0]!;
    expect([retyped.mine!.from.id, retyped.gold!.from.id]).toEqual([
      span('ann2', 'Hedge', 15).id,
      gold('Figure', 15).id,
    ]);
    expect(ann2.relations[1]!.decision).toMatchObject({ outcome: 'reject', reviewer: 'rita', auto: false });
  });

  it("refuses an annotator another annotator's feedback, and lets a reviewer read anyone's", async () => {
    await review();
    user = ids.ann1!;
    expect(await refusal('getFeedback', { documentId, annotator: 'ann2' })).toBe(
      "feedback on ann2's layer is for reviewers and owners; ann1 sees feedback on their own layer only",
    );
    user = ids.rita!;
    expect((await call('getFeedback', { documentId, annotator: 'ann2' })).items).toHaveLength(4);
    expect(await refusal('getFeedback', { documentId, annotator: 'zed' })).toBe(
      'no annotator "zed" in this project (it has ann1, ann2, rita)',
    );
    expect(await refusal('getFeedback', { documentId: 99 })).toBe('document 99 does not exist');
  });

  it('says a document was not reviewed yet instead of listing every span as removed', async () => {
    user = ids.ann1!;
    expect(await call('getFeedback', { documentId })).toMatchObject({
      reviewed: false,
      items: [],
      relations: [],
    });
  });
});
