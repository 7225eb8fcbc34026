import { PassThrough } from 'node:stream';
import { openReproducibleWorkbook } from '../reproducible-xlsx.ts';
import type { Choice, SurveyRow, Texts, XlsForm } from './form.ts';

/**
 * Writes a form as an XLSForm workbook (`survey`, `choices`, `settings`) that KoBoToolbox and ODK
 * accept and that {@link readXlsFormWorkbook} reads back to an equal form. Text columns come per
 * language (`label::Khmer (km)`; the `default` language as plain `label`); columns no row uses are
 * left out. The same form gives the same bytes.
 */

function textColumnName(base: string, language: string): string {
  return language === 'default' ? base : `${base}::${language}`;
}

function typeCell(row: SurveyRow): string {
  if (row.listName) return `${row.type} ${row.listName}`;
  if (row.file) return `${row.type} ${row.file}`;
  return row.type;
}

/** The survey sheet as header + rows of text (also the CSV source form). */
export function surveyTable(form: XlsForm): { columns: string[]; rows: Record<string, string>[] } {
  const textColumns: [keyof SurveyRow, string][] = [
    ['labels', 'label'],
    ['hints', 'hint'],
    ['requiredMessages', 'required_message'],
    ['constraintMessages', 'constraint_message'],
  ];
  const rows = form.survey.map((row) => {
    const cells: Record<string, string> = {
      type: typeCell(row),
      name: row.name,
      id: row.idFromColumn ? row.id : '',
      required: row.required === true ? 'yes' : row.required === false ? '' : row.required,
      constraint: row.constraint ?? '',
      relevant: row.relevant ?? '',
      choice_filter: row.choiceFilter ?? '',
      default: row.default ?? '',
      calculation: row.calculation ?? '',
      appearance: row.appearance ?? '',
      parameters: row.parameters ?? '',
      personal: row.personal ? 'yes' : '',
      canonical: row.canonical ?? '',
      ...row.extra,
    };
    for (const [field, base] of textColumns)
      for (const [language, text] of Object.entries(row[field] as Texts))
        cells[textColumnName(base, language)] = text;
    return cells;
  });
  const order = ['type', 'name', 'id'];
  for (const [field, base] of textColumns) {
    if (base === 'required_message') order.push('required');
    if (base === 'constraint_message') order.push('constraint');
    for (const language of form.languages)
      if (form.survey.some((row) => (row[field] as Texts)[language] !== undefined))
        order.push(textColumnName(base, language));
  }
  order.push(
    'relevant',
    'choice_filter',
    'default',
    'calculation',
    'appearance',
    'parameters',
    'personal',
    'canonical',
  );
  for (const row of form.survey)
    for (const column of Object.keys(row.extra)) if (!order.includes(column)) order.push(column);
  const columns = order.filter(
    (column) => column === 'type' || column === 'name' || rows.some((row) => (row[column] ?? '') !== ''),
  );
  return {
    columns,
    rows: rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? '']))),
  };
}

/** The choices sheet as header + rows of text. */
export function choicesTable(form: XlsForm): { columns: string[]; rows: Record<string, string>[] } {
  const extraColumns: string[] = [];
  for (const choice of form.choices)
    for (const column of Object.keys(choice.extra))
      if (!extraColumns.includes(column)) extraColumns.push(column);
  const labelColumns = form.languages
    .filter((language) => form.choices.some((choice) => choice.labels[language] !== undefined))
    .map((language) => [language, textColumnName('label', language)] as const);
  const columns = ['list_name', 'name', ...labelColumns.map(([, column]) => column), ...extraColumns];
  const rows = form.choices.map((choice: Choice) => ({
    list_name: choice.listName,
    name: choice.name,
    ...Object.fromEntries(labelColumns.map(([language, column]) => [column, choice.labels[language] ?? ''])),
    ...Object.fromEntries(extraColumns.map((column) => [column, choice.extra[column] ?? ''])),
  }));
  return { columns, rows };
}

/** The settings sheet as header + one row. */
export function settingsTable(form: XlsForm): { columns: string[]; rows: Record<string, string>[] } {
  const row: Record<string, string> = {
    form_title: form.settings.title,
    form_id: form.settings.formId,
    version: form.settings.version,
    ...(form.settings.defaultLanguage ? { default_language: form.settings.defaultLanguage } : {}),
    ...form.settings.extra,
  };
  return { columns: Object.keys(row), rows: [row] };
}

/** The form as XLSX bytes. */
export async function writeXlsFormWorkbook(form: XlsForm): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = openReproducibleWorkbook({ stream }, 'SIREN');
  for (const [name, table] of [
    ['survey', surveyTable(form)],
    ['choices', choicesTable(form)],
    ['settings', settingsTable(form)],
  ] as const) {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow(table.columns).commit();
    for (const row of table.rows) sheet.addRow(table.columns.map((column) => row[column] ?? '')).commit();
    sheet.commit();
  }
  await workbook.commit();
  return Buffer.concat(chunks);
}
