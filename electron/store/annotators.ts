/** The people of a project: created on first use, listed with their span counts, given a role, renamed. */
import { UserError } from '../core/errors';
import type { Role } from '../core/layers';
import { roleChangeRefusal } from '../core/teams';
import type { ProjectDatabase } from './database';
import { now } from './database';
import { ROLE_SQL } from './layers';
import type { AnnotatorRow } from './rows';

/** An annotator with their stable id, as the team screens and `annotators --json` list them. */
export type TeamMemberRow = AnnotatorRow & { uid: string; spans: number };

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

  /** Makes `name` an owner (the project's creator), their row made if new; not logged (the project is new). */
  makeOwner(name: string): void {
    const id = this.ensure(name);
    this.db.prepare("UPDATE annotator SET owner = 1, role = 'reviewer' WHERE id = ?").run(id);
  }

  /** Everyone who has annotated in this project (or imported into it), by name. */
  list(): AnnotatorRow[] {
    return this.db
      .prepare<[], AnnotatorRow>(`SELECT a.id, a.name, ${ROLE_SQL} AS role FROM annotator a ORDER BY a.name`)
      .all();
  }

  /** The annotators, by name, with their stable ids and how many spans each holds. */
  withSpanCounts(): TeamMemberRow[] {
    return this.db
      .prepare<[], TeamMemberRow>(
        `SELECT a.id, a.uid, a.name, ${ROLE_SQL} AS role,
                (SELECT count(*) FROM span s WHERE s.annotator_id = a.id) AS spans
         FROM annotator a ORDER BY a.name`,
      )
      .all();
  }

  /** Row id, stable id and name of everyone, by name (no counts: cheap at any project size). */
  identities(): { id: number; uid: string; name: string }[] {
    return this.db
      .prepare<[], { id: number; uid: string; name: string }>(
        'SELECT id, uid, name FROM annotator ORDER BY name',
      )
      .all();
  }

  /** How many owners the project has (none for a project made before roles). */
  owners(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM annotator WHERE owner = 1').get()!.n;
  }

  /** The role of one annotator by row id. */
  roleOf(id: number): Role {
    const row = this.db
      .prepare<[number], { role: Role }>(`SELECT ${ROLE_SQL} AS role FROM annotator a WHERE a.id = ?`)
      .get(id);
    if (!row) throw new Error(`roleOf: no annotator ${id}`);
    return row.role;
  }

  /**
   * Gives an annotator a role, as `by` asks (refused unless `by` is an owner, or the project has none
   * yet; null: the system, unchecked). An owner writes gold, so their role column says reviewer.
   * Logged (entity `annotator`, before and after the row), not undone; the same role changes nothing.
   */
  setRole(name: string, role: Role, by: number | null): AnnotatorRow {
    return this.db.action(() => {
      const before = this.named(name);
      if (by !== null) {
        const refusal = roleChangeRefusal(this.roleOf(by), { role: before.role, next: role }, this.owners());
        if (refusal) throw new UserError(`cannot make ${name} ${role}: ${refusal}; nothing was changed`);
      }
      if (before.role === role) return before;
      this.db
        .prepare('UPDATE annotator SET owner = ?, role = ? WHERE id = ?')
        .run(role === 'owner' ? 1 : 0, role === 'annotator' ? 'annotator' : 'reviewer', before.id);
      const after = { ...before, role };
      this.log(by, before, after, 'role');
      return after;
    });
  }

  /**
   * Renames an annotator (the local user renaming themselves): their id, spans and history stay, only
   * the name changes. Logged; a name another annotator has is refused and nothing changes.
   */
  rename(id: number, name: string): AnnotatorRow {
    return this.db.action(() => {
      const before = this.db
        .prepare<[number], AnnotatorRow>(
          `SELECT a.id, a.name, ${ROLE_SQL} AS role FROM annotator a WHERE a.id = ?`,
        )
        .get(id);
      if (!before) throw new Error(`rename: no annotator ${id}`);
      if (before.name === name) return before;
      const taken = this.db
        .prepare<[string], { id: number }>('SELECT id FROM annotator WHERE name = ?')
        .get(name);
      if (taken)
        throw new UserError(
          `another annotator in this project is already called "${name}"; your name stays "${before.name}"`,
        );
      this.db.prepare('UPDATE annotator SET name = ? WHERE id = ?').run(name, id);
      const after = { ...before, name };
      this.log(id, before, after, 'rename');
      return after;
    });
  }

  /** One annotator by name; a UserError naming who the project has when there is none such. */
  named(name: string): AnnotatorRow {
    const row = this.db
      .prepare<[string], AnnotatorRow>(
        `SELECT a.id, a.name, ${ROLE_SQL} AS role FROM annotator a WHERE a.name = ?`,
      )
      .get(name);
    if (row) return row;
    throw new UserError(
      `no annotator "${name}" in this project; it has ${
        this.list()
          .map((a) => a.name)
          .join(', ') || 'none'
      }`,
    );
  }

  private log(by: number | null, before: AnnotatorRow, after: AnnotatorRow, op: 'role' | 'rename'): void {
    this.db.logEvent({
      at: now(),
      annotatorId: by,
      documentId: null,
      op,
      entity: 'annotator',
      entityId: before.id,
      before,
      after,
    });
  }
}
