import { describe, expect, it } from 'vitest';
import { assignProblem, planAssignment, planCounts, type AssignRequest } from './assignment';

const docs = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const names = (plan: Uint16Array[], annotators: readonly string[]) =>
  plan.map((chosen) => Array.from(chosen, (i) => annotators[i]).join('+'));

describe('assignment plans', () => {
  it('deals round-robin in turn: 3 documents to a and b, one each, is a, b, a', () => {
    const plan = planAssignment({
      documents: docs(3),
      annotators: ['a', 'b'],
      perDocument: 1,
      strategy: 'round-robin',
    });
    expect(names(plan, ['a', 'b'])).toEqual(['a', 'b', 'a']);
    const two = planAssignment({
      documents: docs(3),
      annotators: ['a', 'b', 'c'],
      perDocument: 2,
      strategy: 'round-robin',
    });
    expect(names(two, ['a', 'b', 'c'])).toEqual(['a+b', 'a+c', 'b+c']);
  });

  it.each([
    ['round-robin', 7, 3, 2],
    ['round-robin', 100, 4, 3],
    ['random', 7, 3, 2],
    ['random', 1000, 5, 2],
    ['random', 999, 7, 3],
    ['random', 10, 3, 3],
  ] as const)(
    '%s over %i documents, %i annotators, %i each: distinct and balanced within one',
    (strategy, d, n, k) => {
      const annotators = Array.from({ length: n }, (_, i) => `ann${i}`);
      const plan = planAssignment({ documents: docs(d), annotators, perDocument: k, strategy, seed: 42 });
      expect(plan).toHaveLength(d);
      for (const chosen of plan) {
        expect(chosen).toHaveLength(k);
        expect(new Set(chosen).size).toBe(k);
      }
      const counts = planCounts(plan, n);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(d * k);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    },
  );

  it('gives the same plan for the same seed and another for another seed', () => {
    const request: AssignRequest = {
      documents: docs(200),
      annotators: ['a', 'b', 'c', 'd'],
      perDocument: 2,
      strategy: 'random',
      seed: 7,
    };
    const once = names(planAssignment(request), request.annotators);
    expect(names(planAssignment({ ...request }), request.annotators)).toEqual(once);
    expect(names(planAssignment({ ...request, seed: 8 }), request.annotators)).not.toEqual(once);
    // The seeded draw varies the pairs (round-robin with 4 and 2 only ever pairs a+b and c+d).
    expect(new Set(once).size).toBe(6);
  });

  it('is fixed across versions for a stated seed (mulberry32, seed 1)', () => {
    const plan = planAssignment({
      documents: docs(6),
      annotators: ['a', 'b', 'c'],
      perDocument: 1,
      strategy: 'random',
      seed: 1,
    });
    expect(names(plan, ['a', 'b', 'c'])).toEqual(['b', 'c', 'a', 'b', 'a', 'c']);
  });

  it('refuses what cannot be planned, in words', () => {
    expect(assignProblem({ documents: [], annotators: ['a'], perDocument: 2 })).toBe(
      '2 annotators per document need at least 2 annotators, not 1',
    );
    expect(assignProblem({ documents: [], annotators: ['a', 'a'], perDocument: 1 })).toBe(
      'an annotator is named twice',
    );
    expect(assignProblem({ documents: [], annotators: [], perDocument: 1 })).toBe(
      'name at least one annotator',
    );
    expect(assignProblem({ documents: [], annotators: ['a'], perDocument: 0 })).toMatch(/at least 1, not 0/);
    expect(() =>
      planAssignment({ documents: [1], annotators: ['a'], perDocument: 3, strategy: 'round-robin' }),
    ).toThrow(RangeError);
  });
});
