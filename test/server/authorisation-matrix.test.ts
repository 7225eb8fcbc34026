import { afterAll, beforeAll, expect, it } from 'vitest';
import { readXlsFormFile } from '../../src/ingest/xlsform/index.ts';
import { decideLinkagePair } from '../../src/jobs/index.ts';
import { ROUTES } from '../../src/server/index.ts';
import { importInstrument } from '../../src/server/services/sentinel.ts';
import { insertEstimateRun } from '../../src/store/repositories/estimate-runs.ts';
import { enqueueJob } from '../../src/store/repositories/jobs.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { insertPublication } from '../../src/store/repositories/publications.ts';
import { createRound } from '../../src/store/repositories/sentinel-rounds.ts';
import { createSite } from '../../src/store/repositories/sentinel-sites.ts';
import { createAgreement } from '../../src/store/repositories/sharing.ts';
import { ROLES, type Role } from '../../src/store/repositories/users.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import {
  type Caller,
  createWorld,
  OTHER,
  OTHER_PHONE,
  OWN,
  OWN_PHONE,
  PASSWORD,
  type Side,
  UNIQUE_OTHER_NAME,
  type World,
} from './support/world.ts';

/**
 * The authorisation matrix: every route of the route table × every role (and nobody signed in) ×
 * a target in the caller's own organisation or in another one. The expectations below are written
 * independently of the route table; a route without an expectation fails the first test, so no
 * route can be added without deciding who may call it.
 */
type Expectation =
  | { public: true }
  | { roles: readonly Role[]; scope: 'none' | 'organisation' | 'records'; otherStatus?: number };

const EVERYONE = ROLES;
const RECORD_READERS: Role[] = ['administrator', 'analyst', 'investigator', 'field_researcher'];
const RECORD_SEARCHERS: Role[] = ['administrator', 'analyst', 'investigator'];
const ADMINISTRATORS: Role[] = ['administrator'];
const NETWORK_READERS: Role[] = ['administrator', 'analyst', 'investigator'];
const ESTIMATORS: Role[] = ['administrator', 'analyst'];
const SENTINEL_ANALYSTS: Role[] = ['administrator', 'analyst'];
const SENTINEL_READERS: Role[] = ['administrator', 'analyst', 'investigator', 'field_researcher'];
const SENTINEL_COLLECTORS: Role[] = ['administrator', 'analyst', 'field_researcher'];
const SENTINEL_MANAGERS: Role[] = ['administrator', 'analyst'];

const EXPECTED: Record<string, Expectation> = {
  health: { public: true },
  docs: { public: true },
  'geo.provinces': { public: true },
  'publications.list': { public: true },
  'publications.read': { public: true },
  'session.create': { public: true },
  'session.read': { roles: EVERYONE, scope: 'none' },
  'session.delete': { roles: EVERYONE, scope: 'none' },
  'session.password': { roles: EVERYONE, scope: 'none' },
  'overview.read': { roles: RECORD_READERS, scope: 'records' },
  'records.list': { roles: RECORD_READERS, scope: 'records' },
  'records.read': { roles: RECORD_READERS, scope: 'records' },
  'records.search': { roles: RECORD_SEARCHERS, scope: 'records' },
  'records.export': { roles: RECORD_SEARCHERS, scope: 'records' },
  'linkage.candidates': { roles: RECORD_SEARCHERS, scope: 'records' },
  'linkage.decide': { roles: RECORD_SEARCHERS, scope: 'records' },
  'entities.read': { roles: RECORD_SEARCHERS, scope: 'records' },
  'entities.undo': { roles: RECORD_SEARCHERS, scope: 'records' },
  'audit.list': { roles: ADMINISTRATORS, scope: 'organisation' },
  'users.list': { roles: ADMINISTRATORS, scope: 'organisation' },
  'users.create': { roles: ADMINISTRATORS, scope: 'organisation' },
  'sharing.list': { roles: ADMINISTRATORS, scope: 'organisation' },
  'sharing.create': { roles: ADMINISTRATORS, scope: 'organisation' },
  'sharing.delete': { roles: ADMINISTRATORS, scope: 'organisation', otherStatus: 404 },
  'network.graph': { roles: NETWORK_READERS, scope: 'records' },
  'network.metrics': { roles: NETWORK_READERS, scope: 'records' },
  'network.communities': { roles: NETWORK_READERS, scope: 'records' },
  'network.keyplayers': { roles: NETWORK_READERS, scope: 'records' },
  'network.path': { roles: NETWORK_READERS, scope: 'records' },
  'money.patterns': { roles: NETWORK_READERS, scope: 'records' },
  'estimates.mse': { roles: ESTIMATORS, scope: 'none' },
  'estimates.rds': { roles: ESTIMATORS, scope: 'none' },
  'estimates.nsum': { roles: ESTIMATORS, scope: 'none' },
  'estimates.survey': { roles: ESTIMATORS, scope: 'none' },
  'estimates.list': { roles: ESTIMATORS, scope: 'none' },
  'estimates.read': { roles: ESTIMATORS, scope: 'organisation', otherStatus: 404 },
  'estimates.reproduce': { roles: ESTIMATORS, scope: 'organisation', otherStatus: 404 },
  'jobs.read': { roles: ESTIMATORS, scope: 'organisation', otherStatus: 404 },
  'sentinel.indicators': { roles: SENTINEL_ANALYSTS, scope: 'records' },
  'sentinel.datasheet': { roles: EVERYONE, scope: 'records' },
  'sentinel.sites.list': { roles: SENTINEL_READERS, scope: 'none' },
  'sentinel.sites.create': { roles: SENTINEL_MANAGERS, scope: 'records' },
  'sentinel.rounds.list': { roles: SENTINEL_READERS, scope: 'records' },
  'sentinel.rounds.create': { roles: SENTINEL_MANAGERS, scope: 'records' },
  'sentinel.plan.draw': { roles: SENTINEL_MANAGERS, scope: 'records' },
  'sentinel.outcomes.record': { roles: SENTINEL_COLLECTORS, scope: 'records' },
  'sentinel.selections.list': { roles: SENTINEL_READERS, scope: 'records' },
  'sentinel.instruments.list': { roles: SENTINEL_READERS, scope: 'none' },
  'sentinel.instruments.import': { roles: SENTINEL_MANAGERS, scope: 'none' },
  'sentinel.submissions.upload': { roles: SENTINEL_COLLECTORS, scope: 'records' },
  'sentinel.interviews.list': { roles: SENTINEL_READERS, scope: 'records' },
  'sentinel.classify': { roles: SENTINEL_MANAGERS, scope: 'records' },
};

const TABLE = { rows: [{ A: 1, B: 0, count: 10 }] };

interface Request {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
}

describeOnEachDatabase('authorisation matrix', (target) => {
  let world: World;
  let publicationId: number;
  const agreements = { own: 0, other: 0 };
  const runs = { own: 0, other: 0 };
  const jobs = { own: 0, other: 0 };
  /** A person entity made by a confirmed pair in each organisation, and the history entry that made it. */
  const entities = { own: { id: 0, history: 0 }, other: { id: 0, history: 0 } };
  const rounds = { own: 0, other: 0 };
  const callers = new Map<Role, Caller>();
  let counter = 0;

  /** The request each route gets, aimed at the caller's own organisation or at the other one. */
  const requestFor = (routeId: string, side: Side): Request => {
    const organisation = side === 'own' ? OWN : OTHER;
    const source = side === 'own' ? 'alpha-interviews' : 'beta-cases';
    const record = side === 'own' ? world.records['alpha-interviews'][0] : world.records['beta-cases'][0];
    const phone = encodeURIComponent(side === 'own' ? OWN_PHONE : OTHER_PHONE);
    const pair = side === 'own' ? world.records['alpha-cases'] : world.records['beta-cases'];
    const sentinelSite = `poipet-${side}`;
    counter++;
    const requests: Record<string, Request> = {
      health: { method: 'GET', url: '/api/health' },
      docs: { method: 'GET', url: '/api/docs' },
      'geo.provinces': { method: 'GET', url: '/api/geo/provinces' },
      'publications.list': { method: 'GET', url: '/api/publications' },
      'publications.read': { method: 'GET', url: `/api/publications/${publicationId}` },
      'session.create': {
        method: 'POST',
        url: '/api/session',
        payload: { email: world.email('reader', side), password: PASSWORD },
      },
      'session.read': { method: 'GET', url: '/api/session' },
      'session.delete': { method: 'DELETE', url: '/api/session' },
      'session.password': {
        method: 'PUT',
        url: '/api/session/password',
        payload: { currentPassword: PASSWORD, newPassword: 'short' },
      },
      'overview.read': { method: 'GET', url: '/api/overview' },
      'records.list': { method: 'GET', url: `/api/records?source=${source}` },
      'records.read': { method: 'GET', url: `/api/records/${record}` },
      'records.search': {
        method: 'GET',
        url: `/api/records/search?field=phone&value=${phone}`,
      },
      'records.export': { method: 'GET', url: `/api/records/export?source=${source}` },
      'linkage.candidates': { method: 'GET', url: `/api/linkage/candidates?source=${source}` },
      'linkage.decide': {
        method: 'POST',
        url: '/api/linkage/decisions',
        payload: { left: pair[0], right: pair[1], decision: 'reject' },
      },
      'entities.read': { method: 'GET', url: `/api/entities/${entities[side].id}` },
      'entities.undo': { method: 'POST', url: `/api/entities/history/${entities[side].history}/undo` },
      'audit.list': { method: 'GET', url: `/api/audit?organisation=${encodeURIComponent(organisation)}` },
      'users.list': { method: 'GET', url: `/api/users?organisation=${encodeURIComponent(organisation)}` },
      'users.create': {
        method: 'POST',
        url: '/api/users',
        payload: { email: `new${counter}@matrix.test`, role: 'reader', password: PASSWORD, organisation },
      },
      'sharing.list': { method: 'GET', url: `/api/sharing?organisation=${encodeURIComponent(organisation)}` },
      'sharing.delete': {
        method: 'DELETE',
        url: `/api/sharing/${side === 'own' ? agreements.own : agreements.other}`,
      },
      'sharing.create': {
        method: 'POST',
        url: '/api/sharing',
        payload: { owner: organisation, partner: side === 'own' ? OTHER : OWN, level: 'aggregate' },
      },
      'network.graph': { method: 'GET', url: `/api/network/graph?source=${source}` },
      'network.metrics': { method: 'GET', url: `/api/network/metrics?source=${source}` },
      'network.communities': { method: 'GET', url: `/api/network/communities?source=${source}&seed=2` },
      'network.keyplayers': { method: 'GET', url: `/api/network/keyplayers?source=${source}&k=2` },
      'network.path': { method: 'GET', url: `/api/network/path?source=${source}&from=a&to=b` },
      'money.patterns': { method: 'GET', url: `/api/money/patterns?source=${source}` },
      'estimates.mse': {
        method: 'POST',
        url: '/api/estimates/mse',
        payload: { input: TABLE, parameters: {} },
      },
      'estimates.rds': {
        method: 'POST',
        url: '/api/estimates/rds',
        payload: { input: TABLE, parameters: { outcome: 'A' } },
      },
      'estimates.nsum': {
        method: 'POST',
        url: '/api/estimates/nsum',
        payload: { survey: TABLE, known: TABLE, parameters: { hidden: ['A'], total: 1000 } },
      },
      'estimates.survey': {
        method: 'POST',
        url: '/api/estimates/survey',
        payload: { input: TABLE, parameters: { statistic: 'mean', variable: 'A' } },
      },
      'estimates.list': { method: 'GET', url: '/api/estimates' },
      'estimates.read': { method: 'GET', url: `/api/estimates/${runs[side]}` },
      'estimates.reproduce': { method: 'POST', url: `/api/estimates/${runs[side]}/reproduce` },
      'jobs.read': { method: 'GET', url: `/api/jobs/${jobs[side]}` },
      'sentinel.indicators': { method: 'GET', url: `/api/sentinel/rounds/${rounds[side]}/indicators` },
      'sentinel.datasheet': { method: 'GET', url: `/api/sentinel/rounds/${rounds[side]}/datasheet` },
      'sentinel.sites.list': { method: 'GET', url: '/api/sentinel/sites' },
      'sentinel.sites.create': {
        method: 'POST',
        url: '/api/sentinel/sites',
        payload: {
          code: `site${counter}`,
          name: `Site ${counter}`,
          place: 'KH-1',
          populationServed: 'deportees',
        },
      },
      'sentinel.rounds.list': { method: 'GET', url: `/api/sentinel/sites/${sentinelSite}/rounds` },
      'sentinel.rounds.create': {
        method: 'POST',
        url: `/api/sentinel/sites/${sentinelSite}/rounds`,
        payload: { label: `R${counter}`, startsOn: '2024-01-01', endsOn: '2024-01-31', targetSampleSize: 10 },
      },
      // Both refused by the service after the access check (no official counts; no such selection).
      'sentinel.plan.draw': {
        method: 'POST',
        url: `/api/sentinel/sites/${sentinelSite}/rounds/R1/plan`,
        payload: { kind: 'systematic', seed: 1 },
      },
      'sentinel.outcomes.record': {
        method: 'POST',
        url: `/api/sentinel/sites/${sentinelSite}/rounds/R1/outcomes`,
        payload: { outcomes: [{ code: 'R1-A1', outcome: 'refused' }] },
      },
      'sentinel.selections.list': {
        method: 'GET',
        url: `/api/sentinel/sites/${sentinelSite}/rounds/R1/selections`,
      },
      'sentinel.instruments.list': { method: 'GET', url: '/api/sentinel/instruments' },
      'sentinel.instruments.import': {
        method: 'POST',
        url: '/api/sentinel/instruments',
        payload: { survey: [], settings: [] },
      },
      'sentinel.submissions.upload': {
        method: 'POST',
        url: `/api/sentinel/sites/${sentinelSite}/rounds/R1/submissions`,
        payload: { formId: 'siren_sentinel_interview', rows: [{ 'person/age': '30' }] },
      },
      'sentinel.interviews.list': { method: 'GET', url: `/api/sentinel/sites/${sentinelSite}/interviews` },
      'sentinel.classify': {
        method: 'POST',
        url: `/api/sentinel/sites/${sentinelSite}/classify`,
        payload: { rules: 'palermo' },
      },
    };
    return requests[routeId];
  };

  beforeAll(async () => {
    world = await createWorld(target);
    publicationId = await insertPublication(world.store.database, {
      organisationId: world.organisations.own.id,
      kind: 'briefing',
      title: 'Deportations at Poipet, first half',
      summary: 'counts only',
      body: { text: 'aggregate figures' },
      published: true,
      createdBy: 'test',
    });
    for (const role of ROLES) callers.set(role, await world.signIn(role));
    const make = async (owner: number, partner: number) =>
      (
        await createAgreement(world.store.database, {
          ownerOrganisationId: owner,
          partnerOrganisationId: partner,
          sourceId: null,
          level: 'aggregate',
        })
      ).id;
    const third = await createOrganisation(world.store.database, 'Gamma Watch');
    agreements.other = Number(await make(world.organisations.other.id, Number(third.id)));
    agreements.own = Number(await make(world.organisations.own.id, world.organisations.other.id));
    for (const side of ['own', 'other'] as const) {
      const organisationId = world.organisations[side].id;
      runs[side] = await insertEstimateRun(world.store.database, world.store.cipher, {
        organisationId,
        method: 'mse',
        inputHash: '0'.repeat(64),
        inputSource: 'matrix.csv',
        request: {},
        parameters: {},
        seed: 1,
        results: { estimate: 1 },
        warnings: [],
        codeVersion: 'test',
        createdBy: 'test',
        jobId: null,
      });
      jobs[side] = await enqueueJob(world.store.database, world.store.cipher, {
        kind: 'reproduce',
        organisationId,
        runId: runs[side],
        createdBy: 'test',
      });
      const [left, right] = world.records[side === 'own' ? 'alpha-interviews' : 'beta-cases'];
      const made = await world.store.database.transaction((transaction) =>
        decideLinkagePair(transaction, { left, right, decision: 'confirm', actor: 'test' }),
      );
      entities[side] = { id: made.entities.left, history: made.history[0] };
      // A sentinel site (the field researcher's, by name) with a round and no interviews yet.
      const site = await createSite(world.store.database, {
        code: `poipet-${side}`,
        name: 'Poipet',
        placeCode: 'KH-1',
        populationServed: 'deportees',
        organisationId,
      });
      rounds[side] = Number(
        (
          await createRound(
            world.store.database,
            {
              siteId: site.id,
              label: 'R1',
              startsOn: '2024-01-01',
              endsOn: '2024-03-31',
              team: 'A',
              targetSampleSize: 400,
            },
            'test',
          )
        ).id,
      );
    }
  });
  beforeAll(async () => {
    const db = world.store.database;
    await importInstrument(db, await readXlsFormFile('instruments/sentinel-interview'), 'test');
  });
  afterAll(async () => world?.close());

  it('has an expectation for every route of the route table, and no other', () => {
    expect(ROUTES.map((route) => route.id).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('allows and denies every route for every role and for nobody, in own and other organisation', async () => {
    const failures: string[] = [];
    for (const route of ROUTES) {
      const expectation = EXPECTED[route.id];
      for (const side of ['own', 'other'] as const)
        for (const role of [undefined, ...ROLES]) {
          let caller = role ? callers.get(role) : undefined;
          if (role && route.id === 'session.delete') caller = await world.signIn(role);
          const request = requestFor(route.id, side);
          const response = await world.app.inject({
            method: request.method,
            url: request.url,
            payload: request.payload,
            headers: caller ? caller.headers : {},
          });
          const status = response.statusCode;
          const label = `${route.id} as ${role ?? 'nobody'} (${side}): ${status} ${response.body.slice(0, 120)}`;
          let expected: string;
          let ok: boolean;
          if ('public' in expectation) {
            expected = 'allowed';
            ok = status !== 401 && status !== 403;
          } else if (!role) {
            expected = '401';
            ok = status === 401;
          } else if (!expectation.roles.includes(role)) {
            expected = '403';
            ok = status === 403 && response.json().error.code === 'forbidden';
          } else if (side === 'other' && expectation.scope === 'organisation') {
            expected = `${expectation.otherStatus ?? 403} (other organisation)`;
            ok = status === (expectation.otherStatus ?? 403);
          } else if (side === 'other' && expectation.scope === 'records') {
            expected = "404 or nothing of the other organisation's";
            ok =
              (status === 404 || status === 200) &&
              !response.body.includes(UNIQUE_OTHER_NAME) &&
              !response.body.includes('beta-cases') &&
              !/"items":\[\{/.test(response.body) &&
              (route.id !== 'records.export' || response.body.trim().split('\n').length === 1);
          } else {
            expected = 'allowed';
            ok = status !== 401 && status !== 403 && status !== 404 && status < 500;
          }
          if (!ok) failures.push(`${label} — expected ${expected}`);
        }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every state-changing request with a session but without the CSRF token', async () => {
    const administrator = callers.get('administrator') as Caller;
    for (const route of ROUTES.filter((item) => item.method !== 'GET')) {
      const request = requestFor(route.id, 'own');
      const response = await world.app.inject({
        method: request.method,
        url: request.url,
        payload: request.payload,
        headers: { cookie: administrator.cookie },
      });
      expect(response.statusCode, route.id).toBe(403);
      expect(response.json().error.code, route.id).toBe('csrf');
    }
  });
});
