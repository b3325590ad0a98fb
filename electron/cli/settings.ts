/**
 * `marginalia settings PROJECT [--reviewers-edit-layers on|off]`: shows the project's settings, or
 * changes one through the same handler (and edit rule) as the layer picker in the app.
 */
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../core/errors';
import type { LayerPolicy } from '../core/layers';

/** The lines of the CLI's usage for this command. */
export const SETTINGS_USAGE = `  settings PROJECT           show the project's settings
      --reviewers-edit-layers on|off
                             let reviewers edit annotators' layers, or not (default off; only a
                             reviewer may change it; logged in the project's event log)`;

export const SETTINGS_OPTIONS: NonNullable<ParseArgsConfig['options']> = {
  'reviewers-edit-layers': { type: 'string' },
};

/** What `settings` reads and writes: the CLI's headless project. */
export interface SettingsTarget {
  layerPolicy(): LayerPolicy;
  /** Whether the local user is an annotator of the project yet (a change must not add them). */
  knowsLocalUser(): boolean;
  localUserName(): string;
  call(method: 'setLayerPolicy', args: LayerPolicy): LayerPolicy | Promise<LayerPolicy>;
}

/** The change asked for, or null to only show; a value other than on or off is refused. */
export function requestedPolicy(value: string | boolean | string[] | undefined): LayerPolicy | null {
  if (value === undefined) return null;
  if (value === 'on' || value === 'off') return { reviewersEditAnnotatorLayers: value === 'on' };
  throw new UserError(`--reviewers-edit-layers takes on or off, not "${String(value)}"; nothing was changed`);
}

/** Applies the change (if any) and returns the lines to print. */
export async function runSettings(project: SettingsTarget, change: LayerPolicy | null): Promise<string[]> {
  if (change && !project.knowsLocalUser())
    throw new UserError(
      `${project.localUserName()} is not an annotator in this project, and only its reviewers change its settings; nothing was changed`,
    );
  const policy = change ? await project.call('setLayerPolicy', change) : project.layerPolicy();
  return [`reviewers edit annotators' layers: ${policy.reviewersEditAnnotatorLayers ? 'on' : 'off'}`];
}
