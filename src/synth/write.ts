import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { openReproducibleWorkbook } from '../ingest/reproducible-xlsx.ts';
import { buildManifest, type Manifest } from './manifest.ts';
import type { Cell, FileEncoding, TableSpec, WorldSink } from './tables.ts';
import { generateWorld, type WorldOptions, type WorldSummary, worldLayout } from './world.ts';

/**
 * The thin writing layer of the synthetic world: opens one file per table, encodes rows as they
 * arrive (CSV with the table's delimiter and encoding, NDJSON, or XLSX through exceljs' streaming
 * writer) and flushes every 256 k characters, so memory stays bounded whatever the number of people.
 * XLSX bytes are made reproducible by fixing the workbook's and the zip entries' dates.
 */
const FLUSH_CHARACTERS = 1 << 18;

interface TableWriter {
  row(cells: readonly Cell[]): void;
  close(): Promise<void>;
}

function encode(text: string, encoding: FileEncoding): Buffer {
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'windows-874') return iconv.encode(text, 'windows-874');
  return Buffer.from(text, 'utf8');
}

interface TextFile {
  /** Appends text; the pieces are joined and encoded when 256 k characters have gathered. */
  write(text: string): void;
  close(): void;
}

function textFile(path: string, encoding: FileEncoding): TextFile {
  const fd = openSync(path, 'w');
  if (encoding === 'utf-8-bom') writeSync(fd, Buffer.from([0xef, 0xbb, 0xbf]));
  if (encoding === 'utf-16le') writeSync(fd, Buffer.from([0xff, 0xfe]));
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    writeSync(fd, encode(parts.join(''), encoding));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= FLUSH_CHARACTERS) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}

function csvCell(value: Cell, needsQuotes: RegExp): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join(' ') : String(value);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvWriter(path: string, spec: TableSpec): TableWriter {
  const delimiter = spec.delimiter ?? ',';
  const encoding = spec.encoding ?? 'utf-8';
  const newline = encoding === 'utf-16le' || encoding === 'windows-874' ? '\r\n' : '\n';
  const needsQuotes = new RegExp(`["\\r\\n${delimiter === '|' ? '\\|' : delimiter}]`);
  const file = textFile(path, encoding);
  // One reused array per table, joined natively: the cheapest way to a line measured here.
  const texts: string[] = new Array(spec.columns.length);
  const line = (cells: readonly Cell[]) => {
    texts.length = cells.length;
    for (let i = 0; i < cells.length; i++) texts[i] = csvCell(cells[i], needsQuotes);
    file.write(texts.join(delimiter) + newline);
  };
  line(spec.columns);
  return { row: line, close: async () => file.close() };
}

function ndjsonWriter(path: string, spec: TableSpec): TableWriter {
  const file = textFile(path, 'utf-8');
  return {
    row(cells) {
      const object: Record<string, Exclude<Cell, null>> = {};
      for (let i = 0; i < cells.length; i++) {
        const value = cells[i];
        if (value !== null) object[spec.columns[i]] = value;
      }
      file.write(`${JSON.stringify(object)}\n`);
    },
    close: async () => file.close(),
  };
}

function xlsxWriter(path: string, spec: TableSpec): TableWriter {
  const workbook = openReproducibleWorkbook({ filename: path }, 'SIREN synthetic world');
  const sheet = workbook.addWorksheet(spec.sheet ?? 'Sheet1');
  sheet.addRow([...spec.columns]).commit();
  return {
    row(cells) {
      sheet
        .addRow(
          cells.map((cell) => (cell === null ? undefined : Array.isArray(cell) ? cell.join(' ') : cell)),
        )
        .commit();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
  };
}

/** A sink that writes each table to its file under `directory`. */
export class FileSink implements WorldSink {
  private readonly writers = new Map<string, TableWriter>();

  constructor(
    private readonly directory: string,
    tables: readonly TableSpec[],
  ) {
    for (const spec of tables) {
      const path = join(directory, spec.path);
      mkdirSync(dirname(path), { recursive: true });
      const writer =
        spec.format === 'xlsx'
          ? xlsxWriter(path, spec)
          : spec.format === 'ndjson'
            ? ndjsonWriter(path, spec)
            : csvWriter(path, spec);
      this.writers.set(spec.id, writer);
    }
  }

  row(tableId: string, cells: readonly Cell[]): void {
    const writer = this.writers.get(tableId);
    if (!writer) throw new Error(`synth/write: no table "${tableId}"`);
    writer.row(cells);
  }

  async close(): Promise<void> {
    for (const writer of this.writers.values()) await writer.close();
  }

  writeJson(relativePath: string, value: unknown): void {
    const path = join(this.directory, relativePath);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
  }
}

export interface WrittenWorld {
  manifest: Manifest;
  summary: WorldSummary;
}

/** Generates a world and writes it, its mapping files, truth summary and manifest under `directory`. */
export async function writeWorld(options: WorldOptions, directory: string): Promise<WrittenWorld> {
  const layout = worldLayout();
  mkdirSync(directory, { recursive: true });
  const sink = new FileSink(directory, layout.tables);
  let summary: WorldSummary;
  try {
    summary = generateWorld(options, sink, layout);
  } finally {
    await sink.close();
  }
  for (const source of layout.sources) sink.writeJson(source.mappingPath, source.mapping);
  sink.writeJson('truth/summary.json', summary);
  const manifest = buildManifest(options, layout);
  sink.writeJson('manifest.json', manifest);
  return { manifest, summary };
}
