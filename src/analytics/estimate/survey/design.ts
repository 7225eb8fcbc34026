/**
 * Survey design: the description of how a sample was drawn, from which every design-based estimate
 * in this folder computes its Taylor-linearised variance. The counterpart of R `survey`'s
 * `svydesign(ids, strata, fpc, weights, data)` (Lumley 2004, "Analysis of complex survey samples",
 * Journal of Statistical Software 9(8), doi:10.18637/jss.v009.i08; Lumley 2010, *Complex Surveys:
 * A Guide to Analysis Using R*, Wiley, doi:10.1002/9780470580066).
 *
 * Conventions (those of R `survey` unless said otherwise):
 * - `clusters` holds one id column per sampling stage (first stage first). No clusters means every
 *   row is its own primary sampling unit (R's `id = ~1`). Ids are always nested: a stage-2 id is
 *   read inside its stage-1 cluster, and stage-1 ids inside their stratum (R's `nest = TRUE`).
 * - `strata` stratifies the first stage; stage k > 1 is sampled within each stage k−1 unit, which is
 *   its stratum (as R builds it).
 * - `finitePopulation` gives, per stage, either the population size of the row's stratum at that
 *   stage (all values ≥ 1, some > 1) or the sampling fraction (all values ≤ 1), as R's `as.fpc`
 *   decides; a mixture is an error. Stages after the last one given are sampled with replacement
 *   (their variance is absorbed into the last unit with a finite population correction plus one
 *   stage: R's "ultimate cluster" from that stage on). The value must be constant within a stratum.
 * - `weights` are the sampling weights (inverse inclusion probabilities). When absent they are
 *   derived from the population sizes, w = Π_k N_k / n_k over the stages (R's
 *   `weights.survey_fpc`); with neither, every weight is 1 and a warning says so.
 * - `lonelyUnit` is R's `options(survey.lonely.psu = …)`: what a stratum with one sampled unit
 *   contributes to the variance ('fail' | 'remove' | 'adjust' | 'average' | 'certainty').
 *
 * Degrees of freedom: number of first-stage units − number of first-stage strata (R's `degf`).
 * Complexity: O(n × stages) time and memory to index the design once; estimates reuse the index.
 */
import { requireInput } from '../../common/errors.ts';

/** A category label as read from data: text or a number. */
export type SurveyLabel = string | number;

/** What a stratum with a single sampled unit contributes to the variance (R `survey.lonely.psu`). */
export type LonelyUnitRule = 'fail' | 'remove' | 'adjust' | 'average' | 'certainty';

export interface SurveyDesignInput {
  /** Sampling weights, one per row; derived from `finitePopulation` when absent. */
  weights?: readonly number[];
  /** First-stage strata, one label per row. */
  strata?: readonly SurveyLabel[];
  /** Cluster ids per stage, first stage first, each one label per row. */
  clusters?: readonly (readonly SurveyLabel[])[];
  /** Per stage: population sizes (all ≥ 1) or sampling fractions (all ≤ 1), one value per row. */
  finitePopulation?: readonly (readonly number[])[];
  /** Number of rows, needed only when none of the above is given. */
  rowCount?: number;
}

export interface SurveyDesignOptions {
  /** R `survey.lonely.psu`; default 'fail'. */
  lonelyUnit?: LonelyUnitRule;
  /**
   * R `survey.ultimate.cluster`: when true only the first stage enters the variance, as if first
   * stage units were drawn with replacement within strata after the first stage's correction.
   */
  ultimateCluster?: boolean;
}

const DEFAULTS: Required<SurveyDesignOptions> = { lonelyUnit: 'fail', ultimateCluster: false };

/** One sampling stage of an indexed design. */
export interface SurveyStage {
  /** Unit (cluster) index of each row at this stage, 0..unitCount−1, unique across strata. */
  unitOfRow: Int32Array;
  unitCount: number;
  /** Stratum index of each unit at this stage (stage 1: the strata; later: the parent unit). */
  stratumOfUnit: Int32Array;
  stratumCount: number;
  /** Sampled units per stratum. */
  sampledUnits: Int32Array;
  /** Population units per stratum; Infinity when no finite population correction is known. */
  populationUnits: Float64Array;
  /** Product of the sampling fractions of the enclosing units of earlier stages, per stratum. */
  stageMultiplier: Float64Array;
  /** A stratum's name for messages: its label at stage 1, the path of ids of its parent unit later. */
  describeStratum: (stratum: number) => string;
}

/** An indexed survey design, built once by {@link createSurveyDesign} and shared by the estimators. */
export interface SurveyDesign {
  rowCount: number;
  weights: Float64Array;
  /** Stages that enter the variance (stage 1 always; later ones only below a finite population correction). */
  stages: SurveyStage[];
  /** Number of stages described by the input (clusters given, at least one). */
  stageCountDescribed: number;
  /** First-stage units − first-stage strata. */
  degreesOfFreedom: number;
  /** First-stage strata labels, in first-appearance order. */
  strataLabels: string[];
  /** First-stage stratum index of each row. */
  stratumOfRow: Int32Array;
  lonelyUnit: LonelyUnitRule;
  weightsDerivedFromPopulation: boolean;
  warnings: string[];
}

const WHERE = 'estimate/survey/design';

function labelIndex(labels: readonly SurveyLabel[]): { codes: Int32Array; names: string[] } {
  const codes = new Int32Array(labels.length);
  const map = new Map<string, number>();
  const names: string[] = [];
  for (let i = 0; i < labels.length; i++) {
    const key = String(labels[i]);
    let code = map.get(key);
    if (code === undefined) {
      code = names.length;
      map.set(key, code);
      names.push(key);
    }
    codes[i] = code;
  }
  return { codes, names };
}

/**
 * Codes the pairs (group, label) into a dense unit index in first-appearance order; with no labels
 * every row is its own unit. Returns each unit's group and its first row (for naming it).
 */
function nestedIndex(
  groups: Int32Array,
  labels: readonly SurveyLabel[] | null,
): { codes: Int32Array; groupOfCode: Int32Array; firstRow: Int32Array } {
  const n = groups.length;
  if (labels === null) {
    const codes = new Int32Array(n);
    for (let i = 0; i < n; i++) codes[i] = i;
    return { codes, groupOfCode: Int32Array.from(groups), firstRow: codes };
  }
  const labelCodes = labelIndex(labels);
  const labelCount = labelCodes.names.length;
  const codes = new Int32Array(n);
  const groupOfCode: number[] = [];
  const firstRow: number[] = [];
  // Open-addressing table from the pair's number (group × labels + label) to its unit code:
  // preallocated, so a million distinct units cost no rehashing.
  let capacity = 16;
  while (capacity < 2 * n) capacity *= 2;
  const mask = capacity - 1;
  const slotKey = new Float64Array(capacity).fill(-1);
  const slotCode = new Int32Array(capacity);
  for (let i = 0; i < n; i++) {
    const key = groups[i] * labelCount + labelCodes.codes[i];
    let slot = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul(Math.floor(key / 4294967296), 0x85ebca6b)) & mask;
    while (slotKey[slot] !== -1 && slotKey[slot] !== key) slot = (slot + 1) & mask;
    if (slotKey[slot] === -1) {
      slotKey[slot] = key;
      slotCode[slot] = groupOfCode.length;
      groupOfCode.push(groups[i]);
      firstRow.push(i);
    }
    codes[i] = slotCode[slot];
  }
  return { codes, groupOfCode: Int32Array.from(groupOfCode), firstRow: Int32Array.from(firstRow) };
}

function checkLabels(labels: readonly SurveyLabel[], n: number, what: string): void {
  requireInput(
    labels.length === n,
    WHERE,
    `${what} has ${labels.length} values, expected ${n} (one per row)`,
  );
  for (let i = 0; i < n; i++) {
    const value = labels[i];
    if ((typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value)))
      continue;
    requireInput(false, WHERE, `${what} is missing or not a label at row ${i + 1}`);
  }
}

/**
 * Indexes a survey design (see the file header for the conventions, which are R `survey`'s).
 * Throws an `AnalyticsInputError` naming the row for missing design values, mixed fpc kinds,
 * population sizes below the sample size, and lonely strata under the 'fail' rule.
 */
export function createSurveyDesign(
  input: SurveyDesignInput,
  options: SurveyDesignOptions = {},
): SurveyDesign {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    ['fail', 'remove', 'adjust', 'average', 'certainty'].includes(settings.lonelyUnit),
    WHERE,
    `lonelyUnit must be fail, remove, adjust, average or certainty, got ${String(settings.lonelyUnit)}`,
  );
  const clusterColumns = input.clusters ?? [];
  const fpcColumns = input.finitePopulation ?? [];
  const n =
    input.weights?.length ??
    input.strata?.length ??
    clusterColumns[0]?.length ??
    fpcColumns[0]?.length ??
    input.rowCount;
  requireInput(
    n !== undefined,
    WHERE,
    'give weights, strata, clusters, finite population sizes or a rowCount',
  );
  requireInput(n > 0 && Number.isInteger(n), WHERE, `the design has no rows (rowCount ${n})`);
  requireInput(
    fpcColumns.length <= Math.max(1, clusterColumns.length),
    WHERE,
    `${fpcColumns.length} finite population columns for ${Math.max(1, clusterColumns.length)} stage(s)`,
  );
  const warnings: string[] = [];

  // First-stage strata.
  let stratumOfRow: Int32Array;
  let strataLabels: string[];
  if (input.strata) {
    checkLabels(input.strata, n, 'strata');
    const indexed = labelIndex(input.strata);
    stratumOfRow = indexed.codes;
    strataLabels = indexed.names;
  } else {
    stratumOfRow = new Int32Array(n);
    strataLabels = ['(all)'];
  }
  clusterColumns.forEach((column, stage) => {
    checkLabels(column, n, `clusters at stage ${stage + 1}`);
  });

  // Finite population corrections: population sizes or sampling fractions, decided over all stages.
  fpcColumns.forEach((column, stage) => {
    requireInput(
      column.length === n,
      WHERE,
      `finite population at stage ${stage + 1} has ${column.length} values, expected ${n}`,
    );
    for (let i = 0; i < n; i++)
      if (!(Number.isFinite(column[i]) && column[i] > 0))
        requireInput(
          false,
          WHERE,
          `finite population at stage ${stage + 1} is missing or not positive at row ${i + 1}`,
        );
  });
  const anyAboveOne = fpcColumns.some((column) => column.some((value) => value > 1));
  const allAtLeastOne = fpcColumns.every((column) => column.every((value) => value >= 1));
  requireInput(
    !(anyAboveOne && !allAtLeastOne),
    WHERE,
    'finite population values must be all population sizes (>= 1) or all sampling fractions (<= 1)',
  );
  const givenAsSizes = anyAboveOne;

  const stageCount = Math.max(1, clusterColumns.length);
  const allStages: SurveyStage[] = [];
  let parentOfRow = stratumOfRow;
  let parentName = (stratum: number): string => strataLabels[stratum];
  let parentCount = strataLabels.length;
  let parentMultiplier: Float64Array | null = null;
  for (let stage = 0; stage < stageCount; stage++) {
    const ids = clusterColumns[stage] ?? null;
    const nested = nestedIndex(parentOfRow, ids);
    const unitCount = nested.groupOfCode.length;
    const stratumCount = parentCount;
    const stratumOfUnit = nested.groupOfCode;
    const describeStratum = parentName;
    const sampledUnits = new Int32Array(stratumCount);
    for (let u = 0; u < unitCount; u++) sampledUnits[stratumOfUnit[u]]++;
    const populationUnits = new Float64Array(stratumCount).fill(Number.POSITIVE_INFINITY);
    const fpc = fpcColumns[stage];
    if (fpc) {
      const seen = new Float64Array(stratumCount).fill(Number.NaN);
      for (let i = 0; i < n; i++) {
        const h = parentOfRow[i];
        const value = fpc[i];
        if (Number.isNaN(seen[h])) seen[h] = value;
        else if (seen[h] !== value)
          requireInput(
            false,
            WHERE,
            `finite population at stage ${stage + 1} varies within stratum ${describeStratum(h)} (row ${i + 1} has ${value}, an earlier row ${seen[h]})`,
          );
      }
      for (let h = 0; h < stratumCount; h++) {
        if (Number.isNaN(seen[h])) continue;
        const population = givenAsSizes ? seen[h] : sampledUnits[h] / seen[h];
        if (population < sampledUnits[h] * (1 - 1e-12))
          requireInput(
            false,
            WHERE,
            `finite population at stage ${stage + 1} implies more than 100% sampling in stratum ${describeStratum(h)} (${sampledUnits[h]} units sampled of ${population})`,
          );
        populationUnits[h] = population;
      }
    }
    const stageMultiplier = new Float64Array(stratumCount).fill(1);
    if (parentMultiplier) for (let h = 0; h < stratumCount; h++) stageMultiplier[h] = parentMultiplier[h];
    allStages.push({
      unitOfRow: nested.codes,
      unitCount,
      stratumOfUnit,
      stratumCount,
      sampledUnits,
      populationUnits,
      stageMultiplier,
      describeStratum,
    });
    // The next stage's strata are this stage's units; their multiplier is this stage's fraction.
    const nextMultiplier = new Float64Array(unitCount);
    for (let u = 0; u < unitCount; u++) {
      const h = stratumOfUnit[u];
      nextMultiplier[u] = (stageMultiplier[h] * sampledUnits[h]) / populationUnits[h];
    }
    parentMultiplier = nextMultiplier;
    parentOfRow = nested.codes;
    parentCount = unitCount;
    parentName = (unit: number): string =>
      `${describeStratum(stratumOfUnit[unit])}/${ids === null ? nested.firstRow[unit] + 1 : String(ids[nested.firstRow[unit]])}`;
  }

  // Weights.
  let weights: Float64Array;
  let weightsDerivedFromPopulation = false;
  if (input.weights) {
    requireInput(
      input.weights.length === n,
      WHERE,
      `weights has ${input.weights.length} values, expected ${n}`,
    );
    weights = Float64Array.from(input.weights);
    for (let i = 0; i < n; i++)
      if (!(Number.isFinite(weights[i]) && weights[i] >= 0))
        requireInput(false, WHERE, `weight is missing, negative or not a number at row ${i + 1}`);
  } else if (fpcColumns.length > 0) {
    requireInput(
      fpcColumns.length === stageCount,
      WHERE,
      `weights are not given and cannot be derived: finite population given for ${fpcColumns.length} of ${stageCount} stages`,
    );
    weights = new Float64Array(n).fill(1);
    for (const stage of allStages) {
      for (let i = 0; i < n; i++) {
        const h = stage.stratumOfUnit[stage.unitOfRow[i]];
        weights[i] *= stage.populationUnits[h] / stage.sampledUnits[h];
      }
    }
    weightsDerivedFromPopulation = true;
  } else {
    weights = new Float64Array(n).fill(1);
    warnings.push('no weights or finite population sizes given: every row has weight 1 (equal probability)');
  }

  // Stages entering the variance: stage k+1 only below a finite population correction at stage k.
  const stages: SurveyStage[] = [allStages[0]];
  if (!settings.ultimateCluster)
    for (let stage = 1; stage < allStages.length; stage++) {
      if (!fpcColumns[stage - 1]) break;
      stages.push(allStages[stage]);
    }

  // Lonely strata: fail early with the stratum named.
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s];
    for (let h = 0; h < stage.stratumCount; h++) {
      const lonely =
        stage.sampledUnits[h] === 1 && stage.populationUnits[h] - 1 >= 1e-7 * stage.populationUnits[h];
      if (!lonely) continue;
      requireInput(
        settings.lonelyUnit !== 'fail',
        WHERE,
        `stratum ${stage.describeStratum(h)} has only one sampled unit at stage ${s + 1} (choose a lonelyUnit rule: remove, adjust, average or certainty)`,
      );
      if (s > 0 && settings.lonelyUnit === 'average')
        warnings.push(
          `unit ${stage.describeStratum(h)} has one sampled unit at stage ${s + 1}: 'average' applies to the first stage only, so it contributes nothing there`,
        );
    }
  }

  return {
    rowCount: n,
    weights,
    stages,
    stageCountDescribed: stageCount,
    degreesOfFreedom: allStages[0].unitCount - strataLabels.length,
    strataLabels,
    stratumOfRow,
    lonelyUnit: settings.lonelyUnit,
    weightsDerivedFromPopulation,
    warnings,
  };
}
