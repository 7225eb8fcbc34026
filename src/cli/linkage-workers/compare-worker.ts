import { parentPort, workerData } from 'node:worker_threads';
import {
  type CandidatePairs,
  comparePairs,
  createComparator,
  prepareRecords,
} from '../../analytics/linkage/index.ts';
import type { CompareWorkerData, CompareWorkerReply, CompareWorkerRequest } from './pool.ts';

/**
 * Worker thread that compares candidate pairs: prepares its own copy of the records once (the same
 * pure code as the main thread, so the levels are identical), then answers each chunk of pairs with
 * their comparison levels (transferred, not copied).
 */
const data = workerData as CompareWorkerData;
const prepared = prepareRecords({ columns: data.columns, sources: data.sources }, new Map(data.kinds));
const comparators = data.specs.map((spec) => createComparator(spec, prepared));

parentPort!.on('message', (request: CompareWorkerRequest) => {
  const pairs: CandidatePairs = {
    left: request.left,
    right: request.right,
    rule: new Uint8Array(request.left.length),
    count: request.left.length,
  };
  const levels = comparePairs(comparators, pairs);
  const reply: CompareWorkerReply = { id: request.id, levels };
  parentPort!.postMessage(reply, [levels.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ id: -1, levels: new Uint8Array(0) } satisfies CompareWorkerReply);
