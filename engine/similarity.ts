/**
 * Population-weighted agreement between two partitions of the same units.
 *
 * Every resident counts as one element, so the contingency table holds populations, not unit counts: moving a
 * CCG of 1M people weighs a hundred times more than moving one of 10k. The table is given sparse, as cells
 * `(from, to, weight)`; rows and columns are group indices of partition A and B.
 *
 * - Adjusted Rand index (Hubert & Arabie 1985): 1 for identical partitions, about 0 for chance agreement.
 * - Normalised variation of information (Meilă 2007): VI / log(n), 0 for identical partitions, at most 1.
 */

export interface Cell {
  from: number;
  to: number;
  weight: number;
}

export interface Similarity {
  /** Adjusted Rand index, population-weighted. 1 = identical. */
  adjustedRand: number;
  /** Variation of information divided by log(total population). 0 = identical. */
  normalisedVariationOfInformation: number;
}

const pairs = (x: number) => (x * (x - 1)) / 2;

export function partitionSimilarity(cells: readonly Cell[]): Similarity {
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  let n = 0;
  let sumCells = 0;
  for (const c of cells) {
    if (c.weight <= 0) continue;
    rows.set(c.from, (rows.get(c.from) ?? 0) + c.weight);
    cols.set(c.to, (cols.get(c.to) ?? 0) + c.weight);
    n += c.weight;
    sumCells += pairs(c.weight);
  }
  if (n <= 1) return { adjustedRand: 1, normalisedVariationOfInformation: 0 };

  let sumRows = 0;
  for (const r of rows.values()) sumRows += pairs(r);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const maxIndex = (sumRows + sumCols) / 2;
  // Both partitions a single group (or both all singletons): the index is 0/0; they agree perfectly.
  const adjustedRand = maxIndex === expected ? 1 : (sumCells - expected) / (maxIndex - expected);

  // VI = H(A|B) + H(B|A) = -Σ p_ij [log(p_ij / p_i) + log(p_ij / q_j)]
  let vi = 0;
  for (const c of cells) {
    if (c.weight <= 0) continue;
    const p = c.weight / n;
    const pi = rows.get(c.from)! / n;
    const qj = cols.get(c.to)! / n;
    vi -= p * (Math.log(p / pi) + Math.log(p / qj));
  }
  return { adjustedRand, normalisedVariationOfInformation: Math.max(0, vi) / Math.log(n) };
}
