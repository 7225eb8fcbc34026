import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { invalidInput, UserError } from '../domain/errors.ts';
import { decodeText } from './encoding.ts';

/** A small table read whole into memory: the input of analytics commands (edges, patterns, surveys). */
export interface Table {
  file: string;
  columns: string[];
  /** Rows as column → text; row numbers in messages count the header as row 1. */
  rows: Record<string, string>[];
}

const DELIMITERS = [',', ';', '\t', '|'];

/** Picks the delimiter that splits the first lines into the most consistent, widest rows. */
export function detectDelimiter(text: string): string {
  const lines = text.split(/\r?\n/, 20).filter((line) => line.length > 0);
  let best = ',';
  let bestScore = -1;
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => line.split(delimiter).length - 1);
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((count) => count === counts[0]).length / counts.length;
    const score = consistent * 100 + counts[0];
    if (score > bestScore) {
      bestScore = score;
      best = delimiter;
    }
  }
  return best;
}

/** Parses delimited text (delimiter detected unless given) into a table. */
export function parseDelimitedText(text: string, file: string, delimiter = detectDelimiter(text)): Table {
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw invalidInput(`${file} is not readable as delimited text`, [
      { file, row: lines, reason: (error as Error).message },
    ]);
  }
  if (records.length === 0) throw invalidInput(`${file} is empty`, [{ file, reason: 'no header row' }]);
  const columns = records[0].map((name) => name.trim());
  const problems = [];
  const rows: Record<string, string>[] = [];
  for (let index = 1; index < records.length; index++) {
    const record = records[index];
    if (record.length !== columns.length)
      problems.push({
        file,
        row: index + 1,
        reason: `has ${record.length} fields, the header has ${columns.length}`,
      });
    const row: Record<string, string> = {};
    for (let c = 0; c < columns.length; c++) row[columns[c]] = (record[c] ?? '').trim();
    rows.push(row);
  }
  if (problems.length > 0) throw invalidInput(`${file} has rows of the wrong width`, problems);
  return { file, columns, rows };
}

/**
 * Reads the first sheet of XLSX bytes as text cells, the header row giving the column names. Date
 * cells become ISO text (a date at midnight UTC as `yyyy-mm-dd`). Empty rows are skipped, as in
 * delimited text, unless `keepEmptyRows` is set: then row `i` of the table is sheet row `i + 2`, so
 * that messages can name the row a user sees (submission exports need this).
 */
export async function readWorkbookTable(
  bytes: Buffer,
  file: string,
  options: { keepEmptyRows?: boolean } = {},
): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw invalidInput(`${file} is not an XLSX workbook`, [{ file, reason: (error as Error).message }]);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalidInput(`${file} has no worksheet`, [{ file, reason: 'no worksheet' }]);
  const columns: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    columns[column - 1] = cell.text.trim();
  });
  const rows: Record<string, string>[] = [];
  sheet.eachRow({ includeEmpty: options.keepEmptyRows ?? false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const record: Record<string, string> = {};
    columns.forEach((name, index) => {
      const cell = row.getCell(index + 1);
      record[name] = cell.value instanceof Date ? isoDateText(cell.value) : cell.text.trim();
    });
    rows.push(record);
  });
  return { file, columns: columns.filter((column) => column !== undefined), rows };
}

/** A date cell as ISO text: `yyyy-mm-dd` at midnight UTC (how XLSX stores a plain date), else the full instant. */
function isoDateText(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

function tableFromObjects(objects: unknown[], file: string): Table {
  const columns: string[] = [];
  const rows = objects.map((object, index) => {
    if (object === null || typeof object !== 'object' || Array.isArray(object))
      throw invalidInput(`${file} is not a list of objects`, [
        { file, row: index + 1, reason: 'not an object' },
      ]);
    const row: Record<string, string> = {};
    for (const [key, value] of Object.entries(object)) {
      if (!columns.includes(key)) columns.push(key);
      row[key] =
        value === null || value === undefined
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    }
    return row;
  });
  for (const row of rows) for (const column of columns) row[column] ??= '';
  return { file, columns, rows };
}

/**
 * Reads a CSV/TSV (any delimiter and encoding), XLSX (first sheet), JSON (array of objects) or
 * NDJSON file whole. For analytics inputs of modest size; the importer streams large files.
 */
export async function readTableFile(path: string, options: { encoding?: string } = {}): Promise<Table> {
  const file = basename(path);
  const extension = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'not_found',
    );
  }
  if (extension === '.xlsx') return readWorkbookTable(bytes, file);
  const { text } = decodeText(bytes, options.encoding);
  if (extension === '.json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw invalidInput(`${file} is not valid JSON`, [{ file, reason: (error as Error).message }]);
    }
    if (!Array.isArray(parsed))
      throw invalidInput(`${file} is not a JSON array`, [{ file, reason: 'expected an array of objects' }]);
    return tableFromObjects(parsed, file);
  }
  if (extension === '.ndjson' || extension === '.jsonl') {
    const objects = text
      .split(/\r?\n/)
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.trim().length > 0)
      .map(({ line, index }) => {
        try {
          return JSON.parse(line) as unknown;
        } catch (error) {
          throw invalidInput(`${file} has a line that is not JSON`, [
            { file, row: index + 1, reason: (error as Error).message },
          ]);
        }
      });
    return tableFromObjects(objects, file);
  }
  return parseDelimitedText(text, file, extension === '.tsv' ? '\t' : undefined);
}

/** The column's text in every row, or a clear error naming the file and the missing column. */
export function requireColumns(table: Table, ...names: string[]): void {
  const missing = names.filter((name) => !table.columns.includes(name));
  if (missing.length > 0)
    throw invalidInput(
      `${table.file} lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      missing.map((column) => ({
        file: table.file,
        row: 1,
        column,
        reason: `is missing (columns are: ${table.columns.join(', ')})`,
      })),
    );
}

/** Parses a number cell, naming file, row and column when it is not one. */
export function numberCell(
  table: Table,
  rowIndex: number,
  column: string,
  options: { allowEmpty?: boolean } = {},
): number {
  const text = table.rows[rowIndex][column];
  if (text === '' || text === undefined) {
    if (options.allowEmpty) return Number.NaN;
    throw invalidInput(`${table.file} has an empty number`, [
      { file: table.file, row: rowIndex + 2, column, value: '', reason: 'is empty (expected a number)' },
    ]);
  }
  const value = Number(text);
  if (!Number.isFinite(value))
    throw invalidInput(`${table.file} has a value that is not a number`, [
      { file: table.file, row: rowIndex + 2, column, value: text, reason: 'is not a number' },
    ]);
  return value;
}
