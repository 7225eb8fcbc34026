import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { type InputProblem, invalidInput, UserError } from '../domain/errors.ts';
import { decodeText } from './encoding.ts';
import { parseDelimitedText, readWorkbookTable, type Table } from './read-table.ts';
import {
  choicesOf,
  type ExpressionContext,
  ExpressionError,
  type ExpressionNode,
  evaluateExpression,
  labelIn,
  type PlacedQuestion,
  parseExpression,
  placedQuestions,
  type SurveyRow,
  toBoolean,
  type XlsForm,
} from './xlsform/index.ts';

/**
 * Validates a KoBoToolbox or ODK Central submission export (CSV or XLSX, first sheet) against one
 * instrument version, row by row, and returns typed answers or one error listing every problem with
 * file, row and question. All or nothing: a file with any bad row gives no rows.
 *
 * Columns: a question's column is its group path joined by `/` (KoBo: `journey/destination`) or by
 * `-` (ODK Central: `journey-destination`), or its bare name (KoBo's export without group names).
 * select_multiple answers come as one space-separated column, or one column per choice
 * (`path/choice` or `path-choice`, 1/0 or True/False); ODK Central's split geopoints
 * (`path-Latitude`, `-Longitude`, `-Altitude`, `-Accuracy`) are joined back. The instance id comes
 * from `meta/instanceID` (`meta-instanceID`, `instanceID`, `KEY`) or KoBo's `_uuid`, without the
 * `uuid:` prefix; the submission time from `_submission_time` or `SubmissionDate`. Other export
 * bookkeeping columns (`_id`, `_index`, `_status`, `__version__`, `SubmitterName`, …) are ignored;
 * any other column is an error, so that nothing is silently dropped. Questions inside repeats are not
 * in a flat export (KoBo writes them to further sheets) and are not imported.
 *
 * Per answer: the type (integer, decimal, date `yyyy-mm-dd`, time, datetime, geopoint `lat lon
 * [alt [accuracy]]`), the choice list (and choice filter), the constraint (with `.` the answer),
 * the required flag or expression. Relevance follows ODK: a question whose `relevant` (or a group's)
 * is false is not asked, and ODK clients never submit a value for it — so an answer to an irrelevant
 * question means the export was edited or belongs to another version, and is an error, never
 * silently dropped. `today()` is the row's `today` metadata, else the date of its submission time,
 * else of its `end` metadata, else the date of the import.
 * If the export names its form version (`FormVersion`), it must be the instrument's version.
 *
 * Canonical answers: a question with a `canonical` key feeds it; yes/no lists become booleans
 * (`dont_know`/`refused` unknown), select_multiple a list (`none` alone an empty list), numbers
 * numbers. A missing or irrelevant answer is unknown (absent), never "no".
 */
export type AnswerValue = string | number | boolean | string[] | number[];

export interface SubmissionRow {
  /** The row in the file (header = 1). */
  row: number;
  instanceId: string;
  submittedAt: string | null;
  /** Non-personal answers by stable question id. */
  answers: Record<string, AnswerValue>;
  /** Personal answers by stable question id (to be sealed). */
  personalAnswers: Record<string, AnswerValue>;
  /** Canonical answer key → value. */
  canonical: Record<string, AnswerValue | null>;
  /** Canonical answer key → the question (path) it came from, for messages. */
  canonicalSources: Record<string, string>;
}

export interface ValidatedSubmissions {
  file: string;
  rows: SubmissionRow[];
}

const IGNORED_COLUMNS = new Set(
  [
    '_id',
    '_index',
    '_parent_index',
    '_parent_table_name',
    '_status',
    '_submitted_by',
    '_validation_status',
    '_notes',
    '_tags',
    '__version__',
    '_version_',
    '_xform_id_string',
    '_attachments',
    '_geolocation',
    '_duration',
    'formhub/uuid',
    'meta/rootUuid',
    'meta/deprecatedID',
    'meta/instanceName',
    'meta-instanceName',
    'SubmitterID',
    'SubmitterName',
    'AttachmentsPresent',
    'AttachmentsExpected',
    'Status',
    'ReviewState',
    'DeviceID',
    'Edits',
  ].map((name) => name.toLowerCase()),
);
const INSTANCE_COLUMNS = ['meta/instanceID', 'meta-instanceID', 'instanceID', 'KEY', '_uuid'];
const SUBMISSION_TIME_COLUMNS = ['_submission_time', 'SubmissionDate'];
const VERSION_COLUMNS = ['FormVersion'];
const UNKNOWN_CHOICES = ['dont_know', 'refused'];
const GEO_PARTS = ['Latitude', 'Longitude', 'Altitude', 'Accuracy'];

/** Reads an export file (CSV/TSV any delimiter and encoding, or XLSX first sheet) as text cells. */
export async function readSubmissionFile(path: string): Promise<{ table: Table; bytes: Buffer }> {
  const file = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'not_found',
    );
  }
  return { table: await submissionTableFromBytes(bytes, file), bytes };
}

/** Parses export bytes; XLSX dates become ISO text (a date at midnight UTC as `yyyy-mm-dd`). */
export async function submissionTableFromBytes(bytes: Buffer, file: string): Promise<Table> {
  if (extname(file).toLowerCase() !== '.xlsx') return parseDelimitedText(decodeText(bytes).text, file);
  return readWorkbookTable(bytes, file, { keepEmptyRows: true });
}

interface QuestionColumns {
  placed: PlacedQuestion;
  path: string;
  column: string | null;
  choiceColumns: Map<string, string> | null;
  geoColumns: string[] | null;
  relevance: ExpressionNode[];
  constraint: ExpressionNode | null;
  required: ExpressionNode | null;
  choiceFilter: ExpressionNode | null;
}

function compile(text: string | null): ExpressionNode | null {
  return text === null ? null : parseExpression(text);
}

/** Works out which column holds which question, and which columns are not understood. */
function mapColumns(form: XlsForm, table: Table, problems: InputProblem[]): QuestionColumns[] {
  const present = new Set(table.columns);
  const used = new Set<string>();
  const mapped: QuestionColumns[] = [];
  for (const placed of placedQuestions(form)) {
    const question = placed.question;
    if (placed.insideRepeat) continue;
    const candidates = [
      [...placed.groups, question.name].join('/'),
      [...placed.groups, question.name].join('-'),
      question.name,
    ];
    const column = candidates.find((candidate) => present.has(candidate)) ?? null;
    if (column) used.add(column);
    let choiceColumns: Map<string, string> | null = null;
    if (question.type === 'select_multiple' && question.listName) {
      for (const choice of choicesOf(form, question.listName))
        for (const base of candidates)
          for (const separator of ['/', '-']) {
            const name = `${base}${separator}${choice.name}`;
            if (present.has(name) && !used.has(name)) {
              choiceColumns ??= new Map();
              choiceColumns.set(choice.name, name);
              used.add(name);
            }
          }
    }
    let geoColumns: string[] | null = null;
    if (question.type === 'geopoint')
      for (const base of candidates) {
        const parts = GEO_PARTS.map((part) => `${base}-${part}`);
        const kobo = ['latitude', 'longitude', 'altitude', 'precision'].map(
          (part) => `_${question.name}_${part}`,
        );
        for (const name of kobo) if (present.has(name)) used.add(name);
        if (present.has(parts[0]) && present.has(parts[1])) {
          geoColumns = parts.filter((part) => present.has(part));
          for (const part of geoColumns) used.add(part);
          break;
        }
      }
    mapped.push({
      placed,
      path: candidates[0],
      column,
      choiceColumns,
      geoColumns,
      relevance: [...placed.groupRelevants, ...(question.relevant ? [question.relevant] : [])].map((text) =>
        parseExpression(text),
      ),
      constraint: compile(question.constraint),
      required: typeof question.required === 'string' ? parseExpression(question.required) : null,
      choiceFilter: compile(question.choiceFilter),
    });
  }
  for (const column of table.columns) {
    if (used.has(column) || IGNORED_COLUMNS.has(column.toLowerCase())) continue;
    if ([...INSTANCE_COLUMNS, ...SUBMISSION_TIME_COLUMNS, ...VERSION_COLUMNS].includes(column)) continue;
    problems.push({
      file: table.file,
      row: 1,
      column,
      reason: `is not a question of ${form.settings.formId} version ${form.settings.version}`,
    });
  }
  return mapped;
}

function rawAnswer(mapping: QuestionColumns, cells: Record<string, string>): string {
  if (mapping.column !== null && (cells[mapping.column] ?? '').trim() !== '')
    return cells[mapping.column].trim();
  if (mapping.choiceColumns) {
    const chosen = [...mapping.choiceColumns].filter(([, column]) =>
      ['1', 'true', 'yes'].includes((cells[column] ?? '').trim().toLowerCase()),
    );
    return chosen.map(([choice]) => choice).join(' ');
  }
  if (mapping.geoColumns) {
    const parts = mapping.geoColumns.map((column) => (cells[column] ?? '').trim());
    return parts[0] === '' ? '' : parts.filter((part) => part !== '').join(' ');
  }
  return '';
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function validDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The typed value of an answer, or the reason it is not one. */
function typedAnswer(
  form: XlsForm,
  question: SurveyRow,
  raw: string,
): { value: AnswerValue; text: string } | string {
  switch (question.type) {
    case 'integer':
      return /^[+-]?\d+$/.test(raw)
        ? { value: Number(raw), text: String(Number(raw)) }
        : 'is not a whole number';
    case 'decimal':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(raw)
        ? { value: Number(raw), text: raw }
        : 'is not a number';
    case 'date': {
      const text = /^\d{4}-\d{2}-\d{2}T00:00:00(\.0+)?(Z|[+-]00:?00)?$/.test(raw) ? raw.slice(0, 10) : raw;
      return validDate(text) ? { value: text, text } : 'is not a date (yyyy-mm-dd)';
    }
    case 'time':
      return TIME.test(raw) ? { value: raw, text: raw } : 'is not a time (hh:mm[:ss])';
    case 'datetime':
    case 'start':
    case 'end':
      return validDate(raw.slice(0, 10)) &&
        (raw.length === 10 || (raw[10] === 'T' && TIME.test(raw.slice(11))))
        ? { value: raw, text: raw }
        : 'is not a date and time (yyyy-mm-ddThh:mm:ss)';
    case 'today':
      return validDate(raw) ? { value: raw, text: raw } : 'is not a date (yyyy-mm-dd)';
    case 'geopoint': {
      const parts = raw.split(/\s+/).map(Number);
      if (parts.length < 2 || parts.length > 4 || parts.some((part) => !Number.isFinite(part)))
        return 'is not a geopoint (latitude longitude [altitude [accuracy]])';
      if (Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180)
        return 'has a latitude or longitude out of range';
      return { value: parts, text: raw };
    }
    case 'select_one': {
      const names = choicesOf(form, question.listName ?? '').map((choice) => choice.name);
      return names.includes(raw) ? { value: raw, text: raw } : `is not a choice of list ${question.listName}`;
    }
    case 'select_multiple': {
      const names = choicesOf(form, question.listName ?? '').map((choice) => choice.name);
      const values = raw.split(/\s+/);
      const wrong = values.filter((value) => !names.includes(value));
      if (wrong.length > 0)
        return `has ${wrong.map((value) => `"${value}"`).join(', ')}, not in list ${question.listName}`;
      if (new Set(values).size !== values.length) return 'repeats a choice';
      return { value: values, text: values.join(' ') };
    }
    case 'acknowledge':
      return raw === 'OK' || raw.toLowerCase() === 'true'
        ? { value: true, text: 'OK' }
        : 'must be OK when acknowledged';
    default:
      return { value: raw, text: raw };
  }
}

function canonicalValue(form: XlsForm, question: SurveyRow, value: AnswerValue): AnswerValue | null {
  if (question.type === 'select_one') {
    const text = value as string;
    if (UNKNOWN_CHOICES.includes(text)) return null;
    const names = choicesOf(form, question.listName ?? '').map((choice) => choice.name);
    if (
      names.includes('yes') &&
      names.includes('no') &&
      names.every((name) => ['yes', 'no', ...UNKNOWN_CHOICES].includes(name))
    )
      return text === 'yes';
    return text;
  }
  if (question.type === 'select_multiple') {
    const values = value as string[];
    if (values.some((item) => UNKNOWN_CHOICES.includes(item))) return null;
    return values.filter((item) => item !== 'none');
  }
  return value;
}

function firstColumn(table: Table, names: readonly string[]): string | undefined {
  return names.find((name) => table.columns.includes(name));
}

/**
 * Validates an export against a form; throws one error listing every problem (nothing is returned
 * half). `today` is the fallback of `today()` for rows with neither a `today` answer nor a submission time.
 */
export function validateSubmissions(
  form: XlsForm,
  table: Table,
  options: { today?: string } = {},
): ValidatedSubmissions {
  const problems: InputProblem[] = [];
  const file = table.file;
  const mappings = mapColumns(form, table, problems);
  const instanceColumn = firstColumn(table, INSTANCE_COLUMNS);
  const timeColumn = firstColumn(table, SUBMISSION_TIME_COLUMNS);
  const versionColumn = firstColumn(table, VERSION_COLUMNS);
  if (!instanceColumn)
    problems.push({
      file,
      row: 1,
      column: 'meta/instanceID',
      reason: `is missing (or _uuid): every submission needs its instance id`,
    });
  const language = form.settings.defaultLanguage ?? form.languages[0];
  const seen = new Map<string, number>();
  const rows: SubmissionRow[] = [];

  table.rows.forEach((cells, index) => {
    const row = index + 2;
    if (Object.values(cells).every((value) => value.trim() === '')) return;
    const problem = (column: string | undefined, reason: string, value?: string) =>
      problems.push({ file, row, column, reason, value });
    const instanceId = (instanceColumn ? (cells[instanceColumn] ?? '') : '').trim().replace(/^uuid:/, '');
    if (instanceColumn && instanceId === '')
      problem(instanceColumn, 'is empty: every submission needs its instance id');
    else if (seen.has(instanceId))
      problem(instanceColumn, `repeats the submission of row ${seen.get(instanceId)}`, instanceId);
    seen.set(instanceId, row);
    if (
      versionColumn &&
      (cells[versionColumn] ?? '').trim() !== '' &&
      cells[versionColumn].trim() !== form.settings.version
    )
      problem(
        versionColumn,
        `was collected with version ${cells[versionColumn].trim()}, not ${form.settings.version}: import it against that version`,
      );
    const submittedText = timeColumn ? (cells[timeColumn] ?? '').trim() : '';
    const submittedAt = submittedText === '' ? null : submittedText;
    if (submittedAt !== null && Number.isNaN(Date.parse(submittedAt)))
      problem(timeColumn, 'is not a date and time', submittedAt);

    const raw = new Map(mappings.map((mapping) => [mapping.placed.question.name, rawAnswer(mapping, cells)]));
    const todayMapping = mappings.find((mapping) => mapping.placed.question.type === 'today');
    const today =
      (todayMapping && raw.get(todayMapping.placed.question.name)) ||
      (submittedAt ?? '').slice(0, 10) ||
      (options.today ?? '');
    const context: ExpressionContext = { today, answer: (name) => raw.get(name) ?? '' };
    const test = (
      node: ExpressionNode,
      current?: string,
      choiceColumns?: Record<string, string>,
    ): boolean | string => {
      try {
        return toBoolean(
          evaluateExpression(node, {
            ...context,
            current,
            choiceColumn: choiceColumns ? (name) => choiceColumns[name] : undefined,
          }),
        );
      } catch (error) {
        if (error instanceof ExpressionError) return error.message;
        throw error;
      }
    };

    const result: SubmissionRow = {
      row,
      instanceId,
      submittedAt,
      answers: {},
      personalAnswers: {},
      canonical: {},
      canonicalSources: {},
    };
    for (const mapping of mappings) {
      const question = mapping.placed.question;
      const text = raw.get(question.name) ?? '';
      const column = mapping.column ?? mapping.path;
      const relevant = mapping.relevance.every((node) => test(node) === true);
      if (!relevant) {
        if (text !== '')
          problem(
            column,
            'answers a question that is not relevant for this submission (its relevance condition is false)',
            text,
          );
        continue;
      }
      if (question.type === 'note') {
        if (text !== '') problem(column, 'is a note and takes no answer', text);
        continue;
      }
      if (text === '') {
        const required = mapping.required ? test(mapping.required) === true : question.required === true;
        if (required)
          problem(column, labelIn(question.requiredMessages, language) || 'is required and not answered');
        continue;
      }
      const typed = question.type === 'calculate' ? { value: text, text } : typedAnswer(form, question, text);
      if (typeof typed === 'string') {
        problem(column, typed, text);
        continue;
      }
      if (question.type === 'select_one' && mapping.choiceFilter) {
        const choice = choicesOf(form, question.listName ?? '').find((item) => item.name === typed.text);
        const allowed = test(mapping.choiceFilter, undefined, { name: choice?.name ?? '', ...choice?.extra });
        if (allowed !== true) {
          problem(
            column,
            typeof allowed === 'string' ? allowed : 'is not among the choices its filter allows',
            text,
          );
          continue;
        }
      }
      if (mapping.constraint) {
        const passed = test(mapping.constraint, typed.text);
        if (passed !== true) {
          problem(
            column,
            typeof passed === 'string'
              ? passed
              : labelIn(question.constraintMessages, language) ||
                  `breaks the constraint ${question.constraint}`,
            text,
          );
          continue;
        }
      }
      (question.personal ? result.personalAnswers : result.answers)[question.id] = typed.value;
      if (question.canonical) {
        result.canonical[question.canonical] = canonicalValue(form, question, typed.value);
        result.canonicalSources[question.canonical] = mapping.path;
      }
    }
    rows.push(result);
  });
  if (problems.length > 0)
    throw invalidInput(
      `${file}: submissions refused, nothing imported (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      problems,
    );
  return { file, rows };
}
