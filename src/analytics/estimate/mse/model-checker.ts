/**
 * A memo of existence/identifiability checks for one estimation run (stepwise fits, bootstrap
 * replicates, searches). A check depends only on which cells have a positive count (the support) and
 * on the model (Fienberg & Rinaldo 2012, doi:10.1214/12-AOS986: existence is decided by the face of
 * the marginal cone that contains the observed margins, which the support determines), so
 * replicates with the same support share results. Holds no state beyond the run that creates it.
 *
 * Complexity: O(2^k) per new table to key its support, then O(1) per repeated check.
 */
import { checkDesign, type ModelCheck } from './check-model.ts';
import { buildModelDesign, type ListPair, type ModelDesign, normalisePairs } from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface ModelChecker {
  /** Check of main effects + `pairs` on `table` (design optionally supplied to save rebuilding it). */
  check(table: PatternTable, pairs: readonly ListPair[], design?: ModelDesign): ModelCheck;
  /** Number of checks actually computed (cache misses). */
  computed(): number;
}

export function createModelChecker(): ModelChecker {
  const supportKeys = new WeakMap<PatternTable, string>();
  const results = new Map<string, ModelCheck>();
  let misses = 0;
  const supportKey = (table: PatternTable): string => {
    let key = supportKeys.get(table);
    if (key === undefined) {
      const bits: string[] = [];
      let word = 0;
      for (let mask = 0; mask < table.counts.length; mask++) {
        if (table.counts[mask] > 0) word |= 1 << (mask & 31);
        if ((mask & 31) === 31 || mask === table.counts.length - 1) {
          bits.push((word >>> 0).toString(36));
          word = 0;
        }
      }
      key = `${table.lists.length}:${bits.join('.')}`;
      supportKeys.set(table, key);
    }
    return key;
  };
  return {
    check(table, pairs, design) {
      const key = `${supportKey(table)}|${normalisePairs(pairs)
        .map(([a, b]) => a * 64 + b)
        .join(',')}`;
      let result = results.get(key);
      if (result === undefined) {
        misses++;
        result = checkDesign(design ?? buildModelDesign(table, pairs), table.observed);
        results.set(key, result);
      }
      return result;
    },
    computed: () => misses,
  };
}
