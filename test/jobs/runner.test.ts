import { afterEach, beforeEach, expect, it } from 'vitest';
import { createJobRunner, type EstimateExecutor, runEstimate } from '../../src/jobs/index.ts';
import type { Database, Store } from '../../src/store/index.ts';
import { findEstimateRun } from '../../src/store/repositories/estimate-runs.ts';
import { beatJob, claimNextJob, enqueueJob, findJob } from '../../src/store/repositories/jobs.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';
import { mseRequest, PATTERNS } from './fixtures.ts';

describeOnEachDatabase('job runner', (target) => {
  let database: Database;
  let store: Store;
  let organisationId: number;

  beforeEach(async () => {
    database = await target.open();
    store = { database, cipher: testCipher() };
    organisationId = Number((await createOrganisation(database, 'Alpha')).id);
  });
  afterEach(async () => database.close());

  const enqueue = (request: unknown) =>
    enqueueJob(database, store.cipher, { kind: 'estimate', organisationId, request, createdBy: 'user:a@x' });

  it('writes progress while the estimate runs and stores the run when it ends', async () => {
    const seen: number[] = [];
    let release: () => void = () => {};
    const halfway = new Promise<void>((resolve) => {
      release = resolve;
    });
    const execute: EstimateExecutor = async (request, onProgress) => {
      onProgress(0.5);
      await halfway;
      return runEstimate(request);
    };
    const jobId = await enqueue(mseRequest());
    const runner = createJobRunner(store, { execute, progressMilliseconds: 0, codeVersion: '9.9.9+test' });
    const done = runner.runNext();
    for (let wait = 0; wait < 100; wait++) {
      const job = await findJob(database, jobId, 'all');
      seen.push(job?.progress ?? -1);
      if (job?.progress === 0.5) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(seen.at(-1)).toBe(0.5);
    release();
    expect(await done).toBe(true);
    const job = await findJob(database, jobId, 'all');
    expect(job).toMatchObject({ status: 'succeeded', progress: 1 });
    const run = await findEstimateRun(database, job?.runId as number, { organisationId });
    expect(run).toMatchObject({ method: 'mse', codeVersion: '9.9.9+test', createdBy: 'user:a@x', jobId });
    expect(run?.results).toEqual(runEstimate(mseRequest()).results);
    expect(await runner.runNext()).toBe(false);
  });

  it('records a failure with the estimator’s message', async () => {
    const bad = mseRequest();
    bad.tables.input = { ...PATTERNS, rows: [{ A: '1', B: '0', C: '0', count: 'many' }] };
    const jobId = await enqueue(bad);
    const runner = createJobRunner(store, { execute: async (request) => runEstimate(request) });
    await runner.runNext();
    const job = await findJob(database, jobId, 'all');
    expect(job?.status).toBe('failed');
    expect(job?.error).toContain('patterns.csv');
    expect(job?.error).toContain('count');
    expect(job?.runId).toBeNull();
  });

  it('runs each job once when two runners poll the same queue', async () => {
    const ids = [await enqueue(mseRequest(1)), await enqueue(mseRequest(2)), await enqueue(mseRequest(3))];
    const executed: number[] = [];
    const execute: EstimateExecutor = async (request) => {
      executed.push(request.seed as number);
      return runEstimate(request);
    };
    const runners = [createJobRunner(store, { execute }), createJobRunner(store, { execute })];
    while ((await Promise.all(runners.map((runner) => runner.runNext()))).some(Boolean));
    expect(executed.sort()).toEqual([1, 2, 3]);
    for (const id of ids) expect((await findJob(database, id, 'all'))?.status).toBe('succeeded');
  });

  it('takes back a job whose runner died, and fails it once it has used up its attempts', async () => {
    const execute: EstimateExecutor = async (request) => runEstimate(request);
    const abandon = async (jobId: number) => {
      await claimNextJob(database, store.cipher, 'dead-runner');
      await database.query(`UPDATE jobs SET heartbeat_at = now() - interval '5 minutes' WHERE id = $1`, [
        jobId,
      ]);
    };
    const recovered = await enqueue(mseRequest(4));
    await abandon(recovered);
    const runner = createJobRunner(store, { execute, maxAttempts: 2 });
    expect(await runner.runNext()).toBe(true);
    expect(await findJob(database, recovered, 'all')).toMatchObject({ status: 'succeeded', attempts: 2 });

    const doomed = await enqueue(mseRequest(5));
    await abandon(doomed);
    await database.query(`UPDATE jobs SET attempts = 2 WHERE id = $1`, [doomed]);
    expect(await runner.runNext()).toBe(false);
    const failed = await findJob(database, doomed, 'all');
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('abandoned');
  });

  it('leaves a job alone while its runner keeps beating', async () => {
    const jobId = await enqueue(mseRequest(6));
    await claimNextJob(database, store.cipher, 'live-runner');
    await beatJob(database, jobId);
    const runner = createJobRunner(store, { execute: async (request) => runEstimate(request) });
    expect(await runner.runNext()).toBe(false);
    expect((await findJob(database, jobId, 'all'))?.status).toBe('running');
  });

  it('computes in a worker thread, and a reproduction finds the results identical', async () => {
    const jobId = await enqueue(mseRequest());
    const runner = createJobRunner(store, { pollMilliseconds: 20 });
    runner.start();
    const waitFor = async (id: number) => {
      for (;;) {
        const job = await findJob(database, id, 'all');
        if (job?.status === 'succeeded' || job?.status === 'failed') return job;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const job = await waitFor(jobId);
    expect(job.error).toBeNull();
    const reproduceId = await enqueueJob(database, store.cipher, {
      kind: 'reproduce',
      organisationId,
      runId: job.runId as number,
      createdBy: 'user:a@x',
    });
    const reproduction = await waitFor(reproduceId);
    await runner.stop();
    expect(reproduction).toMatchObject({ status: 'succeeded', runId: job.runId });
    expect(reproduction.outcome).toMatchObject({ identical: true, differences: [] });
  }, 60_000);
});
