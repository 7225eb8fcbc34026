// biome-ignore-all lint/suspicious/noTemplateCurlyInString: XLSForm expressions refer to questions as ${name}
import { describe, expect, it } from 'vitest';
import type { UserError } from '../../src/domain/errors.ts';
import { parseDelimitedText } from '../../src/ingest/read-table.ts';
import { submissionTableFromBytes, validateSubmissions } from '../../src/ingest/submissions.ts';
import { parseXlsForm, type Sheet } from '../../src/ingest/xlsform/index.ts';

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

const form = parseXlsForm({
  file: 'form.xlsx',
  survey: sheet(
    'survey',
    [
      'type',
      'name',
      'label',
      'required',
      'required_message',
      'constraint',
      'constraint_message',
      'relevant',
      'personal',
      'canonical',
    ],
    [
      ['today', 'today'],
      ['begin_group', 'person', 'Person'],
      [
        'integer',
        'age',
        'Age',
        'yes',
        'Ask the age',
        '. >= 5 and . <= 110',
        'Age 5 to 110',
        '',
        '',
        'ageAtInterview',
      ],
      ['select_one yes_no', 'debt', 'Debt?', '', '', '', '', '', '', 'debtToBrokerOrEmployer'],
      ['decimal', 'debt_amount', 'Amount', '', '', '. > 0', '', "${debt} = 'yes'"],
      ['end_group'],
      [
        'select_multiple deception',
        'deceived',
        'Deceived about',
        '',
        '',
        "not(selected(., 'none') and count-selected(.) > 1)",
        'None is alone',
      ],
      ['text', 'broker_phone', 'Broker phone', '', '', "regex(., '^[0-9]{9,10}$')", '', '', 'yes'],
      ['date', 'arrived', 'Arrived', '', '', '. <= today()'],
      ['geopoint', 'where', 'Where'],
      ['note', 'bye', 'Thanks'],
    ],
  ),
  choices: sheet(
    'choices',
    ['list_name', 'name', 'label'],
    [
      ['yes_no', 'yes', 'Yes'],
      ['yes_no', 'no', 'No'],
      ['yes_no', 'dont_know', 'Do not know'],
      ['deception', 'wages', 'Wages'],
      ['deception', 'nature_of_work', 'Work'],
      ['deception', 'none', 'None'],
    ],
  ),
  settings: sheet('settings', ['form_id', 'version'], [['test_form', '3']]),
});

describe('submission exports', () => {
  it('reads a KoBo CSV export: group paths with /, select_multiple space-separated, _uuid', () => {
    const table = parseDelimitedText(
      [
        'today,person/age,person/debt,person/debt_amount,deceived,broker_phone,arrived,where,_where_latitude,_where_longitude,_id,_uuid,_submission_time,__version__',
        '2024-02-01,34,yes,120.5,wages nature_of_work,012345678,2024-01-30,13.65 102.56 10 5,13.65,102.56,1,a-1,2024-02-01T10:00:00,vX',
        '2024-02-01,19,no,,none,,,,,,2,a-2,2024-02-01T11:00:00,vX',
        '2024-02-02,40,dont_know,,,,,,,,3,a-3,2024-02-02T11:00:00,vX',
      ].join('\n'),
      'kobo.csv',
    );
    const { rows } = validateSubmissions(form, table);
    expect(rows.map((row) => row.instanceId)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(rows[0]).toMatchObject({
      row: 2,
      submittedAt: '2024-02-01T10:00:00',
      answers: {
        age: 34,
        debt: 'yes',
        debt_amount: 120.5,
        deceived: ['wages', 'nature_of_work'],
        arrived: '2024-01-30',
        where: [13.65, 102.56, 10, 5],
      },
      personalAnswers: { broker_phone: '012345678' },
      canonical: { ageAtInterview: 34, debtToBrokerOrEmployer: true },
      canonicalSources: { ageAtInterview: 'person/age' },
    });
    expect(rows[1].canonical).toEqual({ ageAtInterview: 19, debtToBrokerOrEmployer: false });
    expect(rows[1].answers.deceived).toEqual(['none']);
    expect(rows[2].canonical).toEqual({ ageAtInterview: 40, debtToBrokerOrEmployer: null });
  });

  it('reads an ODK Central export: group paths with -, a column per choice, split geopoints, meta-instanceID', () => {
    const table = parseDelimitedText(
      [
        'SubmissionDate,today,person-age,person-debt,person-debt_amount,deceived-wages,deceived-nature_of_work,deceived-none,where-Latitude,where-Longitude,where-Altitude,where-Accuracy,meta-instanceID,KEY,SubmitterName,FormVersion',
        '2024-02-01T10:00:00.000Z,2024-02-01,34,no,,1,0,0,13.65,102.56,10,5,uuid:b-1,uuid:b-1,team a,3',
      ].join('\n'),
      'central.csv',
    );
    const [row] = validateSubmissions(form, table).rows;
    expect(row.instanceId).toBe('b-1');
    expect(row.answers).toMatchObject({
      age: 34,
      debt: 'no',
      deceived: ['wages'],
      where: [13.65, 102.56, 10, 5],
    });
  });

  it('reads an XLSX export whose dates are date cells', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('data');
    sheet.addRow(['today', 'person/age', 'arrived', '_uuid', '_submission_time']);
    sheet.addRow([
      new Date(Date.UTC(2024, 1, 1)),
      30,
      new Date(Date.UTC(2024, 0, 30)),
      'x-1',
      new Date(Date.UTC(2024, 1, 1, 10)),
    ]);
    const table = await submissionTableFromBytes(
      Buffer.from(await workbook.xlsx.writeBuffer()),
      'export.xlsx',
    );
    const [row] = validateSubmissions(form, table).rows;
    expect(row).toMatchObject({
      instanceId: 'x-1',
      submittedAt: '2024-02-01T10:00:00.000Z',
      answers: { age: 30, arrived: '2024-01-30' },
    });
  });

  it('refuses a bad export whole, naming file, row and question of every problem', () => {
    const table = parseDelimitedText(
      [
        'today,person/age,person/debt,person/debt_amount,deceived,broker_phone,arrived,bye,colour,_uuid',
        '2024-02-01,,no,50,wages none,12,2024-03-01,hello,,c-1',
        '2024-02-01,4,maybe,,,,2024-02-30,,,c-2',
        '2024-02-01,thirty,yes,-1,,,,,,c-1',
        '2024-02-01,30,,,,,,,,',
      ].join('\n'),
      'bad.csv',
    );
    let error: UserError | undefined;
    try {
      validateSubmissions(form, table);
    } catch (caught) {
      error = caught as UserError;
    }
    expect(error?.message.split('\n')).toEqual([
      'bad.csv: submissions refused, nothing imported (14 problems)',
      '  bad.csv, row 1, column colour: is not a question of test_form version 3',
      '  bad.csv, row 2, column person/age: Ask the age',
      '  bad.csv, row 2, column person/debt_amount: "50" answers a question that is not relevant for this submission (its relevance condition is false)',
      '  bad.csv, row 2, column deceived: "wages none" None is alone',
      `  bad.csv, row 2, column broker_phone: "12" breaks the constraint regex(., '^[0-9]{9,10}$')`,
      '  bad.csv, row 2, column arrived: "2024-03-01" breaks the constraint . <= today()',
      '  bad.csv, row 2, column bye: "hello" is a note and takes no answer',
      '  bad.csv, row 3, column person/age: "4" Age 5 to 110',
      '  bad.csv, row 3, column person/debt: "maybe" is not a choice of list yes_no',
      '  bad.csv, row 3, column arrived: "2024-02-30" is not a date (yyyy-mm-dd)',
      '  bad.csv, row 4, column _uuid: "c-1" repeats the submission of row 2',
      '  bad.csv, row 4, column person/age: "thirty" is not a whole number',
      '  bad.csv, row 4, column person/debt_amount: "-1" breaks the constraint . > 0',
      '  bad.csv, row 5, column _uuid: is empty: every submission needs its instance id',
    ]);
    expect(error?.problems.every((problem) => problem.file === 'bad.csv' && problem.row !== undefined)).toBe(
      true,
    );
  });
});
