// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import { describe, expect, it } from 'vitest';
import type { UserError } from '../../src/domain/errors.ts';
import {
  assignStableIds,
  describeDiff,
  diffForms,
  parseXlsForm,
  QUESTION_TYPES,
  readXlsFormWorkbook,
  type Sheet,
  writeXlsFormWorkbook,
  type XlsForm,
} from '../../src/ingest/xlsform/index.ts';

function sheet(name: string, columns: string[], rows: string[][]): Sheet {
  return {
    name,
    columns,
    rows: rows.map((cells, index) => ({
      row: index + 2,
      cells: Object.fromEntries(columns.map((column, c) => [column, cells[c] ?? ''])),
    })),
  };
}

const SURVEY_COLUMNS = [
  'type',
  'name',
  'id',
  'label::English (en)',
  'label::Khmer (km)',
  'hint::English (en)',
  'required',
  'required_message::English (en)',
  'constraint',
  'constraint_message::English (en)',
  'relevant',
  'choice_filter',
  'default',
  'calculation',
  'appearance',
  'parameters',
  'personal',
  'canonical',
  'media::image',
];

/** One row of every question type SIREN reads. */
const SURVEY_ROWS = [
  ['start', 'start'],
  ['end', 'end'],
  ['today', 'today'],
  ['deviceid', 'deviceid'],
  ['username', 'username'],
  ['note', 'intro', '', 'Welcome', 'សូមស្វាគមន៍'],
  ['acknowledge', 'consent', '', 'I agree', 'ខ្ញុំយល់ព្រម', '', 'yes'],
  ['begin_group', 'person', '', 'Person', 'បុគ្គល', '', '', '', '', '', "${consent} = 'OK'"],
  [
    'integer',
    'age',
    '',
    'Age',
    'អាយុ',
    'In years',
    'yes',
    'Age is needed',
    '. >= 0 and . <= 120',
    'Between 0 and 120',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'ageAtInterview',
  ],
  ['decimal', 'fee', 'broker_fee', 'Fee (USD)', 'ថ្លៃ', '', '', '', '. >= 0', '', '', '', '0'],
  [
    'text',
    'broker_name',
    '',
    'Broker name',
    'ឈ្មោះមេខ្យល់',
    '',
    '',
    '',
    'string-length(.) <= 80',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'yes',
  ],
  ['select_one province', 'province', '', 'Province', 'ខេត្ត'],
  [
    'select_one district',
    'district',
    '',
    'District',
    'ស្រុក',
    '',
    '',
    '',
    '',
    '',
    '',
    'province = ${province}',
  ],
  [
    'select_multiple deception',
    'deceived',
    '',
    'Deceived about',
    'ត្រូវបោកអំពី',
    '',
    '',
    '',
    "not(selected(., 'none') and count-selected(.) > 1)",
    '',
    '',
    '',
    '',
    '',
    'minimal',
    '',
    '',
    'deceivedAbout',
    'deceived.png',
  ],
  ['select_one_from_file villages.csv', 'village', '', 'Village', 'ភូមិ'],
  ['date', 'interview_date', '', 'Date', 'កាលបរិច្ឆេទ', '', 'yes', '', '. <= today()'],
  ['time', 'arrival_time', '', 'Arrival time', 'ម៉ោងមកដល់'],
  ['datetime', 'handed_over', '', 'Handed over', 'ប្រគល់'],
  [
    'geopoint',
    'where',
    '',
    'Location',
    'ទីតាំង',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    '',
    'capture-accuracy=10',
  ],
  ['calculate', 'is_child', '', '', '', '', '', '', '', '', '', '', '', 'if(${age} < 18, 1, 0)'],
  ['end_group'],
  ['begin_repeat', 'brokers', '', 'Brokers', 'មេខ្យល់'],
  ['text', 'broker_phone', '', 'Phone', 'ទូរស័ព្ទ', '', '', '', '', '', '', '', '', '', '', '', 'yes'],
  ['end_repeat'],
];

const CHOICES = sheet(
  'choices',
  ['list_name', 'name', 'label::English (en)', 'label::Khmer (km)', 'province'],
  [
    ['province', 'KH-1', 'Banteay Meanchey', 'បន្ទាយមានជ័យ'],
    ['province', 'KH-2', 'Battambang', 'បាត់ដំបង'],
    ['district', 'poipet', 'Poipet', 'ប៉ោយប៉ែត', 'KH-1'],
    ['district', 'sampov_loun', 'Sampov Loun', 'សំពៅលូន', 'KH-2'],
    ['deception', 'wages', 'Wages', 'ប្រាក់ឈ្នួល'],
    ['deception', 'nature_of_work', 'Nature of work', 'ប្រភេទការងារ'],
    ['deception', 'none', 'None', 'គ្មាន'],
  ],
);

function formOf(rows: string[][] = SURVEY_ROWS, version = '1'): XlsForm {
  return parseXlsForm({
    file: 'form.xlsx',
    survey: sheet('survey', SURVEY_COLUMNS, rows),
    choices: CHOICES,
    settings: sheet(
      'settings',
      ['form_title', 'form_id', 'version', 'default_language', 'instance_name'],
      [['Sentinel test', 'sentinel_test', version, 'English (en)', "concat('x', ${age})"]],
    ),
  });
}

describe('XLSForm', () => {
  it('reads every question type with labels per language, hints, messages and SIREN columns', () => {
    const form = formOf();
    expect(new Set(form.survey.map((row) => row.type))).toEqual(new Set(QUESTION_TYPES));
    expect(form.languages).toEqual(['English (en)', 'Khmer (km)']);
    expect(form.settings).toEqual({
      formId: 'sentinel_test',
      version: '1',
      title: 'Sentinel test',
      defaultLanguage: 'English (en)',
      extra: { instance_name: "concat('x', ${age})" },
    });
    const age = form.survey.find((row) => row.name === 'age');
    expect(age).toMatchObject({
      required: true,
      hints: { 'English (en)': 'In years' },
      requiredMessages: { 'English (en)': 'Age is needed' },
      constraint: '. >= 0 and . <= 120',
      canonical: 'ageAtInterview',
    });
    expect(form.survey.find((row) => row.name === 'fee')).toMatchObject({
      id: 'broker_fee',
      idFromColumn: true,
      default: '0',
    });
    expect(form.survey.find((row) => row.name === 'broker_name')?.personal).toBe(true);
    expect(form.survey.find((row) => row.name === 'deceived')?.extra).toEqual({
      'media::image': 'deceived.png',
    });
    expect(form.survey.find((row) => row.name === 'village')).toMatchObject({
      type: 'select_one_from_file',
      file: 'villages.csv',
    });
    expect(form.choices.find((choice) => choice.name === 'poipet')?.extra).toEqual({ province: 'KH-1' });
  });

  it('round-trips through XLSX: read → write → read gives an equal form, and the same bytes twice', async () => {
    const form = formOf();
    const bytes = await writeXlsFormWorkbook(form);
    const again = await readXlsFormWorkbook(bytes, 'again.xlsx');
    expect({ ...again }).toEqual(form);
    expect(await writeXlsFormWorkbook(again)).toEqual(bytes);
  });

  it('refuses a bad form, naming sheet, row and column of every problem', () => {
    const rows = [
      ['integer', 'age', '', 'Age'],
      ['integer', 'age', '', 'Again'],
      ['select_one missing', 'x', '', 'X'],
      ['rank', 'r', '', 'Rank'],
      ['text', 'bad name', '', 'Bad'],
      ['text', 'c', '', 'C', '', '', '', '', '. >'],
      ['text', 'd', '', 'D', '', '', '', '', '', '', '${nowhere} = 1'],
      ['text', 'e'],
      ['begin_group', 'g', '', 'G'],
    ];
    let error: UserError | undefined;
    try {
      formOf(rows);
    } catch (caught) {
      error = caught as UserError;
    }
    expect(error?.message).toContain('form.xlsx is not a valid XLSForm');
    const lines =
      error?.message
        .split('\n')
        .slice(1)
        .map((line) => line.trim()) ?? [];
    expect(lines).toEqual([
      'form.xlsx [survey], row 3, column name: "age" repeats the name of row 2',
      'form.xlsx [survey], row 3, column id: "age" repeats the id of row 2',
      'form.xlsx [survey], row 4, column type: "select_one missing" list missing is not in the choices sheet',
      'form.xlsx [survey], row 5, column type: "rank" is not a question type SIREN reads',
      'form.xlsx [survey], row 6, column name: "bad name" is not a valid question name',
      'form.xlsx [survey], row 9, column label: a text needs a label',
      'form.xlsx [survey], row 10, column type: begin_group is never closed',
      'form.xlsx [survey], row 7, column constraint: ". >" ". >" ends too early',
      'form.xlsx [survey], row 8, column relevant: "${nowhere} = 1" refers to ${nowhere}, which is not a question',
    ]);
  });

  it('keeps identity across versions: explicit ids, moves and detected renames; the diff says what changed', () => {
    const first = formOf();
    const rows = SURVEY_ROWS.map((row) => [...row]);
    const at = (name: string) => rows.findIndex((row) => row[1] === name);
    rows[at('age')][1] = 'age_years';
    rows[at('is_child')][13] = 'if(${age_years} < 18, 1, 0)';
    rows[at('fee')][1] = 'broker_fee_usd';
    rows[at('arrival_time')][3] = 'Time of arrival';
    const [moved] = rows.splice(at('broker_name'), 1);
    rows.splice(at('end_repeat'), 0, moved);
    rows.splice(at('handed_over'), 1);
    rows.splice(at('end_group'), 0, ['integer', 'household_size', '', 'Household size', 'ទំហំគ្រួសារ']);
    const second = formOf(rows, '2');
    const { form, detectedRenames } = assignStableIds(first, second);
    expect(detectedRenames).toEqual(['age']);
    const ids = Object.fromEntries(form.survey.filter((row) => row.name).map((row) => [row.name, row.id]));
    expect(ids.age_years).toBe('age');
    expect(ids.broker_fee_usd).toBe('broker_fee');
    const diff = diffForms(first, form, detectedRenames);
    expect(diff.added).toEqual([{ id: 'household_size', name: 'household_size', type: 'integer' }]);
    expect(diff.removed).toEqual([{ id: 'handed_over', name: 'handed_over', type: 'datetime' }]);
    expect(diff.renamed).toEqual([
      { id: 'age', from: 'age', to: 'age_years', detected: true },
      { id: 'broker_fee', from: 'fee', to: 'broker_fee_usd', detected: false },
    ]);
    expect(diff.moved).toEqual([{ id: 'broker_name', name: 'broker_name', from: 'person', to: 'brokers' }]);
    expect(diff.changed).toEqual([
      { id: 'arrival_time', name: 'arrival_time', fields: ['labels'] },
      { id: 'is_child', name: 'is_child', fields: ['calculation'] },
    ]);
    expect(describeDiff(diff)[0]).toBe('sentinel_test: version 1 → version 2');
  });
});
