/**
 * Who annotates which document: N annotators per document over chosen documents and annotators,
 * by round-robin or by a seeded random draw (mulberry32, core/formats/prng.ts). Either way each
 * document gets N different annotators and the annotators' counts differ by at most one; the same
 * inputs and seed give the same plan on every machine.
 */
import { seededRandom } from './formats/prng';

export type AssignStrategy = 'round-robin' | 'random';

export interface AssignRequest {
  /** Document ids, in the order round-robin walks them. */
  documents: readonly number[];
  /** Annotator ids (stable uids), in the order round-robin deals them. */
  annotators: readonly string[];
  perDocument: number;
  strategy: AssignStrategy;
  /** The random draw's seed (ignored by round-robin). */
  seed?: number;
}

export const DEFAULT_ASSIGN_SEED = 1;

/** Why a request cannot be planned, as a sentence's end, or null when it can. */
export function assignProblem(request: Omit<AssignRequest, 'strategy' | 'seed'>): string | null {
  const { annotators, perDocument } = request;
  if (!Number.isInteger(perDocument) || perDocument < 1)
    return `annotators per document must be a whole number of at least 1, not ${perDocument}`;
  if (annotators.length === 0) return 'name at least one annotator';
  if (new Set(annotators).size !== annotators.length) return 'an annotator is named twice';
  if (perDocument > annotators.length)
    return `${perDocument} annotators per document need at least ${perDocument} annotators, not ${annotators.length}`;
  return null;
}

/**
 * The plan: for each document (in the order given) the indices into `annotators` of the ones it
 * gets. Round-robin deals the annotators in turn; random gives each document the least loaded
 * annotators, ties drawn by the seeded PRNG, so pairs vary while the counts stay balanced.
 */
export function planAssignment(request: AssignRequest): Uint16Array[] {
  const problem = assignProblem(request);
  if (problem) throw new RangeError(problem);
  const n = request.annotators.length;
  const k = request.perDocument;
  if (request.strategy === 'round-robin') {
    let next = 0;
    return request.documents.map(() => {
      const chosen = new Uint16Array(k);
      for (let j = 0; j < k; j++) chosen[j] = (next + j) % n;
      next = (next + k) % n;
      return chosen.sort();
    });
  }
  const random = seededRandom(request.seed ?? DEFAULT_ASSIGN_SEED);
  const load = new Array<number>(n).fill(0);
  const tie = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  return request.documents.map(() => {
    for (let i = 0; i < n; i++) tie[i] = random();
    order.sort((a, b) => load[a]! - load[b]! || tie[a]! - tie[b]!);
    const chosen = Uint16Array.from(order.slice(0, k)).sort();
    for (const i of chosen) load[i]!++;
    return chosen;
  });
}

/** How many documents each annotator gets in a plan, by index into the request's annotators. */
export function planCounts(plan: readonly Uint16Array[], annotators: number): number[] {
  const counts = new Array<number>(annotators).fill(0);
  for (const chosen of plan) for (const i of chosen) counts[i]!++;
  return counts;
}
