/**
 * The document list a page at a time: one annotator's rows in import order, filtered by status,
 * counted per status, under blind annotation only their own, and a document's neighbour for
 * Alt+PageDown/Up, through the handlers the app calls.
 */
import { describe, expect, it } from 'vitest';
import { refusal } from '../store/testing';
import { projectPerTest } from './handlers.testkit';

const project = projectPerTest('document-list', () =>
  Array.from({ length: 12 }, (_, i) => ({
    externalId: `d${i + 1}`,
    title: `Report ${i + 1}`,
    text: `Officials said ${i} people were evacuated.`,
    sha256: `h${i}`,
    source: {},
    newlinePolicy: 'none',
  })),
);
const as = (user: string) => project.as(user);
const titles = (page: { documents: { title: string }[] }) => page.documents.map((d) => d.title);

describe('the document list, a page at a time', () => {
  it('answers one page in import order with the total and the count of each status', async () => {
    const olga = as('olga');
    await olga.call('setDocumentStatus', { documentId: 2, status: 'done' });
    await olga.call('setDocumentStatus', { documentId: 5, status: 'in_progress' });
    await olga.call('setDocumentStatus', { documentId: 9, status: 'done' });
    const first = await olga.call('listDocumentPage', { offset: 0, limit: 5 });
    expect(titles(first)).toEqual(['Report 1', 'Report 2', 'Report 3', 'Report 4', 'Report 5']);
    expect(first.documents[1]).toMatchObject({ status: 'done', spanCount: 0, externalId: 'd2' });
    expect(first).toMatchObject({
      offset: 0,
      total: 12,
      counts: { all: 12, todo: 9, in_progress: 1, done: 2 },
    });
    expect(titles(await olga.call('listDocumentPage', { offset: 10, limit: 5 }))).toEqual([
      'Report 11',
      'Report 12',
    ]);
    const done = await olga.call('listDocumentPage', { status: 'done', offset: 0, limit: 5 });
    expect(titles(done)).toEqual(['Report 2', 'Report 9']);
    expect(done.total).toBe(2);
    const todo = await olga.call('listDocumentPage', { status: 'todo', offset: 2, limit: 3 });
    expect(titles(todo)).toEqual(['Report 4', 'Report 6', 'Report 7']);
    expect(todo.total).toBe(9);
  });

  it('finds the neighbour of a document in the filtered list, also of one the filter leaves out', async () => {
    const olga = as('olga');
    await olga.call('setDocumentStatus', { documentId: 4, status: 'done' });
    await olga.call('setDocumentStatus', { documentId: 8, status: 'done' });
    const next = (documentId: number, direction: 'forward' | 'backward', status?: 'done') =>
      olga.call('neighbourDocument', { documentId, direction, ...(status ? { status } : {}) });
    expect((await next(1, 'forward'))?.title).toBe('Report 2');
    expect((await next(1, 'forward', 'done'))?.title).toBe('Report 4');
    expect((await next(5, 'forward', 'done'))?.title).toBe('Report 8');
    expect((await next(8, 'backward', 'done'))?.title).toBe('Report 4');
    expect(await next(8, 'forward', 'done')).toBeNull();
    expect(await next(1, 'backward')).toBeNull();
  });

  it('under blind annotation lists and counts only the documents assigned to the annotator', async () => {
    const olga = as('olga');
    await olga.call('assignDocuments', {
      annotators: ['ann1'],
      perDocument: 1,
      strategy: 'round-robin',
      documents: [3, 6, 7, 11],
    });
    const ann1 = as('ann1');
    await ann1.call('setDocumentStatus', { documentId: 7, status: 'done' });
    // A status on a document not assigned to them is refused, so it cannot show in their counts.
    expect(refusal(() => ann1.call('setDocumentStatus', { documentId: 2, status: 'done' }))).toMatch(
      /not assigned to you/,
    );
    const page = await ann1.call('listDocumentPage', { offset: 0, limit: 10 });
    expect(titles(page)).toEqual(['Report 3', 'Report 6', 'Report 7', 'Report 11']);
    expect(page.counts).toEqual({ all: 4, todo: 3, in_progress: 0, done: 1 });
    expect((await ann1.call('neighbourDocument', { documentId: 3, direction: 'forward' }))?.title).toBe(
      'Report 6',
    );
    expect(refusal(() => ann1.call('neighbourDocument', { documentId: 2, direction: 'forward' }))).toMatch(
      /document 2 is not assigned to you/,
    );
  });

  it('refuses a page larger than 500 rows in words', async () => {
    const olga = as('olga');
    const message = refusal(() => olga.call('listDocumentPage', { offset: 0, limit: 5000 }));
    expect(message).toMatch(/^limit: Too big: expected number to be <=500; nothing was changed$/);
  });
});
