import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-files.ts';
import type { RecordVisibility } from '../../src/server/access.ts';
import {
  analyticsRows,
  buildNetworkGraph,
  type NetworkGraph,
} from '../../src/server/services/network-graph.ts';
import type { Database } from '../../src/store/index.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';

/**
 * The store's network graph on a small imported world: three transfers in two currencies, a broker
 * named by phone in two interviews (written differently) and in a police case where the same phone is
 * the subject's own, a broker named only by name, two interviews at one address, a resolved entity,
 * a stored `called` relation, and another organisation's case that the caller may not see.
 */
const BROKER_PHONE = '+855 12 000 111';
const files: Record<string, string> = {
  fiu: [
    'transaction_id,occurred_at,from_account,to_account,from_name,to_name,amount,currency',
    'T1,2024-01-01T10:00:00Z,KH-AAA-1,KH-BBB-2,Ann Payer,Bo Middle,100,USD',
    'T2,2024-01-02T10:00:00Z,KH-BBB-2,TH-CCC-3,Bo Middle,Chai Receiver,3500,THB',
    'T3,2024-01-03T10:00:00Z,TH-CCC-3,kh aaa 1,Chai Receiver,Ann Payer,50,USD',
    'T4,2024-01-04T10:00:00Z,KH-AAA-1,KH-BBB-2,Ann Payer,Bo Middle,20,USD',
  ].join('\n'),
  sentinel: [
    'interview_id,interviewed_on,site,full_name,broker_name,broker_phone,address',
    `I-1,2024-02-01,Poipet,Srey Mom,Dara Broker,${BROKER_PHONE},`,
    'I-2,2024-02-02,Poipet,Vanna Chea,,+85512000111,',
    'I-3,2024-02-03,Poipet,Aye Aung,Sok Fixer,,12 River Road',
    'I-4,2024-02-04,Poipet,Mya Win,,,12 river road',
  ].join('\n'),
  police: ['case_id,full_name,phone,identified_on', `C-1,Dara Broker,${BROKER_PHONE},2024-03-01`].join('\n'),
  beta: [
    'case_id,full_name,recruiter_phone,identified_on',
    `B-1,Zyxwquorthel,${BROKER_PHONE},2024-03-02`,
  ].join('\n'),
};

describeOnEachDatabase('network graph of the store', (target) => {
  let database: Database;
  const cipher = testCipher();
  const ids: Record<string, number> = {};
  let alpha: number;
  let beta: number;
  let entity: number;

  const full = (): RecordVisibility => ({
    grants: [{ organisationId: alpha, sourceId: null, level: 'full' }],
    site: null,
  });
  const build = (visibility: RecordVisibility, options = {}) =>
    buildNetworkGraph(database, cipher, visibility, options);
  const node = (graph: NetworkGraph, id: string) => graph.nodes.find((n) => n.id === id);
  const edgesOf = (graph: NetworkGraph, kind: string) => graph.edges.filter((e) => e.kind === kind);

  beforeAll(async () => {
    database = await target.open();
    alpha = Number((await createOrganisation(database, 'Alpha')).id);
    beta = Number((await createOrganisation(database, 'Beta')).id);
    const folder = mkdtempSync(join(tmpdir(), 'siren-graph-'));
    for (const [source, kind, organisation] of [
      ['fiu', 'financial', 'Alpha'],
      ['sentinel', 'interview', 'Alpha'],
      ['police', 'case_management', 'Alpha'],
      ['beta', 'case_management', 'Beta'],
    ]) {
      const file = join(folder, `${source}.csv`);
      writeFileSync(file, files[source]);
      await importFiles(database, cipher, { files: [file], source, kind, organisation, actor: 'test' });
    }
    rmSync(folder, { recursive: true, force: true });
    const { rows } = await database.query<{ id: number; key: string }>(
      'SELECT id, record_key AS key FROM records',
    );
    for (const row of rows) ids[row.key] = Number(row.id);
    entity = Number(
      (await database.query<{ id: number }>("INSERT INTO entities (kind) VALUES ('person') RETURNING id"))
        .rows[0].id,
    );
    await database.query('INSERT INTO entity_members (entity_id, record_id) VALUES ($1, $2)', [
      entity,
      ids['I-2'],
    ]);
    await database.query(
      `INSERT INTO relations (kind, from_record, to_record, weight, occurred_at) VALUES
         ('called', $1, $2, 3, '2024-02-10T08:00:00Z'), ('same_as', $1, $3, null, null)`,
      [ids['I-1'], ids['I-4'], ids['I-3']],
    );
  });
  afterAll(async () => database?.close());

  it('builds typed, weighted, dated edges from transfers, brokers, addresses and relations', async () => {
    const graph = await build(full());
    const pseudonym = async (key: string) =>
      (await database.query<{ p: string }>('SELECT pseudonym AS p FROM records WHERE id = $1', [ids[key]]))
        .rows[0].p;
    const broker = await pseudonym('C-1');
    expect(node(graph, broker)).toMatchObject({ kind: 'person', label: broker });
    const recruited = edgesOf(graph, 'recruited_by');
    expect(recruited.map((e) => [e.source, e.target]).sort()).toEqual(
      [
        [await pseudonym('I-1'), broker],
        [`ent_${entity}`, broker],
        [await pseudonym('I-3'), expect.stringMatching(/^nam_[0-9a-f]{12}$/)],
      ].sort(),
    );
    const paid = edgesOf(graph, 'paid');
    expect(paid).toHaveLength(3);
    const twice = paid.find((e) => e.count === 2);
    expect(twice?.amountUsd).toBeCloseTo(120, 9);
    expect([twice?.first, twice?.last]).toEqual(['2024-01-01', '2024-01-04']);
    expect(paid.map((e) => e.amountUsd).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([50, 100, 120]);
    const accounts = new Set(paid.flatMap((e) => [e.source, e.target]));
    expect(accounts.size).toBe(3);
    expect(edgesOf(graph, 'shared_address').map((e) => [e.source, e.target].sort())).toEqual([
      [await pseudonym('I-3'), await pseudonym('I-4')].sort(),
    ]);
    expect(edgesOf(graph, 'called')).toEqual([
      expect.objectContaining({ weight: 3, count: 1, first: '2024-02-10' }),
    ]);
    expect(graph.edges.some((e) => e.kind === 'same_as')).toBe(false);
    expect(graph.transactions).toHaveLength(4);
    expect(graph.labelsAre).toBe('pseudonyms');
    expect(graph.personalRecordIds).toEqual([]);
    expect(JSON.stringify(graph)).not.toMatch(/Dara|KH-AAA|Zyxwquorthel|000111/);
  });

  it('leaves out what the caller may not see, and names only records seen in full', async () => {
    const own = await build(full(), { names: true });
    expect(own.labelsAre).toBe('names');
    expect(own.nodes.map((n) => n.label)).toEqual(
      expect.arrayContaining(['Dara Broker', 'Ann Payer', 'Sok Fixer']),
    );
    expect(own.personalRecordIds.length).toBeGreaterThan(0);
    expect(JSON.stringify(own)).not.toContain('Zyxwquorthel');

    const partner = await build(
      {
        grants: [
          { organisationId: beta, sourceId: null, level: 'full' },
          { organisationId: alpha, sourceId: null, level: 'pseudonymised' },
        ],
        site: null,
      },
      { names: true },
    );
    expect(partner.records).toBe(10);
    expect(partner.nodes.map((n) => n.label)).toContain('Zyxwquorthel');
    expect(JSON.stringify(partner.nodes)).not.toMatch(/Dara|Ann Payer|Sok Fixer/);
    expect(partner.personalRecordIds).toEqual([ids['B-1']]);
    // The partner's case names the same recruiter phone: one node, reached from both organisations.
    expect(
      edgesOf(partner, 'recruited_by').filter((e) => e.target === edgesOf(own, 'recruited_by')[0].target),
    ).toHaveLength(3);
  });

  it('filters by source and by edge kind, and weighs money by amount on request', async () => {
    const money = await build(full(), { sources: ['fiu'] });
    expect(new Set(money.edges.map((e) => e.kind))).toEqual(new Set(['paid']));
    const calls = await build(full(), { relations: ['called'] });
    expect(calls.edges).toHaveLength(1);
    expect(calls.transactions).toEqual([]);
    expect(
      analyticsRows(money, 'amount')
        .map((r) => r.weight ?? 0)
        .sort((a, b) => a - b),
    ).toEqual([50, 100, 120]);
    expect(
      analyticsRows(money, 'count')
        .map((r) => r.weight)
        .sort(),
    ).toEqual([1, 1, 2]);
  });
});
