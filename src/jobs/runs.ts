import type { Queryable } from '../store/database.ts';
import type { Store } from '../store/index.ts';
import { canonicalJson } from '../store/repositories/audit.ts';
import {
  findEstimateRun,
  insertEstimateRun,
  type RunScope,
  readEstimateRunRequest,
} from '../store/repositories/estimate-runs.ts';
import {
  type EstimateOutcome,
  type EstimateRequest,
  requestInputHash,
  storedRequestSchema,
} from './estimates/index.ts';

/** Stores a computed estimate as a run (input sealed) and returns the run's id. */
export async function saveEstimateRun(
  db: Queryable,
  store: Pick<Store, 'cipher'>,
  request: EstimateRequest,
  outcome: Pick<EstimateOutcome<unknown>, 'results' | 'warnings'>,
  provenance: { organisationId: number | null; createdBy: string; codeVersion: string; jobId: number | null },
): Promise<number> {
  return insertEstimateRun(db, store.cipher, {
    ...provenance,
    method: request.method,
    inputHash: requestInputHash(request),
    inputSource: request.source,
    request,
    parameters: request.parameters,
    seed: request.seed,
    results: outcome.results,
    warnings: outcome.warnings,
  });
}

/** The request of a stored run, unsealed and checked, or undefined when it is not in scope. */
export async function storedRunRequest(
  store: Store,
  id: number,
  scope: RunScope,
): Promise<EstimateRequest | undefined> {
  const stored = await readEstimateRunRequest(store.database, store.cipher, id, scope);
  return stored === undefined ? undefined : storedRequestSchema.parse(stored);
}

/** What a reproduction found: whether the results are identical, and where they differ. */
export interface ReproductionOutcome {
  [key: string]: unknown;
  originalRunId: number;
  identical: boolean;
  /** JSON paths of the first differences (at most 20). */
  differences: string[];
  originalCodeVersion: string;
  codeVersion: string;
}

function differencesOf(original: unknown, again: unknown, path: string, found: string[]): void {
  if (found.length >= 20) return;
  if (canonicalJson(original) === canonicalJson(again)) return;
  const bothObjects =
    original !== null && again !== null && typeof original === 'object' && typeof again === 'object';
  if (!bothObjects || Array.isArray(original) !== Array.isArray(again)) {
    found.push(path || '$');
    return;
  }
  const keys = new Set([...Object.keys(original), ...Object.keys(again)]);
  for (const key of keys)
    differencesOf(
      (original as Record<string, unknown>)[key],
      (again as Record<string, unknown>)[key],
      Array.isArray(original) ? `${path}[${key}]` : `${path}.${key}`,
      found,
    );
}

/**
 * Compares the results of a run executed again with the stored ones. Results are compared as
 * canonical JSON (object keys sorted; the database does not keep key order), so identical means
 * every number equal to the last bit as JSON writes it.
 */
export async function compareWithStoredRun(
  store: Store,
  runId: number,
  results: Record<string, unknown>,
  codeVersion: string,
): Promise<ReproductionOutcome> {
  const original = await findEstimateRun(store.database, runId, 'all');
  if (!original) throw new Error(`estimate run ${runId} no longer exists`);
  const differences: string[] = [];
  differencesOf(original.results, JSON.parse(JSON.stringify(results)), '', differences);
  return {
    originalRunId: runId,
    identical: differences.length === 0,
    differences,
    originalCodeVersion: original.codeVersion,
    codeVersion,
  };
}
