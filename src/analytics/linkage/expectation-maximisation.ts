import { requireInput } from '../common/index.ts';

/**
 * Expectation–maximisation for the Fellegi–Sunter mixture with conditionally independent
 * comparisons: each pair is a match with probability λ; given a match its levels follow m, given a
 * non-match they follow u (held fixed, estimated from random pairs). Pairs are first reduced to their
 * distinct comparison patterns with counts, so each iteration costs O(patterns × comparisons),
 * not O(pairs). Missing levels (−1) leave a comparison out of that pattern's likelihood.
 * Inactive comparisons (those a blocking rule forces to agree) are left out entirely: their m is
 * returned unchanged, as in Splink's per-blocking-rule training sessions.
 *
 * E-step: r(γ) = λ Π m(γ_c) / (λ Π m(γ_c) + (1 − λ) Π u(γ_c)).
 * M-step: λ = Σ n(γ) r(γ) / Σ n(γ); m_c(l) = Σ_{γ_c = l} n(γ) r(γ) / Σ_{γ_c ≠ −1} n(γ) r(γ), and with
 * `estimateU` likewise u_c(l) with weights 1 − r(γ) (Jaro 1989, doi:10.1080/01621459.1989.10478785).
 * Stops when no parameter moves more than `tolerance`, or after `maxIterations`.
 * Sources: W. E. Winkler (1988), "Using the EM algorithm for weight computation in the
 * Fellegi–Sunter model of record linkage", Proc. Survey Research Methods Section, ASA, 667–671;
 * I. P. Fellegi & A. B. Sunter (1969), JASA 64(328):1183–1210, doi:10.1080/01621459.1969.10501049.
 * Complexity: O(pairs × comparisons) to build patterns, then O(iterations × patterns × comparisons).
 */
export interface EmInput {
  /** Levels, row-major: pair p, comparison c at p × comparisons + c; 255 = missing. */
  levels: Uint8Array;
  comparisons: number;
  /** Pairs to use (indices into levels rows); all when absent. */
  rows?: ArrayLike<number>;
  /** Starting m per comparison. */
  m: number[][];
  /** u per comparison: fixed, or the starting value when `estimateU` is set. */
  u: number[][];
  /** Comparisons included in the likelihood. */
  active: boolean[];
}

export interface EmOptions {
  initialMatchProbability?: number;
  /**
   * Estimate u among the pairs too (the full two-class mixture) instead of holding it fixed. Within a
   * blocking rule's pairs, non-matches agree far more often than random pairs do (records sharing a
   * name share its nationality, sex and script), so a fixed random-pair u makes every pair look like
   * a match; a free u absorbs that and leaves m to the matches.
   */
  estimateU?: boolean;
  maxIterations?: number;
  tolerance?: number;
}

const DEFAULTS: Required<EmOptions> = {
  initialMatchProbability: 0.2,
  estimateU: false,
  maxIterations: 100,
  tolerance: 1e-6,
};

export interface EmResult {
  m: number[][];
  /** u: the input's, or estimated among the pairs with `estimateU`. */
  u: number[][];
  /** Share of matches among the pairs used. */
  matchProbability: number;
  iterations: number;
  converged: boolean;
  patterns: number;
  pairs: number;
  /** Posterior match probability of each distinct pattern, and the pattern of each used pair. */
  patternPosterior: Float64Array;
  patternOfRow: Int32Array;
}

export function expectationMaximisation(input: EmInput, options: EmOptions = {}): EmResult {
  const settings = { ...DEFAULTS, ...options };
  const C = input.comparisons;
  const rowCount = input.rows ? input.rows.length : input.levels.length / C;
  requireInput(rowCount > 0, 'linkage/expectation-maximisation', 'no pairs to train on');
  const patternIndex = new Map<string, number>();
  const patternLevels: number[][] = [];
  const patternCounts: number[] = [];
  const patternOfRow = new Int32Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const row = input.rows ? input.rows[r] : r;
    let key = '';
    for (let c = 0; c < C; c++) key += String.fromCharCode(input.active[c] ? input.levels[row * C + c] : 255);
    let index = patternIndex.get(key);
    if (index === undefined) {
      index = patternLevels.length;
      patternIndex.set(key, index);
      patternLevels.push(Array.from(key, (character) => character.charCodeAt(0)));
      patternCounts.push(0);
    }
    patternCounts[index]++;
    patternOfRow[r] = index;
  }
  const m = input.m.map((levels) => [...levels]);
  const u = input.u.map((levels) => [...levels]);
  let lambda = settings.initialMatchProbability;
  const posterior = new Float64Array(patternLevels.length);
  let iterations = 0;
  let converged = false;
  while (iterations < settings.maxIterations) {
    iterations++;
    let matched = 0;
    let total = 0;
    for (let p = 0; p < patternLevels.length; p++) {
      let logMatch = Math.log(lambda);
      let logNonMatch = Math.log(1 - lambda);
      const levels = patternLevels[p];
      for (let c = 0; c < C; c++) {
        const level = levels[c];
        if (level === 255) continue;
        logMatch += Math.log(m[c][level]);
        logNonMatch += Math.log(u[c][level]);
      }
      const r = 1 / (1 + Math.exp(logNonMatch - logMatch));
      posterior[p] = r;
      matched += patternCounts[p] * r;
      total += patternCounts[p];
    }
    let change = Math.abs(matched / total - lambda);
    lambda = Math.min(1 - 1e-9, Math.max(1e-9, matched / total));
    for (let c = 0; c < C; c++) {
      if (!input.active[c]) continue;
      const sums = new Float64Array(m[c].length);
      let denominator = 0;
      for (let p = 0; p < patternLevels.length; p++) {
        const level = patternLevels[p][c];
        if (level === 255) continue;
        const weight = patternCounts[p] * posterior[p];
        sums[level] += weight;
        denominator += weight;
      }
      if (denominator <= 0) continue;
      for (let l = 0; l < sums.length; l++) {
        const next = Math.min(1 - 1e-9, Math.max(1e-9, sums[l] / denominator));
        change = Math.max(change, Math.abs(next - m[c][l]));
        m[c][l] = next;
      }
      if (settings.estimateU)
        change = Math.max(change, updateU(u[c], c, patternLevels, patternCounts, posterior));
    }
    if (change < settings.tolerance) {
      converged = true;
      break;
    }
  }
  return {
    m,
    u,
    matchProbability: lambda,
    iterations,
    converged,
    patterns: patternLevels.length,
    pairs: rowCount,
    patternPosterior: posterior,
    patternOfRow,
  };
}

/** M-step of u for comparison c (weights 1 − r); returns the largest change. */
function updateU(
  u: number[],
  c: number,
  patternLevels: readonly number[][],
  patternCounts: readonly number[],
  posterior: Float64Array,
): number {
  const sums = new Float64Array(u.length);
  let denominator = 0;
  for (let p = 0; p < patternLevels.length; p++) {
    const level = patternLevels[p][c];
    if (level === 255) continue;
    const weight = patternCounts[p] * (1 - posterior[p]);
    sums[level] += weight;
    denominator += weight;
  }
  if (denominator <= 0) return 0;
  let change = 0;
  for (let l = 0; l < sums.length; l++) {
    const next = Math.min(1 - 1e-9, Math.max(1e-9, sums[l] / denominator));
    change = Math.max(change, Math.abs(next - u[l]));
    u[l] = next;
  }
  return change;
}
