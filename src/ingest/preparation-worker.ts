import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../domain/errors.ts';
import type { FromPreparationWorker, ToPreparationWorker } from './preparation-thread.ts';
import {
  openPreparation,
  type PreparationJob,
  type PreparationStart,
  type PreparedChunk,
} from './prepare-records.ts';

/** Chunks handed to the main thread and not yet stored; the worker waits rather than run further ahead. */
const CHUNKS_AHEAD = 2;

if (!parentPort) throw new Error('preparation-worker.ts runs only as a worker thread');
const port: MessagePort = parentPort;
const send = (message: FromPreparationWorker) => port.postMessage(message);

function failure(error: unknown): FromPreparationWorker {
  if (error instanceof UserError)
    return {
      type: 'failed',
      message: error.message,
      kind: error.kind,
      problems: [...error.problems],
      totalProblems: error.totalProblems,
    };
  return { type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

async function prepare(job: PreparationJob): Promise<void> {
  const keys = {
    current: Buffer.from(job.keys.current),
    previous: job.keys.previous.map((key) => Buffer.from(key)),
  };
  const preparation = await openPreparation({ ...job, keys });
  let chunksAhead = 0;
  let wakeWhenStored: (() => void) | undefined;
  const started = new Promise<PreparationStart>((resolve) => {
    port.on('message', (message: ToPreparationWorker) => {
      if (message.type === 'start') resolve(message.start);
      else {
        chunksAhead--;
        wakeWhenStored?.();
        wakeWhenStored = undefined;
      }
    });
  });
  send({ type: 'header', header: preparation.header });
  const summary = await preparation.run(await started, async (chunk: PreparedChunk) => {
    port.postMessage({ type: 'chunk', chunk } satisfies FromPreparationWorker, [
      chunk.records.bytes.buffer,
      chunk.blindIndexes.bytes.buffer,
    ]);
    chunksAhead++;
    while (chunksAhead >= CHUNKS_AHEAD) await new Promise<void>((resolve) => (wakeWhenStored = resolve));
  });
  send({ type: 'done', summary });
}

prepare(workerData as PreparationJob).then(
  () => port.close(),
  (error: unknown) => {
    send(failure(error));
    port.close();
  },
);
