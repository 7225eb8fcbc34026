import { Worker } from 'node:worker_threads';
import type {
  CandidatePairs,
  ComparisonSpec,
  FieldKind,
  LinkageModel,
} from '../../analytics/linkage/index.ts';

/**
 * A pool of worker threads that compare candidate pairs in chunks, for `runLinkageWith`: both cores
 * of the machine work on the costly step while the pure code stays single-threaded and testable.
 * Each worker gets the raw columns once and prepares them itself.
 */
export interface CompareWorkerData {
  module: string;
  columns: Record<string, readonly (string | null)[]>;
  sources: Int32Array;
  kinds: [string, FieldKind][];
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
  compare(model: LinkageModel, pairs: CandidatePairs): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Starts `threads` workers over the records' columns and the model's comparisons. */
export async function createComparePool(
  columns: Record<string, readonly (string | null)[]>,
  sources: ArrayLike<number>,
  kinds: Map<string, FieldKind>,
  model: LinkageModel,
  threads: number,
): Promise<ComparePool> {
  const data: CompareWorkerData = {
    module: './compare-worker.ts',
    columns,
    sources: Int32Array.from(sources),
    kinds: [...kinds],
    specs: model.comparisons.map((comparison) => ({
      field: comparison.field,
      kind: comparison.kind,
      name: comparison.name,
      levels: comparison.levels,
      termFrequency: comparison.termFrequency,
    })),
  };
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./bootstrap.mjs', import.meta.url), { workerData: data }),
  );
  const pending = new Map<number, (levels: Uint8Array) => void>();
  const failures: Error[] = [];
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
            failures.push(error);
            reject(error);
          });
        }),
    ),
  );
  let nextId = 0;
  return {
    async compare(usedModel, pairs) {
      const comparisons = usedModel.comparisons.length;
      const levels = new Uint8Array(pairs.count * comparisons);
      const chunks = Math.max(1, Math.min(pairs.count, workers.length * 4));
      const size = Math.ceil(pairs.count / chunks);
      const jobs: Promise<void>[] = [];
      for (let chunk = 0; chunk * size < pairs.count; chunk++) {
        const start = chunk * size;
        const end = Math.min(pairs.count, start + size);
        const id = nextId++;
        const worker = workers[chunk % workers.length];
        jobs.push(
          new Promise<void>((resolve, reject) => {
            if (failures.length > 0) reject(failures[0]);
            pending.set(id, (part) => {
              levels.set(part, start * comparisons);
              resolve();
            });
            worker.once('error', reject);
          }),
        );
        const request: CompareWorkerRequest = {
          id,
          left: pairs.left.slice(start, end),
          right: pairs.right.slice(start, end),
        };
        worker.postMessage(request, [
          request.left.buffer as ArrayBuffer,
          request.right.buffer as ArrayBuffer,
        ]);
      }
      await Promise.all(jobs);
      return levels;
    },
    async close() {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
