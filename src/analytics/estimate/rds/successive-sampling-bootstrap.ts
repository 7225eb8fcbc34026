/**
 * Gile's successive-sampling bootstrap (Gile 2011), the RDS R package's default uncertainty for
 * the SS estimator (`RDS.bootstrap.intervals(weight.type = "Gile's SS")`, `fast = TRUE`,
 * `useC = TRUE`: `SSBS.estimates` / `sppsboot4ppsreal` / C `bsC`).
 *
 * From the sample it builds a synthetic population of N units over (degree class × outcome group):
 * units per cell ∝ sample count / inclusion probability of the degree class (SS weights), rounded,
 * with the rounding surplus spread at random in proportion to the rounding error; and a matrix of
 * ties between groups, ties_ij = R_ij · d̄_i · p̂_i · N symmetrised, R the observed referral shares
 * and d̄_i the SS-weighted mean degree of group i. Each replicate then re-runs RDS on it: as many
 * seeds as the sample had, drawn proportional to degree without replacement; recruiters in turn
 * recruit a number of people drawn from the sample's positive recruit counts; each recruit's group
 * is drawn from the recruiter's row of the tie matrix, then a unit of that group proportional to
 * degree without replacement, and the ties into the recruit's group are depleted by the share of
 * degree removed. The replicate's estimate uses the full sample's SS inclusion probabilities. The
 * standard error is the replicates' standard deviation and the interval estimate ± z·se.
 *
 * Reference: Gile, K. J. (2011), "Improved inference for respondent-driven sampling data with
 * application to HIV prevalence estimation", JASA 106(493), 135–146, doi:10.1198/jasa.2011.ap09475.
 *
 * Complexity: O(B · n · (C + g)) for B replicates and C = classes × groups cells.
 */
import type { Random } from '../../common/index.ts';
import type { PreparedRdsSample } from './sample.ts';
import {
  roundHalfEven,
  type SuccessiveSamplingOptions,
  successiveSamplingMapping,
} from './successive-sampling-weights.ts';

export interface SuccessiveSamplingBootstrap {
  /** SS point estimate (level order) computed with the bootstrap's own inclusion probabilities. */
  estimate: number[];
  /** Replicate estimates (rows = replicates, columns = levels). */
  replicates: number[][];
}

/** Index drawn by the package's cumulative rule (`rU <= cdif[j]`), first weight possibly negative. */
function pickCumulative(weights: readonly number[], firstRaw: number, random: Random): number {
  const cumulative = new Array<number>(weights.length);
  cumulative[0] = firstRaw;
  for (let j = 1; j < weights.length; j++) cumulative[j] = cumulative[j - 1] + weights[j];
  const target = random.next() * cumulative[weights.length - 1];
  for (let j = 0; j < weights.length; j++) if (target <= cumulative[j]) return j;
  return weights.length - 1;
}

function spreadRounding(
  units: number[],
  shares: readonly number[],
  populationSize: number,
  random: Random,
): void {
  const offBy = populationSize - units.reduce((sum, value) => sum + value, 0);
  for (let step = 0; step < offBy; step++) {
    const raw = shares.map((share, k) => share - units[k] / populationSize);
    units[
      pickCumulative(
        raw.map((value) => Math.max(0, value)),
        raw[0],
        random,
      )
    ]++;
  }
  for (let step = 0; step < -offBy; step++) {
    let surplus = shares.map((share, k) =>
      units[k] === 1 ? 0 : Math.max(0, units[k] / populationSize - share),
    );
    if (surplus.every((value) => value === 0))
      surplus = shares.map((share, k) => (units[k] === 1 ? 0 : 1 - (share - units[k] / populationSize)));
    units[pickCumulative(surplus, surplus[0], random)]--;
  }
}

export function successiveSamplingBootstrap(
  sample: PreparedRdsSample,
  populationSize: number,
  replicates: number,
  options: SuccessiveSamplingOptions,
): SuccessiveSamplingBootstrap {
  const random = options.random;
  const groups = sample.levels.length;
  const members: number[] = [];
  for (let i = 0; i < sample.size; i++) if (sample.outcome[i] >= 0) members.push(i);
  const n = members.length;
  let population = populationSize;
  if (population * options.ssInfinity > n) population = roundHalfEven(n / options.ssInfinity);
  const degrees = Float64Array.from(members, (i) => sample.degree[i]);
  const mapping = successiveSamplingMapping(degrees, population, options);
  const classes = mapping.classes;
  const classIndex = new Map(classes.map((value, k) => [value, k]));
  const probabilityOf = (degree: number) => mapping.inclusionProbabilities[classIndex.get(degree) as number];

  // Point estimate (Hájek with 1/π) and SS-weighted mean degree per group.
  const weightByGroup = new Array<number>(groups).fill(0);
  const degreeByGroup = new Array<number>(groups).fill(0);
  let weightTotal = 0;
  for (const i of members) {
    const w = 1 / probabilityOf(sample.degree[i]);
    weightByGroup[sample.outcome[i]] += w;
    degreeByGroup[sample.outcome[i]] += w * sample.degree[i];
    weightTotal += w;
  }
  const estimate = weightByGroup.map((value) => value / weightTotal);
  const meanDegree = degreeByGroup.map((value, g) => value / weightByGroup[g]);

  // Referrals between groups and recruits per respondent.
  const position = new Int32Array(sample.size).fill(-1);
  members.forEach((i, k) => {
    position[i] = k;
  });
  const referrals = Array.from({ length: groups }, () => new Array<number>(groups).fill(0));
  const recruitCounts = new Array<number>(n).fill(0);
  let seeds = 0;
  for (const i of members) {
    const recruiter = sample.recruiter[i];
    if (recruiter < 0) {
      seeds++;
      continue;
    }
    if (position[recruiter] < 0) continue;
    recruitCounts[position[recruiter]]++;
    referrals[sample.outcome[recruiter]][sample.outcome[i]]++;
  }
  const ties = referrals.map((row, g) => {
    const total = row.reduce((sum, value) => sum + value, 0);
    return row.map((value) => (total === 0 ? 0 : value / total) * meanDegree[g] * estimate[g] * population);
  });
  const symmetricTies = ties.map((row, i) => row.map((value, j) => (value + ties[j][i]) / 2));

  // Cells (degree class × group): shares of the synthetic population.
  const cellDegree: number[] = [];
  const cellGroup: number[] = [];
  const cellCounts: number[] = [];
  for (let g = 0; g < groups; g++)
    for (let k = 0; k < classes.length; k++) {
      cellDegree.push(classes[k]);
      cellGroup.push(g);
      cellCounts.push(0);
    }
  for (const i of members)
    cellCounts[sample.outcome[i] * classes.length + (classIndex.get(sample.degree[i]) as number)]++;
  const raw = cellCounts.map((count, c) => count / mapping.inclusionProbabilities[c % classes.length]);
  const rawTotal = raw.reduce((sum, value) => sum + value, 0);
  const shares = raw.map((value) => value / rawTotal);
  const baseUnits = shares.map((share) => roundHalfEven(population * share));
  const cellWeight = cellDegree.map((degree) => 1 / probabilityOf(degree));

  const positiveCounts = recruitCounts.filter((count) => count > 0);
  const results: number[][] = [];
  for (let b = 0; b < replicates; b++) {
    const units = baseUnits.slice();
    spreadRounding(units, shares, population, random);
    const mass = units.map((count, c) => count * cellDegree[c]);
    const tieMatrix = symmetricTies.map((row) => row.slice());
    const groupShare = new Array<number>(groups).fill(0);
    units.forEach((count, c) => {
      groupShare[cellGroup[c]] += count;
    });
    const shareTotal = groupShare.reduce((sum, value) => sum + value, 0);
    for (let g = 0; g < groups; g++) groupShare[g] /= shareTotal;
    const drawn: number[] = [];
    for (let s = 0; s < seeds; s++) {
      const cell = pickCumulative(mass, mass[0], random);
      drawn.push(cell);
      mass[cell] -= cellDegree[cell];
    }
    for (let g = 0; g < groups; g++) {
      if (tieMatrix[g].reduce((sum, value) => sum + value, 0) <= 0) tieMatrix[g] = [...groupShare];
      if (tieMatrix.reduce((sum, row) => sum + row[g], 0) <= 0)
        for (let r = 0; r < groups; r++) tieMatrix[r][g] = groupShare[r];
    }
    let active = 0;
    let recruited = 0;
    let quota = random.pick(positiveCounts);
    for (let m = seeds; m < n; m++) {
      const fromGroup = cellGroup[drawn[active]];
      const nextGroup = pickCumulative(tieMatrix[fromGroup], tieMatrix[fromGroup][0], random);
      let candidates = mass.map((value, c) => (cellGroup[c] === nextGroup ? value : 0));
      let candidateTotal = candidates.reduce((sum, value) => sum + value, 0);
      if (candidateTotal === 0) {
        candidates = mass.slice();
        candidateTotal = candidates.reduce((sum, value) => sum + value, 0);
      }
      const cell = pickCumulative(candidates, candidates[0], random);
      mass[cell] -= cellDegree[cell];
      const group = cellGroup[cell];
      for (let r = 0; r < groups; r++)
        tieMatrix[r][group] *= (candidateTotal - cellDegree[cell]) / candidateTotal;
      drawn.push(cell);
      recruited++;
      if (recruited === quota) {
        active++;
        recruited = 0;
        quota = random.pick(positiveCounts);
      }
    }
    const totals = new Array<number>(groups).fill(0);
    let denominator = 0;
    for (const cell of drawn) {
      totals[cellGroup[cell]] += cellWeight[cell];
      denominator += cellWeight[cell];
    }
    results.push(totals.map((value) => value / denominator));
  }
  return { estimate, replicates: results };
}
