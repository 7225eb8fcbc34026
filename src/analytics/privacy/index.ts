/**
 * Statistical disclosure control for what SIREN shows to readers: small-cell suppression of count
 * tables (primary and complementary), a release rule for survey estimates by their unweighted base,
 * and a k-anonymity check of microdata (Hundepool et al. 2012, *Statistical Disclosure Control*,
 * doi:10.1002/9781118348239).
 */
export {
  checkKAnonymity,
  type EquivalenceClass,
  type KAnonymityCheck,
  type QuasiIdentifierValue,
} from './check-k-anonymity.ts';
export {
  type EstimateRelease,
  type EstimateReleaseOptions,
  releaseSurveyEstimate,
} from './release-survey-estimate.ts';
export {
  DEFAULT_SUPPRESSION_THRESHOLD,
  isSmallCount,
  type LinkedCellsInput,
  type LinkedCellsSuppression,
  type SuppressionOptions,
  suppressLinkedCells,
} from './suppress-linked-cells.ts';
export { type SuppressedTable, suppressTable } from './suppress-table.ts';
