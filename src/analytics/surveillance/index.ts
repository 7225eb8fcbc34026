export {
  type AllocatedStratum,
  type AllocationOptions,
  allocateSample,
  isoWeekOf,
  type SamplingStratum,
  stratumId,
} from './allocate-sample.ts';
export {
  ANSWER_KEYS,
  type AnswerKey,
  DECEPTION_TOPICS,
  INTERVIEW_ANSWERS_SCHEMA,
  type InterviewAnswers,
  RECRUITERS,
  RETURN_MODES,
  SECTORS,
} from './answers.ts';
export {
  type BrokerEntity,
  type BrokerFeeSummary,
  type BrokerMention,
  type BrokerNetwork,
  type BrokerNetworkEdge,
  type BrokerNetworkOptions,
  buildBrokerNetwork,
} from './broker-network.ts';
export {
  type AgreementSummary,
  cohensKappa,
  compareDeterminations,
  DETERMINATION_STATUSES,
  type DeterminationComparison,
} from './compare-determinations.ts';
export {
  type AberrationPeriod,
  type CountSeries,
  dayToIsoDate,
  isoDateToDay,
  type PeriodRange,
} from './count-series.ts';
export {
  computeDesignWeights,
  type DesignWeightCounts,
  type DesignWeights,
  type SelectionOutcome,
  type SelectionRecord,
  type StratumWeighting,
  type WeightedInterview,
} from './design-weights.ts';
export {
  type Condition,
  type DecisionDefinition,
  type DeterminationResult,
  type DeterminationRuleSet,
  type DeterminationStatus,
  determineTrafficking,
  type IndicatorDefinition,
  type InterviewDetermination,
  ruleSetFingerprint,
  validateRuleSet,
} from './determination-rules.ts';
export {
  detectAberrationsEarsC,
  EARS_DEFAULTS,
  type EarsMethod,
  type EarsOptions,
  type EarsPeriod,
  type EarsResult,
} from './ears-c.ts';
export {
  detectAberrationsFarringtonFlexible,
  FARRINGTON_FLEXIBLE_DEFAULTS,
  type FarringtonFlexibleOptions,
  type FarringtonFlexibleResult,
  type FarringtonFlexibleSettings,
  type FarringtonPeriod,
  type FarringtonPowerTransformation,
  type FarringtonThresholdMethod,
  NOUFAILY_2013_PRESET,
} from './farrington-flexible.ts';
export { ILO_2012_FORCED_LABOUR_RULES } from './ilo-2012-forced-labour-rules.ts';
export {
  type BrokerFees,
  estimateSentinelIndicators,
  SENTINEL_BREAKDOWNS,
  type SentinelBreakdown,
  type SentinelIndicatorEstimate,
  type SentinelIndicatorInput,
  type SentinelIndicatorOptions,
  type SentinelIndicators,
} from './indicators.ts';
export {
  ageGroupOf,
  type IndicatorGroup,
  type IndicatorInterview,
  SENTINEL_INDICATORS,
  type SentinelIndicatorDefinition,
} from './indicators-definitions.ts';
export { compareSentinelRounds, type IndicatorTrend, type RoundIndicators } from './indicators-trends.ts';
export { PALERMO_PROTOCOL_RULES } from './palermo-protocol-rules.ts';
export { fitQuasiPoissonGlm, predictLink, type QuasiPoissonFit } from './quasi-poisson-glm.ts';
export {
  planSystematicSampling,
  type SystematicPlan,
  type SystematicPlanOptions,
  type SystematicStratumPlan,
} from './systematic-sampling.ts';
export {
  buildTimeSlotFrame,
  planTimeLocationSampling,
  type SelectedTimeSlot,
  type TimeLocationPlan,
  type TimeLocationPlanOptions,
  type TimeSlot,
  type TimeSlotFrameInput,
} from './time-location-sampling.ts';
