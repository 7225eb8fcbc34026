import { readFileSync } from 'node:fs';
import { buildGraph, type EdgeRow, type Graph } from '../../../src/analytics/network/index.ts';
import { referencePath } from '../../support/reference-data.ts';

/** Rows of one of the networks CSVs in the reference folder (header source,target,weight[,...]). */
export function readEdgeRows(file: string): (EdgeRow & Record<string, string | number | undefined>)[] {
  const lines = readFileSync(referencePath('networks', file), 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const row: Record<string, string> = {};
    header.forEach((name, i) => {
      row[name] = cells[i];
    });
    return { ...row, source: row.source, target: row.target, weight: Number(row.weight ?? 1) };
  });
}

export function referenceGraph(file: string, directed = false): Graph {
  return buildGraph(readEdgeRows(file), { directed });
}

let cached: Record<string, unknown> | undefined;

/** reference.json (python-igraph 0.10.2, networkx 2.8.8, R sna 2.7-1). */
export function reference(): Record<string, Record<string, unknown>> {
  cached ??= JSON.parse(readFileSync(referencePath('networks', 'reference.json'), 'utf8'));
  return cached as Record<string, Record<string, unknown>>;
}

export function referenceValues(network: string, metric: string): Record<string, number | null> {
  return reference()[network][metric] as Record<string, number | null>;
}
