import { AnalyticsInputError, createRandom } from '../analytics/common/index.ts';
import {
  type Comparator,
  type EntityEvent,
  type EntityState,
  explainPair,
  inferLinkageConfig,
  type LabelledPair,
  type LinkageModel,
  type LinkConfig,
  type LinkOptions,
  type LinkPlan,
  type LinkResult,
  type LinkType,
  PERSON_FIELD_KINDS,
  planLinkage,
  reconcileEntities,
  runLinkage,
  trainFromLabels,
  trainLinkageModel,
} from '../analytics/linkage/index.ts';
import { UserError } from '../domain/errors.ts';
import { fieldsOf, SOURCE_KINDS } from '../domain/fields.ts';
import type { FieldCipher } from '../store/crypto.ts';
import type { Database, Queryable } from '../store/database.ts';
import { appendAuditIn } from '../store/repositories/audit.ts';
import {
  appendEntityHistory,
  createPersonEntities,
  type EntityHistoryEntry,
  entityMemberIds,
  getEntityHistoryEntry,
  laterHistoryMoving,
  markHistoryUndone,
  moveRecords,
  personEntityOf,
  settleEntityStatus,
} from '../store/repositories/entities.ts';
import {
  currentDecisions,
  deleteSameAsRelation,
  getCandidate,
  getDecision,
  insertDecision,
  insertLinkageRun,
  type LinkableRecord,
  type LinkageDecision,
  listLinkableRecords,
  type PairDecision,
  type ScoredPair,
  type StoredExplanation,
  updateLinkageRunSummary,
  upsertCandidates,
  upsertSameAsRelations,
  withdrawDecisions,
} from '../store/repositories/linkage.ts';
import { findSourceByName } from '../store/repositories/sources.ts';

/**
 * Linkage of the person records in the store, and the analyst's review of it.
 *
 * A run loads the person records (of every kind with person fields, optionally of named sources),
 * decrypts their personal fields (one audit entry per run), and links them with the unsupervised
 * Fellegi–Sunter model of `analytics/linkage` (trained afresh on the records; the pairs analysts
 * confirmed or rejected then re-estimate it as labels). When entities exist already, the run is
 * incremental: only pairs touching records without an entity are compared and clustering starts
 * from the known entities, whose ids never change; a re-run on unchanged data changes nothing.
 * Decisions are never overridden: confirmed pairs end in one entity, rejected pairs in two.
 * Each change of membership (create, add, merge, split) is written to the entity history with its
 * reason (the model's score or the analyst's decision), its actor and what the records belonged to
 * before, so that it can be undone. Scored pairs from `CANDIDATE_FLOOR` up are kept as candidates
 * for review; those at or above the threshold become `same_as` relations. Both carry the pair's
 * waterfall from `explainPair`, computed once, without the compared (personal) values.
 *
 * Room: `jobs`, the one room below the server and the CLI that may use both `analytics` and `store`
 * (ARCHITECTURE.md); the review operations sit beside the run because they keep its invariants.
 */
export const CANDIDATE_FLOOR = 0.01;
const PAGE = 10_000;
const DEFAULT_THRESHOLD = 0.5;
const DEFAULT_SEED = 6;

/** The kinds of source whose records describe a person (they carry the model's person fields). */
export const PERSON_KINDS: readonly string[] = SOURCE_KINDS.filter((kind) =>
  fieldsOf(kind).some((field) => field.name === 'given_name'),
);

export interface LinkStoredOptions {
  actor: string;
  /** Only these sources (by name); all person sources when absent. */
  sources?: readonly string[];
  threshold?: number;
  /** Comparisons, blocking and clustering settings; inferred from the records when absent. */
  config?: Partial<LinkConfig>;
  seed?: number;
}

export interface LinkStoredReport {
  runId: number;
  /** False when the model found nothing to learn (no pair looked like a match): every new record stands alone. */
  linked: boolean;
  records: number;
  newRecords: number;
  incremental: boolean;
  sources: { name: string; records: number }[];
  linkType: LinkType;
  threshold: number;
  blocking: { rule: string; comparisons: number }[];
  comparisons: number;
  links: number;
  candidates: number;
  labels: { confirmed: number; rejected: number };
  entities: number;
  events: Record<'create' | 'add' | 'merge' | 'split', number>;
  seconds: number;
}

interface LoadedRecords {
  records: LinkableRecord[];
  columns: Record<string, string[]>;
  sourceIndex: Int32Array;
  sourceNames: string[];
}

function cellText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

async function loadPersonRecords(
  database: Database,
  cipher: FieldCipher,
  sources: readonly string[] | undefined,
): Promise<LoadedRecords> {
  const records: LinkableRecord[] = [];
  const values: Record<string, string>[] = [];
  let afterId = 0;
  for (;;) {
    const page = await listLinkableRecords(database, { kinds: PERSON_KINDS, sources, afterId, limit: PAGE });
    for (const record of page) {
      const { personal } = JSON.parse(cipher.decrypt(record.sealed)) as { personal: Record<string, unknown> };
      const merged = { ...record.fields, ...personal };
      const row: Record<string, string> = {};
      for (const field of Object.keys(PERSON_FIELD_KINDS)) row[field] = cellText(merged[field]);
      row.recorded_on = cellText(merged.identified_on ?? merged.interviewed_on ?? merged.received_at).slice(
        0,
        10,
      );
      records.push(record);
      values.push(row);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1].id;
  }
  const columns: Record<string, string[]> = {};
  for (const field of [...Object.keys(PERSON_FIELD_KINDS), 'recorded_on'])
    if (values.some((row) => row[field] !== '')) columns[field] = values.map((row) => row[field]);
  const sourceNames = [...new Set(records.map((record) => record.source))].sort();
  const indexOf = new Map(sourceNames.map((name, index) => [name, index]));
  const sourceIndex = Int32Array.from(records, (record) => indexOf.get(record.source) ?? 0);
  return { records, columns, sourceIndex, sourceNames };
}

/** A pair's waterfall as stored: every step with the field it compares, without the values. */
function storedExplanation(
  model: LinkageModel,
  comparators: readonly Comparator[],
  left: number,
  right: number,
): StoredExplanation {
  const explanation = explainPair(model, comparators, left, right);
  const fieldOf = new Map(model.comparisons.map((comparison) => [comparison.name, comparison.field]));
  return {
    steps: explanation.steps.map((step) => ({
      step: step.step,
      kind: step.kind,
      field:
        step.kind === 'prior' ? null : (fieldOf.get(step.step.replace(/ \(term frequency\)$/, '')) ?? null),
      level: step.level,
      m: step.m,
      u: step.u,
      weight: step.weight,
      cumulative: step.cumulative,
    })),
    weight: explanation.weight,
    probability: explanation.probability,
  };
}

/**
 * Cluster labels that respect every decision: each confirmed pair is joined, then each rejected
 * pair found in one cluster is parted by moving the right record's starting group (its known
 * entity, or itself when new) to a cluster of its own.
 */
function applyDecisions(
  cluster: Int32Array,
  startGroup: Int32Array,
  decisions: readonly { left: number; right: number; match: boolean }[],
): Int32Array {
  const labels = Int32Array.from(cluster);
  let next = labels.reduce((max, label) => Math.max(max, label), -1) + 1;
  for (const { left, right, match } of decisions)
    if (match && labels[left] !== labels[right]) {
      const from = labels[right];
      for (let index = 0; index < labels.length; index++)
        if (labels[index] === from) labels[index] = labels[left];
    }
  for (const { left, right, match } of decisions)
    if (!match && labels[left] === labels[right]) {
      const fresh = next++;
      const group = startGroup[right];
      for (let index = 0; index < labels.length; index++)
        if (index === right || (group >= 0 && startGroup[index] === group && labels[index] === labels[right]))
          labels[index] = fresh;
    }
  return labels;
}

const entityKey = (id: number) => `E${id}`;

/**
 * Trains the model (re-estimated from the analysts' labels when there are any) and runs the linkage;
 * null when unsupervised training finds no pair that looks like a match (records of people who are
 * all different: nothing to link yet), which the analytics report as an input error.
 */
function linkUnlessNothingToLearn(
  plan: LinkPlan,
  labels: readonly LabelledPair[],
  options: Pick<LinkOptions, 'random' | 'incremental'>,
): LinkResult | null {
  const { config } = plan;
  try {
    let model: LinkageModel | undefined;
    if (labels.length > 0) {
      const trained = trainLinkageModel(plan.prepared, config.comparisons, config.blocking, {
        linkType: config.linkType,
        trainingRules: config.trainingRules,
        random: options.random,
        maxBlockSize: config.maxBlockSize,
      });
      model = trainFromLabels(trained.model, trained.comparators, labels).model;
      return runLinkage(plan, { ...options, model });
    }
    return runLinkage(plan, options);
  } catch (error) {
    if (error instanceof AnalyticsInputError && error.message.includes('no training rule produced pairs'))
      return null;
    throw error;
  }
}

/** Links the person records of the store and stores entities, links, candidates and history. */
export async function linkStoredRecords(
  database: Database,
  cipher: FieldCipher,
  options: LinkStoredOptions,
): Promise<LinkStoredReport> {
  const started = new Date();
  const clock = performance.now();
  for (const name of options.sources ?? [])
    if (!(await findSourceByName(database, name)))
      throw new UserError(`no source named "${name}"`, 'not_found');
  const loaded = await loadPersonRecords(database, cipher, options.sources);
  const { records, columns, sourceIndex, sourceNames } = loaded;
  await database.transaction((transaction) =>
    appendAuditIn(transaction, {
      actor: options.actor,
      action: 'linkage.read_personal',
      targetType: 'records',
      details: { count: records.length, sources: sourceNames, purpose: 'record linkage' },
    }),
  );
  if (records.length < 2)
    throw new UserError(
      `linkage needs at least two person records; found ${records.length}${options.sources ? ` in ${options.sources.join(', ')}` : ''}`,
      'invalid_input',
    );
  const linkType: LinkType =
    options.config?.linkType ?? (sourceNames.length > 1 ? 'linkAndDedupe' : 'dedupe');
  const linkageRecords = { columns, sources: sourceIndex };
  const given = options.config;
  const inferred =
    given?.comparisons && given.blocking ? null : inferLinkageConfig(linkageRecords, { linkType });
  const threshold = options.threshold ?? given?.threshold ?? DEFAULT_THRESHOLD;
  const config: LinkConfig = {
    ...given,
    comparisons: given?.comparisons ?? inferred!.comparisons,
    blocking: given?.blocking ?? inferred!.blocking,
    linkType,
    threshold,
  };
  const ids = records.map((record) => record.id);
  const indexOfId = new Map(ids.map((id, index) => [id, index]));
  const entityOf = await personEntityOf(database, ids);
  const decisions = await currentDecisions(database, ids);
  const labels: LabelledPair[] = decisions.map((decision) => ({
    left: indexOfId.get(decision.left) ?? 0,
    right: indexOfId.get(decision.right) ?? 0,
    match: decision.decision === 'confirm',
  }));
  const seed = options.seed ?? DEFAULT_SEED;
  const plan = planLinkage(linkageRecords, config);
  const knownEntities = [...new Set(entityOf.values())].sort((a, b) => a - b);
  const groupOfEntity = new Map(knownEntities.map((entity, index) => [entity, index]));
  const startGroup = Int32Array.from(ids, (id) => groupOfEntity.get(entityOf.get(id) ?? -1) ?? -1);
  const incremental = entityOf.size > 0;
  const newRecords = Uint8Array.from(ids, (id) => (entityOf.has(id) ? 0 : 1));
  const result = linkUnlessNothingToLearn(plan, labels, {
    random: createRandom(seed),
    incremental: incremental ? { newRecords, existingClusters: startGroup } : undefined,
  });
  let nextLabel = knownEntities.length;
  const cluster = applyDecisions(
    result
      ? Int32Array.from(result.clustering.cluster)
      : Int32Array.from(startGroup, (group) => (group >= 0 ? group : nextLabel++)),
    startGroup,
    labels,
  );

  const rejected = new Set(
    decisions.filter((decision) => decision.decision === 'reject').map((d) => `${d.left}:${d.right}`),
  );
  const scored: ScoredPair[] = [];
  const links: { left: string; right: string; probability: number }[] = [];
  for (let p = 0; result && p < result.pairs.count; p++) {
    const probability = result.probability[p];
    if (probability < CANDIDATE_FLOOR) continue;
    const a = result.pairs.left[p];
    const b = result.pairs.right[p];
    const [left, right] = ids[a] < ids[b] ? [a, b] : [b, a];
    scored.push({
      left: ids[left],
      right: ids[right],
      probability,
      weight: result.weight[p],
      explanation: storedExplanation(result.model, result.comparators, left, right),
    });
    if (probability >= threshold)
      links.push({ left: String(ids[left]), right: String(ids[right]), probability });
  }
  const state: EntityState = { entityOf: {}, nextNumber: 1, prefix: 'N' };
  for (const [record, entity] of entityOf) state.entityOf[String(record)] = entityKey(entity);
  const reconciled = reconcileEntities(
    state,
    ids.map((id) => String(id)),
    cluster,
    { links },
  );
  const sameAs = scored.filter(
    (pair) => pair.probability >= threshold && !rejected.has(`${pair.left}:${pair.right}`),
  );
  const events = { create: 0, add: 0, merge: 0, split: 0 };
  for (const event of reconciled.events) events[event.type]++;
  const summary = {
    records: records.length,
    newRecords: incremental ? newRecords.reduce((sum, flag) => sum + flag, 0) : records.length,
    comparisons: result?.pairs.count ?? 0,
    links: sameAs.length,
    candidates: scored.length,
    events,
    linked: result !== null,
  };
  const runId = await database.transaction(async (transaction) => {
    const run = await insertLinkageRun(transaction, {
      actor: options.actor,
      sources: sourceNames,
      parameters: { threshold, seed, linkType, config, labels: labels.length, incremental },
      model: result?.model ?? null,
      summary,
      startedAt: started,
    });
    await storeEvents(transaction, reconciled.events, { actor: options.actor, runId: run });
    await upsertCandidates(transaction, run, scored);
    await upsertSameAsRelations(transaction, sameAs);
    return run;
  });
  const seconds = (performance.now() - clock) / 1000;
  await updateLinkageRunSummary(database, runId, { ...summary, seconds });
  return {
    runId,
    records: records.length,
    newRecords: summary.newRecords,
    incremental,
    sources: sourceNames.map((name) => ({
      name,
      records: records.filter((record) => record.source === name).length,
    })),
    linkType,
    threshold,
    linked: result !== null,
    blocking: plan.counts.map((count) => ({ rule: count.rule, comparisons: count.comparisons })),
    comparisons: summary.comparisons,
    links: sameAs.length,
    candidates: scored.length,
    labels: {
      confirmed: labels.filter((label) => label.match).length,
      rejected: labels.filter((label) => !label.match).length,
    },
    entities: new Set(Object.values(reconciled.state.entityOf)).size,
    events,
    seconds,
  };
}

/** Writes the events of a reconciliation: new entities, moved members, history, statuses. */
async function storeEvents(
  transaction: Queryable,
  events: readonly EntityEvent[],
  context: { actor: string; runId: number },
): Promise<void> {
  const fresh = [...new Set(events.map((event) => event.entity).filter((id) => id.startsWith('N')))];
  const created = await createPersonEntities(transaction, fresh.length);
  const idOf = new Map(fresh.map((key, index) => [key, created[index]]));
  const resolve = (key: string) => idOf.get(key) ?? Number(key.slice(1));
  const touched: number[] = [];
  const mergedInto = new Map<number, number>();
  for (const event of events) {
    const entity = resolve(event.entity);
    const from = event.from.map(resolve);
    await moveRecords(
      transaction,
      event.records.map((record) => ({ recordId: Number(record), entityId: entity })),
    );
    await appendEntityHistory(transaction, {
      entityId: entity,
      action: event.type,
      details: {
        records: event.records.map(Number),
        from,
        before: Object.fromEntries(
          Object.entries(event.before).map(([record, previous]) => [
            record,
            previous === null ? null : resolve(previous),
          ]),
        ),
        reason: event.reason,
        reasonKind: 'score',
      },
      actor: context.actor,
      runId: context.runId,
    });
    touched.push(entity, ...from);
    if (event.type === 'merge') for (const old of from) mergedInto.set(old, entity);
  }
  await settleEntityStatus(transaction, touched, mergedInto);
}

export interface DecisionRequest {
  left: number;
  right: number;
  decision: PairDecision;
  note?: string | null;
  actor: string;
  organisationId?: number | null;
}

export interface DecisionResult {
  decision: LinkageDecision;
  /** History entries the decision wrote (none when the entities already agreed with it). */
  history: number[];
  /** The entity of each record after the decision. */
  entities: { left: number; right: number };
}

/**
 * An analyst's decision on a pair, applied at once: a confirm puts both records in one entity
 * (merging two entities into the older one), a reject parts them (the right record leaves for an
 * entity of its own). The change is logged with the analyst as actor and the decision as reason.
 */
export async function decideLinkagePair(
  transaction: Queryable,
  request: DecisionRequest,
): Promise<DecisionResult> {
  if (request.left === request.right)
    throw new UserError('a decision needs two different records', 'invalid_input');
  const [left, right] =
    request.left < request.right ? [request.left, request.right] : [request.right, request.left];
  const decision = await insertDecision(transaction, {
    left,
    right,
    decision: request.decision,
    note: request.note ?? null,
    decidedBy: request.actor,
    organisationId: request.organisationId ?? null,
  });
  const entityOf = await personEntityOf(transaction, [left, right]);
  const leftEntity = entityOf.get(left);
  const rightEntity = entityOf.get(right);
  const history: number[] = [];
  const reason = `analyst decision #${decision.id}: ${request.decision === 'confirm' ? 'confirmed' : 'rejected'} records ${left} and ${right} as the same person${request.note ? ` (${request.note})` : ''}`;
  const log = async (
    entityId: number,
    action: 'create' | 'add' | 'merge' | 'split',
    moved: number[],
    before: Record<string, number | null>,
  ) => {
    await moveRecords(
      transaction,
      moved.map((recordId) => ({ recordId, entityId })),
    );
    history.push(
      await appendEntityHistory(transaction, {
        entityId,
        action,
        details: {
          records: moved,
          from: [...new Set(Object.values(before).filter((value): value is number => value !== null))],
          before,
          reason,
          reasonKind: 'decision',
        },
        actor: request.actor,
        decisionId: decision.id,
      }),
    );
  };
  if (request.decision === 'confirm') {
    const candidate = await getCandidate(transaction, left, right);
    if (candidate) await upsertSameAsRelations(transaction, [candidate]);
    if (leftEntity === undefined && rightEntity === undefined) {
      const [entity] = await createPersonEntities(transaction, 1);
      await log(entity, 'create', [left, right], { [left]: null, [right]: null });
    } else if (leftEntity === undefined || rightEntity === undefined) {
      const entity = (leftEntity ?? rightEntity) as number;
      const record = leftEntity === undefined ? left : right;
      await log(entity, 'add', [record], { [record]: null });
    } else if (leftEntity !== rightEntity) {
      const [target, source] =
        leftEntity < rightEntity ? [leftEntity, rightEntity] : [rightEntity, leftEntity];
      const moved = await entityMemberIds(transaction, source);
      await log(target, 'merge', moved, Object.fromEntries(moved.map((record) => [record, source])));
      await settleEntityStatus(transaction, [source, target], new Map([[source, target]]));
    }
  } else {
    await deleteSameAsRelation(transaction, left, right);
    if (leftEntity !== undefined && leftEntity === rightEntity) {
      const [entity] = await createPersonEntities(transaction, 1);
      await log(entity, 'split', [right], { [right]: leftEntity });
      await settleEntityStatus(transaction, [leftEntity, entity]);
    }
  }
  const after = await personEntityOf(transaction, [left, right]);
  return {
    decision,
    history,
    entities: { left: after.get(left) ?? 0, right: after.get(right) ?? 0 },
  };
}

/** Records a history entry concerns: those it moved, for a visibility check before an undo. */
export function recordsOfHistory(entry: EntityHistoryEntry): number[] {
  return [...new Set([...entry.details.records, ...Object.keys(entry.details.before).map(Number)])];
}

export interface UndoResult {
  undone: number;
  history: number;
  /** Entities the undo changed. */
  entities: number[];
}

/**
 * Undoes one change of an entity: every record it moved goes back where it was before (or out of
 * any entity when it was new), logged as an `undo` entry. Refused when a later change moved any of
 * those records (undo that one first), when the entry is itself an undo, or when it is undone
 * already. Undoing a change an analyst's decision made withdraws the decision, so that the next run
 * does not make it again.
 */
export async function undoEntityChange(
  transaction: Queryable,
  historyId: number,
  actor: string,
): Promise<UndoResult> {
  const entry = await getEntityHistoryEntry(transaction, historyId);
  if (!entry) throw new UserError(`no entity history entry ${historyId}`, 'not_found');
  if (entry.action === 'undo')
    throw new UserError(`history entry ${historyId} is an undo itself; it cannot be undone`, 'conflict');
  if (entry.undoneBy !== null)
    throw new UserError(
      `history entry ${historyId} was undone already (by entry ${entry.undoneBy})`,
      'conflict',
    );
  const moved = Object.keys(entry.details.before).map(Number);
  const later = await laterHistoryMoving(transaction, historyId, moved);
  if (later.length > 0)
    throw new UserError(
      `later changes moved the same records (history ${later.join(', ')}): undo them first`,
      'conflict',
    );
  await moveRecords(
    transaction,
    moved.map((recordId) => ({ recordId, entityId: entry.details.before[String(recordId)] ?? null })),
  );
  const restored = [
    ...new Set(Object.values(entry.details.before).filter((value): value is number => value !== null)),
  ];
  const undo = await appendEntityHistory(transaction, {
    entityId: entry.entityId,
    action: 'undo',
    details: {
      records: moved.filter((record) => entry.details.before[String(record)] !== null),
      from: [entry.entityId],
      before: Object.fromEntries(moved.map((record) => [record, entry.entityId])),
      reason: `undo of history ${historyId} (${entry.action}: ${entry.details.reason})`,
      reasonKind: 'undo',
      undoes: historyId,
    },
    actor,
  });
  await markHistoryUndone(transaction, historyId, undo);
  await settleEntityStatus(transaction, [entry.entityId, ...restored]);
  if (entry.decisionId !== null) {
    const decision = await getDecision(transaction, entry.decisionId);
    if (decision) await withdrawDecisions(transaction, decision.left, decision.right, actor);
  }
  return { undone: historyId, history: undo, entities: [entry.entityId, ...restored] };
}
