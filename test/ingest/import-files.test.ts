import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UserError } from '../../src/domain/errors.ts';
import { blindIndexForm, importFiles, WORKER_FILE_BYTES } from '../../src/ingest/import-files.ts';
import type { Mapping } from '../../src/ingest/mapping.ts';
import type { Database } from '../../src/store/database.ts';
import { getRecord, listRecords } from '../../src/store/repositories/records.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-import-'));
function file(name: string, content: string | Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
}

const CASES = [
  'case_id,given_name,family_name,sex,date_of_birth,nationality,phone,identified_on,origin_province',
  'C1,Sokha,Chan,F,1990-01-05,KH,012 345 678,2024-01-02,Banteay Meanchey',
  'C2,Dara,Kim,male,1985-07-30,KH,,2024-02-03,Narnia',
  'C3,Somchai,Jaidee,M,1979-12-31,TH,+66 81 234 5678,2024-03-04,Sa Kaeo',
].join('\n');

describeOnEachDatabase('importFiles', (target) => {
  let database: Database;
  const cipher = testCipher();
  const count = async (source: string) =>
    (
      await database.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = $1',
        [source],
      )
    ).rows[0]?.n ?? 0;
  const importCases = (
    source: string,
    paths: string[],
    extra: Partial<Parameters<typeof importFiles>[2]> = {},
  ) =>
    importFiles(database, cipher, { files: paths, source, kind: 'case_management', actor: 'test', ...extra });

  beforeAll(async () => {
    database = await target.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('stores typed fields, sealed personal fields and full provenance for every row', async () => {
    const path = file('cases.csv', CASES);
    const report = await importCases('police', [path]);
    expect(report.rows).toBe(3);
    expect(report.files[0].unresolvedPlaces).toEqual({
      count: 1,
      examples: [{ row: 3, column: 'origin_province', field: 'origin_province', value: 'Narnia' }],
    });
    const records = await listRecords(database, { sourceName: 'police', limit: 10 });
    expect(records.map((record) => record.rowNumber)).toEqual([2, 3, 4]);
    const first = records[0];
    expect(first.fields).toEqual({
      case_id: 'C1',
      sex: 'female',
      nationality: 'KH',
      identified_on: '2024-01-02',
      origin_province: 'KH-1',
    });
    expect(first.placeCode).toBe('KH-1');
    expect(first.fileName).toBe('cases.csv');
    expect(first.fileHash).toBe(report.files[0].sha256);
    const sealed = JSON.parse(cipher.decrypt(first.sealed));
    expect(sealed.personal).toEqual({
      given_name: 'Sokha',
      family_name: 'Chan',
      date_of_birth: '1990-01-05',
      phone: '012 345 678',
    });
    expect(sealed.raw.given_name).toBe('Sokha');
    expect(JSON.stringify(first.fields)).not.toContain('Sokha');
    const digest = cipher.blindIndex('phone', blindIndexForm('phone', '012-345-678'));
    const { rows } = await database.query<{ record_id: number }>(
      'SELECT record_id FROM record_blind_indexes WHERE field = $1 AND digest = $2',
      ['phone', digest],
    );
    expect(rows.map((row) => row.record_id)).toEqual([first.id]);
    expect((await getRecord(database, first.id))?.source).toBe('police');
    const audit = await database.query<{ action: string; actor: string }>(
      "SELECT action, actor FROM audit_log WHERE action = 'records.import' AND details->>'source' = 'police'",
    );
    expect(audit.rows).toEqual([{ action: 'records.import', actor: 'test' }]);
  });

  it('refuses the same file twice unless forced', async () => {
    const path = file('twice.csv', CASES.replace(/C(\d)/g, 'T$1'));
    await importCases('twice', [path]);
    const refusal = importCases('twice', [path]);
    await expect(refusal).rejects.toThrow(/already imported into twice .*use --force/);
    await expect(refusal).rejects.toMatchObject({ kind: 'conflict' });
    await importCases('twice', [path], { force: true });
    expect(await count('twice')).toBe(6);
  });

  it('stores nothing when the last row is bad, and names file, row, column, value and reason for every error', async () => {
    const lines = [CASES.split('\n')[0]];
    for (let i = 0; i < 1600; i++) lines.push(`B${i},Name${i},Family,F,1990-01-01,KH,,2024-01-01,Kandal`);
    lines.push('B1600,Last,Row,F,1990-13-45,KH,,2024-01-01,Kandal');
    lines.push('B1601,Last,Row,Q,1990-01-01,XX,,2024-01-01,Kandal');
    const path = file('bad-last.csv', lines.join('\n'));
    const failure = await importCases('atomic', [path]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    const message = (failure as UserError).message;
    expect(message).toContain(
      'bad-last.csv, row 1602, column date_of_birth: "1990-13-45" is not a date (expected YYYY-MM-DD)',
    );
    expect(message).toContain(
      'bad-last.csv, row 1603, column sex: "Q" is not one of female, male, other, unknown',
    );
    expect(message).toContain('row 1603, column nationality: "XX" is not a country');
    expect((failure as UserError).totalProblems).toBe(3);
    expect(await count('atomic')).toBe(0);
    const batches = await database.query('SELECT 1 FROM import_batches WHERE file_name = $1', [
      'bad-last.csv',
    ]);
    expect(batches.rows).toHaveLength(0);
  });

  it('prepares a large file in a worker thread: every row stored with its blind index, or nothing after a bad last row', async () => {
    const header = `${CASES.split('\n')[0]},note`;
    const note = 'n'.repeat(400);
    const lines = [header];
    let size = 0;
    for (let i = 0; size < WORKER_FILE_BYTES + 100_000; i++) {
      const line = `W${i},Name\t${i},Family\\${i},F,1990-01-01,KH,+855 12 ${String(i).padStart(6, '0')},2024-01-01,Kandal,${note}`;
      lines.push(line);
      size += line.length + 1;
    }
    const good = file('large.csv', lines.join('\n'));
    const report = await importCases('large', [good]);
    const rows = lines.length - 1;
    expect(report.rows).toBe(rows);
    expect(await count('large')).toBe(rows);
    const { rows: indexed } = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM record_blind_indexes i JOIN records r ON r.id = i.record_id
       JOIN sources s ON s.id = r.source_id WHERE s.name = 'large' AND i.field = 'phone'`,
    );
    expect(indexed[0].n).toBe(rows);
    const [last] = await database
      .query<{ id: number }>(
        `SELECT r.id FROM records r JOIN sources s ON s.id = r.source_id WHERE s.name = 'large' AND r.record_key = $1`,
        [`W${rows - 1}`],
      )
      .then((result) => result.rows);
    const stored = await getRecord(database, last.id);
    expect(stored?.rowNumber).toBe(rows + 1);
    expect(JSON.parse(cipher.decrypt(stored?.sealed ?? Buffer.alloc(0))).raw.family_name).toBe(
      `Family\\${rows - 1}`,
    );
    const digest = cipher.blindIndex(
      'phone',
      blindIndexForm('phone', `+855 12 ${String(rows - 1).padStart(6, '0')}`),
    );
    const { rows: found } = await database.query<{ id: number }>(
      'SELECT record_id::int AS id FROM record_blind_indexes WHERE field = $1 AND digest = $2',
      ['phone', digest],
    );
    expect(found.map((row) => row.id)).toEqual([last.id]);

    const bad = file(
      'large-bad.csv',
      [...lines, `W-last,Last,Row,F,1990-13-45,KH,,2024-01-01,Kandal,${note}`].join('\n'),
    );
    const failure = await importCases('large-bad', [bad]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UserError);
    expect((failure as UserError).message).toContain(
      `large-bad.csv, row ${rows + 2}, column date_of_birth: "1990-13-45" is not a date`,
    );
    expect(await count('large-bad')).toBe(0);
  }, 180_000);

  it('caps the listed problems and states the total', async () => {
    const lines = ['case_id,date_of_birth'];
    for (let i = 0; i < 250; i++) lines.push(`X${i},not-a-date`);
    const failure = (await importCases('capped', [file('many-bad.csv', lines.join('\n'))]).catch(
      (e) => e,
    )) as UserError;
    expect(failure.problems).toHaveLength(100);
    expect(failure.totalProblems).toBe(250);
    expect(failure.message).toContain('… and 150 more (250 in all)');
  });

  it('reads UTF-8 with a BOM, UTF-16 and Windows-874 Thai, and other delimiters', async () => {
    const thai = 'case_id;given_name;family_name;sex\nTH1;สมชาย;ใจดี;ชาย\n';
    const bom = file(
      'bom.csv',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CASES.replace(/C(\d)/g, 'U$1'))]),
    );
    const utf16 = file(
      'utf16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(CASES.replace(/C(\d)/g, 'W$1'), 'utf-16le')]),
    );
    const tis = file('thai.csv', iconv.encode(thai, 'windows-874'));
    const tabbed = file('tabbed.tsv', CASES.replace(/C(\d)/g, 'V$1').replaceAll(',', '\t'));
    const result = await importCases('encodings', [bom, utf16, tabbed]);
    expect(result.files.map((f) => [f.encoding, f.rows])).toEqual([
      ['utf-8', 3],
      ['utf-16le', 3],
      ['utf-8', 3],
    ]);
    const thaiMapping: Mapping = {
      kind: 'case_management',
      columns: {
        case_id: 'case_id',
        given_name: 'given_name',
        family_name: 'family_name',
        sex: { column: 'sex', codes: { ชาย: 'male', หญิง: 'female' } },
      },
    };
    const thaiReport = await importCases('thai', [tis], { mapping: thaiMapping });
    expect(thaiReport.files[0].encoding).toBe('windows-874');
    const [record] = await listRecords(database, { sourceName: 'thai', limit: 1 });
    expect(JSON.parse(cipher.decrypt(record.sealed)).personal.given_name).toBe('สมชาย');
    expect(record.fields.sex).toBe('male');
  });

  it('applies a mapping: column names, date formats, code lists, joins, splits, constants and row numbers', async () => {
    const path = file(
      'agency.csv',
      'No;Full Name;DOB;Gender;Town\n17;CHAN Sokha;05/01/1990;1;Poipet\n18;KIM Dara;30/07/1985;2;Battambang\n',
    );
    const mapping: Mapping = {
      kind: 'case_management',
      delimiter: ';',
      columns: {
        case_id: { row_number: true, prefix: 'agency-' },
        family_name: { column: 'Full Name', split: ' ', part: 0 },
        given_name: { column: 'Full Name', split: ' ', part: 1 },
        full_name: { join: ['Full Name', 'No'], separator: ' #' },
        date_of_birth: { column: 'DOB', format: 'DD/MM/YYYY' },
        sex: { column: 'Gender', codes: { '1': 'female', '2': 'male' } },
        nationality: { value: 'KH' },
        origin_province: 'Town',
      },
    };
    const report = await importCases('agency', [path], { mapping });
    expect(report.files[0].unresolvedPlaces.count).toBe(1);
    const records = await listRecords(database, { sourceName: 'agency', limit: 5 });
    expect(records.map((record) => record.fields)).toEqual([
      { case_id: 'agency-2', sex: 'female', nationality: 'KH' },
      { case_id: 'agency-3', sex: 'male', nationality: 'KH', origin_province: 'KH-2' },
    ]);
    expect(JSON.parse(cipher.decrypt(records[0].sealed)).personal).toEqual({
      family_name: 'CHAN',
      given_name: 'Sokha',
      full_name: 'CHAN Sokha #17',
      date_of_birth: '1990-01-05',
    });
  });

  it('reads XLSX, JSON and NDJSON', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cases');
    sheet.addRow(['case_id', 'given_name', 'date_of_birth', 'sex']);
    sheet.addRow(['X1', 'Bopha', '1992-04-01', 'female']);
    sheet.addRow(['X2', 'Vanna', '1993-05-02', 'male']);
    const xlsx = join(folder, 'cases.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const json = file('cases.json', JSON.stringify([{ case_id: 'J1', sex: 'female', age: 17 }]));
    const ndjson = file('cases.ndjson', '{"case_id":"N1","sex":"male"}\n\n{"case_id":"N2","age":"x"}\n');
    await importCases('formats', [xlsx, json]);
    expect(await count('formats')).toBe(3);
    const failure = (await importCases('formats-nd', [ndjson]).catch((e) => e)) as UserError;
    expect(failure.message).toContain('cases.ndjson, row 3, column age: "x" is not a whole number');
  });

  it('says which columns a mapping reads that the file lacks, and which required fields are unmapped', async () => {
    const path = file('nokey.csv', 'given_name\nA\n');
    await expect(importCases('nokey', [path])).rejects.toThrow(
      /required field of case_management[\s\S]*column case_id/,
    );
    const mapping: Mapping = { columns: { case_id: 'Ref' } };
    await expect(importCases('nokey', [path], { mapping })).rejects.toThrow(
      /nokey.csv, row 1, column Ref: is not in the header/,
    );
  });
});
