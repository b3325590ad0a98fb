/**
 * The formats as the pipeline uses them: which can be imported or exported, and which format a file
 * is in when the user leaves it to `auto` (by extension, and for .jsonl by its first line).
 */
import { basename, extname } from 'node:path';
import { UserError } from '../core/errors';
import { FORMATS, importExtensions } from '../core/formats/registry';
import type { FormatDefinition, FormatId } from '../core/formats/model';
import type { FormatInfo } from '../contract/types';

/** The format with this id; a UserError when it cannot be used the way asked. */
export function formatFor(id: string, use: 'import' | 'export'): FormatDefinition {
  const format = FORMATS.find((f) => f.id === id);
  const usable = use === 'import' ? format?.read : format?.createWriter;
  if (!format || !usable) {
    const ids = FORMATS.filter((f) => (use === 'import' ? f.read : f.createWriter)).map((f) => f.id);
    throw new UserError(`"${id}" is not a format this version can ${use}; choose one of ${ids.join(', ')}`);
  }
  return format;
}

export function formatInfos(): FormatInfo[] {
  return FORMATS.map((f) => ({
    id: f.id,
    name: f.name,
    layout: f.layout,
    extension: f.extension,
    canImport: Boolean(f.read),
    canExport: Boolean(f.createWriter),
  }));
}

/** Whether a file found in a folder is one `format` reads. */
export function takesExtension(format: FormatId, file: string): boolean {
  return importExtensions(format).includes(extname(file).toLowerCase());
}

/**
 * The format of a file under `auto`, or null when no reader takes it: the first format whose own
 * `detect` accepts the file's head, except that a .txt beside a same-named .ann is brat's text.
 */
export function detectFormat(
  file: string,
  head: () => string,
  siblings: ReadonlySet<string>,
): FormatId | null {
  const name = basename(file);
  const extension = extname(name);
  if (extension.toLowerCase() === '.txt' && siblings.has(`${name.slice(0, -extension.length)}.ann`))
    return 'brat';
  const sample = { path: file, content: head() };
  return FORMATS.find((f) => f.read && f.detect?.(sample))?.id ?? null;
}
