import { parentPort, workerData } from 'node:worker_threads';
import { AnalyticsInputError } from '../analytics/common/errors.ts';
import { UserError } from '../domain/errors.ts';
import { type EstimateRequest, runEstimate } from './estimates/index.ts';

/** Messages from the estimate worker to the runner. */
export type EstimateWorkerMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; results: Record<string, unknown>; warnings: string[] }
  | { type: 'failed'; message: string };

/**
 * Worker thread that computes one estimate, so that the server keeps answering (and the runner keeps
 * writing progress) while a bootstrap or an MCMC chain runs. Progress goes out at most once per
 * percent; an input the estimator cannot use fails with its own message, anything else as an
 * internal error.
 */
const request = workerData as EstimateRequest;
let reported = -1;
try {
  const outcome = runEstimate(request, (done, total) => {
    const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
    if (percent === reported) return;
    reported = percent;
    parentPort!.postMessage({ type: 'progress', fraction: percent / 100 } satisfies EstimateWorkerMessage);
  });
  parentPort!.postMessage({
    type: 'done',
    results: outcome.results,
    warnings: outcome.warnings,
  } satisfies EstimateWorkerMessage);
} catch (error) {
  const message =
    error instanceof UserError || error instanceof AnalyticsInputError
      ? error.message
      : `internal error: ${error instanceof Error ? error.message : String(error)}`;
  parentPort!.postMessage({ type: 'failed', message } satisfies EstimateWorkerMessage);
}
