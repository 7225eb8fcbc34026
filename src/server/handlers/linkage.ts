import { z } from 'zod';
import { decideLinkagePair, undoEntityChange } from '../../jobs/index.ts';
import { notFound } from '../http-error.ts';
import type { AnyHandlerContext } from '../route-types.ts';
import { defineRoute } from '../route-types.ts';
import { idParams, recordView } from '../schemas.ts';
import {
  candidatePairsFor,
  type EntityView,
  type ExplainedPair,
  entityFor,
  historyEntryFor,
  seesAllInFull,
} from '../services/linkage.ts';
import type { RecordView } from '../services/records.ts';

const probability = z.coerce.number().min(0).max(1);

const candidatesQuery = z
  .object({
    lower: probability.default(0.2),
    upper: probability.default(0.8),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    source: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((query) => query.lower <= query.upper, { message: 'lower must not exceed upper', path: ['lower'] });

const waterfallStep = z.object({
  step: z.string(),
  kind: z.enum(['prior', 'comparison', 'termFrequency']),
  field: z.string().nullable(),
  level: z.string().nullable(),
  m: z.number().nullable(),
  u: z.number().nullable(),
  weight: z.number().describe('log2 contribution to the match weight; the steps add up to the weight'),
  cumulative: z.number(),
  left: z.string().nullable().describe("the left record's value (only when both records are seen in full)"),
  right: z.string().nullable(),
});

const explainedPair = z.object({
  left: recordView,
  right: recordView,
  probability: z.number(),
  weight: z.number(),
  steps: z.array(waterfallStep),
});

const decisionBody = z
  .object({
    left: z.number().int().positive(),
    right: z.number().int().positive(),
    decision: z.enum(['confirm', 'reject']),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

const decisionResponse = z.object({
  decision: z.object({
    id: z.number().int(),
    left: z.number().int(),
    right: z.number().int(),
    decision: z.enum(['confirm', 'reject']),
    note: z.string().nullable(),
    decidedBy: z.string(),
    decidedAt: z.string(),
  }),
  history: z.array(z.number().int()).describe('entity history entries the decision wrote'),
  entities: z.object({ left: z.number().int(), right: z.number().int() }),
});

const historyView = z.object({
  id: z.number().int(),
  entityId: z.number().int(),
  action: z.enum(['create', 'merge', 'split', 'add', 'remove', 'undo']),
  details: z.object({
    records: z.array(z.number().int()),
    from: z.array(z.number().int()),
    before: z.record(z.string(), z.number().int().nullable()),
    reason: z.string(),
    reasonKind: z.enum(['score', 'decision', 'undo']),
    undoes: z.number().int().optional(),
  }),
  actor: z.string(),
  at: z.string(),
  runId: z.number().int().nullable(),
  decisionId: z.number().int().nullable(),
  undoneBy: z.number().int().nullable(),
});

const entityResponse = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.string(),
  mergedInto: z.number().int().nullable(),
  createdAt: z.string(),
  members: z.array(recordView),
  hiddenMembers: z.number().int().describe('members the caller may not see'),
  links: z.array(explainedPair),
  history: z.array(historyView),
});

const undoResponse = z.object({
  undone: z.number().int(),
  history: z.number().int(),
  entities: z.array(z.number().int()),
});

/** Every record shown with decrypted personal fields leaves an audit entry (ids, not values). */
async function auditPersonalReads(
  context: AnyHandlerContext,
  records: readonly RecordView[],
  details: object,
) {
  const ids = [...new Set(records.filter((record) => record.level === 'full').map((record) => record.id))];
  if (ids.length === 0) return;
  await context.audit({
    action: 'linkage.read_personal',
    targetType: 'records',
    targetId: null,
    details: { ...details, recordIds: ids, count: ids.length },
  });
}

const pairRecords = (pairs: readonly ExplainedPair[]) => pairs.flatMap((pair) => [pair.left, pair.right]);
const entityRecords = (entity: EntityView) => [...entity.members, ...pairRecords(entity.links)];
const actorOf = (context: AnyHandlerContext) => `user:${context.user?.email}`;

export const linkageRoutes = [
  defineRoute({
    id: 'linkage.candidates',
    method: 'GET',
    url: '/api/linkage/candidates',
    tag: 'linkage',
    summary:
      'Undecided pairs scored between lower and upper (near the threshold), with the waterfall of their match weight',
    access: { kind: 'session', permission: 'linkage:review', scope: 'records' },
    query: candidatesQuery,
    response: z.object({ items: z.array(explainedPair) }),
    handler: async (context) => {
      const { query, store, visibility } = context;
      const items = await candidatePairsFor(store.database, store.cipher, visibility, query);
      await auditPersonalReads(context, pairRecords(items), { view: 'linkage candidates' });
      return { items };
    },
  }),
  defineRoute({
    id: 'linkage.decide',
    method: 'POST',
    url: '/api/linkage/decisions',
    tag: 'linkage',
    summary:
      'Confirm or reject a pair as the same person: kept with who and when, applied at once (a confirm merges, a reject splits), and used as labels by the next run',
    access: { kind: 'session', permission: 'linkage:review', scope: 'records' },
    body: decisionBody,
    response: decisionResponse,
    handler: async (context) => {
      const { body, store, visibility, user } = context;
      if (!(await seesAllInFull(store.database, visibility, [body.left, body.right])))
        throw notFound('record pair');
      return context.auditedChange(
        (transaction) =>
          decideLinkagePair(transaction, {
            ...body,
            actor: actorOf(context),
            organisationId: user?.organisationId ?? null,
          }),
        (result) => ({
          action: 'linkage.decide',
          targetType: 'record_pair',
          targetId: `${result.decision.left}:${result.decision.right}`,
          details: { decision: body.decision, decisionId: result.decision.id, history: result.history },
        }),
      );
    },
  }),
  defineRoute({
    id: 'entities.read',
    method: 'GET',
    url: '/api/entities/:id',
    tag: 'linkage',
    summary: 'A person entity: the members the caller may see, its same_as links explained, and its history',
    access: { kind: 'session', permission: 'linkage:review', scope: 'records' },
    params: idParams,
    response: entityResponse,
    handler: async (context) => {
      const { params, store, visibility } = context;
      const entity = await entityFor(store.database, store.cipher, visibility, params.id);
      if (!entity) throw notFound('entity');
      await auditPersonalReads(context, entityRecords(entity), { entityId: entity.id });
      return entity;
    },
  }),
  defineRoute({
    id: 'entities.undo',
    method: 'POST',
    url: '/api/entities/history/:id/undo',
    tag: 'linkage',
    summary:
      'Undo one change of an entity (create, add, merge or split); refused (409) when a later change built on it',
    access: { kind: 'session', permission: 'linkage:review', scope: 'records' },
    params: idParams,
    response: undoResponse,
    handler: async (context) => {
      const { params, store, visibility } = context;
      if (!(await historyEntryFor(store.database, visibility, params.id))) throw notFound('history entry');
      return context.auditedChange(
        (transaction) => undoEntityChange(transaction, params.id, actorOf(context)),
        (result) => ({
          action: 'entities.undo',
          targetType: 'entity_history',
          targetId: String(result.undone),
          details: { history: result.history, entities: result.entities },
        }),
      );
    },
  }),
];
