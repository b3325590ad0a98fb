/** The people of a project: created on first use, listed with their span counts, given a role. */
import { UserError } from '../core/errors';
import type { ProjectDatabase } from './database';
import { now } from './database';
import type { AnnotatorRow } from './rows';

export class AnnotatorStore {
  constructor(private readonly db: ProjectDatabase) {}

  /** The annotator row of a person, created on first use. */
  ensure(name: string): number {
    const known = this.db.prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?');
    // Read first, so a reader (or a full disk) can look up a known name; a new one is one action.
    return (
      known.get(name)?.id ??
      this.db.action(() => {
        this.db.prepare('INSERT INTO annotator (name) VALUES (?) ON CONFLICT (name) DO NOTHING').run(name);
        return known.get(name)!.id;
      })
    );
  }

  /** Everyone who has annotated in this project (or imported into it), by name. */
  list(): AnnotatorRow[] {
    return this.db.prepare<[], AnnotatorRow>('SELECT id, name, role FROM annotator ORDER BY name').all();
  }

  /** The annotators, by name, with how many spans each holds. */
  withSpanCounts(): (AnnotatorRow & { spans: number })[] {
    return this.db
      .prepare<[], AnnotatorRow & { spans: number }>(
        `SELECT a.id, a.name, a.role, (SELECT count(*) FROM span s WHERE s.annotator_id = a.id) AS spans
         FROM annotator a ORDER BY a.name`,
      )
      .all();
  }

  /**
   * Gives an annotator a role (reviewers' spans are the gold layer). Logged (entity `annotator`,
   * before and after the row) as `by`'s action, not undone; setting the role it already has changes nothing.
   */
  setRole(name: string, role: AnnotatorRow['role'], by: number | null): AnnotatorRow {
    return this.db.action(() => {
      const before = this.db
        .prepare<[string], AnnotatorRow>('SELECT id, name, role FROM annotator WHERE name = ?')
        .get(name);
      if (!before)
        throw new UserError(
          `no annotator "${name}" in this project; it has ${
            this.list()
              .map((a) => a.name)
              .join(', ') || 'none'
          }`,
        );
      if (before.role === role) return before;
      this.db.prepare('UPDATE annotator SET role = ? WHERE id = ?').run(role, before.id);
      const after = { ...before, role };
      this.db.logEvent({
        at: now(),
        annotatorId: by,
        documentId: null,
        op: 'role',
        entity: 'annotator',
        entityId: before.id,
        before,
        after,
      });
      return after;
    });
  }
}
