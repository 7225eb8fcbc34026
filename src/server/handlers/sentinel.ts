import { z } from 'zod';
import { UserError } from '../../domain/errors.ts';
import type { Table } from '../../ingest/read-table.ts';
import { submissionTableFromBytes } from '../../ingest/submissions.ts';
import { parseXlsForm, type Sheet, type XlsForm } from '../../ingest/xlsform/index.ts';
import type { Queryable } from '../../store/database.ts';
import { findInstrument, listInstruments } from '../../store/repositories/sentinel-instruments.ts';
import { listInterviews } from '../../store/repositories/sentinel-interviews.ts';
import {
  createRound,
  findRound,
  listRounds,
  listSelections,
} from '../../store/repositories/sentinel-rounds.ts';
import {
  findSite,
  listSites,
  type SentinelScope,
  type SentinelSite,
} from '../../store/repositories/sentinel-sites.ts';
import type { User } from '../../store/repositories/users.ts';
import { sentinelScope } from '../access.ts';
import { defineRoute } from '../route-types.ts';
import {
  classifyInterviews,
  importInstrument,
  importSubmissions,
  planRound,
  RULE_SETS,
  recordFieldOutcomes,
  registerSite,
} from '../services/sentinel.ts';

/**
 * Sentinel surveillance over the API: sites, rounds, drawing a round's plan, selections and their
 * field outcomes (refusals, replacements), instruments, submission uploads (JSON rows, or a
 * CSV/XLSX export in base64) and classification. Every site-bound route finds the
 * site through the caller's sentinel scope (`sentinelScope` in access.ts): their organisation, and
 * for field researchers only the site on their account; any other site does not exist (404).
 */
const UPLOAD_LIMIT = 16 * 1024 * 1024;
const ACCESS_READ = { kind: 'session', permission: 'sentinel:read', scope: 'records' } as const;
const ACCESS_COLLECT = { kind: 'session', permission: 'sentinel:collect', scope: 'records' } as const;
const ACCESS_MANAGE = { kind: 'session', permission: 'sentinel:manage', scope: 'records' } as const;

const siteParams = z.object({ site: z.string().min(1).max(100) }).strict();
const roundParams = z
  .object({ site: z.string().min(1).max(100), round: z.string().min(1).max(100) })
  .strict();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date yyyy-mm-dd');

const siteView = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  placeCode: z.string(),
  crossingCode: z.string().nullable(),
  populationServed: z.string(),
  organisationId: z.number(),
});
const roundView = z.object({
  id: z.number(),
  siteId: z.number(),
  label: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  team: z.string(),
  targetSampleSize: z.number(),
  planKind: z.string().nullable(),
  planSeed: z.number().nullable(),
});
const selectionView = z.object({
  code: z.string(),
  stratum: z.string(),
  arrivalNumber: z.number().nullable(),
  slot: z.string().nullable(),
  scheduledDay: z.string().nullable(),
  scheduledStart: z.string().nullable(),
  scheduledEnd: z.string().nullable(),
  selectionProbability: z.number(),
  outcome: z.string(),
  replacement: z.boolean(),
  interviewInstanceId: z.string().nullable(),
});
const interviewView = z.object({
  instanceId: z.string(),
  roundId: z.number(),
  selectionCode: z.string(),
  interviewedOn: z.string().nullable(),
  selectionProbability: z.number(),
  designWeight: z.number(),
  weight: z.number().nullable(),
  answers: z.record(z.string(), z.unknown()).describe('non-personal answers by stable question id'),
  canonicalAnswers: z.record(z.string(), z.unknown()),
  hasPersonalAnswers: z.boolean(),
});
const sheetRows = z.array(z.record(z.string(), z.string())).max(5_000);

function scopeOf(user: User | undefined): SentinelScope {
  if (!user) throw new UserError('sign in first', 'unauthenticated');
  return sentinelScope(user);
}

function publicRound(round: Awaited<ReturnType<typeof findRound>>) {
  const { plan: _plan, ...rest } = round;
  return rest;
}

async function siteAndRound(db: Queryable, user: User | undefined, params: { site: string; round: string }) {
  const site = await findSite(db, scopeOf(user), params.site);
  return { site, round: await findRound(db, site.id, params.round) };
}

function sheetOf(name: string, rows: readonly Record<string, string>[]): Sheet {
  const columns: string[] = [];
  for (const row of rows)
    for (const column of Object.keys(row)) if (!columns.includes(column)) columns.push(column);
  return { name, columns, rows: rows.map((cells, index) => ({ row: index + 2, cells })) };
}

function tableOf(fileName: string, rows: readonly Record<string, string>[]): Table {
  const sheet = sheetOf(fileName, rows);
  return {
    file: fileName,
    columns: sheet.columns,
    rows: rows.map((row) => Object.fromEntries(sheet.columns.map((column) => [column, row[column] ?? '']))),
  };
}

export const sentinelRoutes = [
  defineRoute({
    id: 'sentinel.sites.list',
    method: 'GET',
    url: '/api/sentinel/sites',
    tag: 'sentinel',
    summary: 'The sentinel sites the caller may see (field researchers: their own site only)',
    access: ACCESS_READ,
    response: z.object({ items: z.array(siteView) }),
    handler: async ({ user, store }) => ({ items: await listSites(store.database, scopeOf(user)) }),
  }),
  defineRoute({
    id: 'sentinel.sites.create',
    method: 'POST',
    url: '/api/sentinel/sites',
    tag: 'sentinel',
    summary: "Add a sentinel site of the caller's organisation: a gazetteer province, optionally a crossing",
    access: ACCESS_MANAGE,
    body: z
      .object({
        code: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/)
          .max(60),
        name: z.string().min(1).max(200),
        place: z.string().min(1).max(200),
        crossing: z.string().max(200).optional(),
        populationServed: z.string().min(1).max(500),
      })
      .strict(),
    response: siteView,
    handler: async ({ body, user, auditedChange }) => {
      const scope = scopeOf(user);
      return auditedChange(
        (transaction) => registerSite(transaction, { ...body, organisationId: scope.organisationId }),
        (site: SentinelSite) => ({
          action: 'sentinel.site.create',
          targetType: 'sentinel_site',
          targetId: String(site.id),
        }),
      );
    },
  }),
  defineRoute({
    id: 'sentinel.rounds.list',
    method: 'GET',
    url: '/api/sentinel/sites/:site/rounds',
    tag: 'sentinel',
    summary: 'The rounds of a site',
    access: ACCESS_READ,
    params: siteParams,
    response: z.object({ items: z.array(roundView) }),
    handler: async ({ params, user, store }) => {
      const site = await findSite(store.database, scopeOf(user), params.site);
      return { items: (await listRounds(store.database, site.id)).map(publicRound) };
    },
  }),
  defineRoute({
    id: 'sentinel.rounds.create',
    method: 'POST',
    url: '/api/sentinel/sites/:site/rounds',
    tag: 'sentinel',
    summary:
      'Add a round to a site: dates, team, target sample size (its plan is drawn with POST …/rounds/:round/plan or siren sentinel plan draw)',
    access: ACCESS_MANAGE,
    params: siteParams,
    body: z
      .object({
        label: z.string().min(1).max(100),
        startsOn: date,
        endsOn: date,
        team: z.string().max(200).default(''),
        targetSampleSize: z.number().int().positive().max(1_000_000),
      })
      .strict(),
    response: roundView,
    handler: async ({ params, body, user, store, auditedChange }) => {
      const site = await findSite(store.database, scopeOf(user), params.site);
      if (body.endsOn < body.startsOn)
        throw new UserError('endsOn must not be before startsOn', 'invalid_input');
      const round = await auditedChange(
        (transaction) => createRound(transaction, { siteId: site.id, ...body }, `user:${user?.email}`),
        (created) => ({
          action: 'sentinel.round.create',
          targetType: 'sentinel_round',
          targetId: String(created.id),
        }),
      );
      return publicRound(round);
    },
  }),
  defineRoute({
    id: 'sentinel.plan.draw',
    method: 'POST',
    url: '/api/sentinel/sites/:site/rounds/:round/plan',
    tag: 'sentinel',
    summary:
      "Draw a round's sampling plan and its selections from a seed: systematic (strata by ISO week, expected arrivals from the site's official counts or expectedPerWeek) or time–location (slots per week from locations × days × slot times); refused once the round has field outcomes or interviews",
    access: ACCESS_MANAGE,
    params: roundParams,
    body: z.discriminatedUnion('kind', [
      z
        .object({
          kind: z.literal('systematic'),
          seed: z.number().int().min(0),
          expectedPerWeek: z.number().int().positive().max(10_000_000).optional(),
          allocation: z.enum(['proportional', 'equal']).optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('time-location'),
          seed: z.number().int().min(0),
          locations: z.array(z.string().min(1).max(100)).min(1).max(100),
          slotTimes: z
            .array(z.tuple([z.string().regex(/^\d{2}:\d{2}$/), z.string().regex(/^\d{2}:\d{2}$/)]))
            .min(1)
            .max(48),
          slotsPerWeek: z.number().int().positive().max(10_000),
          withinSlotInterval: z.number().int().positive().max(10_000).optional(),
        })
        .strict(),
    ]),
    response: z.object({ round: roundView, selections: z.number() }),
    handler: async ({ params, body, user, store, auditedChange }) => {
      const { site, round } = await siteAndRound(store.database, user, params);
      const drawn = await auditedChange(
        (transaction) => planRound(transaction, site, round, body),
        (result) => ({
          action: 'sentinel.plan.draw',
          targetType: 'sentinel_round',
          targetId: String(round.id),
          details: { kind: result.plan.kind, seed: body.seed, selections: result.selections.length },
        }),
      );
      return {
        round: publicRound(await findRound(store.database, site.id, String(round.id))),
        selections: drawn.selections.length,
      };
    },
  }),
  defineRoute({
    id: 'sentinel.outcomes.record',
    method: 'POST',
    url: '/api/sentinel/sites/:site/rounds/:round/outcomes',
    tag: 'sentinel',
    summary:
      "Record field outcomes of a round's selections, all or nothing: refusals, not eligible, not contacted, completed; a new code with `replaces` is a replacement of a refused or ineligible selection, with `slot` an interception in a time–location slot (slotArrivals: people counted in each slot)",
    access: ACCESS_COLLECT,
    params: roundParams,
    body: z
      .object({
        outcomes: z
          .array(
            z
              .object({
                code: z.string().min(1).max(100),
                outcome: z.enum(['completed', 'refused', 'not_eligible', 'not_contacted']),
                replaces: z.string().min(1).max(100).nullish(),
                slot: z.string().min(1).max(100).nullish(),
                arrivalNumber: z.number().int().positive().nullish(),
              })
              .strict(),
          )
          .max(20_000),
        slotArrivals: z
          .array(z.object({ slot: z.string().min(1).max(100), arrivals: z.number().int().min(0) }).strict())
          .max(20_000)
          .default([]),
      })
      .strict(),
    response: z.object({ updated: z.number(), added: z.number() }),
    handler: async ({ params, body, user, store, auditedChange }) => {
      const { round } = await siteAndRound(store.database, user, params);
      return auditedChange(
        (transaction) =>
          recordFieldOutcomes(
            transaction,
            round,
            body.outcomes,
            body.slotArrivals,
            `user:${user?.email}`,
            'body',
          ),
        (result) => ({
          action: 'sentinel.outcomes.record',
          targetType: 'sentinel_round',
          targetId: String(round.id),
          details: result,
        }),
      );
    },
  }),
  defineRoute({
    id: 'sentinel.selections.list',
    method: 'GET',
    url: '/api/sentinel/sites/:site/rounds/:round/selections',
    tag: 'sentinel',
    summary: "A round's selection list or slot schedule, with each selection's outcome",
    access: ACCESS_READ,
    params: roundParams,
    response: z.object({ items: z.array(selectionView) }),
    handler: async ({ params, user, store }) => {
      const { round } = await siteAndRound(store.database, user, params);
      return {
        items: (await listSelections(store.database, round.id)).map(
          ({ id: _id, roundId: _round, replacesSelectionId: _replaces, ...rest }) => rest,
        ),
      };
    },
  }),
  defineRoute({
    id: 'sentinel.instruments.list',
    method: 'GET',
    url: '/api/sentinel/instruments',
    tag: 'sentinel',
    summary: 'Stored instrument versions (XLSForm questionnaires)',
    access: { kind: 'session', permission: 'sentinel:read', scope: 'none' },
    response: z.object({
      items: z.array(
        z.object({
          id: z.number(),
          formId: z.string(),
          version: z.string(),
          title: z.string(),
          previousId: z.number().nullable(),
          createdAt: z.string(),
        }),
      ),
    }),
    handler: async ({ store }) => ({
      items: (await listInstruments(store.database)).map(({ definitionHash: _hash, ...rest }) => rest),
    }),
  }),
  defineRoute({
    id: 'sentinel.instruments.import',
    method: 'POST',
    url: '/api/sentinel/instruments',
    tag: 'sentinel',
    summary:
      'Store an instrument version from its XLSForm sheets (rows of survey, choices, settings); answers its diff from the latest version',
    access: { kind: 'session', permission: 'sentinel:manage', scope: 'none' },
    bodyLimit: UPLOAD_LIMIT,
    body: z
      .object({ survey: sheetRows, choices: sheetRows.default([]), settings: sheetRows.max(1) })
      .strict(),
    response: z.object({
      id: z.number(),
      formId: z.string(),
      version: z.string(),
      created: z.boolean(),
      diff: z.unknown(),
    }),
    handler: async ({ body, user, auditedChange }) => {
      const form = parseXlsForm({
        file: 'request',
        survey: sheetOf('survey', body.survey),
        choices: sheetOf('choices', body.choices),
        settings: sheetOf('settings', body.settings),
      });
      const result = await auditedChange(
        (transaction) => importInstrument(transaction, form, `user:${user?.email}`),
        (stored) => ({
          action: 'sentinel.instrument.import',
          targetType: 'sentinel_instrument',
          targetId: String(stored.instrument.id),
          details: { formId: form.settings.formId, version: form.settings.version, created: stored.created },
        }),
      );
      return {
        id: result.instrument.id,
        formId: result.instrument.formId,
        version: result.instrument.version,
        created: result.created,
        diff: result.diff,
      };
    },
  }),
  defineRoute({
    id: 'sentinel.submissions.upload',
    method: 'POST',
    url: '/api/sentinel/sites/:site/rounds/:round/submissions',
    tag: 'sentinel',
    summary:
      'Import submissions into a round against an instrument version, all or nothing: JSON rows (column → text) or a KoBo/ODK export (CSV or XLSX) in base64',
    access: ACCESS_COLLECT,
    bodyLimit: UPLOAD_LIMIT,
    params: roundParams,
    body: z
      .object({
        formId: z.string().min(1).max(200),
        version: z.string().min(1).max(100).optional(),
        fileName: z.string().min(1).max(200).default('upload.csv'),
        rows: z.array(z.record(z.string(), z.string())).max(100_000).optional(),
        contentBase64: z.string().max(UPLOAD_LIMIT).optional(),
      })
      .strict()
      .refine(
        (body) => (body.rows === undefined) !== (body.contentBase64 === undefined),
        'give rows or contentBase64, not both',
      ),
    response: z.object({
      batchId: z.number(),
      imported: z.number(),
      instrument: z.object({ formId: z.string(), version: z.string() }),
      weightWarnings: z.array(z.string()),
    }),
    handler: async ({ params, body, user, store, request }) => {
      const { site, round } = await siteAndRound(store.database, user, params);
      const instrument = await findInstrument<XlsForm>(store.database, body.formId, body.version);
      const bytes =
        body.contentBase64 === undefined
          ? Buffer.from(JSON.stringify(body.rows))
          : Buffer.from(body.contentBase64, 'base64');
      const table =
        body.contentBase64 === undefined
          ? tableOf(body.fileName, body.rows ?? [])
          : await submissionTableFromBytes(bytes, body.fileName);
      return importSubmissions(store.database, store.cipher, {
        site,
        round,
        instrument,
        table,
        bytes,
        actor: `user:${user?.email}`,
        address: request.ip,
        today: new Date().toISOString().slice(0, 10),
      });
    },
  }),
  defineRoute({
    id: 'sentinel.interviews.list',
    method: 'GET',
    url: '/api/sentinel/sites/:site/interviews',
    tag: 'sentinel',
    summary:
      "A site's interviews (optionally one round), with non-personal and canonical answers, probabilities and weights",
    access: ACCESS_READ,
    params: siteParams,
    query: z.object({ round: z.string().min(1).max(100).optional() }).strict(),
    response: z.object({ items: z.array(interviewView) }),
    handler: async ({ params, query, user, store }) => {
      const site = await findSite(store.database, scopeOf(user), params.site);
      const round = query.round ? await findRound(store.database, site.id, query.round) : undefined;
      const interviews = await listInterviews(store.database, { siteId: site.id, roundId: round?.id });
      return {
        items: interviews.map((interview) => ({
          instanceId: interview.instanceId,
          roundId: interview.roundId,
          selectionCode: interview.selectionCode,
          interviewedOn: interview.interviewedOn,
          selectionProbability: interview.selectionProbability,
          designWeight: interview.designWeight,
          weight: interview.weight,
          answers: interview.answers,
          canonicalAnswers: interview.canonicalAnswers,
          hasPersonalAnswers: interview.hasPersonalAnswers,
        })),
      };
    },
  }),
  defineRoute({
    id: 'sentinel.classify',
    method: 'POST',
    url: '/api/sentinel/sites/:site/classify',
    tag: 'sentinel',
    summary:
      "Classify a site's interviews (optionally one round) by a shipped rule set and store the determinations",
    access: ACCESS_MANAGE,
    params: siteParams,
    body: z
      .object({
        round: z.string().min(1).max(100).optional(),
        rules: z.enum(['ilo-2012', 'palermo']),
        compare: z.enum(['ilo-2012', 'palermo']).optional(),
      })
      .strict(),
    response: z.object({
      ruleSet: z.object({ id: z.string(), version: z.string(), fingerprint: z.string(), title: z.string() }),
      counts: z.record(z.string(), z.number()),
      indicatorCounts: z.record(z.string(), z.number()),
      interviews: z.number(),
      comparison: z.unknown(),
    }),
    handler: async ({ params, body, user, store, audit }) => {
      const site = await findSite(store.database, scopeOf(user), params.site);
      const round = body.round ? await findRound(store.database, site.id, body.round) : undefined;
      const result = await classifyInterviews(store.database, {
        site,
        round,
        ruleSet: RULE_SETS[body.rules],
        compareWith: body.compare ? RULE_SETS[body.compare] : undefined,
        actor: `user:${user?.email}`,
      });
      await audit({
        action: 'sentinel.classify',
        targetType: 'sentinel_site',
        targetId: String(site.id),
        details: {
          round: body.round ?? null,
          ruleSet: result.ruleSet.fingerprint,
          interviews: result.interviews,
        },
      });
      return result;
    },
  }),
];
