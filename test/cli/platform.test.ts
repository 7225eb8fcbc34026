import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess, startSiren } from '../support/cli.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-cli-'));
const folderBytes = (path: string) =>
  readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0);
const write = (name: string, content: string) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

interface Status {
  database: { kind: string };
  migration: string;
  sources: { source: string; records: number; batches: number }[];
}

describe('siren import and status (embedded database)', () => {
  const environment = { SIREN_DATA: join(folder, 'data'), SIREN_DEMO: 'off' };

  // The first import, the refused file and the killed import run the real binary: a data folder's
  // first start, exit statuses and output through bin/siren.js, and a process that dies mid-write.
  it('imports, refuses a duplicate (exit 4), reports bad rows (exit 3) and never leaves half an import after SIGKILL', async () => {
    const good = write('cases.csv', 'case_id,given_name,sex\nA1,Sokha,F\nA2,Dara,M\n');
    const first = await runSiren(
      ['import', '--source', 'police', '--kind', 'case_management', '--json', good],
      environment,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ source: 'police', rows: 2 });

    const again = await runSirenInProcess(
      ['import', '--source', 'police', '--kind', 'case_management', good],
      environment,
    );
    expect(again.code).toBe(4);
    expect(again.stderr).toMatch(/already imported into police .*--force/);

    const bad = write('bad.csv', 'case_id,date_of_birth\nB1,1990-01-01\nB2,1990-13-45\n');
    const refused = await runSiren(
      ['import', '--source', 'police', '--kind', 'case_management', bad],
      environment,
    );
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain(
      'bad.csv, row 3, column date_of_birth: "1990-13-45" is not a date (expected YYYY-MM-DD)',
    );
    expect(refused.stderr).not.toMatch(/\bat .*\.ts:\d+/);

    const lines = ['case_id,given_name,family_name,sex,date_of_birth'];
    for (let i = 0; i < 300_000; i++) lines.push(`K${i},Given${i},Family${i},F,1990-01-01`);
    const big = write('big.csv', lines.join('\n'));
    const wal = join(environment.SIREN_DATA, 'pglite', 'pg_wal');
    const walBefore = folderBytes(wal);
    const child = startSiren(['import', '--source', 'killed', '--kind', 'case_management', big], environment);
    // Kill only once rows are being written: the write-ahead log has grown by 32 MB.
    while (folderBytes(wal) < walBefore + 32 * 1024 * 1024 && child.exitCode === null)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));

    const status = await runSirenInProcess(['status', '--json'], environment);
    expect(status.code, status.stderr).toBe(0);
    const parsed = JSON.parse(status.stdout) as Status;
    expect(parsed.database.kind).toBe('pglite');
    expect(parsed.sources.map((source) => [source.source, source.records, source.batches])).toEqual([
      ['police', 2, 1],
    ]);
  }, 900_000);

  it('answers --help on every command and exit 2 on a usage error', async () => {
    const help = await runSirenInProcess(['import', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--mapping <file>');
    const usage = await runSirenInProcess(['import', '--kind', 'case_management']);
    expect(usage.code).toBe(2);
  }, 300_000);
});
