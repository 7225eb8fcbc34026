/**
 * All RDS diagnostics at once, with the estimator of the estimate they accompany: recruitment
 * trees, homophily, convergence by wave and sample order, and bottlenecks between seed trees.
 * See each diagnostic's file for definitions and references.
 *
 * Complexity: O((waves + steps + seeds) · cost of the estimator + n · g).
 */
import { createRandom } from '../../common/index.ts';
import { type RdsBottlenecks, rdsBottlenecks } from './bottlenecks.ts';
import { type RdsConvergence, rdsConvergence } from './convergence.ts';
import { ESTIMATE_RDS_DEFAULTS, type EstimateRdsOptions } from './estimate-rds.ts';
import { type RdsHomophily, rdsHomophily } from './homophily.ts';
import { type RecruitmentTrees, rdsRecruitmentTrees } from './recruitment-trees.ts';
import type { PreparedRdsSample } from './sample.ts';
import { computeRdsWeights, type RdsWeightContext, weightedProportions } from './weights.ts';

export interface RdsDiagnostics {
  recruitmentTrees: RecruitmentTrees;
  homophily: RdsHomophily;
  convergence: RdsConvergence;
  bottlenecks: RdsBottlenecks;
}

export function diagnoseRds(sample: PreparedRdsSample, options: EstimateRdsOptions = {}): RdsDiagnostics {
  const settings = { ...ESTIMATE_RDS_DEFAULTS, ...options };
  const context: RdsWeightContext = {
    populationSize: options.populationSize ?? null,
    random: options.random ?? createRandom(settings.seed),
    ssSamplesPerIteration: settings.ssSamplesPerIteration,
    ssIterations: settings.ssIterations,
    ssInfinity: settings.ssInfinity,
  };
  const full = computeRdsWeights(sample, settings.estimator, context);
  const pooled = weightedProportions(sample, full.weights);
  const subsetContext = { ...context, ssMapping: full.ssMapping };
  const estimate = (subset: PreparedRdsSample): number[] =>
    weightedProportions(subset, computeRdsWeights(subset, settings.estimator, subsetContext).weights);
  return {
    recruitmentTrees: rdsRecruitmentTrees(sample),
    homophily: rdsHomophily(sample, full.weights),
    convergence: rdsConvergence(sample, estimate),
    bottlenecks: rdsBottlenecks(sample, estimate, pooled),
  };
}
