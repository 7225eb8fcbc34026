import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFiles } from '../../src/ingest/import-files.ts';
import { listAudit } from '../../src/store/repositories/audit.ts';
import { createAgreement } from '../../src/store/repositories/sharing.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import {
  type Caller,
  createWorld,
  OTHER,
  OTHER_PHONE,
  OWN,
  UNIQUE_OTHER_NAME,
  type World,
} from './support/world.ts';

/**
 * The network API: who may call it, what each caller's graph holds (their organisation's records in
 * full, a partner's at the level shared), names versus pseudonyms, and the audit of names read.
 */
describeOnEachDatabase('network API', (target) => {
  let world: World;
  let analyst: Caller;

  const get = async (caller: Caller | undefined, url: string) =>
    world.app.inject({ method: 'GET', url, headers: caller?.headers ?? {} });

  beforeAll(async () => {
    world = await createWorld(target);
    const folder = mkdtempSync(join(tmpdir(), 'siren-network-api-'));
    const extra: [string, string, string, string][] = [
      [
        'alpha-fiu',
        'financial',
        OWN,
        [
          'transaction_id,occurred_at,from_account,to_account,from_name,to_name,amount,currency',
          'T1,2024-01-01T10:00:00Z,KH-1,KH-2,Ann Payer,Bo Middle,100,USD',
          'T2,2024-01-02T10:00:00Z,KH-2,KH-3,Bo Middle,Chai Receiver,90,USD',
          'T3,2024-01-03T10:00:00Z,KH-3,KH-1,Chai Receiver,Ann Payer,80,USD',
        ].join('\n'),
      ],
      [
        'beta-recruits',
        'case_management',
        OTHER,
        ['case_id,full_name,recruiter_phone', `R-1,Kosal Victim,${OTHER_PHONE}`].join('\n'),
      ],
    ];
    for (const [source, kind, organisation, text] of extra) {
      const file = join(folder, `${source}.csv`);
      writeFileSync(file, text);
      await importFiles(world.store.database, world.store.cipher, {
        files: [file],
        source,
        kind,
        organisation,
        actor: 'test',
      });
    }
    rmSync(folder, { recursive: true, force: true });
    analyst = await world.signIn('analyst');
  });
  afterAll(async () => world?.close());

  it('is for analysts, investigators and administrators only', async () => {
    expect((await get(undefined, '/api/network/graph')).statusCode).toBe(401);
    for (const role of ['reader', 'field_researcher'] as const)
      expect((await get(await world.signIn(role), '/api/network/graph')).statusCode).toBe(403);
    expect((await get(await world.signIn('investigator'), '/api/network/graph')).statusCode).toBe(200);
  });

  it("gives the caller's own records with names, audited, and nothing of another organisation", async () => {
    const response = await get(analyst, '/api/network/graph');
    expect(response.statusCode).toBe(200);
    const graph = response.json();
    expect(graph.labelsAre).toBe('names');
    expect(graph.edges.filter((e: { kind: string }) => e.kind === 'paid')).toHaveLength(3);
    expect(graph.nodes.map((n: { label: string }) => n.label).sort()).toEqual([
      'Ann Payer',
      'Bo Middle',
      'Chai Receiver',
    ]);
    expect(response.body).not.toContain(UNIQUE_OTHER_NAME);
    expect(response.body).not.toContain('Kosal');
    const audit = await listAudit(world.store.database, { action: 'network.read_personal', limit: 10 });
    expect(audit[0]).toMatchObject({
      action: 'network.read_personal',
      actor: expect.stringContaining('analyst'),
    });
  });

  it("shows a partner's shared records as pseudonyms, and the partner's own staff their names", async () => {
    await createAgreement(world.store.database, {
      ownerOrganisationId: world.organisations.other.id,
      partnerOrganisationId: world.organisations.own.id,
      sourceId: null,
      level: 'pseudonymised',
    });
    const shared = await get(analyst, '/api/network/graph?relation=recruited_by');
    const graph = shared.json();
    expect(graph.edges).toHaveLength(1);
    expect(graph.labelsAre).toBe('pseudonyms');
    expect(shared.body).not.toContain(UNIQUE_OTHER_NAME);
    expect(shared.body).not.toContain('Kosal');
    const theirs = await get(
      await world.signIn('investigator', 'other'),
      '/api/network/graph?relation=recruited_by',
    );
    expect(
      theirs
        .json()
        .nodes.map((n: { label: string }) => n.label)
        .sort(),
    ).toEqual(['Kosal Victim', `${UNIQUE_OTHER_NAME} Chan`]);
  });

  it('runs metrics, communities, key players, paths and money patterns on the same graph', async () => {
    const metrics = (await get(analyst, '/api/network/metrics?source=alpha-fiu')).json();
    const ids = Object.keys(metrics.nodes);
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(metrics.nodes[id].pagerank).toBeCloseTo(1 / 3, 9);
    expect(Object.values(metrics.labels).sort()).toEqual(['Ann Payer', 'Bo Middle', 'Chai Receiver']);
    const communities = (await get(analyst, '/api/network/communities?source=alpha-fiu&seed=3')).json();
    expect(Object.keys(communities.communities).sort()).toEqual([...ids].sort());
    const keyplayers = (await get(analyst, '/api/network/keyplayers?source=alpha-fiu&k=1')).json();
    expect(keyplayers.set).toHaveLength(1);
    const path = (
      await get(analyst, `/api/network/path?source=alpha-fiu&from=${ids[0]}&to=${ids[1]}`)
    ).json();
    expect(path.paths[0]).toMatchObject({ hops: 1, nodes: [ids[0], ids[1]] });
    const unknown = (await get(analyst, `/api/network/path?from=${ids[0]}&to=nobody`)).json();
    expect(unknown.paths).toEqual([]);
    const money = (await get(analyst, '/api/money/patterns?source=alpha-fiu')).json();
    expect(money.report.transactions).toBe(3);
    expect(money.report.cycles.cycles).toHaveLength(1);
    expect((await get(analyst, '/api/money/patterns?source=alpha-cases')).json().report).toBeNull();
    expect((await get(analyst, '/api/network/keyplayers?k=0')).statusCode).toBe(400);
  });
});
