/**
 * Long analytics runs on the store, off the request path: linkage of the stored person records and
 * its review; estimates as jobs (claimed by a runner, computed in a worker thread) and stored runs.
 */
export { codeVersion } from './code-version.ts';
export * from './estimates/index.ts';
export {
  CANDIDATE_FLOOR,
  type DecisionRequest,
  type DecisionResult,
  decideLinkagePair,
  type LinkStoredOptions,
  type LinkStoredReport,
  linkStoredRecords,
  PERSON_KINDS,
  recordsOfHistory,
  type UndoResult,
  undoEntityChange,
} from './linkage.ts';
export {
  createJobRunner,
  type EstimateExecutor,
  executeInWorker,
  type JobRunner,
  type JobRunnerOptions,
} from './runner.ts';
export { compareWithStoredRun, type ReproductionOutcome, saveEstimateRun, storedRunRequest } from './runs.ts';
