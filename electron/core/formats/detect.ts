/** Cheap looks at a file, for telling formats apart without reading them whole. */
import { extensionOf } from './fileNames';
import type { InputFile } from './model';

/** The first non-blank line of a file, at most 64 kB of it. */
export function firstLine(file: InputFile): string {
  const head = file.content.slice(0, 65536).replace(/^\uFEFF/, '');
  return (
    head
      .split(/\r?\n/)
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
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
