import type { Table } from '../../src/ingest/read-table.ts';
import type { EstimateRequest } from '../../src/jobs/index.ts';

/** A small three-list capture-pattern table (SparseMSE layout). */
export const PATTERNS: Table = {
  file: 'patterns.csv',
  columns: ['A', 'B', 'C', 'count'],
  rows: [
    ['1', '0', '0', '120'],
    ['0', '1', '0', '95'],
    ['0', '0', '1', '80'],
    ['1', '1', '0', '30'],
    ['1', '0', '1', '22'],
    ['0', '1', '1', '18'],
    ['1', '1', '1', '6'],
  ].map(([A, B, C, count]) => ({ A, B, C, count })),
};

/** A quick MSE request: main effects, a 40-replicate bootstrap. */
export function mseRequest(seed = 7): EstimateRequest {
  return {
    method: 'mse',
    tables: { input: PATTERNS },
    parameters: { method: 'main', ci: 'bootstrap', replicates: 40 },
    seed,
    source: PATTERNS.file,
  };
}
