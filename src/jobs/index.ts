/** Long analytics runs on the store, off the request path: linkage of the stored person records and its review. */
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
