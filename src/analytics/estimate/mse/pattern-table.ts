/**
 * Capture-pattern table: the input of every multiple systems estimator in this folder.
 *
 * A table holds, for k lists, the number of distinct cases seen with each capture pattern (the set of
 * lists a case appears on). Patterns are stored as bit masks: bit i set means "on list i" (lists in
 * the order given). The all-zero pattern (cases on no list, the "dark figure") is never observed and
 * patterns that are absent from the input have count 0, the convention of the SparseMSE R package
 * (Chan, Silverman & Vincent 2019, https://CRAN.R-project.org/package=SparseMSE, `tidylists`):
 * duplicate patterns are summed.
 *
 * Validation: at least two lists with distinct names, at most {@link MAXIMUM_LISTS}; counts finite,
 * non-negative integers; no count on the all-zero pattern; every list has at least one case; at least
 * one case on two or more lists (otherwise no overlap carries information about the unseen).
 *
 * Complexity: O(rows × k + 2^k).
 */
import { requireInput } from '../../common/errors.ts';

/** The largest number of lists accepted (2^16 − 1 capture patterns). */
export const MAXIMUM_LISTS = 16;

export interface PatternTable {
  /** List names in column order; bit i of a pattern mask is list `lists[i]`. */
  readonly lists: readonly string[];
  /** Count per pattern mask, length 2^k; `counts[0]` (seen on no list) is always 0. */
  readonly counts: Float64Array;
  /** Number of distinct cases seen on at least one list. */
  readonly observed: number;
}

/** One row of the SparseMSE layout: 0/1 membership per list (in list order) and a count. */
export interface PatternRow {
  readonly pattern: readonly number[];
  readonly count: number;
}

const WHERE = 'estimate/mse';

/** Builds and validates a pattern table from rows in the SparseMSE layout. */
export function createPatternTable(lists: readonly string[], rows: readonly PatternRow[]): PatternTable {
  requireInput(lists.length >= 2, WHERE, `needs at least 2 lists, got ${lists.length}`);
  requireInput(
    lists.length <= MAXIMUM_LISTS,
    WHERE,
    `supports at most ${MAXIMUM_LISTS} lists, got ${lists.length}`,
  );
  const seen = new Set<string>();
  for (const name of lists) {
    requireInput(name.length > 0, WHERE, 'a list has an empty name');
    requireInput(!seen.has(name), WHERE, `list "${name}" appears twice`);
    seen.add(name);
  }
  const k = lists.length;
  const counts = new Float64Array(1 << k);
  rows.forEach((row, index) => {
    requireInput(
      row.pattern.length === k,
      WHERE,
      `pattern row ${index + 1} has ${row.pattern.length} list columns, expected ${k}`,
    );
    let mask = 0;
    row.pattern.forEach((value, list) => {
      requireInput(
        value === 0 || value === 1,
        WHERE,
        `pattern row ${index + 1}, list "${lists[list]}": membership must be 0 or 1, got ${value}`,
      );
      if (value === 1) mask |= 1 << list;
    });
    requireInput(
      Number.isFinite(row.count) && Number.isInteger(row.count),
      WHERE,
      `pattern row ${index + 1}: count must be a whole number, got ${row.count}`,
    );
    requireInput(row.count >= 0, WHERE, `pattern row ${index + 1}: count is negative (${row.count})`);
    requireInput(
      mask !== 0 || row.count === 0,
      WHERE,
      `pattern row ${index + 1} is on no list but has count ${row.count}: the unseen cannot be counted`,
    );
    counts[mask] += row.count;
  });
  return validatePatternCounts(lists, counts);
}

/**
 * Validates counts indexed by pattern mask (length 2^k) and returns the table. Used by the builders
 * and by resampling code that produces new counts for the same lists.
 */
export function validatePatternCounts(lists: readonly string[], counts: Float64Array): PatternTable {
  const k = lists.length;
  requireInput(counts.length === 1 << k, WHERE, `expected ${1 << k} pattern counts, got ${counts.length}`);
  let observed = 0;
  let overlapping = 0;
  for (let mask = 1; mask < counts.length; mask++) {
    observed += counts[mask];
    if ((mask & (mask - 1)) !== 0) overlapping += counts[mask];
  }
  requireInput(observed > 0, WHERE, 'the table has no cases');
  for (let list = 0; list < k; list++) {
    requireInput(listTotal(counts, list) > 0, WHERE, `list "${lists[list]}" has no records`);
  }
  requireInput(
    overlapping > 0,
    WHERE,
    'no case appears on more than one list: too few overlaps to estimate the unseen population',
  );
  return { lists: [...lists], counts, observed };
}

/** Number of cases on list `list` (whatever other lists they are on). */
export function listTotal(counts: Float64Array, list: number): number {
  const bit = 1 << list;
  let total = 0;
  for (let mask = 1; mask < counts.length; mask++) if (mask & bit) total += counts[mask];
  return total;
}

/** Rows of the table in the SparseMSE layout (observed patterns only, in mask order). */
export function patternRows(table: PatternTable): PatternRow[] {
  const rows: PatternRow[] = [];
  for (let mask = 1; mask < table.counts.length; mask++) {
    if (table.counts[mask] > 0)
      rows.push({
        pattern: table.lists.map((_, list) => ((mask >> list) & 1) as number),
        count: table.counts[mask],
      });
  }
  return rows;
}
