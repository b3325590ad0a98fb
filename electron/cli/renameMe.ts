/** `marginalia rename-me PROJECT NEW-NAME`: the local user's new name in a project; their id and spans stay. */
import { UserError } from '../core/errors';
import type { HeadlessProject } from '../services/headless';

export async function renameMeCommand(project: HeadlessProject, name: string | undefined, local: string) {
  if (!name?.trim()) throw new UserError('rename-me takes PROJECT "NEW NAME"; nothing was changed');
  const known = (await project.call('listAnnotators', {})).some((a) => a.name === local);
  if (!known)
    throw new UserError(
      `you (${local}) have no annotator row in this project yet, so there is nothing to rename; nothing was changed`,
    );
  await project.call('renameMe', { name });
  return [
    `renamed you in this project: "${local}" → "${name.trim()}" (your spans and history stay yours)`,
    `run later commands as MARGINALIA_USER="${name.trim()}" to act under the new name`,
  ];
}
