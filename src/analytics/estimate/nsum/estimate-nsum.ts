/**
 * Network scale-up estimates of hidden population sizes (Killworth et al. 1998), as the
 * networkreporting R package computes them: degrees from known-population questions
 * (`known-population-degrees.ts`), the scale-up estimate with optional weights, degree-ratio and
 * transmission-rate adjustments and Killworth's standard error (`scale-up-estimate.ts`), the
 * leave-one-out internal-consistency check of the known populations (`internal-consistency.ts`)
 * and, when asked, rescaled-bootstrap intervals over the survey design (`rescaled-bootstrap.ts`;
 * degrees stay fixed per respondent and only the weights are resampled, as in the package's
 * vignette). Killworth intervals are estimate ± z · se; bootstrap intervals are percentile
 * intervals (the vignette's `quantile(…, c(0.025, 0.975))`).
 *
 * References: Killworth, P. D. et al. (1998), Evaluation Review 22(2), 289–308,
 * doi:10.1177/0193841X9802200205; Feehan, D. M. & Salganik, M. J. (2016), Sociological Methodology
 * 46(1), 153–186, doi:10.1177/0081175016665425; networkreporting 0.3.1,
 * https://github.com/dfeehan/networkreporting.
 *
 * Complexity: O(n · k² + B · n · h) for n respondents, k known and h hidden populations, B replicates.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { createRandom, type Random, requireInput } from '../../common/index.ts';
import { type InternalConsistency, internalConsistency } from './internal-consistency.ts';
import { knownPopulationDegrees } from './known-population-degrees.ts';
import { resamplingDesign, rescaledBootstrapScale } from './rescaled-bootstrap.ts';
import { type ScaleUpEstimate, scaleUpEstimate } from './scale-up-estimate.ts';
import {
  answerColumn,
  type KnownPopulation,
  NSUM_WHERE,
  type NsumRespondent,
  prepareNsumSurvey,
} from './survey.ts';

export interface EstimateNsumInput {
  respondents: readonly NsumRespondent[];
  knownPopulations: readonly KnownPopulation[];
  /** Size N of the total (alter) population. */
  totalPopulation: number;
}

export interface EstimateNsumOptions {
  /** Columns of the hidden populations to estimate. */
  hidden: readonly string[];
  /** Use the respondents' weights. */
  weighted?: boolean;
  /** Cap known-population answers at this count (the package vignette uses 30); null for none. */
  topCode?: number | null;
  /** Degree ratio δ: mean degree of the hidden population relative to the population's. */
  degreeRatio?: number;
  /** Information transmission rate τ: share of ties through which membership is known. */
  transmissionRate?: number;
  /** Rescaled-bootstrap replicates over the design (strata, clusters); 0 for none. */
  bootstrapReplicates?: number;
  confidenceLevel?: number;
  /** Leave-one-out check of the known populations. */
  internalConsistency?: boolean;
  seed?: number;
  random?: Random;
}

export const ESTIMATE_NSUM_DEFAULTS = {
  weighted: false,
  topCode: null as number | null,
  degreeRatio: 1,
  transmissionRate: 1,
  bootstrapReplicates: 0,
  confidenceLevel: 0.95,
  internalConsistency: true,
  seed: 1,
};

export interface NsumBootstrap {
  replicates: number;
  mean: number;
  sd: number;
  lower: number;
  upper: number;
}

export interface HiddenPopulationEstimate extends ScaleUpEstimate {
  /** Killworth interval: estimate ± z · killworthSe. */
  lower: number;
  upper: number;
  bootstrap?: NsumBootstrap;
}

export interface NsumEstimateResult {
  totalPopulation: number;
  respondents: number;
  degrees: number[];
  degreeSummary: {
    min: number;
    q1: number;
    median: number;
    mean: number;
    q3: number;
    max: number;
    sum: number;
  };
  hidden: Record<string, HiddenPopulationEstimate>;
  internalConsistency?: InternalConsistency;
  confidenceLevel: number;
  warnings: string[];
}

function typeSevenQuantile(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

export function estimateNsum(input: EstimateNsumInput, options: EstimateNsumOptions): NsumEstimateResult {
  const settings = { ...ESTIMATE_NSUM_DEFAULTS, ...options };
  const total = input.totalPopulation;
  requireInput(
    Number.isFinite(total) && total > 0,
    NSUM_WHERE,
    `total population ${total} is not a number > 0`,
  );
  requireInput(options.hidden.length > 0, NSUM_WHERE, 'no hidden population column was given');
  requireInput(
    settings.degreeRatio > 0 && settings.transmissionRate > 0 && settings.transmissionRate <= 1,
    NSUM_WHERE,
    `degree ratio (${settings.degreeRatio}) must be > 0 and transmission rate (${settings.transmissionRate}) in (0, 1]`,
  );
  requireInput(
    settings.topCode === null || settings.topCode > 0,
    NSUM_WHERE,
    `top code ${settings.topCode} must be > 0`,
  );
  const survey = prepareNsumSurvey(input.respondents, input.knownPopulations, {
    topCode: settings.topCode,
    weighted: settings.weighted,
  });
  const warnings = [...survey.warnings];
  const knownTotal = survey.knownSizes.reduce((sum, size) => sum + size, 0);
  if (knownTotal > total)
    warnings.push(`the known populations add up to ${knownTotal}, more than the total population ${total}`);
  const degrees = knownPopulationDegrees(survey, total);
  requireInput(
    degrees.some((degree) => degree > 0),
    NSUM_WHERE,
    'every respondent reports knowing no one in the known populations, so no degree can be estimated',
  );
  const adjustments = { degreeRatio: settings.degreeRatio, transmissionRate: settings.transmissionRate };
  const z = normalQuantile(1 - (1 - settings.confidenceLevel) / 2, 0, 1);
  const hiddenColumns = options.hidden.map((name) => {
    requireInput(
      !survey.knownNames.includes(name),
      NSUM_WHERE,
      `"${name}" is a known population; a hidden population must be another column`,
    );
    const column = answerColumn(input.respondents, name);
    const missing = column.filter((value) => Number.isNaN(value)).length;
    if (missing > 0)
      warnings.push(`${missing} respondents have no answer for "${name}" and are left out of its estimate`);
    return column;
  });
  const hidden: Record<string, HiddenPopulationEstimate> = {};
  options.hidden.forEach((name, h) => {
    const result = scaleUpEstimate(hiddenColumns[h], degrees, survey.weights, total, adjustments);
    requireInput(
      result.sumDegree > 0,
      NSUM_WHERE,
      `no respondent with an answer for "${name}" has a positive degree (or weight)`,
    );
    hidden[name] = {
      ...result,
      lower: result.estimate - z * result.killworthSe,
      upper: result.estimate + z * result.killworthSe,
    };
  });
  if (settings.bootstrapReplicates > 0) {
    requireInput(
      Number.isInteger(settings.bootstrapReplicates) && settings.bootstrapReplicates >= 2,
      NSUM_WHERE,
      `bootstrap replicates must be an integer >= 2, got ${settings.bootstrapReplicates}`,
    );
    const random = options.random ?? createRandom(settings.seed);
    const design = resamplingDesign(survey.clusters, survey.strata, NSUM_WHERE);
    const draws: number[][] = options.hidden.map(() => []);
    const replicateWeights = new Float64Array(survey.size);
    for (let b = 0; b < settings.bootstrapReplicates; b++) {
      const scale = rescaledBootstrapScale(design, random);
      for (let i = 0; i < survey.size; i++) replicateWeights[i] = survey.weights[i] * scale[i];
      options.hidden.forEach((_, h) => {
        draws[h].push(
          scaleUpEstimate(hiddenColumns[h], degrees, replicateWeights, total, adjustments).estimate,
        );
      });
    }
    const tail = (1 - settings.confidenceLevel) / 2;
    options.hidden.forEach((name, h) => {
      const values = draws[h].filter((value) => Number.isFinite(value));
      const sorted = [...values].sort((a, b) => a - b);
      const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
      const sd = Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1));
      hidden[name].bootstrap = {
        replicates: values.length,
        mean,
        sd,
        lower: typeSevenQuantile(sorted, tail),
        upper: typeSevenQuantile(sorted, 1 - tail),
      };
      if (values.length < draws[h].length)
        warnings.push(
          `${draws[h].length - values.length} bootstrap replicates for "${name}" had no degree and were dropped`,
        );
    });
  }
  const sortedDegrees = Array.from(degrees).sort((a, b) => a - b);
  const degreeTotal = sortedDegrees.reduce((sum, value) => sum + value, 0);
  return {
    totalPopulation: total,
    respondents: survey.size,
    degrees: Array.from(degrees),
    degreeSummary: {
      min: sortedDegrees[0],
      q1: typeSevenQuantile(sortedDegrees, 0.25),
      median: typeSevenQuantile(sortedDegrees, 0.5),
      mean: degreeTotal / sortedDegrees.length,
      q3: typeSevenQuantile(sortedDegrees, 0.75),
      max: sortedDegrees[sortedDegrees.length - 1],
      sum: degreeTotal,
    },
    hidden,
    ...(settings.internalConsistency && survey.knownNames.length >= 2
      ? { internalConsistency: internalConsistency(survey, total) }
      : {}),
    confidenceLevel: settings.confidenceLevel,
    warnings,
  };
}
