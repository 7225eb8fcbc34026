/**
 * Import speed and memory: a CSV of N case rows (default 1,000,000) imported with `siren import` into
 * a fresh embedded database (PGlite) and, when DATABASE_URL is set, into a fresh database on that
 * PostgreSQL server. Prints rows, seconds, rows per second and the importer's peak resident memory.
 *   npx tsx bench/platform/import.ts [ROWS]
 */
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

const rows = Number(process.argv[2] ?? 1_000_000);
const folder = mkdtempSync(join(tmpdir(), 'siren-bench-import-'));
const file = join(folder, 'cases.csv');
const siren = resolve(import.meta.dirname, '../../bin/siren.js');
const provinces = [
  'Banteay Meanchey',
  'Battambang',
  'Siem Reap',
  'Kandal',
  'Prey Veng',
  'Svay Rieng',
  'Takeo',
  'Kampot',
];

async function writeCases(): Promise<void> {
  const out = createWriteStream(file);
  out.write(
    'case_id,given_name,family_name,sex,date_of_birth,nationality,phone,identified_on,origin_province,sector\n',
  );
  for (let i = 0; i < rows; i++) {
    const line = `C${i},Given${i % 9973},Family${i % 7919},${i % 2 ? 'female' : 'male'},19${70 + (i % 30)}-0${1 + (i % 9)}-1${i % 9},KH,+8551${String(i).padStart(7, '0')},2024-0${1 + (i % 9)}-2${i % 9},${provinces[i % provinces.length]},${i % 3 ? 'fishing' : 'construction'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function timedImport(label: string, environment: Record<string, string>): void {
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const started = process.hrtime.bigint();
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%M',
      process.execPath,
      siren,
      'import',
      '--source',
      'bench',
      '--kind',
      'case_management',
      '--quiet',
      file,
    ],
    { env: { ...inherited, ...environment, SIREN_DEMO: 'off' }, encoding: 'utf8' },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label}: import failed: ${result.stderr}`);
  const peakKilobytes = Number(result.stderr.trim().split('\n').at(-1));
  console.log(
    `${label.padEnd(11)} ${rows} rows  ${seconds.toFixed(1)} s  ${Math.round(rows / seconds)} rows/s  peak RSS ${(peakKilobytes / 1024).toFixed(0)} MB`,
  );
}

console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
);
console.log(`command: npx tsx bench/platform/import.ts ${rows}`);
await writeCases();
console.log(`input: ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MB)`);
timedImport('pglite', { SIREN_DATA: join(folder, 'data') });
if (process.env.DATABASE_URL) {
  const name = `siren_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    timedImport('postgresql', { SIREN_DATA: join(folder, 'server-key'), DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
