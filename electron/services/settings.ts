/**
 * Per-user settings kept outside any project: the local user's name, recent projects, and the
 * targets of exports still being written (so a start after a crash can clear their temporaries).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './atomicOutput';

const settingsSchema = z.object({
  userName: z.string().min(1).nullable().default(null),
  recent: z.array(z.string()).default([]),
  exportsInFlight: z.array(z.string()).default([]),
});

export type Settings = z.infer<typeof settingsSchema>;

const MAX_RECENT = 10;

export class SettingsFile {
  private settings: Settings;

  constructor(private readonly path: string) {
    this.settings = SettingsFile.read(path);
  }

  /** A missing or unreadable file gives defaults: settings are a convenience, never a reason not to start. */
  private static read(path: string): Settings {
    try {
      return settingsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch {
      return settingsSchema.parse({});
    }
  }

  get(): Settings {
    return this.settings;
  }

  setUserName(userName: string): void {
    this.update({ userName });
  }

  addRecent(projectPath: string): void {
    this.update({
      recent: [projectPath, ...this.settings.recent.filter((p) => p !== projectPath)].slice(0, MAX_RECENT),
    });
  }

  removeRecent(projectPath: string): void {
    this.update({ recent: this.settings.recent.filter((p) => p !== projectPath) });
  }

  /** An export to `target` has started; its temporary may be left behind if the app dies. */
  exportStarted(target: string): void {
    this.update({ exportsInFlight: [...this.settings.exportsInFlight.filter((t) => t !== target), target] });
  }

  exportEnded(target: string): void {
    this.update({ exportsInFlight: this.settings.exportsInFlight.filter((t) => t !== target) });
  }

  private update(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    mkdirSync(dirname(this.path), { recursive: true });
    // Synced before the rename, so a power cut leaves the old settings or the new, never an empty file.
    writeFileAtomically(this.path, JSON.stringify(this.settings, null, 2));
  }
}
