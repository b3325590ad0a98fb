/** Cheap looks at a file, for telling formats apart without reading them whole. */
import { extensionOf } from './fileNames';
import type { InputFile } from './model';

/** The first non-blank line of a file, whole (a JSONL record may be long), without a BOM. */
export function firstLine(file: InputFile): string {
  const content = file.content.replace(/^\uFEFF/, '');
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end === -1) end = content.length;
    const line = content.slice(start, end).trim();
    if (line !== '') return line;
    start = end + 1;
  }
  return '';
}

/** The first line parsed as a JSON object, or undefined. */
export function firstJsonObject(file: InputFile): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(firstLine(file));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export const hasExtension = (file: InputFile, ...extensions: string[]) =>
  extensions.includes(extensionOf(file.path));
