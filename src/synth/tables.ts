import type { SourceKind } from '../domain/fields.ts';

/**
 * The files the synthetic world writes, described as data: the generator produces rows for a table
 * id, and the writing layer turns each table into its file (layout, delimiter, encoding).
 */
/** A value of one row: JSON-like so that NDJSON keeps booleans and lists; CSV writes them as text. */
export type Cell = string | number | boolean | readonly string[] | null;

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'windows-874';

export interface TableSpec {
  id: string;
  /** Path relative to the output folder. */
  path: string;
  format: 'csv' | 'ndjson' | 'xlsx';
  columns: readonly string[];
  delimiter?: string;
  encoding?: FileEncoding;
  sheet?: string;
}

/** A column spec of the platform's mapping files. */
export type ColumnSpec =
  | string
  | { column: string; format?: string; codes?: Record<string, string> }
  | { join: string[]; separator: string }
  | { column: string; split: string; part: number }
  | { value: string };

/** A mapping file: how one file layout maps to the fields of a source kind. */
export interface Mapping {
  kind: SourceKind;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  columns: Record<string, ColumnSpec>;
}

/** A source as the manifest describes it: one agency, one kind, its files and its mapping. */
export interface SourceSpec {
  name: string;
  kind: SourceKind;
  organisation: string;
  table: TableSpec;
  mapping: Mapping;
  /** Path of the mapping file relative to the output folder. */
  mappingPath: string;
}

/** Receives the rows the generator produces. The file writer and the in-memory test sink implement it. */
export interface WorldSink {
  row(tableId: string, cells: readonly Cell[]): void;
}

/** The mapping-file encoding name of a file encoding (absent for UTF-8, which is detected). */
export function mappingEncoding(encoding: FileEncoding | undefined): string | undefined {
  if (encoding === 'utf-16le') return 'utf-16le';
  if (encoding === 'windows-874') return 'windows-874';
  return undefined;
}

export function sourceSpec(
  name: string,
  kind: SourceKind,
  organisation: string,
  table: TableSpec,
  columns: Record<string, ColumnSpec>,
): SourceSpec {
  const mapping: Mapping = { kind, columns };
  if (table.format === 'csv') mapping.delimiter = table.delimiter ?? ',';
  const encoding = mappingEncoding(table.encoding);
  if (encoding) mapping.encoding = encoding;
  if (table.sheet) mapping.sheet = table.sheet;
  return { name, kind, organisation, table, mapping, mappingPath: `sources/${name}/mapping.json` };
}
