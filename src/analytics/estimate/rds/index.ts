/** Respondent-driven sampling: estimators, intervals, diagnostics and population size (SS-PSE). */

export { type RdsBottlenecks, type RdsTreeEstimate, rdsBottlenecks } from './bottlenecks.ts';
export { type RdsConvergence, rdsConvergence } from './convergence.ts';
export { diagnoseRds, type RdsDiagnostics } from './diagnose-rds.ts';
export { empiricalLikelihoodStandardError } from './empirical-likelihood-se.ts';
export {
  ESTIMATE_POPULATION_SIZE_DEFAULTS,
  type EstimatePopulationSizeOptions,
  estimatePopulationSize,
  estimatePopulationSizeFromDegrees,
  type PopulationSizeEstimate,
} from './estimate-population-size.ts';
export {
  ESTIMATE_RDS_DEFAULTS,
  type EstimateRdsOptions,
  estimateRds,
  estimateRdsPrepared,
  type RdsEstimateResult,
  type RdsIntervalMethod,
  type RdsLevelEstimate,
} from './estimate-rds.ts';
export { type RdsHomophily, rdsHomophily } from './homophily.ts';
export {
  type PopulationSizePrior,
  type PopulationSizeSummary,
  populationSizePrior,
  summarisePopulationSize,
} from './population-size-prior.ts';
export { countTransitions, type RdsIDetails, rdsIWeights, stationaryDistribution } from './rds-i-weights.ts';
export { rdsIIWeights } from './rds-ii-weights.ts';
export { type RecruitmentTree, type RecruitmentTrees, rdsRecruitmentTrees } from './recruitment-trees.ts';
export {
  type PreparedRdsSample,
  prepareRdsSample,
  type RdsProblem,
  type RdsRespondent,
  validateRdsSample,
} from './sample.ts';
export {
  type SuccessiveSamplingMapping,
  successiveSamplingMapping,
  successiveSamplingWeights,
} from './successive-sampling-weights.ts';
export { computeRdsWeights, RDS_ESTIMATOR_NAMES, type RdsEstimator, weightedProportions } from './weights.ts';
