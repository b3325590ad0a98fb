/**
 * Names the renderer may use for files instead of paths: a compromised renderer can then refer only
 * to files the user picked in a dialog or opened before, never to a path of its own.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../core/errors';

/** Import jobs whose files "Import again" can still take (as many as the job table keeps). */
const MAX_REMEMBERED_IMPORTS = 20;

/** Opaque handles for recent projects, random per run; a handle names a path only while it is in the list. */
export class RecentHandles {
  private readonly handles = new Map<string, string>();

  handleOf(path: string): string {
    let handle = this.handles.get(path);
    if (!handle) this.handles.set(path, (handle = randomUUID()));
    return handle;
  }

  pathOf(handle: string, recent: readonly string[]): string {
    const path = recent.find((p) => this.handles.get(p) === handle);
    if (!path)
      throw new UserError(
        'that project is no longer in the recent list, so nothing was opened: open it with Open Project…',
      );
    return path;
  }
}

/** The files each recent import job was given, so "Import again" names the job instead of its paths. */
export class ImportChoices {
  private readonly choices = new Map<string, string[]>();

  remember(jobId: string, paths: string[]): void {
    this.choices.set(jobId, paths);
    for (const oldest of this.choices.keys())
      if (this.choices.size > MAX_REMEMBERED_IMPORTS) this.choices.delete(oldest);
  }

  pathsOf(jobId: string): string[] {
    const paths = this.choices.get(jobId);
    if (!paths)
      throw new UserError(
        `import ${jobId} is not one this session remembers, so nothing was imported: choose the files again`,
      );
    return paths;
  }
}
