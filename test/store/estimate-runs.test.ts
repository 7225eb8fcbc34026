import { afterEach, beforeEach, expect, it } from 'vitest';
import { runEstimate, saveEstimateRun, storedRunRequest } from '../../src/jobs/index.ts';
import type { Database, Store } from '../../src/store/index.ts';
import { findEstimateRun, listEstimateRuns } from '../../src/store/repositories/estimate-runs.ts';
import {
  claimNextJob,
  enqueueJob,
  failJob,
  findJob,
  finishJob,
  reportJobProgress,
} from '../../src/store/repositories/jobs.ts';
import { createOrganisation } from '../../src/store/repositories/organisations.ts';
import { mseRequest } from '../jobs/fixtures.ts';
import { describeOnEachDatabase, testCipher } from '../support/databases.ts';

describeOnEachDatabase('estimate runs and jobs repositories', (target) => {
  let database: Database;
  let store: Store;
  let alpha: number;
  let beta: number;

  beforeEach(async () => {
    database = await target.open();
    store = { database, cipher: testCipher() };
    alpha = Number((await createOrganisation(database, 'Alpha')).id);
    beta = Number((await createOrganisation(database, 'Beta')).id);
  });
  afterEach(async () => database.close());

  it('stores a run with its input sealed, lists and reads it within its organisation only', async () => {
    const request = mseRequest();
    const outcome = runEstimate(request);
    const id = await saveEstimateRun(database, store, request, outcome, {
      organisationId: alpha,
      createdBy: 'test',
      codeVersion: '0.1.0+abc',
      jobId: null,
    });
    const run = await findEstimateRun(database, id, { organisationId: alpha });
    expect(run).toMatchObject({
      method: 'mse',
      inputSource: 'patterns.csv',
      seed: 7,
      codeVersion: '0.1.0+abc',
      parameters: request.parameters,
      warnings: outcome.warnings,
    });
    expect(run?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run?.results).toEqual(outcome.results);
    expect(await findEstimateRun(database, id, { organisationId: beta })).toBeUndefined();
    expect((await listEstimateRuns(database, { organisationId: alpha })).map((item) => item.id)).toEqual([
      id,
    ]);
    expect(await listEstimateRuns(database, { organisationId: beta })).toEqual([]);
    expect(await listEstimateRuns(database, 'all')).toHaveLength(1);

    const { rows } = await database.query<{ sealed: Buffer }>(
      'SELECT input_sealed AS sealed FROM estimate_runs WHERE id = $1',
      [id],
    );
    expect(rows[0].sealed.toString('latin1')).not.toContain('patterns.csv');
    expect(await storedRunRequest(store, id, { organisationId: beta })).toBeUndefined();
    expect(await storedRunRequest(store, id, { organisationId: alpha })).toEqual(request);
  });

  it('gives a queued job to one claimer only, records progress, and erases the sealed request when it ends', async () => {
    const first = await enqueueJob(database, store.cipher, {
      kind: 'estimate',
      organisationId: alpha,
      request: mseRequest(),
      createdBy: 'test',
    });
    const second = await enqueueJob(database, store.cipher, {
      kind: 'estimate',
      organisationId: beta,
      request: mseRequest(8),
      createdBy: 'test',
    });
    const claims = await Promise.all([
      claimNextJob(database, store.cipher, 'runner-1'),
      claimNextJob(database, store.cipher, 'runner-2'),
      claimNextJob(database, store.cipher, 'runner-3'),
    ]);
    const claimed = claims.filter((job) => job !== undefined).map((job) => job.id);
    expect(claimed.sort()).toEqual([first, second].sort());
    expect(claims.find((job) => job?.id === first)?.request).toEqual(mseRequest());

    await reportJobProgress(database, first, 0.4);
    expect(await findJob(database, first, { organisationId: alpha })).toMatchObject({
      status: 'running',
      progress: 0.4,
      attempts: 1,
    });
    expect(await findJob(database, first, { organisationId: beta })).toBeUndefined();

    const request = mseRequest();
    const runId = await saveEstimateRun(database, store, request, runEstimate(request), {
      organisationId: alpha,
      createdBy: 'test',
      codeVersion: 'v',
      jobId: first,
    });
    await finishJob(database, first, { runId });
    await failJob(database, second, 'input.csv row 3: not a count');
    expect(await findJob(database, first, 'all')).toMatchObject({ status: 'succeeded', progress: 1, runId });
    expect(await findJob(database, second, 'all')).toMatchObject({
      status: 'failed',
      error: 'input.csv row 3: not a count',
    });
    const { rows } = await database.query<{ sealed: Buffer | null }>(
      'SELECT request_sealed AS sealed FROM jobs ORDER BY id',
    );
    expect(rows.map((row) => row.sealed)).toEqual([null, null]);
    expect(await claimNextJob(database, store.cipher, 'runner-1')).toBeUndefined();
  });
});
