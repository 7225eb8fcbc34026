import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-files.ts';
import type { Database } from '../../src/store/database.ts';
import { migrationLevel } from '../../src/store/index.ts';
import { listBatches } from '../../src/store/repositories/import-batches.ts';
import { recordsByPlace, sourceStatus } from '../../src/store/repositories/status.ts';
import { testCipher, testDatabaseTargets } from '../support/databases.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-parity-'));
const cases = join(folder, 'cases.csv');
writeFileSync(
  cases,
  [
    'case_id,given_name,sex,date_of_birth,nationality,origin_province,identified_on,age',
    'P1,Sokha,F,1990-01-05,KH,Banteay Meanchey,2024-01-02,34',
    'P2,Dara,M,1985-07-30,KH,Battambang,2024-02-03,',
    'P3,Noy,F,2001-02-28,LA,Savannakhet,2024-03-04,23',
    'P4,Aung,M,1999-09-09,MM,Kayin State,2024-03-05,25',
  ].join('\n'),
);
const events = join(folder, 'events.csv');
writeFileSync(
  events,
  [
    'crossing,week_start,event_type,count',
    'Poipet,2024-01-01,deportation,412',
    'Mae Sot,2024-01-01,deportation,130',
  ].join('\n'),
);

async function snapshot(database: Database) {
  const cipher = testCipher();
  await importFiles(database, cipher, {
    files: [cases],
    source: 'cases',
    kind: 'case_management',
    actor: 'parity',
  });
  await importFiles(database, cipher, {
    files: [events],
    source: 'events',
    kind: 'border_event',
    actor: 'parity',
  });
  const typed = await database.query(
    `SELECT record_key, kind, fields, place_code, event_date::text AS event_date, row_number
     FROM records ORDER BY kind, row_number`,
  );
  const aggregates = await database.query(
    `SELECT fields->>'sex' AS sex, count(*)::int AS n, avg((fields->>'age')::int)::float8 AS mean_age
     FROM records WHERE kind = 'case_management' GROUP BY 1 ORDER BY 1`,
  );
  return {
    migration: await migrationLevel(database),
    status: await sourceStatus(database),
    places: await recordsByPlace(database),
    batches: (await listBatches(database)).map(({ finishedAt: _time, ...batch }) => batch),
    typed: typed.rows,
    aggregates: aggregates.rows,
  };
}

describe.skipIf(testDatabaseTargets.length < 2)('PGlite and the PostgreSQL server', () => {
  it('give identical status and query results on the same imports', async () => {
    const results = [];
    for (const target of testDatabaseTargets) {
      const database = await target.open();
      try {
        results.push(await snapshot(database));
      } finally {
        await database.close();
      }
    }
    expect(results[0].typed).toHaveLength(6);
    expect(results[0].places).toContainEqual({ placeCode: 'KH-1', records: 2 });
    expect(results[1]).toEqual(results[0]);
  }, 300_000);
});
