/**
 * Design of a Poisson log-linear capture-recapture model: all main effects plus a set of two-list
 * interactions, over every observable capture pattern (zero cells included).
 *
 * Convention (SparseMSE `buildmodel`, Chan, Silverman & Vincent 2019, arXiv:1902.05156): an
 * interaction between two lists with no case in common has maximum-likelihood value −∞ (extended
 * MLE); every cell containing both lists is dropped from the fit, the pair is not a column of the
 * design, but it stays in the model and counts as a parameter in AIC and BIC.
 *
 * Pairs are numbered (0,1), (0,2), …, (0,k−1), (1,2), …, (k−2,k−1), the order SparseMSE tries them in.
 * Complexity: O(2^k × (k + interactions)).
 */
import type { PatternTable } from './pattern-table.ts';

/** A two-list interaction as list indices, first < second. */
export type ListPair = readonly [number, number];

export interface ModelDesign {
  readonly lists: number;
  /** Pattern masks of the cells in the fit (all non-empty patterns without a −∞ pair). */
  readonly cells: Int32Array;
  /** Observed counts of those cells. */
  readonly counts: Float64Array;
  /** Number of columns (intercept, k main effects, finite interactions). */
  readonly columns: number;
  /**
   * Sparse rows: the columns where cell c's design row is 1 are
   * `columnIndex[rowStart[c]] … columnIndex[rowStart[c + 1] − 1]` (the row is 0 elsewhere).
   */
  readonly rowStart: Int32Array;
  readonly columnIndex: Int32Array;
  /** Interactions in the model with at least one case in common (columns k+1 …). */
  readonly finitePairs: readonly ListPair[];
  /** Interactions in the model with no case in common (parameter −∞). */
  readonly minusInfinityPairs: readonly ListPair[];
}

/** Column names of a design: "(Intercept)", list names, "A:B". */
export function designColumnNames(design: ModelDesign, lists: readonly string[]): string[] {
  return ['(Intercept)', ...lists, ...design.finitePairs.map(([a, b]) => `${lists[a]}:${lists[b]}`)];
}

/** All pairs of k lists in SparseMSE's order. */
export function allListPairs(k: number): ListPair[] {
  const pairs: ListPair[] = [];
  for (let i = 0; i < k - 1; i++) for (let j = i + 1; j < k; j++) pairs.push([i, j]);
  return pairs;
}

/** Number of cases on both lists of a pair (whatever other lists they are on). */
export function pairOverlap(counts: Float64Array, pair: ListPair): number {
  const both = (1 << pair[0]) | (1 << pair[1]);
  let total = 0;
  for (let mask = both; mask < counts.length; mask++) if ((mask & both) === both) total += counts[mask];
  return total;
}

/** Sorts pairs into SparseMSE's order and removes duplicates. */
export function normalisePairs(pairs: readonly ListPair[]): ListPair[] {
  const keyed = new Map<number, ListPair>();
  for (const [a, b] of pairs) {
    const pair: ListPair = a < b ? [a, b] : [b, a];
    keyed.set(pair[0] * 64 + pair[1], pair);
  }
  return [...keyed.entries()].sort((x, y) => x[0] - y[0]).map((entry) => entry[1]);
}

/** A short text key of a set of pairs (order and orientation ignored). */
export function pairsKey(pairs: readonly ListPair[]): string {
  const codes: number[] = [];
  for (const [a, b] of pairs) codes.push(a < b ? a * 64 + b : b * 64 + a);
  codes.sort((x, y) => x - y);
  return codes.join(',');
}

export function buildModelDesign(table: PatternTable, interactions: readonly ListPair[]): ModelDesign {
  const k = table.lists.length;
  const pairs = normalisePairs(interactions);
  const finitePairs: ListPair[] = [];
  const minusInfinityPairs: ListPair[] = [];
  const droppedMasks: number[] = [];
  for (const pair of pairs) {
    if (pairOverlap(table.counts, pair) > 0) finitePairs.push(pair);
    else {
      minusInfinityPairs.push(pair);
      droppedMasks.push((1 << pair[0]) | (1 << pair[1]));
    }
  }
  const total = 1 << k;
  const cells = new Int32Array(total - 1);
  let cellCount = 0;
  for (let mask = 1; mask < total; mask++) {
    let dropped = false;
    for (let d = 0; d < droppedMasks.length; d++) {
      if ((mask & droppedMasks[d]) === droppedMasks[d]) {
        dropped = true;
        break;
      }
    }
    if (!dropped) cells[cellCount++] = mask;
  }
  const pairMasks = finitePairs.map(([a, b]) => (1 << a) | (1 << b));
  const rowStart = new Int32Array(cellCount + 1);
  const scratch: number[] = [];
  for (let c = 0; c < cellCount; c++) {
    const mask = cells[c];
    scratch.push(0);
    for (let list = 0; list < k; list++) if (mask & (1 << list)) scratch.push(1 + list);
    for (let index = 0; index < pairMasks.length; index++)
      if ((mask & pairMasks[index]) === pairMasks[index]) scratch.push(1 + k + index);
    rowStart[c + 1] = scratch.length;
  }
  const keptCells = cells.slice(0, cellCount);
  const counts = new Float64Array(cellCount);
  for (let c = 0; c < cellCount; c++) counts[c] = table.counts[keptCells[c]];
  return {
    lists: k,
    cells: keptCells,
    counts,
    columns: 1 + k + finitePairs.length,
    rowStart,
    columnIndex: Int32Array.from(scratch),
    finitePairs,
    minusInfinityPairs,
  };
}

/** Column rank of the 0/1 design (Gaussian elimination with partial pivoting, relative tolerance 1e-9). */
export function designRank(design: ModelDesign): number {
  const rows = design.cells.length;
  const columns = design.columns;
  const matrix = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row++)
    for (let at = design.rowStart[row]; at < design.rowStart[row + 1]; at++)
      matrix[row * columns + design.columnIndex[at]] = 1;
  let rank = 0;
  for (let column = 0; column < columns && rank < rows; column++) {
    let pivot = -1;
    let best = 1e-9;
    for (let row = rank; row < rows; row++) {
      const value = Math.abs(matrix[row * columns + column]);
      if (value > best) {
        best = value;
        pivot = row;
      }
    }
    if (pivot < 0) continue;
    if (pivot !== rank) {
      for (let c = 0; c < columns; c++) {
        const held = matrix[pivot * columns + c];
        matrix[pivot * columns + c] = matrix[rank * columns + c];
        matrix[rank * columns + c] = held;
      }
    }
    const pivotValue = matrix[rank * columns + column];
    for (let row = rank + 1; row < rows; row++) {
      const factor = matrix[row * columns + column] / pivotValue;
      if (factor === 0) continue;
      for (let c = column; c < columns; c++) matrix[row * columns + c] -= factor * matrix[rank * columns + c];
    }
    rank++;
  }
  return rank;
}

/**
 * Builds designs for many tables over the same lists (resampling loops), reusing the structure
 * (cells, sparse rows) of a model whose set of −∞ pairs was seen before and only filling the counts.
 */
export function createDesignFactory(): (
  table: PatternTable,
  interactions: readonly ListPair[],
) => ModelDesign {
  const structures = new Map<string, ModelDesign>();
  return (table, interactions) => {
    const pairs = normalisePairs(interactions);
    let key = `${table.lists.length}|`;
    for (const pair of pairs)
      key += `${pair[0] * 64 + pair[1]}${pairOverlap(table.counts, pair) > 0 ? '+' : '-'},`;
    const known = structures.get(key);
    if (known === undefined) {
      const design = buildModelDesign(table, pairs);
      structures.set(key, design);
      return design;
    }
    const counts = new Float64Array(known.cells.length);
    for (let c = 0; c < counts.length; c++) counts[c] = table.counts[known.cells[c]];
    return { ...known, counts };
  };
}
