import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSiren, runSirenInProcess } from '../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';
import { referenceValues } from './load-reference.ts';

/** Spawns the real command (end to end: bin/siren.js, exit status and stdout of a process). */
const siren = (...args: string[]) => runSiren(args);

/** Runs the same CLI in-process (same parsing and output code), capturing stdout and stderr. */
const sirenInProcess = (...args: string[]) => runSirenInProcess(args);

describeWithReferenceData('networks', 'siren network (end to end)', () => {
  const karate = referencePath('networks', 'karate.csv');
  it('metrics --json prints igraph-convention values per node', async () => {
    const run = await siren('network', 'metrics', karate, '--weight', 'weight', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // reference.json karate (python-igraph 0.10.2): unweighted betweenness, weighted PageRank/eigenvector.
    expect(result.nodes['0'].betweenness).toBeCloseTo(
      referenceValues('karate', 'betweenness')['0'] as number,
      6,
    );
    expect(result.nodes['33'].pagerank).toBeCloseTo(
      referenceValues('karate', 'pagerank_weighted')['33'] as number,
      9,
    );
    expect(result.nodes['2'].eigenvector).toBeCloseTo(
      referenceValues('karate', 'eigenvector_weighted_max1')['2'] as number,
      6,
    );
    expect(result.nodes['0']).toMatchObject({ degree: 16, strength: 42, core: 4, clustering: 0.15 });
    expect(result.graph).toMatchObject({ nodes: 34, edges: 78, components: 1 });
  }, 300_000);
  it('metrics --weight-as strength --normalized gives the 1/weight betweenness, normalised', async () => {
    const run = await sirenInProcess(
      'network',
      'metrics',
      karate,
      '--weight',
      'weight',
      '--weight-as',
      'strength',
      '--normalized',
      '--json',
    );
    const result = JSON.parse(run.stdout);
    expect(result.nodes['0'].betweenness).toBeCloseTo(
      referenceValues('karate', 'betweenness_weighted_normalized')['0'] as number,
      9,
    );
  });
  it('communities --json reaches the weighted optimum 0.444904 (igraph optimal_modularity)', async () => {
    const run = await sirenInProcess(
      'network',
      'communities',
      karate,
      '--weight',
      'weight',
      '--seed',
      '3',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.modularity).toBeGreaterThanOrEqual(0.444903581267 - 1e-9);
    expect(Object.keys(result.communities)).toHaveLength(34);
  });
  it('keyplayers --json on CAVIAR finds N1 and N12 (the exhaustive optimum)', async () => {
    const run = await sirenInProcess(
      'network',
      'keyplayers',
      referencePath('networks', 'caviar_phases.csv'),
      '--k',
      '2',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([...result.set].sort()).toEqual(['1', '12']);
    expect(result.fragmentation).toBeCloseTo(0.477838827839, 9);
    expect(result.remaining.nodes).toBe(105);
  });
  it('brokerage --json with trafficker groups', async () => {
    const run = await sirenInProcess(
      'network',
      'brokerage',
      referencePath('networks', 'caviar_phases.csv'),
      '--directed',
      '--groups',
      referencePath('networks', 'caviar_nodes.csv'),
      '--group',
      'group',
      '--json',
    );
    expect(run.code).toBe(0);
    // R sna brokerage on the same graph (reference.json brokerage.caviar_directed): N1 coordinator 977.
    expect(JSON.parse(run.stdout).nodes['1'].raw.coordinator).toBe(977);
  });
  it('path --json and bench --json', async () => {
    const path = await sirenInProcess(
      'network',
      'path',
      karate,
      '--from',
      '0',
      '--to',
      '33',
      '--k',
      '2',
      '--json',
    );
    expect(path.code).toBe(0);
    const paths = JSON.parse(path.stdout).paths;
    expect(paths[0].hops).toBe(2);
    expect(paths).toHaveLength(2);
    const bench = await sirenInProcess(
      'network',
      'bench',
      karate,
      '--ops',
      'pagerank,louvain,coreness,components',
      '--json',
    );
    expect(bench.code).toBe(0);
    const ops = JSON.parse(bench.stdout).ops;
    expect(Object.keys(ops)).toEqual(['pagerank', 'louvain', 'coreness', 'components']);
    expect(ops.components.checksum).toBe(1);
  });
});

describe('siren network and money on bad files', () => {
  const folder = mkdtempSync(join(tmpdir(), 'siren-network-'));
  it('a weight that is not a number exits 3 naming row and column', async () => {
    const file = join(folder, 'edges.csv');
    writeFileSync(file, 'source,target,weight\na,b,1\nb,c,lots\n');
    const run = await sirenInProcess('network', 'metrics', file, '--weight', 'weight', '--json');
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('edges.csv, row 3, column weight');
  });
  it('money patterns finds the planted patterns and rejects a bad amount', async () => {
    const file = join(folder, 'transactions.csv');
    const lines = ['source,target,amount,time,source_country,target_country'];
    for (let i = 0; i < 6; i++) lines.push(`victim${i},collector,900,2024-01-0${i + 1},TH,KH`);
    lines.push(
      'collector,boss,5000,2024-01-07,KH,KH',
      'boss,front,9500,2024-01-08,KH,VN',
      'boss,front,9700,2024-01-09,KH,VN',
    );
    lines.push('boss,front,9900,2024-01-10,KH,VN', 'front,collector,1000,2024-01-11,VN,KH');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await sirenInProcess('money', 'patterns', file, '--min-counterparties', '5', '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.hubs[0]).toMatchObject({ account: 'collector', direction: 'fan-in', counterparties: 6 });
    expect(report.structuring[0]).toMatchObject({ account: 'boss', count: 3 });
    expect(report.cycles.cycles[0].accounts).toEqual(['collector', 'boss', 'front']);
    expect(report.countryFlows.flows[0]).toMatchObject({ from: 'KH', to: 'VN' });
    const bad = join(folder, 'bad.csv');
    writeFileSync(bad, 'source,target,amount,time\na,b,10,2024-01-01\na,b,-3,2024-01-02\n');
    const failed = await sirenInProcess('money', 'patterns', bad);
    expect(failed.code).toBe(3);
    expect(failed.stderr).toContain('bad.csv, row 3, column amount');
  });
});
