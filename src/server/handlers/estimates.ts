import { z } from 'zod';
import {
  ESTIMATE_METHOD_NAMES,
  ESTIMATE_METHODS,
  type EstimateMethodName,
  estimateBodySchema,
  requestFromBody,
} from '../../jobs/index.ts';
import { findEstimateRun } from '../../store/repositories/estimate-runs.ts';
import { enqueueJob, findJob } from '../../store/repositories/jobs.ts';
import { notFound } from '../http-error.ts';
import { defineRoute } from '../route-types.ts';
import { empty, idParams } from '../schemas.ts';
import { estimateHeadline, listRunsWithHeadline } from '../services/estimates.ts';

/**
 * Estimates over the API: a run is started as a job (bootstraps, SS-PSE and LCMCR take seconds) and
 * answered 202 with the job's id; the job, once done, names the stored run. Runs and jobs belong to
 * the caller's organisation: anyone else's answer 404. Reproducing a run executes it again from its
 * sealed input, as a job whose outcome says whether the results are identical.
 */
const ESTIMATES_LIMIT = 8 * 1024 * 1024;

const jobAccepted = z.object({
  jobId: z.number().int(),
  status: z.literal('queued'),
  poll: z.string().describe('GET this URL until status is succeeded or failed'),
});

const reproduction = z.object({
  originalRunId: z.number().int(),
  identical: z.boolean(),
  differences: z.array(z.string()).describe('JSON paths of the first differences (at most 20)'),
  originalCodeVersion: z.string(),
  codeVersion: z.string(),
});

const jobResponse = z.object({
  id: z.number().int(),
  kind: z.enum(['estimate', 'reproduce']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  progress: z.number().min(0).max(1),
  runId: z.number().int().nullable().describe('the run stored (estimate) or executed again (reproduce)'),
  reproduction: reproduction.nullable(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const runSummary = z.object({
  id: z.number().int(),
  method: z.string().describe(`one of ${ESTIMATE_METHOD_NAMES.join(', ')}`),
  inputHash: z.string().describe('SHA-256 of the canonical input tables'),
  inputSource: z.string().nullable(),
  seed: z.number().int().nullable(),
  codeVersion: z.string().describe('package version + git commit'),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  jobId: z.number().int().nullable(),
});

const headline = z
  .object({
    label: z.string(),
    estimate: z.number(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    level: z.number().nullable(),
  })
  .nullable()
  .describe(
    'the figure a listing shows (MSE population, survey estimate, first RDS level or NSUM population) and its interval',
  );

const listedRun = runSummary.extend({ headline });

const runResponse = runSummary.extend({
  headline,
  parameters: z.record(z.string(), z.unknown()),
  results: z.record(z.string(), z.unknown()).describe('what `siren estimate <method> --json` prints'),
  warnings: z.array(z.string()),
});

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }).strict();

const ACCESS_RUN = { kind: 'session', permission: 'estimates:run', scope: 'organisation' } as const;
const ACCESS_READ = { kind: 'session', permission: 'estimates:read', scope: 'organisation' } as const;

function startRoute(name: EstimateMethodName) {
  return defineRoute({
    id: `estimates.${name}`,
    method: 'POST',
    url: `/api/estimates/${name}`,
    tag: 'estimates',
    summary: `Start a ${name} estimate (input ${ESTIMATE_METHODS[name].tables.join(' and ')} table, parameters${ESTIMATE_METHODS[name].seeded ? ', seed' : ''}) as a job: 202 with the job id`,
    access: ACCESS_RUN,
    bodyLimit: ESTIMATES_LIMIT,
    body: estimateBodySchema(name),
    response: jobAccepted,
    handler: async ({ body, user, store, reply, auditedChange }) => {
      if (!user) return undefined;
      const request = requestFromBody(name, body);
      const jobId = await auditedChange(
        (transaction) =>
          enqueueJob(transaction, store.cipher, {
            kind: 'estimate',
            organisationId: user.organisationId,
            request,
            createdBy: `user:${user.email}`,
          }),
        (id) => ({
          action: 'estimate.start',
          targetType: 'job',
          targetId: String(id),
          details: { method: name, source: request.source },
        }),
      );
      reply.code(202);
      return { jobId, status: 'queued' as const, poll: `/api/jobs/${jobId}` };
    },
  });
}

export const estimateRoutes = [
  ...ESTIMATE_METHOD_NAMES.map(startRoute),
  defineRoute({
    id: 'jobs.read',
    method: 'GET',
    url: '/api/jobs/:id',
    tag: 'estimates',
    summary:
      "A job of the caller's organisation: status, progress, the run it stored, or its error (404 for anyone else's)",
    access: ACCESS_READ,
    params: idParams,
    response: jobResponse,
    handler: async ({ params, user, store }) => {
      if (!user) return undefined;
      const job = await findJob(store.database, params.id, { organisationId: user.organisationId });
      if (!job) throw notFound('job');
      const { organisationId: _organisation, outcome, attempts: _attempts, ...rest } = job;
      return {
        ...rest,
        reproduction: job.kind === 'reproduce' && outcome ? reproduction.parse(outcome) : null,
      };
    },
  }),
  defineRoute({
    id: 'estimates.list',
    method: 'GET',
    url: '/api/estimates',
    tag: 'estimates',
    summary:
      "The caller's organisation's stored estimate runs, newest first, each with its headline estimate",
    access: ACCESS_READ,
    query: listQuery,
    response: z.object({ items: z.array(listedRun) }),
    handler: async ({ query, user, store }) => {
      if (!user) return undefined;
      const runs = await listRunsWithHeadline(
        store.database,
        { organisationId: user.organisationId },
        query.limit,
      );
      return { items: runs.map(({ organisationId: _organisation, ...run }) => run) };
    },
  }),
  defineRoute({
    id: 'estimates.read',
    method: 'GET',
    url: '/api/estimates/:id',
    tag: 'estimates',
    summary:
      "One stored run: input hash and source, parameters, seed, results, warnings, code version (404 for anyone else's)",
    access: ACCESS_READ,
    params: idParams,
    response: runResponse,
    handler: async ({ params, user, store }) => {
      if (!user) return undefined;
      const run = await findEstimateRun(store.database, params.id, { organisationId: user.organisationId });
      if (!run) throw notFound('estimate run');
      const { organisationId: _organisation, ...rest } = run;
      return { ...rest, headline: estimateHeadline(run.method, run.results) ?? null };
    },
  }),
  defineRoute({
    id: 'estimates.reproduce',
    method: 'POST',
    url: '/api/estimates/:id/reproduce',
    tag: 'estimates',
    summary:
      'Execute a stored run again from its sealed input, as a job: 202 with the job id; the finished job says whether the results are identical',
    access: ACCESS_RUN,
    params: idParams,
    body: empty.optional(),
    response: jobAccepted,
    handler: async ({ params, user, store, reply, auditedChange }) => {
      if (!user) return undefined;
      const run = await findEstimateRun(store.database, params.id, { organisationId: user.organisationId });
      if (!run) throw notFound('estimate run');
      const jobId = await auditedChange(
        (transaction) =>
          enqueueJob(transaction, store.cipher, {
            kind: 'reproduce',
            organisationId: user.organisationId,
            runId: run.id,
            createdBy: `user:${user.email}`,
          }),
        (id) => ({
          action: 'estimate.reproduce',
          targetType: 'estimate_run',
          targetId: String(run.id),
          details: { jobId: id },
        }),
      );
      reply.code(202);
      return { jobId, status: 'queued' as const, poll: `/api/jobs/${jobId}` };
    },
  }),
];
