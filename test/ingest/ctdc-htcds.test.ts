import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportRecords } from '../../src/ingest/export-records.ts';
import { importFiles } from '../../src/ingest/import-files.ts';
import { loadMapping } from '../../src/ingest/mapping.ts';
import type { Database } from '../../src/store/database.ts';
import { REPOSITORY_ROOT } from '../support/cli.ts';
import { testCipher } from '../support/databases.ts';
import { openFromTemplate } from '../support/pglite-template.ts';
import { describeWithReferenceData, referencePath } from '../support/reference-data.ts';

describeWithReferenceData('ctdc', 'real CTDC victim cases into the case model and out as HTCDS', () => {
  let database: Database;
  const cipher = testCipher();

  beforeAll(async () => {
    database = await openFromTemplate();
    const mapping = await loadMapping(
      join(REPOSITORY_ROOT, 'mappings/ctdc-global-dataset-2020.yaml'),
      'case_management',
    );
    await importFiles(database, cipher, {
      files: [referencePath('ctdc', 'ctdc_global_dataset_2020_subset.csv')],
      source: 'ctdc',
      kind: 'case_management',
      mapping,
      actor: 'test',
    });
  }, 300_000);
  afterAll(async () => {
    await database.close();
  });

  it('keeps every row, and the GMS counts the data README states', async () => {
    const count = async (sql: string) => (await database.query<{ n: number }>(sql)).rows[0].n;
    expect(await count('SELECT count(*)::int AS n FROM records')).toBe(48_773);
    // shared/data/ctdc/README.md: GMS by citizenship KH 1,979, MM 1,250, VN 170, LA 126, TH 55, CN 23.
    const { rows } = await database.query<{ nationality: string; n: number }>(
      `SELECT fields->>'nationality' AS nationality, count(*)::int AS n FROM records
       WHERE fields->>'nationality' IN ('KH', 'MM', 'VN', 'LA', 'TH', 'CN') GROUP BY 1 ORDER BY 2 DESC`,
    );
    expect(rows).toEqual([
      { nationality: 'KH', n: 1979 },
      { nationality: 'MM', n: 1250 },
      { nationality: 'VN', n: 170 },
      { nationality: 'LA', n: 126 },
      { nationality: 'TH', n: 55 },
      { nationality: 'CN', n: 23 },
    ]);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM records WHERE fields->>'nationality' IN ('KH','LA','MM','TH','VN','CN')
         OR fields->>'country_of_exploitation' IN ('KH','LA','MM','TH','VN','CN')`,
      ),
    ).toBe(3685);
  });

  it('exports HTCDS 2.0 victim cases that import back to the same values, saying what HTCDS cannot carry', async () => {
    const exported = await exportRecords(database, cipher, {
      source: 'ctdc',
      format: 'htcds',
      actor: 'test',
    });
    const rows: Record<string, string>[] = [];
    for await (const row of exported.rows) rows.push(row);
    expect(rows).toHaveLength(48_773);
    expect(exported.columns.slice(0, 3)).toEqual(['cas_Id', 'prs_FirstName', 'prs_SecondName']);
    expect(exported.leftOut.map((omission) => omission.field)).toContain('registration_year');
    expect(exported.leftOut.map((omission) => omission.field)).toContain('age_group');
    const first = rows[0];
    expect(first).toMatchObject({ cas_Id: 'ctdc-2020-2', prs_Gender: 'Feminine', prs_Citizenship: 'CO' });
    expect(first.vic_TypeOfExploitation).toBe('SexualExploitation');

    const path = join(mkdtempSync(join(tmpdir(), 'siren-htcds-')), 'htcds.csv');
    writeFileSync(path, stringify(rows, { header: true, columns: exported.columns }));
    const mapping = await loadMapping(
      join(REPOSITORY_ROOT, 'mappings/htcds-2.0-victim-cases.yaml'),
      'case_management',
    );
    await importFiles(database, cipher, {
      files: [path],
      source: 'htcds',
      kind: 'case_management',
      mapping,
      actor: 'test',
    });
    const { rows: differences } = await database.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM records a JOIN records b ON a.record_key = b.record_key
       JOIN sources sa ON sa.id = a.source_id AND sa.name = 'ctdc' JOIN sources sb ON sb.id = b.source_id AND sb.name = 'htcds'
       WHERE (a.fields - 'registration_year' - 'age_group' - 'is_forced_labour' - 'is_sexual_exploitation')
         IS DISTINCT FROM (b.fields - 'is_forced_labour' - 'is_sexual_exploitation')
          OR coalesce((a.fields->>'is_forced_labour')::boolean, false) <> coalesce((b.fields->>'is_forced_labour')::boolean, false)
          OR coalesce((a.fields->>'is_sexual_exploitation')::boolean, false) <> coalesce((b.fields->>'is_sexual_exploitation')::boolean, false)`,
    );
    expect(differences[0].n).toBe(0);
  }, 300_000);
});
