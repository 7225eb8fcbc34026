/**
 * Import speed and memory: a CSV of N case rows (default 1,000,000) imported with `siren import` into
 * a fresh embedded database (PGlite) and, when DATABASE_URL is set, into a fresh database on that
 * PostgreSQL server. The database is created and migrated first (`siren status`, timed apart), so the
 * import is timed alone. Prints rows, wall seconds, rows per second, the importer's CPU seconds (user
 * + system, all its threads; on the server the PostgreSQL process's own CPU is not included) and its
 * peak resident memory.
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

interface Run {
  seconds: number;
  cpuSeconds: number;
  peakMegabytes: number;
}

function timedSiren(label: string, args: string[], environment: Record<string, string>): Run {
  const { DATABASE_URL: _server, ...inherited } = process.env;
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, siren, ...args], {
    env: { ...inherited, ...environment, SIREN_DEMO: 'off' },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label}: siren ${args[0]} failed: ${result.stderr}`);
  const [peakKilobytes, user, system] = result.stderr.trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
  return { seconds, cpuSeconds: user + system, peakMegabytes: peakKilobytes / 1024 };
}

function benchmark(label: string, environment: Record<string, string>): void {
  const setup = timedSiren(label, ['status', '--json'], environment);
  console.log(
    `${label.padEnd(11)} create + migrate  ${setup.seconds.toFixed(1)} s  cpu ${setup.cpuSeconds.toFixed(1)} s`,
  );
  const run = timedSiren(
    label,
    ['import', '--source', 'bench', '--kind', 'case_management', '--quiet', file],
    environment,
  );
  console.log(
    `${label.padEnd(11)} import ${rows} rows  ${run.seconds.toFixed(1)} s  ${Math.round(rows / run.seconds)} rows/s  cpu ${run.cpuSeconds.toFixed(1)} s (${((run.cpuSeconds / rows) * 1e6).toFixed(0)} µs/row)  peak RSS ${run.peakMegabytes.toFixed(0)} MB`,
  );
}

console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
);
console.log(`command: npx tsx bench/platform/import.ts ${rows}`);
await writeCases();
console.log(`input: ${file} (${(statSync(file).size / 2 ** 20).toFixed(0)} MB)`);
benchmark('pglite', { SIREN_DATA: join(folder, 'data') });
if (process.env.DATABASE_URL) {
  const name = `siren_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    benchmark('postgresql', { SIREN_DATA: join(folder, 'server-key'), DATABASE_URL: url.toString() });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
