import type { Queryable } from '../../store/database.ts';
import {
  type EstimateRunSummary,
  findEstimateRun,
  listEstimateRuns,
  type RunScope,
} from '../../store/repositories/estimate-runs.ts';

/** The one figure a listing shows for a run, with its interval. */
export interface EstimateHeadline {
  /** What the figure is: "population", "prevalence of trafficked", an RDS level, a hidden population. */
  label: string;
  estimate: number;
  lower: number | null;
  /** Null when the interval has no upper bound (an MSE profile interval can be open). */
  upper: number | null;
  /** The interval's coverage (0.95), or null when the run does not say. */
  level: number | null;
}

type Results = Record<string, unknown>;

const numberOr = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function interval(ci: unknown): { lower: number | null; upper: number | null; level: number | null } {
  const bounds = (ci ?? {}) as Results;
  return { lower: numberOr(bounds.lower), upper: numberOr(bounds.upper), level: numberOr(bounds.level) };
}

/** The first entry of a mapping of named estimates (RDS levels, NSUM hidden populations). */
function firstNamed(mapping: unknown): [string, Results] | undefined {
  if (typeof mapping !== 'object' || mapping === null) return undefined;
  const [entry] = Object.entries(mapping as Record<string, Results>);
  return entry;
}

/**
 * The headline of a stored run's results (the JSON that `siren estimate <method> --json` prints):
 * MSE and survey runs their estimate and `ci`; RDS the first level of the outcome with the run's
 * interval level; NSUM the first hidden population with its Killworth interval (its level is not
 * stored). Undefined when the results hold no estimate.
 */
export function estimateHeadline(method: string, results: Results): EstimateHeadline | undefined {
  if (method === 'mse' || method === 'survey') {
    const estimate = numberOr(results.estimate);
    if (estimate === null) return undefined;
    const label =
      method === 'mse'
        ? 'population'
        : `${String(results.statistic ?? 'estimate')} of ${String(results.variable)}`;
    return { label, estimate, ...interval(results.ci) };
  }
  if (method === 'rds') {
    const level = firstNamed(results.levels);
    const estimate = numberOr(level?.[1].estimate);
    if (!level || estimate === null) return undefined;
    return {
      label: `${String(results.outcome ?? 'outcome')} = ${level[0]}`,
      estimate,
      lower: numberOr(level[1].lower),
      upper: numberOr(level[1].upper),
      level: interval(results.interval).level,
    };
  }
  if (method === 'nsum') {
    const hidden = firstNamed(results.hidden);
    const estimate = numberOr(hidden?.[1].estimate);
    if (!hidden || estimate === null) return undefined;
    return {
      label: hidden[0],
      estimate,
      lower: numberOr(hidden[1].lower),
      upper: numberOr(hidden[1].upper),
      level: null,
    };
  }
  return undefined;
}

/** Stored runs in a scope, newest first, each with the headline of its results. */
export async function listRunsWithHeadline(
  db: Queryable,
  scope: RunScope,
  limit: number,
): Promise<(EstimateRunSummary & { headline: EstimateHeadline | null })[]> {
  const summaries = await listEstimateRuns(db, scope, limit);
  const runs = [];
  for (const summary of summaries) {
    const run = await findEstimateRun(db, summary.id, scope);
    runs.push({ ...summary, headline: (run && estimateHeadline(run.method, run.results)) ?? null });
  }
  return runs;
}
