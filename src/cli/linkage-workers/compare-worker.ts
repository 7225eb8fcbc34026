import { parentPort, workerData } from 'node:worker_threads';
import { type CandidatePairs, comparePairs, createComparator } from '../../analytics/linkage/index.ts';
import type { CompareWorkerData, CompareWorkerReply, CompareWorkerRequest } from './pool.ts';

/**
 * Worker thread that compares record pairs: builds the comparators over the prepared records it was
 * given (the same pure code as the main thread, so the levels are identical), then answers each
 * chunk of pairs with their comparison levels (transferred, not copied).
 */
const data = workerData as CompareWorkerData;
const comparators = data.specs.map((spec) => createComparator(spec, data.prepared));

parentPort!.on('message', (request: CompareWorkerRequest) => {
  const pairs: CandidatePairs = {
    left: request.left,
    right: request.right,
    rule: new Uint8Array(0),
    count: request.left.length,
  };
  const levels = comparePairs(comparators, pairs);
  const reply: CompareWorkerReply = { id: request.id, levels };
  parentPort!.postMessage(reply, [levels.buffer as ArrayBuffer]);
});
parentPort!.postMessage({ id: -1, levels: new Uint8Array(0) } satisfies CompareWorkerReply);
