import { Worker } from 'node:worker_threads';
import { type InputProblem, UserError, type UserErrorKind } from '../domain/errors.ts';
import type {
  FileHeader,
  Preparation,
  PreparationJob,
  PreparationStart,
  PreparationSummary,
  PreparedChunk,
} from './prepare-records.ts';

/** Messages from the main thread to a preparation worker. */
export type ToPreparationWorker = { type: 'start'; start: PreparationStart } | { type: 'stored' };

/** Messages from a preparation worker to the main thread. */
export type FromPreparationWorker =
  | { type: 'header'; header: FileHeader }
  | { type: 'chunk'; chunk: PreparedChunk }
  | { type: 'done'; summary: PreparationSummary }
  | {
      type: 'failed';
      message: string;
      kind?: UserErrorKind;
      problems?: InputProblem[];
      totalProblems?: number;
    };

function errorOf(message: Extract<FromPreparationWorker, { type: 'failed' }>): Error {
  return message.kind
    ? new UserError(message.message, message.kind, message.problems, message.totalProblems)
    : new Error(`the import's preparation worker failed: ${message.message}`);
}

/**
 * Opens a file for preparing its records in a worker thread, so that reading, typing and sealing
 * rows (one core) overlaps with storing them (the main thread, or the database server). Chunks come
 * back in order; the worker stays at most two chunks ahead, so memory does not grow with the file.
 */
export function openPreparationInWorker(job: PreparationJob): Promise<Preparation> {
  const worker = new Worker(new URL('./preparation-worker-bootstrap.mjs', import.meta.url), {
    workerData: job,
  });
  let onMessage: (message: FromPreparationWorker) => void = () => {};
  let onFailure: (error: Error) => void = () => {};
  let exitExpected = false;
  worker.on('message', (message: FromPreparationWorker) => {
    if (message.type === 'done' || message.type === 'failed') exitExpected = true;
    onMessage(message);
  });
  worker.on('error', (error) => onFailure(error));
  worker.on('exit', (code) => {
    if (!exitExpected) onFailure(new Error(`the import's preparation worker stopped (exit code ${code})`));
  });
  const close = async () => {
    exitExpected = true;
    await worker.terminate();
  };
  return new Promise<Preparation>((resolveOpened, rejectOpened) => {
    onFailure = (error) => {
      rejectOpened(error);
      void close();
    };
    onMessage = (message) => {
      if (message.type === 'failed') onFailure(errorOf(message));
      else if (message.type === 'header') resolveOpened({ header: message.header, run, close });
    };
  });

  function run(
    start: PreparationStart,
    store: (chunk: PreparedChunk) => Promise<void>,
  ): Promise<PreparationSummary> {
    return new Promise<PreparationSummary>((resolve, reject) => {
      let stored = Promise.resolve();
      let finished = false;
      onFailure = (error) => {
        if (finished) return;
        finished = true;
        reject(error);
        void close();
      };
      onMessage = (message) => {
        if (message.type === 'failed') onFailure(errorOf(message));
        else if (message.type === 'chunk')
          stored = stored.then(async () => {
            if (finished) return;
            await store(message.chunk);
            worker.postMessage({ type: 'stored' } satisfies ToPreparationWorker);
          });
        else if (message.type === 'done')
          stored = stored.then(() => {
            finished = true;
            resolve(message.summary);
          });
        stored = stored.catch(onFailure);
      };
      worker.postMessage({ type: 'start', start } satisfies ToPreparationWorker);
    });
  }
}
