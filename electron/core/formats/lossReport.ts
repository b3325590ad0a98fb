/**
 * The loss report of an export: what the target format cannot hold, counted per kind with a few
 * examples each, so nothing is dropped silently. Writers call `add`; the pipeline shows the report
 * in the app and writes `toJson()` / `toText()` beside the export.
 */
import type { LossCollector, LossEntry } from './model';

/** Examples kept per kind; the count keeps going. */
export const EXAMPLES_PER_KIND = 5;

export class LossReport implements LossCollector {
  private readonly entries = new Map<string, LossEntry>();

  add(kind: string, message: string, document: string, detail: string): void {
    let entry = this.entries.get(kind);
    if (!entry) {
      entry = { kind, message, count: 0, examples: [] };
      this.entries.set(kind, entry);
    }
    entry.count++;
    if (entry.examples.length < EXAMPLES_PER_KIND) entry.examples.push({ document, detail });
  }

  /** Every kind, in the order first seen. */
  list(): LossEntry[] {
    return [...this.entries.values()];
  }

  get isEmpty(): boolean {
    return this.entries.size === 0;
  }

  /** The report as JSON: `{ format, lossless, losses: LossEntry[] }`. */
  toJson(format: string): string {
    return JSON.stringify({ format, lossless: this.isEmpty, losses: this.list() }, null, 2) + '\n';
  }

  /** The report as text a person reads: one paragraph per kind with its examples. */
  toText(format: string): string {
    if (this.isEmpty) return `Export to ${format}: nothing was lost.\n`;
    const lines = [`Export to ${format}: what the format could not hold`, ''];
    for (const { kind, message, count, examples } of this.entries.values()) {
      lines.push(`${kind} (${count}): ${message}`);
      for (const { document, detail } of examples) lines.push(`  - ${document}: ${detail}`);
      if (count > examples.length) lines.push(`  - … and ${count - examples.length} more`);
      lines.push('');
    }
    return lines.join('\n');
  }
}
