/**
 * The formats as the pipeline uses them: which can be imported or exported, and which format a file
 * is in when the user leaves it to `auto` (by extension, and for .jsonl by its first line).
 */
import { basename, extname } from 'node:path';
import { UserError } from '../core/errors';
import { FORMATS, formatById } from '../core/formats/registry';
import type { FormatDefinition, FormatId, InputFile, ReadOptions, ReadResult } from '../core/formats/model';
import { SourceText } from '../core/formats/sourceText';
import { titleFromText } from '../core/text';
import type { FormatInfo } from '../contract/types';

/**
 * Plain text: one document per file, no spans. Used when the registry has no `txt` reader of its
 * own, so that plain text goes through the same import path as every annotated format.
 */
const plainText: FormatDefinition = {
  id: 'txt',
  name: 'Plain text',
  layout: 'folder',
  extension: 'txt',
  read(files: readonly InputFile[], _options: ReadOptions): ReadResult {
    return {
      problems: [],
      documents: files.map((file) => {
        const source = new SourceText(file.content);
        const id = basename(file.path, extname(file.path));
        return {
          id,
          title: titleFromText(source.text, id),
          text: source.text,
          status: 'todo',
          source: { file: basename(file.path), newlines: source.newlines },
          spans: [],
          relations: [],
        };
      }),
    };
  },
};

/** Every format, the registry's own first. */
function allFormats(): FormatDefinition[] {
  return formatById('txt') ? [...FORMATS] : [...FORMATS, plainText];
}

/** The format with this id; a UserError when it cannot be used the way asked. */
export function formatFor(id: string, use: 'import' | 'export'): FormatDefinition {
  const format = allFormats().find((f) => f.id === id);
  const usable = use === 'import' ? format?.read : format?.createWriter;
  if (!format || !usable) {
    const ids = allFormats()
      .filter((f) => (use === 'import' ? f.read : f.createWriter))
      .map((f) => f.id);
    throw new UserError(`"${id}" is not a format this version can ${use}; choose one of ${ids.join(', ')}`);
  }
  return format;
}

export function formatInfos(): FormatInfo[] {
  return allFormats().map((f) => ({
    id: f.id,
    name: f.name,
    layout: f.layout,
    extension: f.extension,
    canImport: Boolean(f.read),
    canExport: Boolean(f.createWriter),
  }));
}

/** Extensions (lower case, with dot) each importable format takes when it reads a folder. */
const EXTENSIONS: Partial<Record<FormatId, readonly string[]>> = {
  txt: ['.txt'],
  jsonl: ['.jsonl', '.ndjson'],
  doccano: ['.jsonl', '.json'],
  labelstudio: ['.json'],
  brat: ['.txt', '.ann', '.conf'],
  conll: ['.conll', '.bio', '.iob', '.txt', '.tsv'],
};

/** Whether a file found in a folder is one `format` reads. */
export function takesExtension(format: FormatId, file: string): boolean {
  const extension = extname(file).toLowerCase();
  return (EXTENSIONS[format] ?? [`.${formatFor(format, 'import').extension}`]).includes(extension);
}

/**
 * The format of a file under `auto`, or null when no reader takes it. `siblings` are the names in
 * the same folder: a .txt beside a same-named .ann is brat's text, not a plain document.
 */
export function detectFormat(
  file: string,
  firstLine: () => string,
  siblings: ReadonlySet<string>,
): FormatId | null {
  const name = basename(file);
  const extension = extname(name).toLowerCase();
  const stem = name.slice(0, name.length - extension.length);
  const known = (id: FormatId) => (allFormats().some((f) => f.id === id && f.read) ? id : null);
  switch (extension) {
    case '.txt':
      return siblings.has(`${stem}.ann`) ? known('brat') : known('txt');
    case '.ann':
      return known('brat');
    case '.conf':
      return name === 'annotation.conf' ? known('brat') : null;
    case '.json':
      return known('labelstudio');
    case '.jsonl':
    case '.ndjson':
      return /"format"\s*:\s*"marginalia-jsonl\//.test(firstLine()) ? known('jsonl') : known('doccano');
    case '.conll':
    case '.bio':
    case '.iob':
      return known('conll');
    default:
      return null;
  }
}
