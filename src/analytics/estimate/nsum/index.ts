/** Network scale-up: degrees from known populations, hidden population sizes, checks and bootstrap. */
export {
  ESTIMATE_NSUM_DEFAULTS,
  type EstimateNsumInput,
  type EstimateNsumOptions,
  estimateNsum,
  type HiddenPopulationEstimate,
  type NsumBootstrap,
  type NsumEstimateResult,
} from './estimate-nsum.ts';
export {
  type HeldOutKnownPopulation,
  type InternalConsistency,
  internalConsistency,
} from './internal-consistency.ts';
export { knownPopulationDegrees } from './known-population-degrees.ts';
export { type ResamplingDesign, resamplingDesign, rescaledBootstrapScale } from './rescaled-bootstrap.ts';
export { type ScaleUpEstimate, scaleUpEstimate } from './scale-up-estimate.ts';
export {
  type KnownPopulation,
  type NsumRespondent,
  type PreparedNsumSurvey,
  prepareNsumSurvey,
} from './survey.ts';
