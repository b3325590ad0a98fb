/**
 * Deletions survive a merge in both directions (issue 12 item 5): a span deleted in the project after
 * the package went out does not come back from the package, and a span the annotator deleted in the
 * package goes even when the project edited it after the package went out but before that deletion.
 * Merging again changes nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expandDocument } from '../contract/compactDocument';
import { tableDump } from '../store/testing';
import type { HeadlessProject } from './headless';
import { kabulProject, oneAtATime } from './packageProject.testkit';

const TEXT = 'Officials said 12 people died in Kabul.';

let dir: string;
let path: string;
const { as, closeAll, tag } = oneAtATime(() => path, TEXT);
const spanOf = async (p: HeadlessProject, label: string) =>
  expandDocument(await p.call('getDocument', { id: 1 })).spans.find((s) => s.label === label)!;

/** ann1's layer in the project as "Label text", in text order. */
function layer(): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare<[], { label: string; start: number; end: number }>(
        `SELECT l.key AS label, s.start, s."end" AS "end" FROM span s JOIN label l ON l.id = s.label_id
         JOIN annotator a ON a.id = s.annotator_id WHERE a.name = 'ann1' AND s.gold = 0 ORDER BY s.start`,
      )
      .all()
      .map((r) => `${r.label} ${TEXT.slice(r.start, r.end)}`);
  } finally {
    db.close();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'marginalia-deletions-'));
  path = join(dir, 'reports.marginalia');
  kabulProject(path, TEXT);
  const olga = as('olga');
  await olga.call('assignDocuments', { annotators: ['ann1'], perDocument: 1, strategy: 'round-robin' });
  await olga.call('setAnnotatorRole', { name: 'olga', role: 'owner' });
  const ann1 = as('ann1');
  await tag(ann1, '12 people', 'Figure');
  await tag(ann1, 'Kabul', 'Location');
  closeAll();
});

afterEach(() => {
  closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('deletions and a merge', () => {
  const out = () => join(dir, 'ann1.marginalia');
  /** The same package merged a second time: no row of the project changes. */
  const mergingAgainChangesNothing = () => {
    closeAll();
    const merged = tableDump(path);
    expect(as('olga').mergePackages([out()]).changed).toBe(false);
    closeAll();
    expect(tableDump(path)).toBe(merged);
  };

  it('a span deleted in the project after the package went out does not come back, and merging again writes nothing', async () => {
    as('olga').writePackage('ann1', out());
    const here = as('ann1');
    await here.call('deleteSpan', { spanId: (await spanOf(here, 'Location')).id });
    // Meanwhile on the laptop: the package still holds the Location, untouched; a new Claim.
    await tag(as('ann1', out()), 'Officials said', 'Claim');
    const report = as('olga').mergePackages([out()]);
    expect(layer()).toEqual(['Claim Officials said', 'Figure 12 people']);
    expect(report.packages[0]!.documents[0]).toMatchObject({ added: 1, removed: 0, keptNewer: 1 });
    mergingAgainChangesNothing();
  });

  it('a span the annotator deleted in the package goes, even after a project edit made since it went out', async () => {
    as('olga').writePackage('ann1', out());
    const here = as('ann1');
    await here.call('setSpanLabel', { spanId: (await spanOf(here, 'Figure')).id, label: 'Claim' });
    // Later, on the laptop: the annotator deletes that span (the package's Figure).
    const pkg = as('ann1', out());
    await pkg.call('deleteSpan', { spanId: (await spanOf(pkg, 'Figure')).id });
    const report = as('olga').mergePackages([out()]);
    expect(layer()).toEqual(['Location Kabul']);
    expect(report.packages[0]!.documents[0]).toMatchObject({ removed: 1, keptNewer: 0 });
    mergingAgainChangesNothing();
  });

  it('a package carries the deletions of its own layer and documents only', async () => {
    const olga = as('olga');
    await tag(olga, 'died', 'Claim');
    await olga.call('deleteSpan', { spanId: (await spanOf(olga, 'Claim')).id });
    const ann1 = as('ann1');
    await ann1.call('deleteSpan', { spanId: (await spanOf(ann1, 'Location')).id });
    as('olga').writePackage('ann1', out());
    closeAll();
    const db = new Database(out(), { readonly: true });
    const rows = db.prepare('SELECT annotator_id AS who FROM span_tombstone').all();
    const ann1Id = db.prepare("SELECT id FROM annotator WHERE name = 'ann1'").get() as { id: number };
    db.close();
    expect(rows).toEqual([{ who: ann1Id.id }]);
  });
});
