import { recordsOfHistory } from '../../jobs/index.ts';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Queryable } from '../../store/database.ts';
import {
  type EntityHistoryEntry,
  entityMemberIds,
  getEntity,
  getEntityHistoryEntry,
  listEntityHistory,
} from '../../store/repositories/entities.ts';
import { listCandidates, type ScoredPair, sameAsAmong } from '../../store/repositories/linkage.ts';
import { getRecords } from '../../store/repositories/records.ts';
import { scopeCondition } from '../../store/repositories/visible-records.ts';
import { levelOfRecord, type RecordVisibility, recordScope } from '../access.ts';
import { presentRecord, type RecordView } from './records.ts';

/**
 * The analyst's view of linkage: candidate pairs, entities with their members, links and history,
 * each record shown at the caller's level (personal fields only at `full`, else the pseudonym).
 * A pair's waterfall is the one stored by the run (the same numbers everywhere); the compared
 * values are filled in from the decrypted records only when the caller sees both in full.
 */
export interface ExplainedPair {
  left: RecordView;
  right: RecordView;
  probability: number;
  weight: number;
  steps: (ScoredPair['explanation']['steps'][number] & { left: string | null; right: string | null })[];
}

function comparedValue(view: RecordView, field: string | null): string | null {
  if (field === null || view.level !== 'full') return null;
  const value = view.personal?.[field] ?? view.fields[field];
  return value === undefined || value === null || value === '' ? null : String(value);
}

function explained(pair: ScoredPair, left: RecordView, right: RecordView): ExplainedPair {
  return {
    left,
    right,
    probability: pair.probability,
    weight: pair.weight,
    steps: pair.explanation.steps.map((step) => ({
      ...step,
      left: comparedValue(left, step.field),
      right: comparedValue(right, step.field),
    })),
  };
}

/** The records with these ids that the caller may see, presented at their level (one query). */
async function visibleRecords(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  ids: readonly number[],
): Promise<Map<number, RecordView>> {
  const views = new Map<number, RecordView>();
  for (const record of await getRecords(db, ids)) {
    const view = presentRecord(cipher, visibility, record);
    if (view) views.set(record.id, view);
  }
  return views;
}

/** Undecided candidate pairs in [lower, upper] whose two records the caller may see. */
export async function candidatePairsFor(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  query: { lower: number; upper: number; limit: number; source?: string },
): Promise<ExplainedPair[]> {
  const scope = recordScope(visibility, 'pseudonymised');
  const pairs = await listCandidates(db, {
    ...query,
    visible: (parameters) => scopeCondition(scope, parameters),
  });
  const views = await visibleRecords(
    db,
    cipher,
    visibility,
    pairs.flatMap((pair) => [pair.left, pair.right]),
  );
  return pairs.flatMap((pair) => {
    const left = views.get(pair.left);
    const right = views.get(pair.right);
    return left && right ? [explained(pair, left, right)] : [];
  });
}

/** Whether the caller sees every one of these records in full (needed to decide or undo; one query). */
export async function seesAllInFull(
  db: Queryable,
  visibility: RecordVisibility,
  ids: readonly number[],
): Promise<boolean> {
  const records = await getRecords(db, ids);
  return (
    records.length === new Set(ids).size &&
    records.every((record) => levelOfRecord(visibility, record) === 'full')
  );
}

export interface EntityView {
  id: number;
  kind: string;
  status: string;
  mergedInto: number | null;
  createdAt: string;
  members: RecordView[];
  /** Members the caller may not see. */
  hiddenMembers: number;
  links: ExplainedPair[];
  history: EntityHistoryEntry[];
}

/** An entity as the caller may see it, or null when it does not exist or none of its members is visible. */
export async function entityFor(
  db: Queryable,
  cipher: FieldCipher,
  visibility: RecordVisibility,
  id: number,
): Promise<EntityView | null> {
  const entity = await getEntity(db, id);
  if (!entity) return null;
  const history = await listEntityHistory(db, id);
  const memberIds = await entityMemberIds(db, id);
  const everRecorded = history.flatMap(recordsOfHistory);
  const views = await visibleRecords(db, cipher, visibility, [...memberIds, ...everRecorded]);
  const members = memberIds.flatMap((member) => views.get(member) ?? []);
  if (members.length === 0 && !everRecorded.some((record) => views.has(record))) return null;
  const links = await sameAsAmong(
    db,
    members.map((member) => member.id),
  );
  const seen = (record: number | string) => views.has(Number(record));
  return {
    ...entity,
    members,
    hiddenMembers: memberIds.length - members.length,
    links: links.map((link) => explained(link, views.get(link.left)!, views.get(link.right)!)),
    history: history.map((entry) => ({
      ...entry,
      details: {
        ...entry.details,
        records: entry.details.records.filter(seen),
        before: Object.fromEntries(Object.entries(entry.details.before).filter(([record]) => seen(record))),
      },
    })),
  };
}

/** A history entry whose records the caller all sees in full, or null. */
export async function historyEntryFor(
  db: Queryable,
  visibility: RecordVisibility,
  id: number,
): Promise<EntityHistoryEntry | null> {
  const entry = await getEntityHistoryEntry(db, id);
  if (!entry) return null;
  return (await seesAllInFull(db, visibility, recordsOfHistory(entry))) ? entry : null;
}
