/** Export of a whole project to native JSONL, written to a temporary file and renamed into place. */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { UserError } from '../core/errors';
import { nativeJsonLine } from '../core/formats/nativeJsonl';
import type { ExportResult } from '../contract/types';
import type { ProjectStore } from '../store/projectStore';

const FLUSH_BYTES = 1 << 20;

export function exportNativeJsonl(store: ProjectStore, path: string): ExportResult {
  const temp = `${path}.partial`;
  let fd: number;
  try {
    fd = openSync(temp, 'w');
  } catch (error) {
    throw new UserError(`cannot write ${path}: ${(error as Error).message}`);
  }
  let documents = 0;
  let spans = 0;
  try {
    let buffer = '';
    for (const { document, spans: documentSpans } of store.documentsWithSpans()) {
      buffer += nativeJsonLine(document, documentSpans) + '\n';
      documents++;
      spans += documentSpans.length;
      if (buffer.length >= FLUSH_BYTES) {
        writeSync(fd, buffer);
        buffer = '';
      }
    }
    writeSync(fd, buffer);
    closeSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  // A reader never sees a half-written export under the final name.
  renameSync(temp, path);
  return { path, format: 'jsonl', documents, spans };
}
