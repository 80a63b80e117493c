import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { partitionSimilarity, type Cell } from '../../engine/similarity.ts';

/**
 * Independent path: expand the weighted table into individual elements and count agreeing pairs one by one,
 * then apply the textbook ARI definition (index - expected) / (max - expected) with the expectation over all
 * pairs. Only feasible for small weights, which is what the property test draws.
 */
function bruteForceAri(cells: Cell[]): number {
  const elements: [number, number][] = [];
  for (const c of cells) for (let k = 0; k < c.weight; k++) elements.push([c.from, c.to]);
  let both = 0;
  let inA = 0;
  let inB = 0;
  let total = 0;
  for (let i = 0; i < elements.length; i++) {
    for (let j = i + 1; j < elements.length; j++) {
      const sameA = elements[i][0] === elements[j][0];
      const sameB = elements[i][1] === elements[j][1];
      total++;
      if (sameA) inA++;
      if (sameB) inB++;
      if (sameA && sameB) both++;
    }
  }
  if (total === 0) return 1; // one element: nothing to disagree on
  const expected = (inA * inB) / total;
  const max = (inA + inB) / 2;
  return max === expected ? 1 : (both - expected) / (max - expected);
}

describe('partitionSimilarity', () => {
  it('gives ARI 1 and VI 0 for identical partitions', () => {
    const cells = [
      { from: 0, to: 0, weight: 500 },
      { from: 1, to: 1, weight: 300 },
      { from: 2, to: 2, weight: 200 },
    ];
    const s = partitionSimilarity(cells);
    expect(s.adjustedRand).toBeCloseTo(1, 12);
    expect(s.normalisedVariationOfInformation).toBeCloseTo(0, 12);
  });

  it('matches brute-force pair counting on random weighted tables', () => {
    const cell = fc.record({ from: fc.integer({ min: 0, max: 3 }), to: fc.integer({ min: 0, max: 3 }), weight: fc.integer({ min: 1, max: 12 }) });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 6 }), (raw) => {
        // Merge duplicate (from, to) cells, as a real contingency table has one cell per pair.
        const merged = new Map<string, Cell>();
        for (const c of raw) {
          const k = `${c.from}/${c.to}`;
          const m = merged.get(k);
          if (m) m.weight += c.weight;
          else merged.set(k, { ...c });
        }
        const cells = [...merged.values()];
        expect(partitionSimilarity(cells).adjustedRand).toBeCloseTo(bruteForceAri(cells), 9);
      }),
      { numRuns: 200 },
    );
  });

  it('weighs by population: moving a large group costs more than moving a small one', () => {
    const base = [
      { from: 0, to: 0, weight: 1000 },
      { from: 1, to: 1, weight: 1000 },
    ];
    const smallMove = [...base.map((c) => ({ ...c })), { from: 0, to: 1, weight: 10 }];
    const largeMove = [...base.map((c) => ({ ...c })), { from: 0, to: 1, weight: 400 }];
    const small = partitionSimilarity(smallMove);
    const large = partitionSimilarity(largeMove);
    expect(small.adjustedRand).toBeGreaterThan(large.adjustedRand);
    expect(small.normalisedVariationOfInformation).toBeLessThan(large.normalisedVariationOfInformation);
  });

  it('is near 0 for independent partitions', () => {
    // A splits by rows, B by columns of a uniform 2 × 2 table: knowing one tells nothing of the other.
    const cells = [
      { from: 0, to: 0, weight: 250 },
      { from: 0, to: 1, weight: 250 },
      { from: 1, to: 0, weight: 250 },
      { from: 1, to: 1, weight: 250 },
    ];
    expect(Math.abs(partitionSimilarity(cells).adjustedRand)).toBeLessThan(0.01);
  });
});
