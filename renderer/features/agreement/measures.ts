/** The figures the Agreement view can show for a pair, and how to read one from the report. */
import type { AgreementResult } from '../../../electron/contract/types';

export const MEASURES = {
  exact_f1: 'Exact F1',
  partial_f1: 'Partial F1',
  token_kappa: "Cohen's kappa (tokens)",
  alpha_u: 'Alpha-U',
} as const;

export type Measure = keyof typeof MEASURES;
type Pair = AgreementResult['pairs'][number];

/** A pair's figure of `measure`, over all labels or of one. */
export function pairValue(pair: Pair, measure: Measure, label: string | null): number | null {
  const f = label === null ? pair : pair.labels[label];
  if (!f) return null;
  if (measure === 'exact_f1') return f.exact.f1;
  if (measure === 'partial_f1') return f.partial.f1;
  return f[measure];
}

/** A figure as the view prints it: three decimals, or a dash when it is not defined. */
export const shown = (value: number | null): string => (value === null ? '—' : value.toFixed(3));
