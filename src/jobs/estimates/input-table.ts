import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Table } from '../../ingest/read-table.ts';
import { canonicalJson } from '../../store/repositories/audit.ts';

const MAX_ROWS = 200_000;

const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/**
 * An input table as the API takes it: rows of column → value (numbers and booleans are read as their
 * text, null as an empty cell), the columns in order (default: as they first appear in the rows),
 * and a name that error messages use in place of a file name.
 */
export const inputTableSchema = z
  .object({
    name: z.string().min(1).max(200).default('input').describe('named in error messages, as a file would be'),
    columns: z.array(z.string().min(1)).min(1).optional(),
    rows: z.array(z.record(z.string(), cell)).max(MAX_ROWS),
  })
  .strict()
  .transform((input): Table => {
    const columns = input.columns ?? [...new Set(input.rows.flatMap((row) => Object.keys(row)))];
    return {
      file: input.name,
      columns,
      rows: input.rows.map((row) =>
        Object.fromEntries(
          columns.map((column) => {
            const value = row[column];
            return [column, value === null || value === undefined ? '' : String(value)];
          }),
        ),
      ),
    };
  });

/** A table as stored with a run: the same shape as it is read (name, columns, rows of text). */
export const storedTableSchema = z.object({
  file: z.string(),
  columns: z.array(z.string()),
  rows: z.array(z.record(z.string(), z.string())),
});

/** SHA-256 of the canonical JSON of the input tables: the same tables give the same hash. */
export function hashInput(tables: Readonly<Record<string, Table>>): string {
  const content = Object.fromEntries(
    Object.entries(tables).map(([role, table]) => [role, { columns: table.columns, rows: table.rows }]),
  );
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
