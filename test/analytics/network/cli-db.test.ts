import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../../support/cli.ts';
import { seedDataFolder } from '../../support/pglite-template.ts';

/**
 * `siren network ... --db` and `siren money patterns --db` end to end: transfers imported into an
 * embedded store give the same figures as the same transfers read from a file (node ids differ:
 * the store names accounts by pseudonyms), and no account number or name reaches the output.
 */
const TRANSFERS = [
  'transaction_id,occurred_at,from_account,to_account,from_name,to_name,amount,currency',
  'T1,2024-01-01T10:00:00Z,KH-1,KH-2,Ann Payer,Bo Middle,9500,USD',
  'T2,2024-01-02T10:00:00Z,KH-1,KH-2,Ann Payer,Bo Middle,9600,USD',
  'T3,2024-01-03T10:00:00Z,KH-1,KH-2,Ann Payer,Bo Middle,9700,USD',
  'T4,2024-01-03T12:00:00Z,KH-2,KH-3,Bo Middle,Chai Receiver,28000,USD',
  'T5,2024-01-04T10:00:00Z,KH-3,KH-4,Chai Receiver,Dara Fourth,500,USD',
  'T6,2024-01-05T10:00:00Z,KH-4,KH-1,Dara Fourth,Ann Payer,400,USD',
  'T7,2024-01-06T10:00:00Z,KH-4,KH-5,Dara Fourth,Eng Fifth,300,USD',
].join('\n');

describe('siren network --db (end to end)', () => {
  let folder: string;
  let environment: Record<string, string>;
  const sorted = (values: Record<string, { pagerank: number; betweenness: number }>) =>
    Object.values(values)
      .map((m) => [m.pagerank, m.betweenness])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'siren-network-db-'));
    environment = { SIREN_DATA: join(folder, 'data'), SIREN_KEY: 'ab'.repeat(32), SIREN_DEMO: 'off' };
    writeFileSync(join(folder, 'fiu.csv'), TRANSFERS);
    writeFileSync(
      join(folder, 'edges.csv'),
      [
        'source,target,amount,time',
        ...TRANSFERS.split('\n')
          .slice(1)
          .map((line) => {
            const cells = line.split(',');
            return [cells[2], cells[3], cells[6], cells[1]].join(',');
          }),
      ].join('\n'),
    );
    await seedDataFolder(environment.SIREN_DATA);
    const imported = await runSirenInProcess(
      ['import', join(folder, 'fiu.csv'), '--source', 'fiu', '--kind', 'financial'],
      environment,
    );
    expect(imported.code, imported.stderr).toBe(0);
  }, 300_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('metrics --db --source gives the figures of the same edges read from a file', async () => {
    // One process at a time: an embedded store has one user.
    const fromStore = await runSirenInProcess(
      ['network', 'metrics', '--db', '--source', 'fiu', '--json'],
      environment,
    );
    const fromFile = await runSirenInProcess(
      ['network', 'metrics', join(folder, 'edges.csv'), '--json'],
      environment,
    );
    expect(fromStore.code, fromStore.stderr).toBe(0);
    const store = JSON.parse(fromStore.stdout);
    const file = JSON.parse(fromFile.stdout);
    expect(Object.keys(store.nodes)).toHaveLength(5);
    for (const id of Object.keys(store.nodes)) expect(id).toMatch(/^acc_[0-9a-f]{12}$/);
    const [a, b] = [sorted(store.nodes), sorted(file.nodes)];
    a.forEach((row, i) => {
      expect(row[0]).toBeCloseTo(b[i][0], 12);
      expect(row[1]).toBeCloseTo(b[i][1], 12);
    });
    expect(fromStore.stdout).not.toMatch(/KH-1|Ann Payer/);
    const graph = await runSirenInProcess(['network', 'graph', '--db', '--json'], environment);
    const { edges, labelsAre } = JSON.parse(graph.stdout);
    expect(labelsAre).toBe('pseudonyms');
    expect(edges).toHaveLength(5);
    expect(edges.find((e: { count: number }) => e.count === 3)).toMatchObject({
      kind: 'paid',
      amountUsd: 28800,
      first: '2024-01-01',
      last: '2024-01-03',
    });
  }, 300_000);

  it('money patterns --db finds the structuring and the cycle; bad flags are refused', async () => {
    // Through bin/siren.js once: the exit status and the JSON on stdout of a real process.
    const patterns = await runSiren(['money', 'patterns', '--db', '--json'], environment);
    const unknownSource = await runSirenInProcess(
      ['network', 'communities', '--db', '--source', 'nowhere', '--json'],
      environment,
    );
    const badWeighting = await runSirenInProcess(
      ['network', 'keyplayers', '--db', '--k', '1', '--weighting', 'loud'],
      environment,
    );
    expect(patterns.code, patterns.stderr).toBe(0);
    const report = JSON.parse(patterns.stdout);
    expect(report.transactions).toBe(7);
    expect(report.structuring).toHaveLength(1);
    expect(report.cycles.cycles).toHaveLength(1);
    expect(patterns.stdout).not.toMatch(/KH-1|Ann Payer/);
    expect(unknownSource.code).not.toBe(0);
    expect(unknownSource.stderr).toContain('no network edges');
    expect(badWeighting.code).not.toBe(0);
    expect(badWeighting.stderr).toContain('--weighting must be count or amount');
  }, 300_000);
});
