import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Store } from '../store/index.ts';
import {
  beatJob,
  type ClaimedJob,
  claimNextJob,
  failJob,
  finishJob,
  recoverAbandonedJobs,
  reportJobProgress,
} from '../store/repositories/jobs.ts';
import { codeVersion as currentCodeVersion } from './code-version.ts';
import type { EstimateWorkerMessage } from './estimate-worker.ts';
import { type EstimateRequest, storedRequestSchema } from './estimates/index.ts';
import { compareWithStoredRun, saveEstimateRun, storedRunRequest } from './runs.ts';

/** Computes one estimate, reporting progress as a fraction; rejects with a message a user can act on. */
export type EstimateExecutor = (
  request: EstimateRequest,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
) => Promise<{ results: Record<string, unknown>; warnings: string[] }>;

/** The default executor: a worker thread per estimate, terminated if the runner stops. */
export function executeInWorker(
  request: EstimateRequest,
  onProgress: (fraction: number) => void,
  signal: AbortSignal,
) {
  return new Promise<{ results: Record<string, unknown>; warnings: string[] }>((resolve, reject) => {
    const worker = new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), { workerData: request });
    let settled = false;
    signal.addEventListener('abort', () => {
      if (settled) return;
      settled = true;
      reject(new Error(INTERRUPTED));
      void worker.terminate();
    });
    worker.on('message', (message: EstimateWorkerMessage) => {
      if (message.type === 'progress') onProgress(message.fraction);
      else {
        settled = true;
        if (message.type === 'done') resolve({ results: message.results, warnings: message.warnings });
        else reject(new Error(message.message));
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      settled = true;
      reject(new Error(`internal error: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`internal error: the estimate worker stopped (exit code ${code})`));
    });
  });
}

const INTERRUPTED = 'interrupted: the server stopped while the job ran; start it again';

export interface JobRunnerOptions {
  /** How long to wait before looking again when no job is queued (default 500 ms). */
  pollMilliseconds?: number;
  /** Least time between two progress writes of one job (default 250 ms). */
  progressMilliseconds?: number;
  /** How often the runner stamps the job it holds as alive (default 10 s). */
  heartbeatMilliseconds?: number;
  /** A running job with no heartbeat for this long was abandoned by a dead runner (default 60 s). */
  abandonedAfterSeconds?: number;
  /** Attempts after which an abandoned job fails instead of being queued again (default 3). */
  maxAttempts?: number;
  execute?: EstimateExecutor;
  codeVersion?: string;
  /** Called when a job fails or the queue cannot be read (the server logs it). */
  onError?: (error: unknown) => void;
}

export interface JobRunner {
  /** Starts taking jobs in the background. */
  start(): void;
  /** Claims and runs one queued job; false when none was queued. */
  runNext(): Promise<boolean>;
  /** Stops: the job in hand (if any) is interrupted and recorded as failed. */
  stop(): Promise<void>;
}

/**
 * The job runner: claims queued jobs one at a time (`FOR UPDATE SKIP LOCKED`, so several runners
 * on one PostgreSQL server never take the same job; on PGlite it runs in the one process), computes
 * the estimate off the main thread, writes progress, and records the end: an estimate job stores its
 * run; a reproduction job compares its results with the stored run's; a failure keeps its message.
 */
export function createJobRunner(store: Store, options: JobRunnerOptions = {}): JobRunner {
  const execute = options.execute ?? executeInWorker;
  const pollMilliseconds = options.pollMilliseconds ?? 500;
  const progressMilliseconds = options.progressMilliseconds ?? 250;
  const heartbeatMilliseconds = options.heartbeatMilliseconds ?? 10_000;
  const recovery = {
    staleSeconds: options.abandonedAfterSeconds ?? 60,
    maxAttempts: options.maxAttempts ?? 3,
  };
  const version = options.codeVersion ?? currentCodeVersion();
  const runnerId = `${hostname()}:${process.pid}:${Math.floor(performance.timeOrigin)}`;
  let running = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  let abort = new AbortController();

  async function executeWithProgress(job: ClaimedJob, request: EstimateRequest) {
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const outcome = await execute(
      request,
      (fraction) => {
        const now = performance.now();
        if (now - lastWrite < progressMilliseconds) return;
        lastWrite = now;
        writing = writing.then(() => reportJobProgress(store.database, job.id, fraction)).catch(() => {});
      },
      abort.signal,
    );
    await writing;
    return outcome;
  }

  async function processJob(job: ClaimedJob): Promise<void> {
    if (job.kind === 'estimate') {
      const request = storedRequestSchema.parse(job.request) as EstimateRequest;
      const outcome = await executeWithProgress(job, request);
      await store.database.transaction(async (transaction) => {
        const runId = await saveEstimateRun(transaction, store, request, outcome, {
          organisationId: job.organisationId,
          createdBy: job.createdBy,
          codeVersion: version,
          jobId: job.id,
        });
        await finishJob(transaction, job.id, { runId });
      });
      return;
    }
    const runId = job.runId as number;
    const request = await storedRunRequest(store, runId, 'all');
    if (!request) throw new Error(`estimate run ${runId} has no stored input to execute again`);
    const outcome = await executeWithProgress(job, request);
    const reproduction = await compareWithStoredRun(store, runId, outcome.results, version);
    await finishJob(store.database, job.id, { runId, outcome: reproduction });
  }

  async function runNext(): Promise<boolean> {
    await recoverAbandonedJobs(store.database, recovery);
    const job = await claimNextJob(store.database, store.cipher, runnerId);
    if (!job) return false;
    const heartbeat = setInterval(() => {
      beatJob(store.database, job.id).catch((error) => options.onError?.(error));
    }, heartbeatMilliseconds);
    try {
      await processJob(job);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await failJob(store.database, job.id, message);
      options.onError?.(error);
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  }

  async function work(): Promise<void> {
    while (running) {
      let worked = false;
      try {
        worked = await runNext();
      } catch (error) {
        options.onError?.(error);
      }
      if (!worked && running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMilliseconds);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      abort = new AbortController();
      loop = work();
    },
    runNext,
    async stop() {
      running = false;
      abort.abort();
      wake?.();
      await loop;
    },
  };
}
