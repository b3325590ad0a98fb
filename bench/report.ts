/**
 * Figures and budget verdicts, printed one a line in a fixed greppable form:
 *   bench NAME key=value ...
 *   budget NAME key=value ... limit_X=N ok|over
 * and a closing `summary` line. Progress and diagnostics go to stderr, so stdout holds only these.
 */

/** Median and 95th percentile (nearest rank) of a sample. */
export function summarize(sample: readonly number[]): {
  median: number;
  p95: number;
  min: number;
  max: number;
} {
  if (sample.length === 0) throw new Error('empty sample');
  const sorted = [...sample].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, p95: at(0.95), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

type Value = number | string;

const format = (value: Value) => (typeof value === 'number' ? value.toFixed(1) : value);

export class Report {
  private readonly verdicts: { name: string; ok: boolean }[] = [];
  private figures = 0;

  /** One figure line. Integers (counts) print as integers, other numbers with one decimal. */
  figure(name: string, values: Record<string, Value>, counts: Record<string, number> = {}): void {
    const fields = [
      ...Object.entries(values).map(([key, value]) => `${key}=${format(value)}`),
      ...Object.entries(counts).map(([key, value]) => `${key}=${value}`),
    ];
    console.log(`bench ${name} ${fields.join(' ')}`);
    this.figures++;
  }

  /** A budget verdict: `value` against `limit` (lower is better). Never fails the run. */
  budget(name: string, key: string, value: number, limit: number, context: Record<string, Value> = {}): void {
    const ok = value < limit;
    const extra = Object.entries(context).map(([k, v]) => ` ${k}=${format(v)}`);
    console.log(
      `budget ${name} ${key}=${format(value)} limit_${key.replace(/^.*_/, '')}=${limit}${extra.join('')} ${ok ? 'ok' : 'over'}`,
    );
    this.verdicts.push({ name, ok });
  }

  summary(seconds: number, status: 'ok' | 'error'): void {
    const over = this.verdicts.filter((v) => !v.ok).map((v) => v.name);
    console.log(
      `summary status=${status} figures=${this.figures} budgets=${this.verdicts.length} ok=${this.verdicts.length - over.length} over=${over.length}` +
        `${over.length ? ` over_budget=${over.join(',')}` : ''} total_s=${seconds.toFixed(1)}`,
    );
  }
}

/** Progress for the person watching; stderr, so it never mixes with the figures. */
export const progress = (message: string) => console.error(`[bench] ${message}`);
