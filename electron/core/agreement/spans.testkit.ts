/** A continuous span for agreement tests, with attribute values when given. */
import type { RatedSpan } from './documentSums';

export const span = (
  label: string,
  start: number,
  end: number,
  attributes?: RatedSpan['attributes'],
): RatedSpan => ({
  label,
  fragments: [{ start, end }],
  ...(attributes ? { attributes } : {}),
});
