import { UserError } from '../domain/errors.ts';
import { fieldsOf, type SourceKind } from '../domain/fields.ts';
import type { FieldCipher } from '../store/crypto.ts';
import type { Database } from '../store/database.ts';
import { appendAudit } from '../store/repositories/audit.ts';
import { listRecords, type StoredRecord } from '../store/repositories/records.ts';
import { findSourceByName } from '../store/repositories/sources.ts';

export type ExportFormat = 'csv' | 'htcds';

export interface RecordExport {
  columns: string[];
  rows: AsyncIterable<Record<string, string>>;
  /** Fields of the model the format cannot carry, and why: an export never drops data silently. */
  leftOut: { field: string; reason: string }[];
}

const PROVENANCE_COLUMNS = [
  'siren_record_id',
  'siren_source',
  'siren_batch_id',
  'siren_file',
  'siren_file_sha256',
  'siren_row',
];

const HTCDS_GENDER: Readonly<Record<string, string>> = {
  female: 'Feminine',
  male: 'Masculine',
  other: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};
const HTCDS_EXPLOITATION: Readonly<Record<string, string>> = {
  forced_labour: 'ForcedLabour',
  sexual_exploitation: 'SexualExploitation',
  forced_marriage: 'ForcedMarriage',
  domestic_servitude: 'Servitude',
  forced_begging: 'ForcedBegging',
  other: 'Other',
};
const HTCDS_INDUSTRY: Readonly<Record<string, string>> = {
  fishing: 'A_AgricultureForestryAndFishing',
  agriculture: 'A_AgricultureForestryAndFishing',
  factory: 'C_Manufacturing',
  construction: 'F_Construction',
  domestic_work: 'T_ActivitiesOfHouseholdsAsEmployers',
};

/**
 * One victim case as a flat HTCDS 2.0 row (Person, Victim context, Case, and the exploitation
 * Historic Trafficking Event), the layout `mappings/htcds-2.0-victim-cases.yaml` reads back.
 * Human Trafficking Case Data Standard 2.0, IOM 2021 (CC BY 4.0), github.com/UNMigration/HTCDS.
 */
const HTCDS_COLUMNS: Readonly<Record<string, (values: Record<string, unknown>) => unknown>> = {
  cas_Id: (v) => v.case_id,
  prs_FirstName: (v) => v.given_name,
  prs_SecondName: (v) => v.family_name,
  prs_Birthdate: (v) => v.date_of_birth,
  prs_Gender: (v) => HTCDS_GENDER[String(v.sex)],
  prs_Citizenship: (v) => v.nationality,
  prs_MobilePhone: (v) => v.phone,
  prs_IdentityNumber: (v) => v.document_number,
  prs_MailingStreet: (v) => v.address,
  vic_TypeOfExploitation: (v) =>
    [
      ...new Set(
        [
          v.is_forced_labour === true ? 'ForcedLabour' : undefined,
          v.is_sexual_exploitation === true ? 'SexualExploitation' : undefined,
          HTCDS_EXPLOITATION[String(v.exploitation_type)],
        ].filter((value) => value !== undefined),
      ),
    ].join(';'),
  vic_ForcedLabourIndustry: (v) =>
    HTCDS_INDUSTRY[String(v.sector)] ?? (v.sector === undefined ? undefined : 'S_OtherServiceActivities'),
  hte_Type: (v) => (v.country_of_exploitation || v.province_of_exploitation ? 'Exploitation' : undefined),
  hte_Country: (v) => v.country_of_exploitation,
  hte_State: (v) => v.province_of_exploitation,
};
const HTCDS_CARRIED = new Set([
  'case_id',
  'given_name',
  'family_name',
  'date_of_birth',
  'sex',
  'nationality',
  'phone',
  'document_number',
  'address',
  'is_forced_labour',
  'is_sexual_exploitation',
  'exploitation_type',
  'sector',
  'country_of_exploitation',
  'province_of_exploitation',
]);

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
}

/**
 * Every record of a source with its personal fields decrypted, as plain CSV columns (the model's
 * fields plus provenance) or as HTCDS 2.0 victim cases. The export is written to the audit log with
 * who asked for it, because it reveals personal data.
 */
export async function exportRecords(
  database: Database,
  cipher: FieldCipher,
  request: { source: string; format: ExportFormat; actor: string },
): Promise<RecordExport> {
  const source = await findSourceByName(database, request.source);
  if (!source) throw new UserError(`no source named "${request.source}"`, 'not_found');
  const kind: SourceKind = source.kind;
  if (request.format === 'htcds' && kind !== 'case_management')
    throw new UserError(
      `HTCDS holds victim cases: source "${source.name}" holds ${kind} records`,
      'invalid_input',
    );
  const fieldNames = fieldsOf(kind).map((field) => field.name);
  const columns =
    request.format === 'htcds'
      ? [...Object.keys(HTCDS_COLUMNS), ...PROVENANCE_COLUMNS]
      : [...fieldNames, ...PROVENANCE_COLUMNS];
  const leftOut =
    request.format === 'htcds'
      ? fieldNames
          .filter((name) => !HTCDS_CARRIED.has(name))
          .map((field) => ({ field, reason: 'HTCDS 2.0 has no field for it' }))
      : [];
  await appendAudit(database, {
    actor: request.actor,
    action: 'records.export',
    targetType: 'source',
    targetId: String(source.id),
    details: { source: source.name, format: request.format },
    organisationId: source.organisationId,
  });
  const provenance = (record: StoredRecord) => ({
    siren_record_id: String(record.id),
    siren_source: record.source,
    siren_batch_id: String(record.batchId),
    siren_file: record.fileName,
    siren_file_sha256: record.fileHash,
    siren_row: String(record.rowNumber),
  });
  async function* rows(): AsyncGenerator<Record<string, string>> {
    let afterId = 0;
    for (;;) {
      const page = await listRecords(database, { sourceName: source?.name, afterId, limit: 5_000 });
      if (page.length === 0) return;
      for (const record of page) {
        const sealed = JSON.parse(cipher.decrypt(record.sealed)) as { personal: Record<string, unknown> };
        const values = { ...record.fields, ...sealed.personal };
        const row: Record<string, string> = {};
        if (request.format === 'htcds')
          for (const [column, from] of Object.entries(HTCDS_COLUMNS)) row[column] = text(from(values));
        else for (const name of fieldNames) row[name] = text(values[name]);
        yield { ...row, ...provenance(record) };
      }
      afterId = page[page.length - 1].id;
    }
  }
  return { columns, rows: rows(), leftOut };
}
