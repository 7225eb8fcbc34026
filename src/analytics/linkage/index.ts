/**
 * Record linkage (entity resolution): unsupervised Fellegi–Sunter with EM, blocking, clustering,
 * explanations, incremental entity ids and evaluation, with the names of the Greater Mekong region
 * (scripts, Zawgyi, honorifics, name order, phone numbers) normalised before comparison.
 */
export {
  type BlockingOptions,
  type BlockingResult,
  blockPairs,
  type CandidatePairs,
  countBlockedComparisons,
  type RuleCount,
  ruleKeys,
} from './block.ts';
export {
  type ClusterScore,
  type CoherentClustering,
  type CoherentOptions,
  clusterCoherent,
  type RefusedLink,
} from './cluster-coherent.ts';
export { type Clustering, clusterConnectedComponents, type ScoredLinks } from './cluster-components.ts';
export { type Comparator, createComparator, defaultLevels, levelLabel, resolveLevels } from './compare.ts';
export {
  damerauLevenshteinDistance,
  damerauLevenshteinSimilarity,
  levenshteinDistance,
} from './damerau-levenshtein.ts';
export { comparablePairs, estimateUProbabilities, type UEstimate } from './estimate-u.ts';
export {
  type ClusterScores,
  type CurvePoint,
  countTruePairs,
  evaluateClusters,
  evaluatePairs,
  type PairwiseScore,
  precisionRecallCurve,
} from './evaluate.ts';
export { type EmInput, type EmResult, expectationMaximisation } from './expectation-maximisation.ts';
export { explainPair, type PairExplanation, type WaterfallStep } from './explain-pair.ts';
export {
  type EntityEvent,
  type EntityEventType,
  type EntityState,
  emptyEntityState,
  type ReconcileOptions,
  type ReconcileResult,
  reconcileEntities,
  undoEntityEvents,
} from './incremental.ts';
export {
  type FieldProfile,
  type InferOptions,
  type InferredConfig,
  inferFieldKind,
  inferLinkageConfig,
  PERSON_FIELD_KINDS,
  PLACE_WITHIN,
  RECORDED_ON_FIELDS,
} from './infer-config.ts';
export { jaroSimilarity, jaroWinklerSimilarity } from './jaro-winkler.ts';
export {
  type LinkConfig,
  type LinkOptions,
  type LinkPlan,
  type LinkResult,
  linkRecords,
  planLinkage,
  runLinkage,
  runLinkageWith,
  scoreRecordPair,
} from './link-records.ts';
export { daysFromCivil, type ParsedDate, parseDate } from './normalise-date.ts';
export { DEFAULT_HONORIFICS, type PreparedName, phoneticKey, prepareName } from './normalise-name.ts';
export { type NormalisedPhone, normalisePhone } from './normalise-phone.ts';
export { type PlaceResolver, romanisedPlaceKey } from './normalise-place.ts';
export { detectScript, foldCode, foldText, type Script } from './normalise-text.ts';
export {
  type PreparedColumn,
  type PreparedRecords,
  prepareColumn,
  prepareRecords,
} from './prepare-records.ts';
export { comparePairs, levelWeights, priorWeight, scorePairs, weightToProbability } from './score-pairs.ts';
export {
  type LabelledPair,
  type LabelTrainingOptions,
  type LabelTrainingResult,
  trainFromLabels,
} from './train-from-labels.ts';
export {
  type TrainedModel,
  type TrainingSession,
  type TrainOptions,
  trainLinkageModel,
} from './train-model.ts';
export { transliterate } from './transliterate.ts';
export type * from './types.ts';
export { isZawgyi, toUnicodeBurmese, zawgyiScore, zawgyiToUnicode } from './zawgyi.ts';
