import type { z } from 'zod';
import type { Table } from '../../ingest/read-table.ts';

/** Reports how far a run has got: `done` of `total` steps (bootstrap replicates, MCMC iterations). */
export type ProgressReporter = (done: number, total: number) => void;

/** What one estimate computes: the JSON the CLI prints with `--json` (stored as the run's results). */
export interface EstimateOutcome<Report> {
  results: Record<string, unknown>;
  warnings: string[];
  /** The estimator's own result, for the CLI's human-readable summary (never stored). */
  report: Report;
}

/**
 * One estimator family as a job can run it: the input tables it reads (by role), its parameters (a
 * zod schema with the CLI's defaults, the same for the API, the CLI and a reproduction) and the
 * function that computes it. The function is deterministic in (tables, parameters, seed).
 */
export interface EstimateMethod<Parameters, Report> {
  name: string;
  tables: readonly string[];
  parameters: z.ZodType<Parameters, unknown>;
  /** Whether the seed changes the result (survey estimates have no random part). */
  seeded: boolean;
  run(
    tables: Readonly<Record<string, Table>>,
    parameters: Parameters,
    seed: number,
    onProgress?: ProgressReporter,
  ): EstimateOutcome<Report>;
}

/** JSON-safe copy: infinities and NaN become null (JSON has neither), undefined fields go. */
export function jsonSafe<T>(value: T): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (_, item) => (typeof item === 'number' && !Number.isFinite(item) ? null : item)),
  );
}
