import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { invalidInput } from '../domain/errors.ts';
import { createDecoderStream, decodeText, detectEncoding } from './encoding.ts';
import { detectDelimiter } from './read-table.ts';

export type FileFormat = 'csv' | 'xlsx' | 'json' | 'ndjson';

/** One data row; `rowNumber` is where a person finds it (the header of a CSV or sheet is row 1). */
export interface SourceRow {
  rowNumber: number;
  values: Record<string, string>;
  /** Set when the row does not have as many cells as the header. */
  widthProblem?: string;
}

export interface RowReader {
  file: string;
  format: FileFormat;
  encoding: string | null;
  columns: string[];
  rows: AsyncIterable<SourceRow>;
  /** Bytes of the file read so far (for progress). */
  bytesRead(): number;
}

export function formatOf(path: string): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.xlsx') return 'xlsx';
  if (extension === '.json') return 'json';
  if (extension === '.ndjson' || extension === '.jsonl') return 'ndjson';
  return 'csv';
}

const cellText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

async function openDelimited(path: string, file: string, options: ReaderOptions): Promise<RowReader> {
  const handle = await open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const encoding = detectEncoding(sample.subarray(0, bytesRead), options.encoding);
  const sampleText = decodeText(sample.subarray(0, bytesRead), encoding.encoding).text;
  const delimiter =
    options.delimiter ?? (extname(path).toLowerCase() === '.tsv' ? '\t' : detectDelimiter(sampleText));
  const input = createReadStream(path, { start: encoding.bomLength });
  const parser = input
    .pipe(createDecoderStream(encoding.encoding))
    .pipe(
      parse({ delimiter, relax_column_count: true, skip_empty_lines: true, info: true, relax_quotes: false }),
    );
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>;
  try {
    first = await iterator.next();
  } catch (error) {
    throw invalidInput(`${file} is not readable as delimited text`, [
      { file, row: 1, reason: (error as Error).message },
    ]);
  }
  if (first.done) throw invalidInput(`${file} is empty`, [{ file, reason: 'has no header row' }]);
  const columns = first.value.record.map((name) => name.trim());
  async function* rows(): AsyncGenerator<SourceRow> {
    for (;;) {
      let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        next = await iterator.next();
      } catch (error) {
        const lines = (error as { lines?: number }).lines;
        throw invalidInput(`${file} is not readable as delimited text`, [
          { file, row: lines, reason: (error as Error).message },
        ]);
      }
      if (next.done) return;
      const { record, info } = next.value;
      const values: Record<string, string> = {};
      for (let c = 0; c < columns.length; c++) values[columns[c]] = record[c] ?? '';
      yield {
        rowNumber: info.lines,
        values,
        widthProblem:
          record.length === columns.length
            ? undefined
            : `has ${record.length} fields, the header has ${columns.length}`,
      };
    }
  }
  return {
    file,
    format: 'csv',
    encoding: encoding.encoding,
    columns,
    rows: rows(),
    bytesRead: () => input.bytesRead,
  };
}

async function openWorkbook(path: string, file: string, options: ReaderOptions): Promise<RowReader> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  const sheets = reader[Symbol.asyncIterator]();
  let sheet: ExcelJS.stream.xlsx.WorksheetReader | undefined;
  for (;;) {
    const next = await sheets.next();
    if (next.done) break;
    const candidate = next.value as ExcelJS.stream.xlsx.WorksheetReader & { name?: string };
    if (!options.sheet || candidate.name === options.sheet) {
      sheet = candidate;
      break;
    }
  }
  if (!sheet)
    throw invalidInput(`${file} has no worksheet${options.sheet ? ` named ${options.sheet}` : ''}`, [
      { file, reason: 'no such worksheet' },
    ]);
  const rowIterator = sheet[Symbol.asyncIterator]() as AsyncIterator<ExcelJS.Row>;
  const header = await rowIterator.next();
  if (header.done) throw invalidInput(`${file} is empty`, [{ file, reason: 'has no header row' }]);
  const columns: string[] = [];
  header.value.eachCell({ includeEmpty: false }, (cell, column) => {
    columns[column - 1] = cell.text.trim();
  });
  for (let c = 0; c < columns.length; c++) columns[c] ??= `column_${c + 1}`;
  async function* rows(): AsyncGenerator<SourceRow> {
    for (;;) {
      const next = await rowIterator.next();
      if (next.done) return;
      const row = next.value;
      const values: Record<string, string> = {};
      let any = false;
      columns.forEach((name, index) => {
        const cell = row.getCell(index + 1);
        const value = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text;
        values[name] = value ?? '';
        if (values[name] !== '') any = true;
      });
      if (any) yield { rowNumber: row.number, values };
    }
  }
  return { file, format: 'xlsx', encoding: null, columns, rows: rows(), bytesRead: () => 0 };
}

async function openJson(path: string, file: string, options: ReaderOptions): Promise<RowReader> {
  const { text, encoding } = decodeText(await readFile(path), options.encoding);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidInput(`${file} is not valid JSON`, [{ file, reason: (error as Error).message }]);
  }
  if (!Array.isArray(parsed))
    throw invalidInput(`${file} is not a JSON array`, [{ file, reason: 'expected an array of objects' }]);
  const items: unknown[] = parsed;
  const columns: string[] = [];
  for (const item of items)
    if (item && typeof item === 'object')
      for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
  async function* rows(): AsyncGenerator<SourceRow> {
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        yield { rowNumber: index + 1, values: {}, widthProblem: 'is not an object' };
        continue;
      }
      const values: Record<string, string> = {};
      for (const column of columns) values[column] = cellText((item as Record<string, unknown>)[column]);
      yield { rowNumber: index + 1, values };
    }
  }
  return { file, format: 'json', encoding: encoding.encoding, columns, rows: rows(), bytesRead: () => 0 };
}

async function openNdjson(path: string, file: string, options: ReaderOptions): Promise<RowReader> {
  const handle = await open(path, 'r');
  const sample = Buffer.alloc(64 * 1024);
  const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
  await handle.close();
  const encoding = detectEncoding(sample.subarray(0, bytesRead), options.encoding);
  const columns: string[] = [];
  for (const line of decodeText(sample.subarray(0, bytesRead), encoding.encoding)
    .text.split(/\r?\n/)
    .slice(0, 200)) {
    try {
      const item = JSON.parse(line) as unknown;
      if (item && typeof item === 'object')
        for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
    } catch {
      // Lines that do not parse are reported row by row while reading.
    }
  }
  const input = createReadStream(path, { start: encoding.bomLength });
  async function* rows(): AsyncGenerator<SourceRow> {
    const lines = createInterface({
      input: input.pipe(createDecoderStream(encoding.encoding)),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let lineNumber = 0;
    for await (const line of lines) {
      lineNumber++;
      if (line.trim() === '') continue;
      let item: unknown;
      try {
        item = JSON.parse(line);
      } catch (error) {
        yield {
          rowNumber: lineNumber,
          values: {},
          widthProblem: `is not JSON (${(error as Error).message})`,
        };
        continue;
      }
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        yield { rowNumber: lineNumber, values: {}, widthProblem: 'is not a JSON object' };
        continue;
      }
      const values: Record<string, string> = {};
      for (const [key, value] of Object.entries(item)) {
        if (!columns.includes(key)) columns.push(key);
        values[key] = cellText(value);
      }
      yield { rowNumber: lineNumber, values };
    }
  }
  return {
    file,
    format: 'ndjson',
    encoding: encoding.encoding,
    columns,
    rows: rows(),
    bytesRead: () => input.bytesRead,
  };
}

export interface ReaderOptions {
  delimiter?: string;
  encoding?: string;
  sheet?: string;
}

/** Opens a CSV/TSV (any delimiter and encoding), XLSX, JSON array or NDJSON file for streaming its rows. */
export async function openRowReader(path: string, options: ReaderOptions = {}): Promise<RowReader> {
  const file = basename(path);
  await stat(path);
  switch (formatOf(path)) {
    case 'xlsx':
      return openWorkbook(path, file, options);
    case 'json':
      return openJson(path, file, options);
    case 'ndjson':
      return openNdjson(path, file, options);
    default:
      return openDelimited(path, file, options);
  }
}
