import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type InputProblem, invalidInput, PROBLEM_LIST_CAP, UserError } from '../domain/errors.ts';
import { fieldsOf, isSourceKind, SOURCE_KINDS, type SourceKind } from '../domain/fields.ts';
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
import { copyRecords } from '../store/repositories/records.ts';
import { createSource, findSourceByName } from '../store/repositories/sources.ts';
import { checkMappingFields, columnsRead, identityMapping, type Mapping } from './mapping.ts';
import { openPreparationInWorker } from './preparation-thread.ts';
import { openPreparation, type Preparation, type PreparationJob } from './prepare-records.ts';

export { blindIndexForm } from './prepare-records.ts';

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

/** Records per COPY statement. */
const COPY_CHUNK_ROWS = 10_000;
/**
 * Files at least this large are prepared in a worker thread, overlapping with storing; smaller ones
 * in this thread, where starting a worker would cost more than it saves.
 */
export const WORKER_FILE_BYTES = 2 * 1024 * 1024;

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
        onExtraProblems: (count) => {
          problemCount += count;
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
  /** Problems counted but not listed (beyond the cap). */
  onExtraProblems: (count: number) => void;
  hasProblems: () => boolean;
  onProgress: (bytesDone: number) => void;
}

async function importOneFile(db: Queryable, cipher: FieldCipher, job: OneFile): Promise<FileImportReport> {
  const startedAt = new Date();
  const preparationJob: PreparationJob = {
    path: job.path,
    reader: { delimiter: job.mapping?.delimiter, encoding: job.mapping?.encoding, sheet: job.mapping?.sheet },
    kind: job.kind,
    keys: cipher.keyRing,
    chunkRows: COPY_CHUNK_ROWS,
  };
  const preparation =
    job.size >= WORKER_FILE_BYTES
      ? await openPreparationInWorker(preparationJob)
      : await openPreparation(preparationJob);
  try {
    return await storePreparedFile(db, preparation, job, startedAt);
  } finally {
    await preparation.close();
  }
}

async function storePreparedFile(
  db: Queryable,
  preparation: Preparation,
  job: OneFile,
  startedAt: Date,
): Promise<FileImportReport> {
  const { file, format, encoding, columns } = preparation.header;
  const mapping = job.mapping ?? identityMapping(job.kind, columns);
  const hasHeader = format === 'csv' || format === 'xlsx';
  const missingColumns = hasHeader ? columnsRead(mapping).filter((column) => !columns.includes(column)) : [];
  if (missingColumns.length > 0)
    throw invalidInput(
      `${file} lacks column${missingColumns.length > 1 ? 's' : ''} the mapping reads`,
      missingColumns.map((column) => ({
        file,
        row: 1,
        column,
        reason: `is not in the header (columns: ${columns.join(', ')})`,
      })),
    );
  const missingRequired = fieldsOf(job.kind).filter(
    (field) => field.required && !(field.name in mapping.columns),
  );
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
  const unmappedColumns = columns.filter((column) => !read.has(column));
  const batchId = await insertBatch(db, {
    sourceId: job.sourceId,
    organisationId: job.organisationId,
    fileName: file,
    fileHash: job.sha256,
    fileSize: job.size,
    fileFormat: format,
    encoding,
    mapping,
    forced: job.forced,
    importedBy: job.actor,
    startedAt,
  });
  const summary = await preparation.run(
    {
      mapping,
      sourceId: job.sourceId,
      organisationId: job.organisationId,
      batchId,
      sha256: job.sha256,
      store: !job.hasProblems(),
    },
    async (chunk) => {
      for (const problem of chunk.problems) job.onProblem(problem);
      job.onExtraProblems(chunk.problemCount - chunk.problems.length);
      if (!job.hasProblems()) await copyRecords(db, chunk);
      job.onProgress(chunk.bytesRead);
    },
  );
  job.onProgress(job.size);
  await completeBatch(db, batchId, summary.rows, summary.unresolvedPlaces);
  return {
    file,
    batchId,
    format,
    encoding,
    rows: summary.rows,
    sha256: job.sha256,
    unmappedColumns,
    unresolvedPlaces: { count: summary.unresolvedCount, examples: summary.unresolvedPlaces.slice(0, 20) },
  };
}
