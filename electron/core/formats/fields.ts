/** Small checks for JSON read from files (core stays free of zod): each answers a value or undefined. */
import { DOCUMENT_STATUSES } from '../documentStatus';
import type { AttributeValue, DocumentStatus } from './model';

export type JsonRecord = Record<string, unknown>;

/** A document status written in a file, or undefined if it is not one. */
export const statusOf = (v: unknown): DocumentStatus | undefined => DOCUMENT_STATUSES.find((s) => s === v);

export const isRecord = (v: unknown): v is JsonRecord =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const str = (o: JsonRecord, key: string): string | undefined =>
  typeof o[key] === 'string' ? o[key] : undefined;

export const int = (o: JsonRecord, key: string): number | undefined =>
  Number.isInteger(o[key]) ? (o[key] as number) : undefined;

/** An id that may be written as a string or a number (`T3`, `12`). */
export const idOf = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : Number.isFinite(v) ? String(v) : undefined;

/** Attribute values by name; entries that are not string, number or boolean are left out and listed. */
export function attributesOf(v: unknown): { attributes: Record<string, AttributeValue>; rejected: string[] } {
  const attributes: Record<string, AttributeValue> = {};
  const rejected: string[] = [];
  if (!isRecord(v)) return { attributes, rejected };
  for (const [name, value] of Object.entries(v)) {
    if (typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value))
      attributes[name] = value as AttributeValue;
    else rejected.push(name);
  }
  return { attributes, rejected };
}

export interface JsonLine {
  line: number;
  value: unknown;
}

/**
 * The JSON value of each non-blank line of a JSONL file, with its 1-based line number; lines that do
 * not parse are reported through `onError` instead.
 */
export function* jsonLines(
  content: string,
  onError: (line: number, message: string) => void,
): Generator<JsonLine> {
  let line = 0;
  // JSON strings cannot hold a raw CR or LF, so every kind of line end separates records. A BOM is
  // not part of the first record.
  for (const raw of content.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    line++;
    const trimmed = raw.trim();
    if (trimmed === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      onError(line, `not valid JSON: ${(error as Error).message}`);
      continue;
    }
    const problem = jsonValueProblem(value);
    if (problem) onError(line, problem);
    else yield { line, value };
  }
}

/** Deeper JSON than this is refused: no format nests near it, and deeper values overflow the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * What makes a parsed JSON value unfit to store, or undefined: nesting past MAX_JSON_DEPTH, or a lone
 * UTF-16 surrogate (`"\ud800"`) in a string or key, which is no character, cannot be written as UTF-8
 * and would shift every offset after it once read back.
 */
export function jsonValueProblem(value: unknown, path = '', depth = 0): string | undefined {
  const where = path === '' ? 'the record' : `"${path}"`;
  if (typeof value === 'string') {
    const at = loneSurrogateAt(value);
    return at === -1
      ? undefined
      : `${where} holds a lone surrogate \\u${value.charCodeAt(at).toString(16)} at character ${at}, ` +
          'which is not a character and cannot be stored; fix the escape in the file';
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth >= MAX_JSON_DEPTH)
    return `"${path.split(/[.[]/)[0]}" is nested more than ${MAX_JSON_DEPTH} levels deep`;
  for (const [key, item] of Object.entries(value)) {
    const inner = Array.isArray(value) ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
    const problem = jsonValueProblem(key, inner, depth) ?? jsonValueProblem(item, inner, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/** Index of the first surrogate code unit without its partner, or -1. */
export function loneSurrogateAt(text: string): number {
  const match = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
  return match ? match.index : -1;
}
