import { afterAll, beforeAll, expect, it } from 'vitest';
import { readXlsFormFile } from '../../src/ingest/xlsform/index.ts';
import { importInstrument, planRound, registerSite } from '../../src/server/services/sentinel.ts';
import { createRound } from '../../src/store/repositories/sentinel-rounds.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { type Caller, createWorld, type World } from './support/world.ts';

const SECRET_BROKER = 'Mr Vornsecretname';

describeOnEachDatabase('sentinel API', (target) => {
  let world: World;
  let analyst: Caller;
  let researcher: Caller;
  beforeAll(async () => {
    world = await createWorld(target);
    const db = world.store.database;
    const organisationId = world.organisations.own.id;
    const poipet = await registerSite(db, {
      code: 'poipet',
      name: 'Poipet',
      place: 'KH-1',
      crossing: 'KH-TH-01',
      populationServed: 'deportees',
      organisationId,
    });
    await registerSite(db, {
      code: 'bavet',
      name: 'Bavet',
      place: 'KH-20',
      populationServed: 'deportees',
      organisationId,
    });
    const round = await createRound(
      db,
      {
        siteId: poipet.id,
        label: 'R1',
        startsOn: '2024-01-01',
        endsOn: '2024-01-31',
        team: '',
        targetSampleSize: 3,
      },
      'test',
    );
    await planRound(db, poipet, round, {
      kind: 'given',
      plan: {
        kind: 'systematic',
        seed: null,
        strata: [
          {
            stratum: 'poipet|R1',
            site: 'poipet',
            week: 'R1',
            expectedCount: 6,
            sampleSize: 3,
            interval: 2,
            randomStart: 1,
            selectionProbability: 0.5,
            selectedArrivals: [1, 3, 5],
          },
        ],
      },
    });
    await importInstrument(db, await readXlsFormFile('instruments/sentinel-interview'), 'test');
    analyst = await world.signIn('analyst');
    researcher = await world.signIn('field_researcher');
  });
  afterAll(async () => world?.close());

  const call = (
    caller: Caller | undefined,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
  ) => world.app.inject({ method, url, payload, headers: caller ? caller.headers : {} });

  const row = {
    'selection/selection_code': 'R1-A3',
    'selection/interview_date': '2024-01-10',
    'selection/consent': 'OK',
    'person/sex': 'female',
    'person/age': '24',
    'broker/recruited_by': 'broker',
    'broker/broker_name': SECRET_BROKER,
    'wages/wages_withheld': 'yes',
    _uuid: 'api-1',
    _submission_time: '2024-01-10T10:00:00',
  };

  it('uploads JSON rows, refuses them again, and lets a field researcher see only their own site, without personal answers', async () => {
    const upload = await call(analyst, 'POST', '/api/sentinel/sites/poipet/rounds/R1/submissions', {
      formId: 'siren_sentinel_interview',
      rows: [row],
    });
    expect(upload.statusCode, upload.body).toBe(200);
    expect(upload.json()).toMatchObject({ imported: 1 });

    const again = await call(researcher, 'POST', '/api/sentinel/sites/poipet/rounds/R1/submissions', {
      formId: 'siren_sentinel_interview',
      rows: [row],
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('row 2, column instance id: "api-1" was imported before');

    const sites = await call(researcher, 'GET', '/api/sentinel/sites');
    expect(sites.json().items.map((site: { code: string }) => site.code)).toEqual(['poipet']);
    expect((await call(researcher, 'GET', '/api/sentinel/sites/bavet/rounds')).statusCode).toBe(404);
    expect((await call(researcher, 'GET', '/api/sentinel/sites/bavet/interviews')).statusCode).toBe(404);
    expect((await call(analyst, 'GET', '/api/sentinel/sites/bavet/rounds')).statusCode).toBe(200);

    const interviews = await call(researcher, 'GET', '/api/sentinel/sites/poipet/interviews?round=R1');
    expect(interviews.statusCode).toBe(200);
    expect(interviews.json().items).toEqual([
      expect.objectContaining({
        instanceId: 'api-1',
        selectionCode: 'R1-A3',
        designWeight: 2,
        hasPersonalAnswers: true,
      }),
    ]);
    expect(interviews.body).not.toContain(SECRET_BROKER);

    const selections = await call(researcher, 'GET', '/api/sentinel/sites/poipet/rounds/R1/selections');
    expect(
      selections.json().items.map((item: { code: string; outcome: string }) => [item.code, item.outcome]),
    ).toEqual([
      ['R1-A1', 'pending'],
      ['R1-A3', 'completed'],
      ['R1-A5', 'pending'],
    ]);

    expect(
      (await call(researcher, 'POST', '/api/sentinel/sites/poipet/classify', { rules: 'ilo-2012' }))
        .statusCode,
    ).toBe(403);
    const classified = await call(analyst, 'POST', '/api/sentinel/sites/poipet/classify', {
      rules: 'ilo-2012',
      compare: 'palermo',
    });
    expect(classified.statusCode, classified.body).toBe(200);
    expect(classified.json()).toMatchObject({ interviews: 1, ruleSet: { id: 'ilo-2012-forced-labour' } });
  });

  it('draws a plan over the API, records a refusal and its replacement, then keeps the plan fixed', async () => {
    const created = await call(analyst, 'POST', '/api/sentinel/sites/bavet/rounds', {
      label: 'B1',
      startsOn: '2024-01-29',
      endsOn: '2024-02-11',
      targetSampleSize: 20,
    });
    expect(created.statusCode, created.body).toBe(200);
    const draw = { kind: 'systematic', seed: 7, expectedPerWeek: 100 };
    expect(
      (await call(researcher, 'POST', '/api/sentinel/sites/bavet/rounds/B1/plan', draw)).statusCode,
    ).toBe(403);
    const drawn = await call(analyst, 'POST', '/api/sentinel/sites/bavet/rounds/B1/plan', draw);
    expect(drawn.statusCode, drawn.body).toBe(200);
    expect(drawn.json()).toMatchObject({ round: { label: 'B1', planKind: 'systematic', planSeed: 7 } });
    const listed = await call(analyst, 'GET', '/api/sentinel/sites/bavet/rounds/B1/selections');
    expect(listed.json().items).toHaveLength(drawn.json().selections);
    const [first, second] = listed.json().items.map((item: { code: string }) => item.code);
    const bad = await call(analyst, 'POST', '/api/sentinel/sites/bavet/rounds/B1/outcomes', {
      outcomes: [{ code: `${first}+1`, outcome: 'completed', replaces: second }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('replaces a selection that was not refused');
    const recorded = await call(analyst, 'POST', '/api/sentinel/sites/bavet/rounds/B1/outcomes', {
      outcomes: [
        { code: first, outcome: 'refused' },
        { code: `${first}+1`, outcome: 'completed', replaces: first },
      ],
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toEqual({ updated: 1, added: 1 });
    const after = await call(analyst, 'GET', '/api/sentinel/sites/bavet/rounds/B1/selections');
    expect(
      after
        .json()
        .items.filter((item: { outcome: string }) => item.outcome !== 'pending')
        .map((item: { code: string; outcome: string; replacement: boolean }) => [
          item.code,
          item.outcome,
          item.replacement,
        ]),
    ).toEqual([
      [first, 'refused', false],
      [`${first}+1`, 'completed', true],
    ]);
    const redraw = await call(analyst, 'POST', '/api/sentinel/sites/bavet/rounds/B1/plan', {
      ...draw,
      seed: 8,
    });
    expect(redraw.statusCode).not.toBe(200);
    expect(redraw.json().error.message).toMatch(/can no longer change/);
  });
});
