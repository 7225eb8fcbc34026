/**
 * Small-cell suppression of a two-way frequency table published with its row totals, column totals
 * and grand total (e.g. interviews by province × round): the table's cells and margins become one
 * set of sum relations (each row with its total, each column with its total, the row totals and the
 * column totals each with the grand total) for {@link suppressLinkedCells}. A one-way table is a
 * table with one column. Suppressed entries come back as null.
 *
 * Reference: Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley,
 * doi:10.1002/9781118348239, §4.3 (secondary suppression in two-dimensional tables).
 * Complexity: O(passes × rows × columns).
 */
import { requireInput } from '../common/errors.ts';
import { type SuppressionOptions, suppressLinkedCells } from './suppress-linked-cells.ts';

export interface SuppressedTable {
  /** Cells, null where suppressed. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  columnTotals: (number | null)[];
  grandTotal: number | null;
  /** How many cells (margins included) were suppressed as small, and to protect them. */
  primaryCount: number;
  complementaryCount: number;
  threshold: number;
}

const WHERE = 'privacy/suppress-table';

/** Suppresses the small cells of a table of counts and enough others that none can be recovered. */
export function suppressTable(
  counts: readonly (readonly number[])[],
  options: SuppressionOptions = {},
): SuppressedTable {
  const rows = counts.length;
  const columns = counts[0]?.length ?? 0;
  counts.forEach((row, i) => {
    requireInput(row.length === columns, WHERE, `row ${i + 1} has ${row.length} cells, row 1 has ${columns}`);
  });
  // Entries: cells row-major, then row totals, then column totals, then the grand total.
  const cell = (i: number, j: number) => i * columns + j;
  const rowTotal = (i: number) => rows * columns + i;
  const columnTotal = (j: number) => rows * columns + rows + j;
  const grand = rows * columns + rows + columns;
  const values: number[] = [];
  for (const row of counts) values.push(...row);
  const rowSums = counts.map((row) => row.reduce((sum, value) => sum + value, 0));
  const columnSums = Array.from({ length: columns }, (_, j) => counts.reduce((sum, row) => sum + row[j], 0));
  values.push(
    ...rowSums,
    ...columnSums,
    rowSums.reduce((sum, value) => sum + value, 0),
  );
  const isTotal = values.map((_, entry) => entry >= rows * columns);
  const relations: number[][] = [];
  for (let i = 0; i < rows; i++)
    relations.push([...Array.from({ length: columns }, (_, j) => cell(i, j)), rowTotal(i)]);
  for (let j = 0; j < columns; j++)
    relations.push([...Array.from({ length: rows }, (_, i) => cell(i, j)), columnTotal(j)]);
  relations.push([...Array.from({ length: rows }, (_, i) => rowTotal(i)), grand]);
  relations.push([...Array.from({ length: columns }, (_, j) => columnTotal(j)), grand]);
  const result = suppressLinkedCells({ values, isTotal, relations }, options);
  const shown = (entry: number) => (result.suppressed[entry] ? null : values[entry]);
  return {
    cells: counts.map((row, i) => row.map((_, j) => shown(cell(i, j)))),
    rowTotals: rowSums.map((_, i) => shown(rowTotal(i))),
    columnTotals: columnSums.map((_, j) => shown(columnTotal(j))),
    grandTotal: shown(grand),
    primaryCount: result.primary.filter(Boolean).length,
    complementaryCount: result.complementary.filter(Boolean).length,
    threshold: result.threshold,
  };
}
