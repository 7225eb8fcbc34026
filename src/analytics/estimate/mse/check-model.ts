/**
 * Checks, before fitting, that a log-linear capture-recapture model has a (extended) maximum
 * likelihood estimate and that its parameters are identifiable: SparseMSE's `checkident`.
 *
 * Existence (Fienberg & Rinaldo 2012): the MLE of the cell means exists iff some strictly positive
 * table has the same sufficient statistics as the observed one, i.e. iff the linear program
 *   maximise τ  subject to  Aᵀ μ = Aᵀ n,  μ_c ≥ τ for every cell c,  μ ≥ 0, τ ≥ 0
 * has a positive optimum (A: the design over the cells kept after dropping −∞ pairs, n: the counts).
 * An optimum of 0 means some cell mean must be 0 in every table with those margins: the estimate is
 * not finite. Identifiability: the design has full column rank. SparseMSE's error code is kept:
 * 0 = fine, 1 = MLE does not exist, 2 = not identifiable, 3 = both.
 *
 * The LP is solved exactly as stated (with μ = s + τ·1, s ≥ 0) by the simplex method in
 * `linear-program.ts`; an optimum below 1e-9 × (observed cases) counts as 0. When every kept cell
 * has a positive count the LP is skipped (τ = the smallest count is feasible).
 *
 * References: Fienberg, S. E. and Rinaldo, A. (2012), "Maximum likelihood estimation in log-linear
 * models", Ann. Statist. 40(2), 996–1023, doi:10.1214/12-AOS986; Chan, L., Silverman, B. W. and
 * Vincent, K. (2021), "Multiple systems estimation for sparse capture data: inferential challenges
 * when there are nonoverlapping lists", JASA 116(535), doi:10.1080/01621459.2019.1708748.
 *
 * Complexity: one rank computation O(cells × columns²) and at most one LP.
 */
import { maximiseLinearProgram } from './linear-program.ts';
import { buildModelDesign, designRank, type ListPair, type ModelDesign } from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';

export interface ModelCheck {
  /** SparseMSE's code: 0 fine, 1 MLE does not exist, 2 not identifiable, 3 both. */
  code: 0 | 1 | 2 | 3;
  mleExists: boolean;
  identifiable: boolean;
  /** Optimum τ of the existence LP (NaN when the LP was skipped because every cell is positive). */
  linearProgramObjective: number;
  /** Columns minus rank of the design. */
  rankDeficiency: number;
  /** Finite parameters (intercept, main effects, interactions with overlap). */
  finiteParameters: number;
  /** Plain-language verdict naming the failure. */
  verdict: string;
}

/** Checks the model made of all main effects plus the given interactions (list-index pairs). */
export function checkModel(table: PatternTable, interactions: readonly ListPair[]): ModelCheck {
  return checkDesign(buildModelDesign(table, interactions), table.observed, true);
}

/** Runs the existence LP on a design; `alwaysSolve` forces the LP even when every cell is positive. */
export function existenceObjective(design: ModelDesign, alwaysSolve = false): number {
  const cells = design.cells.length;
  let smallest = Number.POSITIVE_INFINITY;
  for (let c = 0; c < cells; c++) smallest = Math.min(smallest, design.counts[c]);
  if (smallest > 0 && !alwaysSolve) return Number.NaN;
  const rows = design.columns;
  const columns = cells + 1;
  const matrix = new Float64Array(rows * columns);
  const rhs = new Float64Array(rows);
  for (let cell = 0; cell < cells; cell++) {
    for (let at = design.rowStart[cell]; at < design.rowStart[cell + 1]; at++) {
      const column = design.columnIndex[at];
      matrix[column * columns + cell] = 1;
      matrix[column * columns + cells] += 1;
      rhs[column] += design.counts[cell];
    }
  }
  const objective = new Float64Array(columns);
  objective[cells] = 1;
  const result = maximiseLinearProgram(matrix, rows, columns, rhs, objective);
  return result.status === 'optimal' ? result.objective : 0;
}

export function checkDesign(design: ModelDesign, observed: number, alwaysSolve = false): ModelCheck {
  const objective = existenceObjective(design, alwaysSolve);
  const mleExists = Number.isNaN(objective) || objective > 1e-9 * Math.max(1, observed);
  const rankDeficiency = design.columns - designRank(design);
  const identifiable = rankDeficiency === 0;
  const code = ((mleExists ? 0 : 1) + (identifiable ? 0 : 2)) as 0 | 1 | 2 | 3;
  const reasons: string[] = [];
  if (!mleExists)
    reasons.push(
      'the maximum likelihood estimate does not exist: the linear program of Fienberg & Rinaldo shows some cell mean must be 0 given the observed margins',
    );
  if (!identifiable)
    reasons.push(
      `the parameters are not identifiable: the design matrix is rank deficient by ${rankDeficiency}`,
    );
  return {
    code,
    mleExists,
    identifiable,
    linearProgramObjective: objective,
    rankDeficiency,
    finiteParameters: design.columns,
    verdict: reasons.length === 0 ? 'MLE exists and is identifiable' : reasons.join('; '),
  };
}
