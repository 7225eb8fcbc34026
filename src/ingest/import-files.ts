import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type InputProblem, invalidInput, PROBLEM_LIST_CAP, UserError } from '../domain/errors.ts';
import {
  type FieldDefinition,
  fieldsOf,
  isSourceKind,
  RECORD_KEY_BY_KIND,
  SOURCE_KINDS,
  type SourceKind,
} from '../domain/fields.ts';
import { resolveCrossing } from '../domain/places/index.ts';
import type { FieldCipher } from '../store/crypto.ts';
import type { Database, Queryable } from '../store/database.ts';
import { appendAuditIn } from '../store/repositories/audit.ts';
import {
  completeBatch,
  findBatchByHash,
  insertBatch,
  type UnresolvedPlace,
} from '../store/repositories/import-batches.ts';
import {
  createOrganisation,
  findOrganisationByName,
  firstOrganisation,
  listOrganisations,
} from '../store/repositories/organisations.ts';
import { insertRecords, type NewRecord } from '../store/repositories/records.ts';
import { createSource, findSourceByName } from '../store/repositories/sources.ts';
import { checkMappingFields, columnsRead, extractField, identityMapping, type Mapping } from './mapping.ts';
import { openRowReader } from './row-reader.ts';
import { parseValue } from './values.ts';

export interface ImportRequest {
  files: readonly string[];
  source: string;
  kind: string;
  /** Organisation the data belongs to; default the first one (created as "Local organisation" on an empty database). */
  organisation?: string;
  /** A mapping already loaded (see `loadMapping`); without one, columns named like fields map to them. */
  mapping?: Mapping;
  /** Import a file even though the same bytes were imported into this source before. */
  force?: boolean;
  actor: string;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
}

export interface FileImportReport {
  file: string;
  batchId: number;
  format: string;
  encoding: string | null;
  rows: number;
  sha256: string;
  unmappedColumns: string[];
  unresolvedPlaces: { count: number; examples: UnresolvedPlace[] };
}

export interface ImportReport {
  source: string;
  kind: SourceKind;
  organisation: string;
  files: FileImportReport[];
  rows: number;
}

const INSERT_CHUNK = 5_000;
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
const INDEXED_FIELDS = new Set([
  'phone',
  'recruiter_phone',
  'reported_phone',
  'broker_phone',
  'document_number',
  'from_account',
  'to_account',
  'handle',
]);

/** The normal form used for blind-index lookups: digits only for phones, upper-case letters and digits otherwise. */
export function blindIndexForm(field: string, value: string): string {
  return field.endsWith('phone')
    ? value.replace(/\D/g, '')
    : value.toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');
}

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function resolveOrganisation(db: Queryable, name: string | undefined) {
  if (name) {
    const found = await findOrganisationByName(db, name);
    if (found) return found;
    const known = (await listOrganisations(db)).map((organisation) => organisation.name);
    throw new UserError(
      `organisation "${name}" does not exist${known.length ? ` (organisations: ${known.join(', ')})` : ''}; add it with: siren org add "${name}"`,
      'not_found',
    );
  }
  return (await firstOrganisation(db)) ?? (await createOrganisation(db, 'Local organisation'));
}

/**
 * Imports files into one source, all or nothing: every row of every file is mapped, typed and
 * validated; if any row is bad, nothing is stored and every problem (file, row, column, value,
 * reason) is reported. Each file becomes an import batch that keeps its name, SHA-256, format,
 * encoding and mapping; each record keeps its batch, row number and raw row. A file already imported
 * into the source (same SHA-256) is refused unless forced.
 */
export async function importFiles(
  database: Database,
  cipher: FieldCipher,
  request: ImportRequest,
): Promise<ImportReport> {
  if (!isSourceKind(request.kind))
    throw new UserError(
      `unknown kind "${request.kind}" (kinds: ${SOURCE_KINDS.join(', ')})`,
      'invalid_input',
    );
  const kind: SourceKind = request.kind;
  if (!request.source.trim()) throw new UserError('a source needs a name (--source NAME)', 'invalid_input');
  if (request.mapping) checkMappingFields(request.mapping, kind);
  const files: { path: string; size: number; sha256: string }[] = [];
  for (const path of request.files) {
    let size: number;
    try {
      size = (await stat(path)).size;
    } catch {
      throw new UserError(`cannot read ${path}: no such file`, 'not_found');
    }
    files.push({ path, size, sha256: await sha256OfFile(path) });
  }
  const totalBytes = files.reduce((sum, file) => sum + file.size, 0);

  return database.transaction(async (db) => {
    const organisation = await resolveOrganisation(db, request.organisation);
    let source = await findSourceByName(db, request.source);
    if (source && source.kind !== kind)
      throw new UserError(`source "${request.source}" holds ${source.kind} records, not ${kind}`, 'conflict');
    source ??= await createSource(db, request.source, kind, organisation.id);
    const reports: FileImportReport[] = [];
    const problems: InputProblem[] = [];
    let problemCount = 0;
    let bytesBefore = 0;
    for (const file of files) {
      const earlier = await findBatchByHash(db, source.id, file.sha256);
      if (earlier && !request.force)
        throw new UserError(
          `${basename(file.path)} was already imported into ${source.name} (batch ${earlier.id}, ${earlier.finishedAt}); use --force to import it again`,
          'conflict',
        );
      const report = await importOneFile(db, cipher, {
        path: file.path,
        sha256: file.sha256,
        size: file.size,
        kind,
        sourceId: source.id,
        organisationId: organisation.id,
        mapping: request.mapping,
        forced: Boolean(earlier),
        actor: request.actor,
        onProblem: (problem) => {
          problemCount++;
          if (problems.length < PROBLEM_LIST_CAP) problems.push(problem);
        },
        hasProblems: () => problemCount > 0,
        onProgress: (bytes) => request.onProgress?.(bytesBefore + bytes, totalBytes),
      });
      bytesBefore += file.size;
      reports.push(report);
    }
    if (problemCount === 0)
      await appendAuditIn(db, {
        actor: request.actor,
        action: 'records.import',
        targetType: 'source',
        targetId: String(source.id),
        details: {
          source: source.name,
          files: reports.map((report) => ({
            file: report.file,
            sha256: report.sha256,
            rows: report.rows,
            batch: report.batchId,
          })),
        },
        organisationId: organisation.id,
      });
    if (problemCount > 0)
      throw invalidInput(
        `nothing was imported: ${problemCount} problem${problemCount === 1 ? '' : 's'} in ${request.files.map((path) => basename(path)).join(', ')}`,
        problems,
        problemCount,
      );
    return {
      source: source.name,
      kind,
      organisation: organisation.name,
      files: reports,
      rows: reports.reduce((sum, report) => sum + report.rows, 0),
    };
  });
}

interface OneFile {
  path: string;
  sha256: string;
  size: number;
  kind: SourceKind;
  sourceId: number;
  organisationId: number;
  mapping: Mapping | undefined;
  forced: boolean;
  actor: string;
  onProblem: (problem: InputProblem) => void;
  hasProblems: () => boolean;
  onProgress: (bytesDone: number) => void;
}

async function importOneFile(db: Queryable, cipher: FieldCipher, job: OneFile): Promise<FileImportReport> {
  const startedAt = new Date();
  const reader = await openRowReader(job.path, {
    delimiter: job.mapping?.delimiter,
    encoding: job.mapping?.encoding,
    sheet: job.mapping?.sheet,
  });
  const file = reader.file;
  const mapping = job.mapping ?? identityMapping(job.kind, reader.columns);
  const hasHeader = reader.format === 'csv' || reader.format === 'xlsx';
  const missingColumns = hasHeader
    ? columnsRead(mapping).filter((column) => !reader.columns.includes(column))
    : [];
  if (missingColumns.length > 0)
    throw invalidInput(
      `${file} lacks column${missingColumns.length > 1 ? 's' : ''} the mapping reads`,
      missingColumns.map((column) => ({
        file,
        row: 1,
        column,
        reason: `is not in the header (columns: ${reader.columns.join(', ')})`,
      })),
    );
  const fields = fieldsOf(job.kind);
  const missingRequired = fields.filter((field) => field.required && !(field.name in mapping.columns));
  if (missingRequired.length > 0)
    throw invalidInput(
      `${file} has no column for required field${missingRequired.length > 1 ? 's' : ''} of ${job.kind}`,
      missingRequired.map((field) => ({
        file,
        row: 1,
        column: field.name,
        reason: `is required for ${job.kind}: name a column ${field.name} or map one in a mapping file`,
      })),
    );
  const read = new Set(columnsRead(mapping));
  const unmappedColumns = reader.columns.filter((column) => !read.has(column));
  const batchId = await insertBatch(db, {
    sourceId: job.sourceId,
    organisationId: job.organisationId,
    fileName: file,
    fileHash: job.sha256,
    fileSize: job.size,
    fileFormat: reader.format,
    encoding: reader.encoding,
    mapping,
    forced: job.forced,
    importedBy: job.actor,
    startedAt,
  });
  const context = {
    sourceId: job.sourceId,
    organisationId: job.organisationId,
    batchId,
    kind: job.kind,
    keyVersion: cipher.currentKeyId,
  };
  const mapped = fields
    .filter((field) => field.name in mapping.columns)
    .sort((a, b) => Number(a.type === 'place') - Number(b.type === 'place'));
  const recordKeyField = RECORD_KEY_BY_KIND[job.kind];
  const unresolvedPlaces: UnresolvedPlace[] = [];
  let unresolvedCount = 0;
  let rowCount = 0;
  let pending: NewRecord[] = [];

  for await (const row of reader.rows) {
    rowCount++;
    if (row.widthProblem) {
      job.onProblem({ file, row: row.rowNumber, reason: row.widthProblem });
      continue;
    }
    const typed: Record<string, unknown> = {};
    const personal: Record<string, unknown> = {};
    const blindIndexes: { field: string; digest: string }[] = [];
    for (const field of mapped) {
      const source = extractField(mapping.columns[field.name], row.values, row.rowNumber);
      const hint = PLACE_COUNTRY_HINT[field.name];
      const parsed = parseValue(field, source.text, {
        format: source.format,
        codes: source.codes,
        country: hint ? (typed[hint] as string | undefined) : undefined,
      });
      if (!parsed.ok) {
        job.onProblem({
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
        if (unresolvedPlaces.length < 1_000)
          unresolvedPlaces.push({
            row: row.rowNumber,
            column: source.column,
            field: field.name,
            value: source.text.trim(),
          });
      }
      if (parsed.value === null) {
        if (field.required)
          job.onProblem({
            file,
            row: row.rowNumber,
            column: source.column,
            value: '',
            reason: `is empty (${field.name} is required)`,
          });
        continue;
      }
      storeValue(field, parsed.value, typed, personal);
      if (INDEXED_FIELDS.has(field.name) && typeof parsed.value === 'string') {
        const form = blindIndexForm(field.name, parsed.value);
        if (form) blindIndexes.push({ field: field.name, digest: cipher.blindIndex(field.name, form) });
      }
    }
    if (job.hasProblems()) continue;
    const recordKey =
      recordKeyField && typed[recordKeyField] !== undefined ? String(typed[recordKeyField]) : null;
    const crossing = typeof typed.crossing === 'string' ? resolveCrossing(typed.crossing) : undefined;
    const placeCode =
      (PLACE_FIELDS.map((name) => typed[name]).find((value) => typeof value === 'string') as
        | string
        | undefined) ??
      crossing?.provinceA ??
      null;
    const eventDate = DATE_FIELDS.map((name) => typed[name]).find((value) => typeof value === 'string') as
      | string
      | undefined;
    pending.push({
      rowNumber: row.rowNumber,
      recordKey,
      fields: typed,
      sealed: cipher.encrypt(JSON.stringify({ personal, raw: row.values })),
      placeCode,
      eventDate: eventDate ? eventDate.slice(0, 10) : null,
      pseudonym: cipher.pseudonym(
        job.kind,
        `${job.sourceId}\u0000${recordKey ?? `${job.sha256}:${row.rowNumber}`}`,
      ),
      blindIndexes,
    });
    if (pending.length >= INSERT_CHUNK) {
      await insertRecords(db, context, pending);
      pending = [];
      job.onProgress(reader.bytesRead());
    }
  }
  if (!job.hasProblems()) await insertRecords(db, context, pending);
  job.onProgress(job.size);
  await completeBatch(db, batchId, rowCount, unresolvedPlaces);
  return {
    file,
    batchId,
    format: reader.format,
    encoding: reader.encoding,
    rows: rowCount,
    sha256: job.sha256,
    unmappedColumns,
    unresolvedPlaces: { count: unresolvedCount, examples: unresolvedPlaces.slice(0, 20) },
  };
}

function storeValue(
  field: FieldDefinition,
  value: string | number | boolean,
  typed: Record<string, unknown>,
  personal: Record<string, unknown>,
): void {
  if (field.personal) personal[field.name] = value;
  else typed[field.name] = value;
}
