/** The review tests' document: three annotators who agree on a Claim and disagree in four kinds. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ApiHandlers } from '../contract/api';
import type { ProjectStore } from '../store/projectStore';
import { reviewedProject } from '../store/testing';
import { autoAcceptHandlers } from './autoAccept';
import { editorFlowHandlers } from './editorFlow';
import { accessAs, apiCaller } from './handlers.testkit';
import { reviewHandlers } from './review';
import { reviewProgressHandlers } from './reviewProgress';

//                           0         1         2         3         4         5
//                           0123456789012345678901234567890123456789012345678901234
export const REVIEW_TEXT = 'Officials said 12 people were killed in Kervadi on Monday.';

/**
 * Claim 0-57: all three agree. Figure "12": ann1 and ann2 say count, ann3 other (attribute).
 * Location "Kervadi": ann1, ann2; ann3 none (missing). "on Monday": ann1 Hedge, ann2 Claim (label).
 * "people were killed": Claim 15-36 ann1, 18-36 ann2 (boundary).
 */
export function addDisagreements(store: ProjectStore, ids: Record<string, number>, documentId: number): void {
  const add = (who: string, label: string, start: number, end: number, attributes = {}) =>
    store.addSpan(ids[who]!, documentId, { label, start, end, attributes });
  for (const who of ['ann1', 'ann2', 'ann3']) add(who, 'Claim', 0, 57);
  add('ann1', 'Figure', 15, 17, { category: 'count' });
  add('ann2', 'Figure', 15, 17, { category: 'count' });
  add('ann3', 'Figure', 15, 17, { category: 'other' });
  add('ann1', 'Location', 40, 47);
  add('ann2', 'Location', 40, 47);
  add('ann1', 'Hedge', 48, 57);
  add('ann2', 'Claim', 48, 57);
  add('ann1', 'Claim', 15, 36);
  add('ann2', 'Claim', 18, 36);
}

/** A temporary project holding `addDisagreements`, and the review API as `user` (rita at first) calls it. */
export interface ReviewFixture {
  dir: string;
  path: string;
  store: ProjectStore;
  ids: Record<string, number>;
  documentId: number;
  user: number;
  handlers: ApiHandlers;
}

export function reviewFixture(name: string): ReviewFixture {
  const dir = mkdtempSync(join(tmpdir(), `marginalia-${name}-`));
  const path = join(dir, 'p.marginalia');
  const { store, ids, documentId } = reviewedProject(path, REVIEW_TEXT, ['ann1', 'ann2', 'ann3']);
  const fixture: ReviewFixture = {
    dir,
    path,
    store,
    ids,
    documentId,
    user: ids.rita!,
    handlers: {} as ApiHandlers,
  };
  const access = accessAs(
    () => fixture.store,
    () => fixture.user,
  );
  fixture.handlers = {
    ...reviewHandlers(access),
    ...autoAcceptHandlers(access),
    ...reviewProgressHandlers(access),
    ...editorFlowHandlers(access.annotating, access.openStore),
  } as ApiHandlers;
  addDisagreements(store, ids, documentId);
  return fixture;
}

export function closeReviewFixture(fixture: ReviewFixture): void {
  fixture.store.close();
  rmSync(fixture.dir, { recursive: true, force: true });
}

/**
 * A new review fixture for each test (made before it, removed after it): `fixture` reads and sets
 * the current one's fields (`fixture.user = …` changes who calls), `call` and `refusal` go to its
 * handlers.
 */
export function reviewPerTest(name: string) {
  let current: ReviewFixture | null = null;
  const now = (): ReviewFixture => {
    if (!current) throw new Error('the review fixture exists only while a test runs');
    return current;
  };
  beforeEach(() => {
    current = reviewFixture(name);
  });
  afterEach(() => {
    if (current) closeReviewFixture(current);
    current = null;
  });
  const fixture = new Proxy({} as ReviewFixture, {
    get: (_, key) => Reflect.get(now(), key) as unknown,
    set: (_, key, value) => Reflect.set(now(), key, value),
  });
  return { fixture, ...apiCaller(() => now().handlers) };
}
