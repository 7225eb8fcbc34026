import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJobRunner, type JobRunner, runEstimate } from '../../src/jobs/index.ts';
import { mseRequest, PATTERNS } from '../jobs/fixtures.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { type Caller, createWorld, type World } from './support/world.ts';

describeOnEachDatabase('estimates API', (target) => {
  let world: World;
  let runner: JobRunner;
  let analyst: Caller;

  beforeAll(async () => {
    world = await createWorld(target);
    runner = createJobRunner(world.store, { pollMilliseconds: 20 });
    runner.start();
    analyst = await world.signIn('analyst');
  });
  afterAll(async () => {
    await runner?.stop();
    await world?.close();
  });

  const call = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    world.app.inject({ method, url, headers: caller.headers, payload: payload as Record<string, unknown> });

  async function finished(caller: Caller, jobId: number) {
    for (;;) {
      const response = await call(caller, 'GET', `/api/jobs/${jobId}`);
      expect(response.statusCode).toBe(200);
      const job = response.json();
      if (job.status === 'succeeded' || job.status === 'failed') return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('runs an estimate as a job, stores the run, reproduces it identically, and hides it from another organisation', async () => {
    const request = mseRequest();
    const started = await call(analyst, 'POST', '/api/estimates/mse', {
      input: {
        name: PATTERNS.file,
        columns: PATTERNS.columns,
        rows: PATTERNS.rows.map((row) => ({ ...row, count: Number(row.count) })),
      },
      parameters: request.parameters,
      seed: request.seed,
    });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    const job = await finished(analyst, jobId);
    expect(job).toMatchObject({ kind: 'estimate', status: 'succeeded', progress: 1, error: null });

    const read = await call(analyst, 'GET', `/api/estimates/${job.runId}`);
    expect(read.statusCode).toBe(200);
    const run = read.json();
    expect(run).toMatchObject({
      id: job.runId,
      method: 'mse',
      inputSource: 'input: patterns.csv',
      seed: 7,
      jobId,
    });
    expect(run.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.codeVersion).toMatch(/^0\.1\.0/);
    expect(run.parameters).toMatchObject({ method: 'main', ci: 'bootstrap', replicates: 40, level: 0.95 });
    expect(run.results).toEqual(runEstimate(request).results);
    const listed = (await call(analyst, 'GET', '/api/estimates')).json().items;
    const ci = run.results.ci as { lower: number; upper: number; level: number };
    const headline = listed.find((item: { id: number }) => item.id === job.runId).headline;
    expect(run.headline).toEqual(headline);
    expect(headline).toEqual({
      label: 'population',
      estimate: run.results.estimate,
      lower: ci.lower,
      upper: ci.upper,
      level: 0.95,
    });

    const reproduce = await call(analyst, 'POST', `/api/estimates/${job.runId}/reproduce`);
    expect(reproduce.statusCode).toBe(202);
    const reproduction = await finished(analyst, reproduce.json().jobId);
    expect(reproduction).toMatchObject({ kind: 'reproduce', status: 'succeeded', runId: job.runId });
    expect(reproduction.reproduction).toMatchObject({ identical: true, differences: [] });

    const stranger = await world.signIn('analyst', 'other');
    expect((await call(stranger, 'GET', `/api/estimates/${job.runId}`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', `/api/jobs/${jobId}`)).statusCode).toBe(404);
    expect((await call(stranger, 'POST', `/api/estimates/${job.runId}/reproduce`)).statusCode).toBe(404);
    expect((await call(stranger, 'GET', '/api/estimates')).json().items).toEqual([]);
    expect((await call(await world.signIn('reader'), 'GET', `/api/estimates/${job.runId}`)).statusCode).toBe(
      403,
    );
  }, 120_000);

  it('answers 400 naming the field of a bad body, and records an estimator failure in the job', async () => {
    const invalid = await call(analyst, 'POST', '/api/estimates/rds', {
      input: { rows: [] },
      parameters: {},
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().error.field).toBe('body.parameters.outcome');

    const started = await call(analyst, 'POST', '/api/estimates/survey', {
      input: {
        name: 'survey.csv',
        rows: [
          { weight: 2, income: 5 },
          { weight: 'heavy', income: 3 },
        ],
      },
      parameters: { statistic: 'mean', variable: 'income', weights: 'weight' },
    });
    expect(started.statusCode).toBe(202);
    const job = await finished(analyst, started.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('survey.csv');
    expect(job.error).toContain('row 3, column weight');
    expect(job.runId).toBeNull();
  }, 120_000);

  it('describes the estimate routes in the OpenAPI document', async () => {
    const document = (await world.app.inject({ method: 'GET', url: '/api/docs' })).json();
    expect(document.paths['/api/estimates/mse'].post.requestBody).toBeDefined();
    expect(document.paths['/api/jobs/{id}'].get.responses[200]).toBeDefined();
  });
});
