/**
 * The native file dialogs: the only place a project, import or export path comes from in the app
 * (besides the recent list the Node side keeps), so the renderer never names a file itself.
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { FormatInfo } from '../contract/types';
import { importExtensions } from '../core/formats/registry';
import { PROJECT_EXTENSION, type Dialogs } from '../services/workbench';

const projectFilters = [{ name: 'Marginalia project', extensions: [PROJECT_EXTENSION.slice(1)] }];

/** The dialog offers the files the import reads from a folder (brat: .txt/.ann pairs and annotation.conf). */
const dialogExtensions = (format: FormatInfo) => importExtensions(format.id).map((e) => e.slice(1));

/** Dialogs attached to the app's window (`window()` is read at each call: it exists once the app is ready). */
export function nativeDialogs(dialog: Dialog, window: () => BrowserWindow): Dialogs {
  return {
    async chooseNewProjectPath() {
      const result = await dialog.showSaveDialog(window(), { title: 'New project', filters: projectFilters });
      return result.canceled ? null : (result.filePath ?? null);
    },
    async chooseProjectPath() {
      const result = await dialog.showOpenDialog(window(), {
        title: 'Open project',
        filters: projectFilters,
        properties: ['openFile'],
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseImportPaths(folder, format) {
      const extensions = format ? dialogExtensions(format) : [];
      const result = await dialog.showOpenDialog(window(), {
        title: folder ? 'Import a folder' : 'Import files',
        properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
        filters: folder || !format ? [] : [{ name: format.name, extensions }],
      });
      return result.canceled ? null : result.filePaths;
    },
    async choosePackagePath(suggestedName) {
      const result = await dialog.showSaveDialog(window(), {
        title: 'Export work package',
        defaultPath: suggestedName,
        filters: projectFilters,
      });
      return result.canceled ? null : (result.filePath ?? null);
    },
    async choosePackagesToMerge() {
      const result = await dialog.showOpenDialog(window(), {
        title: 'Merge returned work',
        filters: projectFilters,
        properties: ['openFile', 'multiSelections'],
      });
      return result.canceled ? null : result.filePaths;
    },
    async chooseExportPath(suggestedName, format) {
      // Folder formats are saved as a new folder of that name; the export creates it.
      const result = await dialog.showSaveDialog(window(), {
        title: `Export ${format.name}`,
        defaultPath: suggestedName,
        filters: format.layout === 'file' ? [{ name: format.name, extensions: [format.extension] }] : [],
      });
      return result.canceled ? null : (result.filePath ?? null);
    },
  };
}
