/** Per-user settings kept outside any project: the local user's name and recent projects. */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from './atomicOutput';

const settingsSchema = z.object({
  userName: z.string().min(1).nullable().default(null),
  recent: z.array(z.string()).default([]),
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

  private update(change: Partial<Settings>): void {
    this.settings = { ...this.settings, ...change };
    mkdirSync(dirname(this.path), { recursive: true });
    // Synced before the rename, so a power cut leaves the old settings or the new, never an empty file.
    writeFileAtomically(this.path, JSON.stringify(this.settings, null, 2));
  }
}
