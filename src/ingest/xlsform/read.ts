import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { decodeText } from '../encoding.ts';
import { parseDelimitedText } from '../read-table.ts';
import { ExpressionError, parseExpression, referencedQuestions } from './expression.ts';
import {
  type Choice,
  type FormSettings,
  METADATA_TYPES,
  QUESTION_TYPES,
  type QuestionType,
  type SurveyRow,
  type Texts,
  type XlsForm,
} from './form.ts';

/**
 * Reads an XLSForm: an XLSX workbook with `survey`, `choices` and `settings` sheets, or a folder
 * holding `survey.csv`, `choices.csv` and `settings.csv` (the reviewable source form of SIREN's own
 * instruments). Every problem is reported at once with its sheet, row and column; a form with any
 * problem is refused whole.
 *
 * Checks: known question types (`begin group` is read as `begin_group`), a list name for selects
 * that exists in `choices`, names that are valid XML names and unique, ids unique, groups and
 * repeats balanced, every expression parses and refers to questions that exist, choice names unique
 * within their list, `form_id` and `version` present.
 */
export interface Sheet {
  name: string;
  columns: string[];
  /** Rows with their sheet row number (header = 1); blank rows are left out. */
  rows: { row: number; cells: Record<string, string> }[];
}

export interface XlsFormSheets {
  file: string;
  survey: Sheet;
  choices?: Sheet;
  settings?: Sheet;
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const SURVEY_COLUMNS = new Set([
  'type',
  'name',
  'id',
  'required',
  'constraint',
  'relevant',
  'choice_filter',
  'default',
  'calculation',
  'appearance',
  'parameters',
  'personal',
  'canonical',
]);
const TEXT_COLUMNS = {
  label: 'labels',
  hint: 'hints',
  required_message: 'requiredMessages',
  constraint_message: 'constraintMessages',
} as const;
const SETTINGS_COLUMNS = new Set(['form_id', 'version', 'form_title', 'default_language']);

/** The language of a text column (`label::Khmer (km)` → `Khmer (km)`), or undefined for other columns. */
function textColumn(column: string): { field: keyof typeof TEXT_COLUMNS; language: string } | undefined {
  const [base, ...rest] = column.split('::');
  if (!(base in TEXT_COLUMNS)) return undefined;
  return {
    field: base as keyof typeof TEXT_COLUMNS,
    language: rest.length > 0 ? rest.join('::').trim() : 'default',
  };
}

function yesNo(text: string): boolean | undefined {
  const value = text.trim().toLowerCase();
  if (['yes', 'true', 'true()', '1'].includes(value)) return true;
  if (['', 'no', 'false', 'false()', '0'].includes(value)) return false;
  return undefined;
}

function optional(text: string | undefined): string | null {
  const value = (text ?? '').trim();
  return value === '' ? null : value;
}

/** Builds a form from its sheets, or throws one error listing every problem. */
export function parseXlsForm(sheets: XlsFormSheets): XlsForm {
  const problems: InputProblem[] = [];
  const file = sheets.file;
  const problem = (sheet: string, row: number, column: string | undefined, reason: string, value?: string) =>
    problems.push({ file: `${file} [${sheet}]`, row, column, reason, value });
  const languages: string[] = [];
  const noteLanguage = (language: string) => {
    if (!languages.includes(language)) languages.push(language);
  };

  for (const column of ['type', 'name'])
    if (!sheets.survey.columns.includes(column)) problem('survey', 1, column, 'is missing');
  for (const column of sheets.survey.columns) {
    const text = textColumn(column);
    if (text && text.field === 'label') noteLanguage(text.language);
  }
  for (const column of sheets.survey.columns) {
    const text = textColumn(column);
    if (text) noteLanguage(text.language);
  }

  const choices: Choice[] = [];
  if (sheets.choices) {
    const listColumn = sheets.choices.columns.includes('list_name') ? 'list_name' : 'list name';
    for (const column of [listColumn, 'name'])
      if (!sheets.choices.columns.includes(column)) problem('choices', 1, column, 'is missing');
    const seen = new Set<string>();
    for (const { row, cells } of sheets.choices.rows) {
      const listName = (cells[listColumn] ?? '').trim();
      const name = (cells.name ?? '').trim();
      if (listName === '' || name === '') {
        problem('choices', row, listName === '' ? listColumn : 'name', 'is empty');
        continue;
      }
      const key = `${listName}\u0000${name}`;
      if (seen.has(key)) problem('choices', row, 'name', `repeats in list ${listName}`, name);
      seen.add(key);
      const labels: Texts = {};
      const extra: Record<string, string> = {};
      for (const [column, value] of Object.entries(cells)) {
        if (column === listColumn || column === 'name' || value.trim() === '') continue;
        const text = textColumn(column);
        if (text?.field === 'label') {
          labels[text.language] = value.trim();
          noteLanguage(text.language);
        } else extra[column] = value.trim();
      }
      choices.push({ listName, name, labels, extra });
    }
  }
  const lists = new Set(choices.map((choice) => choice.listName));

  const survey: SurveyRow[] = [];
  const names = new Map<string, number>();
  const ids = new Map<string, number>();
  const stack: { type: 'group' | 'repeat'; row: number }[] = [];
  for (const { row, cells } of sheets.survey.rows) {
    const typeText = (cells.type ?? '').trim().replace(/\s+/g, ' ');
    if (typeText === '') {
      if (Object.values(cells).some((value) => value.trim() !== ''))
        problem('survey', row, 'type', 'is empty on a row that has other cells');
      continue;
    }
    const [head, argument] = typeText.split(' ');
    const normalised = /^(begin|end) (group|repeat)$/.test(typeText) ? typeText.replace(' ', '_') : head;
    if (!(QUESTION_TYPES as readonly string[]).includes(normalised)) {
      problem('survey', row, 'type', 'is not a question type SIREN reads', typeText);
      continue;
    }
    const type = normalised as QuestionType;
    const isSelect = type === 'select_one' || type === 'select_multiple';
    let listName: string | null = null;
    let fileName: string | null = null;
    if (isSelect) {
      listName = argument ?? null;
      if (!listName) problem('survey', row, 'type', `${type} needs a list name`, typeText);
      else if (!lists.has(listName))
        problem('survey', row, 'type', `list ${listName} is not in the choices sheet`, typeText);
    } else if (type === 'select_one_from_file') {
      fileName = argument ?? null;
      if (!fileName) problem('survey', row, 'type', 'select_one_from_file needs a file name', typeText);
    } else if (argument !== undefined && !/^(begin|end) (group|repeat)$/.test(typeText))
      problem('survey', row, 'type', 'has text after the type', typeText);

    const isEnd = type === 'end_group' || type === 'end_repeat';
    const name = (cells.name ?? '').trim();
    if (type === 'begin_group' || type === 'begin_repeat')
      stack.push({ type: type === 'begin_group' ? 'group' : 'repeat', row });
    if (isEnd) {
      const open = stack.pop();
      const kind = type === 'end_group' ? 'group' : 'repeat';
      if (!open || open.type !== kind)
        problem('survey', row, 'type', `${type} without a matching begin_${kind}`);
    } else if (!NAME_PATTERN.test(name)) problem('survey', row, 'name', 'is not a valid question name', name);
    else if (names.has(name))
      problem('survey', row, 'name', `repeats the name of row ${names.get(name)}`, name);
    else names.set(name, row);

    const explicitId = (cells.id ?? '').trim();
    const id = isEnd ? '' : explicitId || name;
    if (!isEnd && id !== '') {
      if (ids.has(id)) problem('survey', row, 'id', `repeats the id of row ${ids.get(id)}`, id);
      ids.set(id, row);
    }

    const texts: Record<'labels' | 'hints' | 'requiredMessages' | 'constraintMessages', Texts> = {
      labels: {},
      hints: {},
      requiredMessages: {},
      constraintMessages: {},
    };
    const extra: Record<string, string> = {};
    for (const [column, value] of Object.entries(cells)) {
      if (value.trim() === '') continue;
      const text = textColumn(column);
      if (text) texts[TEXT_COLUMNS[text.field]][text.language] = value.trim();
      else if (!SURVEY_COLUMNS.has(column)) extra[column] = value.trim();
    }
    if (
      !isEnd &&
      !METADATA_TYPES.includes(type) &&
      type !== 'calculate' &&
      Object.keys(texts.labels).length === 0
    )
      problem('survey', row, 'label', `a ${type} needs a label`);

    const requiredText = (cells.required ?? '').trim();
    const required = yesNo(requiredText) ?? requiredText;
    const personal = yesNo(cells.personal ?? '');
    if (personal === undefined) problem('survey', row, 'personal', 'must be yes or no', cells.personal);
    const calculation = optional(cells.calculation);
    if (type === 'calculate' && calculation === null)
      problem('survey', row, 'calculation', 'a calculate needs a calculation');

    survey.push({
      row,
      type,
      listName,
      file: fileName,
      name: isEnd ? '' : name,
      id,
      idFromColumn: !isEnd && explicitId !== '',
      ...texts,
      required,
      constraint: optional(cells.constraint),
      relevant: optional(cells.relevant),
      choiceFilter: optional(cells.choice_filter),
      default: optional(cells.default),
      calculation,
      appearance: optional(cells.appearance),
      parameters: optional(cells.parameters),
      personal: personal ?? false,
      canonical: optional(cells.canonical),
      extra,
    });
  }
  for (const open of stack) problem('survey', open.row, 'type', `begin_${open.type} is never closed`);

  for (const question of survey) {
    const expressions: [string, string | null][] = [
      ['constraint', question.constraint],
      ['relevant', question.relevant],
      ['calculation', question.calculation],
      ['choice_filter', question.choiceFilter],
      ['required', typeof question.required === 'string' ? question.required : null],
    ];
    for (const [column, text] of expressions) {
      if (text === null) continue;
      try {
        for (const reference of referencedQuestions(parseExpression(text)))
          if (!names.has(reference))
            problem(
              'survey',
              question.row,
              column,
              `refers to \${${reference}}, which is not a question`,
              text,
            );
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problem('survey', question.row, column, error.message, text);
      }
    }
  }

  const settingsRow = sheets.settings?.rows[0];
  const settingsCells = settingsRow?.cells ?? {};
  const formId = (settingsCells.form_id ?? '').trim();
  const version = (settingsCells.version ?? '').trim();
  if (formId === '') problem('settings', settingsRow?.row ?? 2, 'form_id', 'is missing');
  if (version === '') problem('settings', settingsRow?.row ?? 2, 'version', 'is missing');
  const settingsExtra: Record<string, string> = {};
  for (const [column, value] of Object.entries(settingsCells))
    if (!SETTINGS_COLUMNS.has(column) && value.trim() !== '') settingsExtra[column] = value.trim();
  const settings: FormSettings = {
    formId,
    version,
    title: (settingsCells.form_title ?? '').trim() || formId,
    defaultLanguage: optional(settingsCells.default_language),
    extra: settingsExtra,
  };

  if (problems.length > 0) throw invalidInput(`${file} is not a valid XLSForm`, problems);
  return { settings, languages, survey, choices };
}

function sheetFromTable(name: string, table: { columns: string[]; rows: Record<string, string>[] }): Sheet {
  return {
    name,
    columns: table.columns,
    rows: table.rows
      .map((cells, index) => ({ row: index + 2, cells }))
      .filter(({ cells }) => Object.values(cells).some((value) => value.trim() !== '')),
  };
}

function worksheetToSheet(worksheet: ExcelJS.Worksheet): Sheet {
  const columns: string[] = [];
  worksheet.getRow(1).eachCell({ includeEmpty: false }, (cell, column) => {
    columns[column - 1] = cell.text.trim();
  });
  const rows: Sheet['rows'] = [];
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const cells: Record<string, string> = {};
    columns.forEach((name, index) => {
      if (name) cells[name] = row.getCell(index + 1).text;
    });
    if (Object.values(cells).some((value) => value.trim() !== '')) rows.push({ row: rowNumber, cells });
  });
  return { name: worksheet.name, columns: columns.filter((column) => column !== undefined), rows };
}

/** Reads an XLSForm from XLSX bytes. */
export async function readXlsFormWorkbook(bytes: Buffer | ArrayBuffer, file: string): Promise<XlsForm> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as ArrayBuffer);
  } catch (error) {
    throw invalidInput(`${file} is not an XLSX workbook`, [{ file, reason: (error as Error).message }]);
  }
  const sheet = (name: string) => {
    const found = workbook.worksheets.find((worksheet) => worksheet.name.trim().toLowerCase() === name);
    return found ? worksheetToSheet(found) : undefined;
  };
  const survey = sheet('survey');
  if (!survey) throw invalidInput(`${file} is not an XLSForm`, [{ file, reason: 'has no survey sheet' }]);
  return parseXlsForm({ file, survey, choices: sheet('choices'), settings: sheet('settings') });
}

/** Reads an XLSForm from an `.xlsx` file or from a folder of `survey.csv`, `choices.csv`, `settings.csv`. */
export async function readXlsFormFile(path: string): Promise<XlsForm> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      'not_found',
    );
  }
  if (!isFolder) return readXlsFormWorkbook(await readFile(path), basename(path));
  const present = new Set(await readdir(path));
  const csv = async (name: string) => {
    if (!present.has(`${name}.csv`)) return undefined;
    const { text } = decodeText(await readFile(join(path, `${name}.csv`)));
    return sheetFromTable(name, parseDelimitedText(text, `${name}.csv`, ','));
  };
  const survey = await csv('survey');
  if (!survey)
    throw invalidInput(`${basename(path)} is not an XLSForm folder`, [
      { file: basename(path), reason: 'has no survey.csv' },
    ]);
  return parseXlsForm({
    file: basename(path),
    survey,
    choices: await csv('choices'),
    settings: await csv('settings'),
  });
}
