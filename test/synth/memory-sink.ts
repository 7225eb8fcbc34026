import type { Cell, WorldSink } from '../../src/synth/index.ts';
import { worldLayout } from '../../src/synth/index.ts';

/** Collects a world's rows in memory, as objects keyed by column name, for statistical tests. */
export class MemorySink implements WorldSink {
  readonly tables = new Map<string, Record<string, Cell>[]>();
  private readonly columns = new Map(worldLayout().tables.map((table) => [table.id, table.columns]));

  row(tableId: string, cells: readonly Cell[]): void {
    const columns = this.columns.get(tableId);
    if (!columns) throw new Error(`no table ${tableId}`);
    const row: Record<string, Cell> = {};
    columns.forEach((column, index) => {
      row[column] = cells[index];
    });
    const list = this.tables.get(tableId) ?? [];
    list.push(row);
    this.tables.set(tableId, list);
  }

  rows(tableId: string): Record<string, Cell>[] {
    return this.tables.get(tableId) ?? [];
  }
}
