// Shared loading of the SparseMSE data sets and reference answers in ../shared/data/mse (see its README).
import { existsSync, readFileSync } from 'node:fs';
import type { ListPair } from '../../../../src/analytics/estimate/mse/model-design.ts';
import {
  createPatternTable,
  type PatternTable,
} from '../../../../src/analytics/estimate/mse/pattern-table.ts';
import { referencePath } from '../../../support/reference-data.ts';

export const DATA_SETS = ['UKdat', 'UKdat_5', 'Ned', 'Ned_5', 'NewOrl', 'Artificial_3'] as const;

/** Reads NAME.csv: every column but the last is a list, the last is the count. */
export function loadTable(name: string): PatternTable {
  const lines = readFileSync(referencePath('mse', `${name}.csv`), 'utf8')
    .trim()
    .split(/\r?\n/);
  const lists = lines[0].split(',').slice(0, -1);
  const rows = lines.slice(1).map((line) => {
    const values = line.split(',').map(Number);
    return { pattern: values.slice(0, -1), count: values[values.length - 1] };
  });
  return createPatternTable(lists, rows);
}

// biome-ignore lint/suspicious/noExplicitAny: the reference file is free-form JSON.
export type Reference = any;

export function loadReference(): Reference {
  const path = referencePath('mse', 'reference.json');
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
}

/** List-name pairs → list-index pairs of the table. */
export function pairsByName(table: PatternTable, names: readonly (readonly string[])[]): ListPair[] {
  return names.map(([a, b]) => [table.lists.indexOf(a), table.lists.indexOf(b)] as const);
}

/** Unordered pair set as sorted strings, to compare models. */
export function pairSet(names: readonly (readonly string[])[]): string[] {
  return names.map((pair) => [...pair].sort().join(':')).sort();
}

export function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
}
