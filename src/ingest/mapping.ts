import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { invalidInput, UserError } from '../domain/errors.ts';
import { fieldsOf, SOURCE_KINDS, type SourceKind } from '../domain/fields.ts';

/**
 * A mapping file says how an agency's own layout becomes the integrated model: which column feeds
 * which field, how dates are written, which codes mean what, which columns to join or split.
 *
 * ```yaml
 * kind: case_management
 * delimiter: ";"            # optional; detected otherwise
 * encoding: windows-874     # optional; detected otherwise
 * sheet: Cases              # optional, XLSX only
 * columns:
 *   case_id: CaseNo
 *   date_of_birth: { column: DOB, format: DD/MM/YYYY }
 *   sex: { column: Gender, codes: { M: male, F: female } }
 *   full_name: { join: [First, Last], separator: " " }
 *   given_name: { column: FullName, split: " ", part: 0 }
 *   is_forced_labour: { column: Types, contains: ForcedLabour, separator: ";" }   # multi-select cell → yes/no
 *   nationality: { value: KH }
 *   case_id: { row_number: true, prefix: "ctdc-" }
 * ```
 */
const columnSpec = z.union([
  z.string().min(1),
  z
    .object({
      column: z.string().min(1),
      format: z.string().min(1).optional(),
      codes: z.record(z.string(), z.string()).optional(),
      split: z.string().min(1).optional(),
      part: z.number().int().optional(),
      contains: z.string().min(1).optional(),
      separator: z.string().min(1).optional(),
    })
    .strict()
    .refine((spec) => (spec.split === undefined) === (spec.part === undefined), 'split and part go together'),
  z
    .object({
      join: z.array(z.string().min(1)).min(1),
      separator: z.string().optional(),
      codes: z.record(z.string(), z.string()).optional(),
    })
    .strict(),
  z.object({ value: z.string() }).strict(),
  z.object({ row_number: z.literal(true), prefix: z.string().default('') }).strict(),
]);

export const mappingSchema = z
  .object({
    kind: z.enum(SOURCE_KINDS).optional(),
    delimiter: z.string().min(1).max(1).optional(),
    encoding: z.string().min(1).optional(),
    sheet: z.string().min(1).optional(),
    columns: z.record(z.string(), columnSpec),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
export type ColumnSpec = z.infer<typeof columnSpec>;

/** Reads and validates a mapping file (JSON or YAML) for a kind of source. */
export async function loadMapping(path: string, kind: SourceKind): Promise<Mapping> {
  const file = basename(path);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `cannot read mapping ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      'not_found',
    );
  }
  let parsed: unknown;
  try {
    parsed = extname(path).toLowerCase() === '.json' ? JSON.parse(text) : YAML.parse(text);
  } catch (error) {
    throw invalidInput(`mapping ${file} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}`, [
      { file, reason: (error as Error).message },
    ]);
  }
  const result = mappingSchema.safeParse(parsed);
  if (!result.success)
    throw invalidInput(
      `mapping ${file} is not a valid mapping`,
      result.error.issues.map((issue) => ({ file, column: issue.path.join('.'), reason: issue.message })),
    );
  return checkMappingFields(result.data, kind, file);
}

/** Checks that a mapping names only fields of the kind. */
export function checkMappingFields(mapping: Mapping, kind: SourceKind, file = 'mapping'): Mapping {
  if (mapping.kind && mapping.kind !== kind)
    throw invalidInput(`mapping ${file} is for ${mapping.kind}, not ${kind}`, [
      { file, column: 'kind', value: mapping.kind, reason: `does not match --kind ${kind}` },
    ]);
  const known = new Set(fieldsOf(kind).map((field) => field.name));
  const unknown = Object.keys(mapping.columns).filter((name) => !known.has(name));
  if (unknown.length > 0)
    throw invalidInput(
      `mapping ${file} names fields that ${kind} does not have`,
      unknown.map((name) => ({
        file,
        column: `columns.${name}`,
        reason: `is not a field of ${kind} (fields: ${[...known].join(', ')})`,
      })),
    );
  return mapping;
}

/** The mapping used without a mapping file: every column named like a field feeds that field. */
export function identityMapping(kind: SourceKind, columns: readonly string[]): Mapping {
  const byLowerName = new Map(columns.map((column) => [column.trim().toLowerCase(), column]));
  const mapped: Record<string, ColumnSpec> = {};
  for (const field of fieldsOf(kind)) {
    const column = byLowerName.get(field.name);
    if (column !== undefined) mapped[field.name] = column;
  }
  return { kind, columns: mapped };
}

/** The source columns a mapping reads, for checking them against the file's header. */
export function columnsRead(mapping: Mapping): string[] {
  const columns = new Set<string>();
  for (const spec of Object.values(mapping.columns)) {
    if (typeof spec === 'string') columns.add(spec);
    else if ('column' in spec) columns.add(spec.column);
    else if ('join' in spec) for (const column of spec.join) columns.add(column);
  }
  return [...columns];
}

/** Where a field's text comes from in one row: the value, and the source column to blame for it. */
export function extractField(
  spec: ColumnSpec,
  row: Readonly<Record<string, string>>,
  rowNumber: number,
): { text: string; column: string; codes?: Readonly<Record<string, string>>; format?: string } {
  if (typeof spec === 'string') return { text: row[spec] ?? '', column: spec };
  if ('value' in spec) return { text: spec.value, column: '(constant)' };
  if ('row_number' in spec) return { text: `${spec.prefix}${rowNumber}`, column: '(row number)' };
  if ('join' in spec) {
    const text = spec.join
      .map((column) => (row[column] ?? '').trim())
      .filter((part) => part.length > 0)
      .join(spec.separator ?? ' ');
    return { text, column: spec.join.join('+'), codes: spec.codes };
  }
  let text = row[spec.column] ?? '';
  if (spec.contains !== undefined) {
    const values = text
      .split(spec.separator ?? ';')
      .map((value) => value.trim())
      .filter((value) => value.length > 0);
    return {
      text: values.length === 0 ? '' : values.includes(spec.contains) ? 'yes' : 'no',
      column: spec.column,
    };
  }
  if (spec.split !== undefined && spec.part !== undefined) {
    const parts = text.split(spec.split).filter((part) => part.length > 0);
    text = parts.at(spec.part) ?? '';
  }
  return { text, column: spec.column, codes: spec.codes, format: spec.format };
}
