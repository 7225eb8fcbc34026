/**
 * Design-based survey estimates (the R `survey` package's Taylor-linearisation core): a design with
 * weights, strata, multistage clusters, finite population corrections and lonely-unit rules; means,
 * totals, ratios and proportions with intervals, overall and by domain; and the pieces sentinel
 * surveillance builds on (indicator shares by domain, extrapolation of a share to a known count,
 * the test of change between two independent rounds).
 */

export {
  type RoundChange,
  type RoundChangeOptions,
  testChangeBetweenRounds,
} from './change-between-rounds.ts';
export {
  createSurveyDesign,
  type LonelyUnitRule,
  type SurveyDesign,
  type SurveyDesignInput,
  type SurveyDesignOptions,
  type SurveyLabel,
  type SurveyStage,
} from './design.ts';
export type {
  DegreesOfFreedomRule,
  DomainEstimate,
  SurveyConfidenceInterval,
  SurveyEstimate,
  SurveyEstimateOptions,
  SurveyEstimateResult,
  SurveyIntervalMethod,
} from './estimate-types.ts';
export { extrapolateShareToPopulation, type ShareExtrapolation } from './extrapolate-share.ts';
export {
  type ComparisonOperator,
  evaluateIndicatorCondition,
  type IndicatorCondition,
  parseIndicatorCondition,
} from './indicator-condition.ts';
export {
  estimateIndicatorShares,
  type IndicatorShares,
  type IndicatorSharesInput,
  type IndicatorSharesOptions,
} from './indicator-shares.ts';
export { linearisedVariance } from './linearised-variance.ts';
export { estimateSurveyMean } from './mean.ts';
export { estimateSurveyProportion, type SurveyProportionOptions } from './proportion.ts';
export { type ProportionIntervalMethod, proportionInterval } from './proportion-interval.ts';
export { estimateSurveyRatio } from './ratio.ts';
export { estimateSurveyTotal } from './total.ts';
export {
  type RoundEstimate,
  type RoundTrend,
  type RoundTrendOptions,
  testTrendAcrossRounds,
} from './trend-across-rounds.ts';
