import { Worker } from 'node:worker_threads';
import type { CandidatePairs, ComparisonSpec, PreparedRecords } from '../../analytics/linkage/index.ts';

/**
 * A pool of worker threads that compare record pairs, for `runLinkageWith`: both cores of the machine
 * work on the costly step while the pure code stays single-threaded and testable. Each worker gets
 * the prepared records once (structured clone: typed arrays and the distinct values, not the raw
 * columns, so nothing is normalised twice) and builds the same comparators. Pairs go out in chunks
 * of `CHUNK` pairs, each worker taking the next chunk when it answers, so both stay busy and only a
 * few chunks are in flight at a time.
 */
export interface CompareWorkerData {
  module: string;
  prepared: PreparedRecords;
  specs: ComparisonSpec[];
}

export interface CompareWorkerRequest {
  id: number;
  left: Int32Array;
  right: Int32Array;
}

export interface CompareWorkerReply {
  id: number;
  levels: Uint8Array;
}

export interface ComparePool {
  compare(pairs: CandidatePairs): Promise<Uint8Array>;
  close(): Promise<void>;
}

const CHUNK = 250_000;

/** Starts `threads` workers over the prepared records and the comparisons. */
export async function createComparePool(
  prepared: PreparedRecords,
  specs: readonly ComparisonSpec[],
  threads: number,
): Promise<ComparePool> {
  const data: CompareWorkerData = {
    module: './compare-worker.ts',
    prepared: {
      count: prepared.count,
      sources: prepared.sources,
      sourceCount: prepared.sourceCount,
      columns: prepared.columns,
    },
    specs: specs.map((spec) => ({ ...spec })),
  };
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: data }),
  );
  const pending = new Map<number, (levels: Uint8Array) => void>();
  let failure: Error | null = null;
  const failed = new Set<(error: Error) => void>();
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (reply: CompareWorkerReply) => {
            if (reply.id === -1) resolve();
            else {
              pending.get(reply.id)?.(reply.levels);
              pending.delete(reply.id);
            }
          });
          worker.on('error', (error) => {
            failure = error;
            for (const fail of failed) fail(error);
            reject(error);
          });
        }),
    ),
  );
  let nextId = 0;
  const comparisons = specs.length;
  return {
    compare(pairs) {
      const levels = new Uint8Array(pairs.count * comparisons);
      let nextStart = 0;
      let running = 0;
      return new Promise<Uint8Array>((resolve, reject) => {
        if (failure) return reject(failure);
        failed.add(reject);
        const send = (worker: Worker) => {
          if (nextStart >= pairs.count) {
            if (running === 0) {
              failed.delete(reject);
              resolve(levels);
            }
            return;
          }
          const start = nextStart;
          const end = Math.min(pairs.count, start + CHUNK);
          nextStart = end;
          const id = nextId++;
          running++;
          pending.set(id, (part) => {
            levels.set(part, start * comparisons);
            running--;
            send(worker);
          });
          const request: CompareWorkerRequest = {
            id,
            left: pairs.left.slice(start, end),
            right: pairs.right.slice(start, end),
          };
          worker.postMessage(request, [
            request.left.buffer as ArrayBuffer,
            request.right.buffer as ArrayBuffer,
          ]);
        };
        if (pairs.count === 0) return resolve(levels);
        for (const worker of workers) {
          send(worker);
          send(worker);
        }
      });
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
