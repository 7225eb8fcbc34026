/**
 * A memo of existence/identifiability checks for one estimation run (stepwise fits, bootstrap
 * replicates, searches). A check depends only on which cells have a positive count (the support) and
 * on the model (Fienberg & Rinaldo 2012, doi:10.1214/12-AOS986: existence is decided by the face of
 * the marginal cone that contains the observed margins, which the support determines), so
 * replicates with the same support share results. Holds no state beyond the run that creates it.
 *
 * `checkAndFit` also fits the model and uses the fit as a certificate: a converged IRLS fit whose
 * fitted means are all above 1e-6 is a strictly positive table with the observed margins (to ~1e-10),
 * so the existence LP would have a positive optimum and is skipped; the LP runs when the design is
 * rank deficient or the fit is not so certified (fitted means tending to 0 are the signature of a
 * missing MLE), which keeps SparseMSE's verdicts while solving few linear programs.
 *
 * Complexity: O(2^k) per new table to key its support, then O(1) per repeated check.
 */
import { checkDesign, type ModelCheck } from './check-model.ts';
import { type DesignFit, fitDesign } from './fit-log-linear.ts';
import { buildModelDesign, designRank, type ListPair, type ModelDesign, pairsKey } from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface ModelChecker {
  /** Check of main effects + `pairs` on `table` (design optionally supplied to save rebuilding it). */
  check(table: PatternTable, pairs: readonly ListPair[], design?: ModelDesign): ModelCheck;
  /**
   * The check's code and, when it is 0, the fit (warm-started from `start`, fitted means per design
   * cell); `fit` is null when the model fails or its fit does not converge.
   */
  checkAndFit(
    table: PatternTable,
    pairs: readonly ListPair[],
    design: ModelDesign,
    start?: Float64Array,
    fitOptions?: { detail?: boolean; tolerance?: number },
  ): { code: 0 | 1 | 2 | 3; fit: DesignFit | null };
  /** Number of checks actually computed (cache misses). */
  computed(): number;
  /** Number of existence linear programs solved. */
  linearPrograms(): number;
}

const CERTIFIED_SMALLEST_MEAN = 1e-6;

export function createModelChecker(): ModelChecker {
  const supportKeys = new WeakMap<PatternTable, string>();
  const results = new Map<string, ModelCheck>();
  const codes = new Map<string, 0 | 1 | 2 | 3>();
  let misses = 0;
  let programs = 0;
  // Designs from one design factory share their structure arrays, hence their rank.
  const ranks = new WeakMap<Int32Array, number>();
  const rankOf = (design: ModelDesign): number => {
    let rank = ranks.get(design.columnIndex);
    if (rank === undefined) {
      rank = designRank(design);
      ranks.set(design.columnIndex, rank);
    }
    return rank;
  };
  const keyOf = (table: PatternTable, pairs: readonly ListPair[]): string =>
    `${supportKey(table)}|${pairsKey(pairs)}`;
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
      const key = keyOf(table, pairs);
      let result = results.get(key);
      if (result === undefined) {
        misses++;
        programs++;
        result = checkDesign(design ?? buildModelDesign(table, pairs), table.observed);
        results.set(key, result);
        codes.set(key, result.code);
      }
      return result;
    },
    checkAndFit(table, pairs, design, start, fitOptions) {
      const key = keyOf(table, pairs);
      const known = codes.get(key);
      if (known !== undefined && known !== 0) return { code: known, fit: null };
      if (known === undefined && rankOf(design) < design.columns) {
        const code = this.check(table, pairs, design).code;
        return { code, fit: null };
      }
      let fit = fitDesign(design, start, fitOptions);
      if (!fit.converged && start) fit = fitDesign(design, undefined, fitOptions);
      if (known === 0) return { code: 0, fit: fit.converged ? fit : null };
      let smallest = Number.POSITIVE_INFINITY;
      for (let c = 0; c < fit.fitted.length; c++) if (fit.fitted[c] < smallest) smallest = fit.fitted[c];
      if (fit.converged && smallest > CERTIFIED_SMALLEST_MEAN) {
        misses++;
        codes.set(key, 0);
        return { code: 0, fit };
      }
      const code = this.check(table, pairs, design).code;
      return { code, fit: code === 0 && fit.converged ? fit : null };
    },
    computed: () => misses,
    linearPrograms: () => programs,
  };
}
