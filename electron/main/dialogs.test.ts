/**
 * The native file dialogs, against a stand-in `dialog`: the import dialog offers every file the
 * import reads from a folder, so a file the import takes is never hidden by the dialog's filter.
 */
import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it } from 'vitest';
import { formatInfos } from '../services/formats';
import { nativeDialogs } from './dialogs';

/** A dialog that records what it was asked to show and answers as if the user cancelled. */
function recordingDialog() {
  const shown: { filters?: { name: string; extensions: string[] }[] }[] = [];
  const dialog = {
    showOpenDialog: async (_window: unknown, options: (typeof shown)[number]) => {
      shown.push(options);
      return { canceled: true, filePaths: [] };
    },
  } as unknown as Dialog;
  return { dialog, shown };
}

const format = (id: string) => formatInfos().find((f) => f.id === id)!;

describe('the import dialog', () => {
  it.each([
    ['conll', ['conll', 'bio', 'iob', 'txt', 'tsv']],
    ['jsonl', ['jsonl', 'ndjson']],
    ['brat', ['txt', 'ann', 'conf']],
  ])('offers every extension a %s import reads', async (id, extensions) => {
    const { dialog, shown } = recordingDialog();
    const dialogs = nativeDialogs(dialog, () => ({}) as BrowserWindow);
    expect(await dialogs.chooseImportPaths(false, format(id))).toBeNull();
    expect(shown[0]!.filters).toEqual([{ name: format(id).name, extensions }]);
  });

  it('shows every file for a folder, or when the format is told from each file', async () => {
    const { dialog, shown } = recordingDialog();
    const dialogs = nativeDialogs(dialog, () => ({}) as BrowserWindow);
    await dialogs.chooseImportPaths(true, format('conll'));
    await dialogs.chooseImportPaths(false, null);
    expect(shown.map((s) => s.filters)).toEqual([[], []]);
  });
});
