/** File names for per-document files (brat, plain text): safe on every OS, unique within one export. */

const UNSAFE = /[^\p{L}\p{N}._-]+/gu;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Hands out a distinct, portable base name per document id. */
export class FileNamer {
  private readonly used = new Set<string>();

  /** A base name (no extension) for `id`: unsafe characters become `_`, clashes get `-2`, `-3`, ... */
  name(id: string): string {
    let base =
      id
        .replace(UNSAFE, '_')
        .replace(/^[._]+/, '')
        .slice(0, 120) || 'document';
    if (RESERVED.test(base)) base = `${base}_`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate.toLowerCase()); n++) candidate = `${base}-${n}`;
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}

/** The file name without folders and without its last extension. */
export function baseName(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(0, dot) : file;
}

/** The file's extension, lower case, without the dot ('' if none). */
export function extensionOf(path: string): string {
  const file = path.split(/[\\/]/).pop() ?? path;
  const dot = file.lastIndexOf('.');
  return dot > 0 ? file.slice(dot + 1).toLowerCase() : '';
}
