import { type InputProblem, PROBLEM_LIST_CAP } from '../domain/errors.ts';
import {
  BLIND_INDEXED_FIELDS,
  type FieldDefinition,
  fieldsOf,
  RECORD_KEY_BY_KIND,
  type SourceKind,
} from '../domain/fields.ts';
import { resolveCrossing } from '../domain/places/index.ts';
import { FieldCipher, type KeyRing } from '../store/crypto.ts';
import type { UnresolvedPlace } from '../store/repositories/import-batches.ts';
import { type CopyLines, CopyLineWriter, type PreparedRecords } from '../store/repositories/records.ts';
import { extractField, type Mapping } from './mapping.ts';
import { type FileFormat, openRowReader, type ReaderOptions } from './row-reader.ts';
import { type Parsed, parseValue } from './values.ts';

/**
 * The CPU-heavy half of an import: reading a file's rows, mapping, typing and validating each value,
 * sealing the personal fields and the raw row, computing blind indexes and pseudonyms, and writing
 * each record as a COPY line. It needs no database, so it can run in a worker thread while the main
 * thread stores the chunks it yields (see `import-worker.ts`).
 */

const PLACE_COUNTRY_HINT: Readonly<Record<string, string>> = {
  origin_province: 'nationality',
  province_of_exploitation: 'country_of_exploitation',
  location: 'country_of_exploitation',
  place: 'country',
};
const PLACE_FIELDS = ['origin_province', 'location', 'place', 'province_of_exploitation'];
const DATE_FIELDS = [
  'identified_on',
  'received_at',
  'interviewed_on',
  'week_start',
  'occurred_at',
  'posted_at',
  'period_start',
];
const INDEXED_FIELDS = new Set<string>(BLIND_INDEXED_FIELDS);
/** Field types whose parsing is worth remembering per distinct text (gazetteer and code-list look-ups). */
const CACHED_TYPES = new Set<FieldDefinition['type']>(['place', 'crossing', 'country', 'code']);
/** Distinct texts remembered per column, so that memory stays bounded on a file of all-different values. */
const PARSED_VALUES_KEPT = 10_000;
/** Unresolved place names kept per file for the analyst (the count is always kept). */
const UNRESOLVED_PLACES_KEPT = 1_000;

/** The normal form used for blind-index lookups: digits only for phones, upper-case letters and digits otherwise. */
export function blindIndexForm(field: string, value: string): string {
  return field.endsWith('phone')
    ? value.replace(/\D/g, '')
    : value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export interface PreparationJob {
  path: string;
  reader: ReaderOptions;
  kind: SourceKind;
  keys: KeyRing;
  /** Records per chunk handed to the database. */
  chunkRows: number;
}

export interface FileHeader {
  file: string;
  format: FileFormat;
  encoding: string | null;
  columns: string[];
}

/** What the importer decides once it has seen the header and opened the import batch. */
export interface PreparationStart {
  mapping: Mapping;
  sourceId: number;
  organisationId: number;
  batchId: number;
  sha256: string;
  /** False when an earlier file had problems: the rows are then only checked, not prepared for storing. */
  store: boolean;
}

export interface PreparedChunk extends PreparedRecords {
  /** Problems found in the chunk's rows (at most {@link PROBLEM_LIST_CAP} per file are listed). */
  problems: InputProblem[];
  problemCount: number;
  bytesRead: number;
}

export interface PreparationSummary {
  rows: number;
  unresolvedPlaces: UnresolvedPlace[];
  unresolvedCount: number;
}

/** A file opened for preparing: its header, then its rows a chunk at a time. */
export interface Preparation {
  header: FileHeader;
  /** Prepares every row, awaiting `store` for each chunk before preparing more than the next one. */
  run(start: PreparationStart, store: (chunk: PreparedChunk) => Promise<void>): Promise<PreparationSummary>;
  close(): Promise<void>;
}

/** Opens a file for preparing its records in this thread. */
export async function openPreparation(job: PreparationJob): Promise<Preparation> {
  const reader = await openRowReader(job.path, job.reader);
  const header: FileHeader = {
    file: reader.file,
    format: reader.format,
    encoding: reader.encoding,
    columns: [...reader.columns],
  };
  return {
    header,
    close: async () => {},
    async run(start, store) {
      const cipher = new FieldCipher(job.keys);
      const file = header.file;
      const { mapping } = start;
      const columns = fieldsOf(job.kind)
        .filter((field) => field.name in mapping.columns)
        .sort((a, b) => Number(a.type === 'place') - Number(b.type === 'place'))
        .map((field) => ({
          field,
          spec: mapping.columns[field.name],
          hint: PLACE_COUNTRY_HINT[field.name],
          indexed: INDEXED_FIELDS.has(field.name),
          parsedByText: CACHED_TYPES.has(field.type) ? new Map<string, Parsed>() : undefined,
        }));
      const recordKeyField = RECORD_KEY_BY_KIND[job.kind];
      const unresolvedPlaces: UnresolvedPlace[] = [];
      let unresolvedCount = 0;
      let rowCount = 0;
      let rowsInChunk = 0;
      let problemsListed = 0;
      let storing = start.store;
      const recordLines = new CopyLineWriter();
      const blindIndexLines = new CopyLineWriter();
      let blindIndexOwners: number[] = [];
      let chunk = emptyChunk();
      const flush = async () => {
        chunk.bytesRead = reader.bytesRead();
        const records = recordLines.take();
        const blindIndexes = blindIndexLines.take();
        await store(
          storing
            ? { ...chunk, records, blindIndexes, blindIndexOwners: Int32Array.from(blindIndexOwners) }
            : { ...chunk, records: noLines(), blindIndexes: noLines(), blindIndexOwners: new Int32Array() },
        );
        blindIndexOwners = [];
        chunk = emptyChunk();
      };
      const problem = (found: InputProblem) => {
        storing = false;
        chunk.problemCount++;
        if (problemsListed < PROBLEM_LIST_CAP) {
          problemsListed++;
          chunk.problems.push(found);
        }
      };
      for await (const row of reader.rows) {
        if (rowsInChunk === job.chunkRows) {
          await flush();
          rowsInChunk = 0;
        }
        rowCount++;
        rowsInChunk++;
        if (row.widthProblem) {
          problem({ file, row: row.rowNumber, reason: row.widthProblem });
          continue;
        }
        const typed: Record<string, string | number | boolean> = {};
        const personal: Record<string, string | number | boolean> = {};
        const owner = recordLines.lineCount;
        for (const { field, spec, hint, indexed, parsedByText } of columns) {
          const source = extractField(spec, row.values, row.rowNumber);
          const country = hint ? (typed[hint] as string | undefined) : undefined;
          const cacheKey = parsedByText ? `${country ?? ''}\u0000${source.text}` : '';
          let parsed = parsedByText?.get(cacheKey);
          if (!parsed) {
            parsed = parseValue(field, source.text, { format: source.format, codes: source.codes, country });
            if (parsedByText && parsedByText.size < PARSED_VALUES_KEPT) parsedByText.set(cacheKey, parsed);
          }
          if (!parsed.ok) {
            problem({
              file,
              row: row.rowNumber,
              column: source.column,
              value: source.text,
              reason: parsed.reason,
            });
            continue;
          }
          if (parsed.unresolvedPlace) {
            unresolvedCount++;
            if (unresolvedPlaces.length < UNRESOLVED_PLACES_KEPT)
              unresolvedPlaces.push({
                row: row.rowNumber,
                column: source.column,
                field: field.name,
                value: source.text.trim(),
              });
          }
          if (parsed.value === null) {
            if (field.required)
              problem({
                file,
                row: row.rowNumber,
                column: source.column,
                value: '',
                reason: `is empty (${field.name} is required)`,
              });
            continue;
          }
          if (field.personal) personal[field.name] = parsed.value;
          else typed[field.name] = parsed.value;
          if (storing && indexed && typeof parsed.value === 'string') {
            const form = blindIndexForm(field.name, parsed.value);
            if (form) {
              blindIndexOwners.push(owner);
              blindIndexLines.add([field.name, cipher.blindIndex(field.name, form)]);
            }
          }
        }
        if (storing) {
          const recordKey =
            recordKeyField && typed[recordKeyField] !== undefined ? String(typed[recordKeyField]) : null;
          const eventDate = firstText(typed, DATE_FIELDS);
          recordLines.add([
            start.sourceId,
            start.organisationId,
            start.batchId,
            job.kind,
            cipher.currentKeyId,
            row.rowNumber,
            recordKey,
            JSON.stringify(typed),
            cipher.encrypt(JSON.stringify({ personal, raw: row.values })),
            firstText(typed, PLACE_FIELDS) ?? crossingProvince(typed.crossing),
            eventDate === undefined ? null : eventDate.slice(0, 10),
            cipher.pseudonym(
              job.kind,
              `${start.sourceId}\u0000${recordKey ?? `${start.sha256}:${row.rowNumber}`}`,
            ),
          ]);
        }
      }
      await flush();
      return { rows: rowCount, unresolvedPlaces, unresolvedCount };
    },
  };
}

/** No lines (a fresh object each time: its bytes may be transferred to another thread). */
function noLines(): CopyLines {
  return { bytes: new Uint8Array(), lineStarts: new Int32Array() };
}

/** The problems of a chunk being read. */
function emptyChunk(): Pick<PreparedChunk, 'problems' | 'problemCount' | 'bytesRead'> {
  return { problems: [], problemCount: 0, bytesRead: 0 };
}

/** The first of these fields that holds text. */
function firstText(
  typed: Readonly<Record<string, string | number | boolean>>,
  names: readonly string[],
): string | undefined {
  for (const name of names) {
    const value = typed[name];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** The province on the first side of a border crossing, when the record names one. */
function crossingProvince(crossing: string | number | boolean | undefined): string | null {
  return (typeof crossing === 'string' ? resolveCrossing(crossing)?.provinceA : undefined) ?? null;
}
