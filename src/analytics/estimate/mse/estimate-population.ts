/**
 * Multiple systems estimation in one call: choose a log-linear model (SparseMSE's stepwise rule, the
 * AIC- or BIC-best model, or main effects only) or the Bayesian latent-class model, estimate the
 * population, attach an interval (SparseMSE's BCa bootstrap, Rcapture's profile likelihood, or for
 * the latent-class model its posterior credible interval) and, on request, the sensitivity views.
 *
 * Defaults follow the peers: stepwise with threshold 0.02 and a 1,000-replicate BCa bootstrap
 * (SparseMSE `estimatepopulation`); AIC/BIC over all models up to 5 lists, a greedy path beyond,
 * with the profile-likelihood interval (Rcapture `closedpCI.t`). The population estimate of a
 * log-linear model is observed + exp(intercept) (Poisson MLE); the profile interval's own centre is
 * the multinomial MLE and is reported beside it.
 *
 * References: see the method files — `select-stepwise.ts`, `search-models.ts`,
 * `bootstrap-interval.ts`, `profile-likelihood-interval.ts`, `latent-class.ts`, `sensitivity.ts`.
 * Complexity: that of the chosen selection plus the interval (bootstrap: B model choices).
 */
import { requireInput } from '../../common/errors.ts';
import type { Random } from '../../common/random.ts';
import { type BootstrapInterval, bootstrapInterval } from './bootstrap-interval.ts';
import { checkDesign } from './check-model.ts';
import { fitDesign, fitLogLinearModel, type LogLinearFit } from './fit-log-linear.ts';
import { estimateLatentClass, type LatentClassEstimate, type LatentClassOptions } from './latent-class.ts';
import { buildModelDesign, type ListPair } from './model-design.ts';
import type { PatternTable } from './pattern-table.ts';
import { type ProfileLikelihoodInterval, profileLikelihoodInterval } from './profile-likelihood-interval.ts';
import {
  chooseByInformationCriterion,
  type ModelSearch,
  type SearchedModel,
  searchModels,
} from './search-models.ts';
import { type StepwiseStep, selectModelStepwise, stepwiseEstimator } from './select-stepwise.ts';
import { type Sensitivity, sensitivityAnalysis } from './sensitivity.ts';

export type MultipleSystemsMethod = 'stepwise' | 'aic' | 'bic' | 'main' | 'lcmcr';
export type IntervalMethod = 'bootstrap' | 'profile';

export interface EstimatePopulationOptions {
  method?: MultipleSystemsMethod;
  /** Interval for log-linear methods (default: bootstrap for stepwise and main, profile for AIC/BIC). */
  interval?: IntervalMethod;
  /** Seeded generator; required for the bootstrap, the sensitivity bootstrap and LCMCR. */
  random?: Random;
  level?: number;
  /** Bootstrap replicates (default 1000). */
  replicates?: number;
  /** Stepwise p-value threshold (default 0.02). */
  threshold?: number;
  /** Exhaustive AIC/BIC search up to this many lists (default 5). */
  exhaustiveUpTo?: number;
  /** Compute the sensitivity views (default false). */
  sensitivity?: boolean;
  /** Replicates of the model-choice bootstrap in the sensitivity views (default 200). */
  sensitivityReplicates?: number;
  /** Settings of the latent-class sampler. */
  latentClass?: Omit<LatentClassOptions, 'random'>;
  onProgress?: (done: number, total: number) => void;
}

export interface PopulationEstimate {
  method: MultipleSystemsMethod;
  lists: string[];
  observed: number;
  estimate: number;
  ci: {
    lower: number;
    upper: number | null;
    level: number;
    method: 'bootstrap-bca' | 'bootstrap-percentile' | 'profile-likelihood' | 'posterior';
    monteCarloStandardError?: { lower: number; upper: number };
  };
  model: {
    interactions: [string, string][];
    minusInfinityInteractions: [string, string][];
    fit: LogLinearFit | null;
  };
  selection: {
    stepwise?: { threshold: number; steps: StepwiseStep[] };
    search?: {
      criterion: 'aic' | 'bic';
      exhaustive: boolean;
      modelsConsidered: number;
      modelsFitted: number;
      skipped: ModelSearch['skipped'];
      marginToSecond: number;
      ranked: SearchedModel[];
    };
  };
  bootstrap?: BootstrapInterval;
  profile?: ProfileLikelihoodInterval;
  latentClass?: LatentClassEstimate;
  sensitivity?: Sensitivity;
  warnings: string[];
}

const DEFAULTS = {
  method: 'stepwise' as MultipleSystemsMethod,
  level: 0.95,
  replicates: 1000,
  threshold: 0.02,
  exhaustiveUpTo: 5,
  sensitivity: false,
  sensitivityReplicates: 200,
};

export function estimatePopulation(
  table: PatternTable,
  options: EstimatePopulationOptions = {},
): PopulationEstimate {
  const where = 'estimate/mse/estimatePopulation';
  const settings = { ...DEFAULTS, ...options };
  const warnings: string[] = [];
  if (settings.method === 'lcmcr') {
    requireInput(settings.random, where, 'the latent-class sampler needs a seeded random generator');
    const latentClass = estimateLatentClass(table, {
      ...settings.latentClass,
      random: settings.random,
      level: settings.level,
    });
    warnings.push(...latentClass.warnings);
    return {
      method: 'lcmcr',
      lists: [...table.lists],
      observed: table.observed,
      estimate: latentClass.median,
      ci: { lower: latentClass.lower, upper: latentClass.upper, level: settings.level, method: 'posterior' },
      model: { interactions: [], minusInfinityInteractions: [], fit: null },
      selection: {},
      latentClass,
      sensitivity: settings.sensitivity ? sensitivity(table, settings, undefined) : undefined,
      warnings,
    };
  }

  let fit: LogLinearFit;
  let pairs: ListPair[];
  const selection: PopulationEstimate['selection'] = {};
  let search: ModelSearch | undefined;
  let estimator: (resampled: PatternTable) => number;
  if (settings.method === 'stepwise') {
    const stepwise = selectModelStepwise(table, { threshold: settings.threshold, level: settings.level });
    fit = stepwise.fit;
    selection.stepwise = { threshold: settings.threshold, steps: stepwise.steps };
    estimator = stepwiseEstimator(table, settings.threshold);
  } else if (settings.method === 'main') {
    fit = fitLogLinearModel(table, [], { level: settings.level });
    estimator = (resampled) => {
      const design = buildModelDesign(resampled, []);
      requireInput(checkDesign(design, resampled.observed).code === 0, where, 'main effects fail the check');
      return resampled.observed + Math.exp(fitDesign(design, undefined, { detail: false }).coefficients[0]);
    };
  } else {
    const criterion = settings.method;
    search = searchModels(table, { exhaustiveUpTo: settings.exhaustiveUpTo, greedyCriterion: criterion });
    const choice = chooseByInformationCriterion(table, search, criterion, { level: settings.level });
    fit = choice.fit;
    selection.search = {
      criterion,
      ...choice.search,
      marginToSecond: choice.marginToSecond,
      ranked: choice.ranked,
    };
    if (!search.exhaustive)
      warnings.push(
        `${table.lists.length} lists: the ${criterion.toUpperCase()} model was found by a greedy path, not by searching all models`,
      );
    if (choice.marginToSecond < 2)
      warnings.push(
        `the runner-up model is within ${choice.marginToSecond.toFixed(2)} ${criterion.toUpperCase()} of the chosen one: see sensitivity.panel`,
      );
    estimator = (resampled) =>
      chooseByInformationCriterion(
        resampled,
        searchModels(resampled, { exhaustiveUpTo: settings.exhaustiveUpTo, greedyCriterion: criterion }),
        criterion,
      ).fit.estimate;
  }
  pairs = fit.interactions.map(([a, b]) => [table.lists.indexOf(a), table.lists.indexOf(b)] as const);
  if (fit.minusInfinityInteractions.length > 0)
    warnings.push(
      `interactions between lists with no case in common are in the model with parameter −∞: ${fit.minusInfinityInteractions.map((pair) => pair.join(':')).join(', ')}`,
    );

  const intervalMethod =
    settings.interval ?? (settings.method === 'aic' || settings.method === 'bic' ? 'profile' : 'bootstrap');
  let ci: PopulationEstimate['ci'];
  let bootstrap: BootstrapInterval | undefined;
  let profile: ProfileLikelihoodInterval | undefined;
  if (intervalMethod === 'bootstrap') {
    requireInput(settings.random, where, 'the bootstrap interval needs a seeded random generator');
    bootstrap = bootstrapInterval(table, estimator, {
      random: settings.random,
      replicates: settings.replicates,
      level: settings.level,
      onProgress: settings.onProgress,
    });
    warnings.push(...bootstrap.warnings);
    ci = {
      lower: bootstrap.lower,
      upper: Number.isFinite(bootstrap.upper) ? bootstrap.upper : null,
      level: settings.level,
      method: bootstrap.method === 'bca' ? 'bootstrap-bca' : 'bootstrap-percentile',
      monteCarloStandardError: bootstrap.monteCarloStandardError,
    };
  } else {
    profile = profileLikelihoodInterval(table, pairs, { level: settings.level });
    warnings.push(...profile.warnings);
    ci = { lower: profile.lower, upper: profile.upper, level: settings.level, method: 'profile-likelihood' };
  }
  return {
    method: settings.method,
    lists: [...table.lists],
    observed: table.observed,
    estimate: fit.estimate,
    ci,
    model: {
      interactions: fit.interactions,
      minusInfinityInteractions: fit.minusInfinityInteractions,
      fit,
    },
    selection,
    bootstrap,
    profile,
    sensitivity: settings.sensitivity ? sensitivity(table, settings, search, estimator) : undefined,
    warnings,
  };
}

function sensitivity(
  table: PatternTable,
  settings: typeof DEFAULTS & EstimatePopulationOptions,
  search: ModelSearch | undefined,
  estimator?: (table: PatternTable) => number,
): Sensitivity {
  requireInput(
    settings.random,
    'estimate/mse/estimatePopulation',
    'the sensitivity views need a seeded random generator',
  );
  const criterion = settings.method === 'bic' ? 'bic' : 'aic';
  return sensitivityAnalysis(table, {
    random: settings.random,
    estimator: estimator ?? ((reduced) => summariseStepwise(reduced, settings.threshold)),
    search:
      search ?? searchModels(table, { exhaustiveUpTo: settings.exhaustiveUpTo, greedyCriterion: criterion }),
    replicates: settings.sensitivityReplicates,
    criterion,
    level: settings.level,
  });
}

function summariseStepwise(table: PatternTable, threshold: number): number {
  return selectModelStepwise(table, { threshold }).fit.estimate;
}
