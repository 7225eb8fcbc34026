/** Multiple systems estimation (capture–recapture over k lists): the family's public surface. */

export {
  type BootstrapInterval,
  type BootstrapIntervalOptions,
  bootstrapInterval,
  quantileType8,
  withoutEmptyLists,
} from './bootstrap-interval.ts';
export { checkModel, type ModelCheck } from './check-model.ts';
export {
  type AcrossLinkagesEstimate,
  type AcrossLinkagesOptions,
  estimateAcrossLinkages,
} from './estimate-across-linkages.ts';
export {
  type EstimatePopulationOptions,
  estimatePopulation,
  type IntervalMethod,
  type MultipleSystemsMethod,
  type PopulationEstimate,
} from './estimate-population.ts';
export {
  describeModel,
  type FitLogLinearOptions,
  fitLogLinearModel,
  type LogLinearFit,
} from './fit-log-linear.ts';
export {
  effectiveSampleSize,
  estimateLatentClass,
  gewekeZ,
  type LatentClassEstimate,
  type LatentClassOptions,
  splitRHat,
} from './latent-class.ts';
export { allListPairs, type ListPair } from './model-design.ts';
export {
  createPatternTable,
  listTotal,
  MAXIMUM_LISTS,
  type PatternRow,
  type PatternTable,
  patternRows,
} from './pattern-table.ts';
export {
  type LinkedRecord,
  type PatternTableFromRecordsOptions,
  patternTableFromRecords,
} from './pattern-table-from-records.ts';
export {
  type ProfileLikelihoodInterval,
  profileLikelihoodInterval,
} from './profile-likelihood-interval.ts';
export {
  chooseByInformationCriterion,
  type InformationCriterion,
  type InformationCriterionChoice,
  type ModelSearch,
  type ModelSearchOptions,
  type SearchedModel,
  searchModels,
} from './search-models.ts';
export {
  overlapPValue,
  type StepwiseOptions,
  type StepwiseResult,
  type StepwiseStep,
  selectModelStepwise,
  stepwiseEstimator,
} from './select-stepwise.ts';
export { type Sensitivity, type SensitivityOptions, sensitivityAnalysis } from './sensitivity.ts';
