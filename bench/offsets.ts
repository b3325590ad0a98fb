/** Offset conversion speed: one map of a long mixed-script document, then many conversions. */
import { offsetMap } from '../electron/core/offsets';

export interface OffsetConversionResult {
  ms: number;
  chars: number;
  conversions: number;
}

/**
 * Builds the map of a 740,000-character text (emoji, Urdu, combining marks) and converts
 * `conversions` UTF-16 offsets to UTF-8 bytes: what one export of a long document in bytes costs.
 */
export function offsetConversions(conversions = 100_000): OffsetConversionResult {
  const text = 'Casualty 😀 figures in کراچی, café\u0301. '.repeat(20_000);
  const started = performance.now();
  const map = offsetMap(text);
  let sum = 0;
  for (let i = 0; i < conversions; i++) sum += map.fromUtf16((i * 7) % text.length, 'utf8') ?? 0;
  const ms = performance.now() - started;
  if (sum === 0) throw new Error('offset conversion bench converted nothing');
  return { ms, chars: text.length, conversions };
}
