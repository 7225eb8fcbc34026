import { z } from 'zod';
import type { Table } from '../../ingest/read-table.ts';
import { hashInput, inputTableSchema, storedTableSchema } from './input-table.ts';
import type { EstimateMethod, EstimateOutcome, ProgressReporter } from './method.ts';
import { mseMethod } from './mse.ts';
import { nsumMethod } from './nsum.ts';
import { rdsMethod } from './rds.ts';
import { surveyMethod } from './survey.ts';

export { hashInput, inputTableSchema } from './input-table.ts';
export type { EstimateMethod, EstimateOutcome, ProgressReporter } from './method.ts';
export { type MseParameters, mseMethod, mseParameters } from './mse.ts';
export { type NsumParameters, nsumMethod, nsumParameters } from './nsum.ts';
export { type RdsParameters, rdsMethod, rdsParameters } from './rds.ts';
export { type SurveyParameters, surveyMethod, surveyParameters } from './survey.ts';

export const ESTIMATE_METHOD_NAMES = ['mse', 'rds', 'nsum', 'survey'] as const;
export type EstimateMethodName = (typeof ESTIMATE_METHOD_NAMES)[number];

/** Every estimator family a run can use, by name. */
export const ESTIMATE_METHODS: Readonly<Record<EstimateMethodName, EstimateMethod<never, unknown>>> = {
  mse: mseMethod as unknown as EstimateMethod<never, unknown>,
  rds: rdsMethod as unknown as EstimateMethod<never, unknown>,
  nsum: nsumMethod as unknown as EstimateMethod<never, unknown>,
  survey: surveyMethod as unknown as EstimateMethod<never, unknown>,
};

/**
 * Everything that determines an estimate: the method, its input tables (by role: `input`, or
 * `survey` and `known` for network scale-up), its parameters and its seed. Stored with the run so
 * that the run can be executed again; `source` says where the input came from (file names).
 */
export interface EstimateRequest {
  method: EstimateMethodName;
  tables: Record<string, Table>;
  parameters: Record<string, unknown>;
  seed: number | null;
  source: string;
}

/** The request as stored (sealed) with a run and a job. */
export const storedRequestSchema = z.object({
  method: z.enum(ESTIMATE_METHOD_NAMES),
  tables: z.record(z.string(), storedTableSchema),
  parameters: z.record(z.string(), z.unknown()),
  seed: z.number().int().nullable(),
  source: z.string(),
});

const seedSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** The body of `POST /api/estimates/{method}`: input table(s), parameters and seed, per method. */
export function estimateBodySchema(name: EstimateMethodName) {
  const method = ESTIMATE_METHODS[name];
  const tables = Object.fromEntries(method.tables.map((role) => [role, inputTableSchema]));
  return z
    .object({
      ...tables,
      parameters: method.parameters as z.ZodType<Record<string, unknown>, unknown>,
      ...(method.seeded ? { seed: seedSchema.default(defaultSeed(name) ?? 1) } : {}),
    })
    .strict();
}

/** The CLI's default seed of each method. */
export function defaultSeed(name: EstimateMethodName): number | null {
  return name === 'mse' ? 1234 : name === 'survey' ? null : 1;
}

/** Builds a request from a validated API body (tables under their role names). */
export function requestFromBody(name: EstimateMethodName, body: Record<string, unknown>): EstimateRequest {
  const method = ESTIMATE_METHODS[name];
  const tables = Object.fromEntries(method.tables.map((role) => [role, body[role] as Table]));
  return {
    method: name,
    tables,
    parameters: body.parameters as Record<string, unknown>,
    seed: method.seeded ? (body.seed as number) : null,
    source: method.tables.map((role) => `${role}: ${tables[role].file}`).join(', '),
  };
}

/**
 * Runs a request: the parameters are validated again (a stored request is re-read, not trusted),
 * then the method computes. Deterministic: the same request gives the same results.
 */
export function runEstimate(
  request: EstimateRequest,
  onProgress?: ProgressReporter,
): EstimateOutcome<unknown> {
  const method = ESTIMATE_METHODS[request.method];
  const parameters = method.parameters.parse(request.parameters);
  return method.run(request.tables, parameters, request.seed ?? 0, onProgress);
}

/** The hash of a request's input tables (see {@link hashInput}). */
export function requestInputHash(request: EstimateRequest): string {
  return hashInput(request.tables);
}
