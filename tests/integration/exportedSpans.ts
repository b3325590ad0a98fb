/**
 * Reads the spans back out of an export-only format's files, as `label:covered text`, without the
 * app's readers (there are none for these formats): the oracle for "every span is in the export".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsv } from '../../electron/core/formats/csvRead.testkit';

interface JsonSpan {
  label: string;
  text: string;
}

const jsonLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { spans: JsonSpan[] });

/** `label:text` of every span an export-only format wrote, or null for a format read back by the app. */
export function spansInExport(formatId: string, out: string): string[] | null {
  const labelled = (spans: JsonSpan[]) => spans.map((s) => `${s.label}:${s.text}`);
  switch (formatId) {
    case 'spacy':
      return jsonLines(out)
        .flatMap((row) => labelled(row.spans))
        .sort();
    case 'hf':
      return readdirSync(out)
        .filter((f) => f.endsWith('.jsonl'))
        .flatMap((f) => jsonLines(join(out, f)).flatMap((row) => labelled(row.spans)))
        .sort();
    case 'csv': {
      const [header, ...rows] = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
      const label = header!.indexOf('label');
      const text = header!.indexOf('text');
      return rows.map((r) => `${r[label]}:${r[text]}`).sort();
    }
    default:
      return null;
  }
}
