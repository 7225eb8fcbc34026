/**
 * Maximises c·x subject to A x = b and x ≥ 0 (b ≥ 0) with the two-phase dense tableau simplex
 * method: phase 1 drives artificial variables out of the basis (dropping redundant equality rows),
 * phase 2 optimises c·x. Entering variable by Dantzig's largest-coefficient rule, switching to
 * Bland's smallest-index rule after a run of degenerate pivots so that the method cannot cycle.
 *
 * Reference: Dantzig, Orden & Wolfe (1955), "The generalized simplex method for minimizing a linear
 * form under linear inequality restraints", Pacific J. Math. 5(2), doi:10.2140/pjm.1955.5.183;
 * Bland (1977), "New finite pivoting rules for the simplex method", Math. Oper. Res. 2(2),
 * doi:10.1287/moor.2.2.103.
 *
 * Complexity: O(pivots × rows × (columns + rows)); small problems only (the existence checks here).
 */

export interface LinearProgramResult {
  status: 'optimal' | 'infeasible' | 'unbounded';
  /** Optimal value of c·x (NaN unless optimal). */
  objective: number;
  /** An optimal x (empty unless optimal). */
  solution: Float64Array;
}

const TOLERANCE = 1e-11;
const DEGENERATE_RUN_BEFORE_BLAND = 50;

/**
 * @param matrix A as rows × columns, row-major.
 * @param rhs b, every entry ≥ 0.
 * @param objective c.
 */
export function maximiseLinearProgram(
  matrix: Float64Array,
  rows: number,
  columns: number,
  rhs: Float64Array,
  objective: Float64Array,
): LinearProgramResult {
  // Tableau columns: structural 0..columns−1, artificial columns..columns+rows−1, rhs last.
  const width = columns + rows + 1;
  const last = width - 1;
  let tableau = new Float64Array(rows * width);
  let scale = 1;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) tableau[r * width + c] = matrix[r * columns + c];
    tableau[r * width + columns + r] = 1;
    tableau[r * width + last] = rhs[r];
    scale = Math.max(scale, Math.abs(rhs[r]));
  }
  let basis = Int32Array.from({ length: rows }, (_, r) => columns + r);
  let activeRows = rows;
  const tolerance = TOLERANCE * scale;

  const pivot = (row: number, column: number): void => {
    const base = row * width;
    const value = tableau[base + column];
    for (let c = 0; c < width; c++) tableau[base + c] /= value;
    for (let r = 0; r < activeRows; r++) {
      if (r === row) continue;
      const factor = tableau[r * width + column];
      if (factor === 0) continue;
      const target = r * width;
      for (let c = 0; c < width; c++) tableau[target + c] -= factor * tableau[base + c];
    }
    basis[row] = column;
  };

  // Runs the simplex for cost vector `cost` over the allowed columns; returns false if unbounded.
  const run = (cost: Float64Array, allowed: number): boolean => {
    let degenerateRun = 0;
    for (let iteration = 0; iteration < 50_000; iteration++) {
      // Reduced costs d_j = cost_j − Σ_r cost_basis(r) · T[r][j].
      let entering = -1;
      let bestReduced = 1e-10;
      const useBland = degenerateRun >= DEGENERATE_RUN_BEFORE_BLAND;
      for (let c = 0; c < allowed; c++) {
        let reduced = cost[c];
        for (let r = 0; r < activeRows; r++) reduced -= cost[basis[r]] * tableau[r * width + c];
        if (reduced > bestReduced) {
          entering = c;
          if (useBland) break;
          bestReduced = reduced;
        }
      }
      if (entering < 0) return true;
      let leaving = -1;
      let bestRatio = Number.POSITIVE_INFINITY;
      for (let r = 0; r < activeRows; r++) {
        const coefficient = tableau[r * width + entering];
        if (coefficient > 1e-12) {
          const ratio = tableau[r * width + last] / coefficient;
          if (
            ratio < bestRatio - 1e-14 ||
            (ratio <= bestRatio + 1e-14 && leaving >= 0 && basis[r] < basis[leaving])
          ) {
            bestRatio = ratio;
            leaving = r;
          }
        }
      }
      if (leaving < 0) return false;
      degenerateRun = bestRatio <= tolerance ? degenerateRun + 1 : 0;
      pivot(leaving, entering);
    }
    throw new Error('estimate/mse/linear-program: no convergence in 50000 pivots');
  };

  // Phase 1: maximise −Σ artificials.
  const phaseOneCost = new Float64Array(width - 1);
  for (let r = 0; r < rows; r++) phaseOneCost[columns + r] = -1;
  run(phaseOneCost, columns + rows);
  let infeasibility = 0;
  for (let r = 0; r < activeRows; r++) if (basis[r] >= columns) infeasibility += tableau[r * width + last];
  if (infeasibility > tolerance * Math.max(1, rows)) {
    return { status: 'infeasible', objective: Number.NaN, solution: new Float64Array(0) };
  }
  // Drive zero-level artificials out of the basis; drop rows that are redundant.
  for (let r = 0; r < activeRows; r++) {
    if (basis[r] < columns) continue;
    let replacement = -1;
    for (let c = 0; c < columns; c++) {
      if (Math.abs(tableau[r * width + c]) > 1e-9) {
        replacement = c;
        break;
      }
    }
    if (replacement >= 0) pivot(r, replacement);
    else {
      const lastRow = activeRows - 1;
      if (r !== lastRow) {
        tableau.copyWithin(r * width, lastRow * width, lastRow * width + width);
        basis[r] = basis[lastRow];
      }
      activeRows--;
      r--;
    }
  }
  tableau = tableau.subarray(0, activeRows * width);
  basis = basis.subarray(0, activeRows);

  // Phase 2 over structural columns only.
  const phaseTwoCost = new Float64Array(width - 1);
  phaseTwoCost.set(objective);
  if (!run(phaseTwoCost, columns)) {
    return { status: 'unbounded', objective: Number.POSITIVE_INFINITY, solution: new Float64Array(0) };
  }
  const solution = new Float64Array(columns);
  for (let r = 0; r < activeRows; r++) if (basis[r] < columns) solution[basis[r]] = tableau[r * width + last];
  let value = 0;
  for (let c = 0; c < columns; c++) value += objective[c] * solution[c];
  return { status: 'optimal', objective: value, solution };
}
