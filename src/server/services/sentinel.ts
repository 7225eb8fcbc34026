import { createHash } from 'node:crypto';
import { AnalyticsInputError, createRandom } from '../../analytics/common/index.ts';
import {
  allocateSample,
  buildTimeSlotFrame,
  compareDeterminations,
  computeDesignWeights,
  type DeterminationComparison,
  type DeterminationRuleSet,
  determineTrafficking,
  ILO_2012_FORCED_LABOUR_RULES,
  INTERVIEW_ANSWERS_SCHEMA,
  type InterviewAnswers,
  isoWeekOf,
  PALERMO_PROTOCOL_RULES,
  planSystematicSampling,
  planTimeLocationSampling,
  ruleSetFingerprint,
  type SelectionRecord,
  type SystematicPlan,
  stratumId,
  type TimeLocationPlan,
} from '../../analytics/surveillance/index.ts';
import { type InputProblem, invalidInput, UserError } from '../../domain/errors.ts';
import { resolveCrossing, resolveProvince } from '../../domain/places/index.ts';
import type { Table } from '../../ingest/read-table.ts';
import { type SubmissionRow, validateSubmissions } from '../../ingest/submissions.ts';
import { assignStableIds, diffForms, type FormDiff, type XlsForm } from '../../ingest/xlsform/index.ts';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Database, Queryable } from '../../store/database.ts';
import { appendAuditIn } from '../../store/repositories/audit.ts';
import { saveRuleSet, storeDeterminations } from '../../store/repositories/sentinel-determinations.ts';
import {
  findInstrument,
  findInstrumentById,
  type StoredInstrument,
  saveInstrument,
} from '../../store/repositories/sentinel-instruments.ts';
import {
  createSubmissionBatch,
  existingInstanceIds,
  insertInterviews,
  listInterviews,
  type NewInterview,
  updateInterviewWeights,
} from '../../store/repositories/sentinel-interviews.ts';
import {
  addSelections,
  listSelections,
  listSlotArrivals,
  type NewSelection,
  type PlanKind,
  recordSelectionOutcome,
  recordSlotArrivals,
  type Selection,
  type SelectionOutcomeValue,
  type SentinelRound,
  setRoundPlan,
} from '../../store/repositories/sentinel-rounds.ts';
import {
  createSite,
  listOfficialCounts,
  type NewSentinelSite,
  type SentinelSite,
} from '../../store/repositories/sentinel-sites.ts';

/**
 * Sentinel surveillance as a service shared by the CLI and the API: sites placed in the gazetteer,
 * round plans drawn with a recorded seed (selections and their probabilities stored, never typed
 * in), field outcomes with replacements, instrument versions with their diff, submission imports
 * (all or nothing, duplicates refused by instance id) and classification by a stored rule set.
 * Weights: each interview keeps its selection probability and design weight 1/π from the plan;
 * the calibrated weight (official count spread over respondents, `computeDesignWeights`) is
 * recomputed for the round after every import or outcome change, and left empty (with a warning)
 * while a stratum lacks its official count. Official counts are matched to strata by period: a
 * stratum `site|2024-W05` uses the site's count for period `2024-W05`.
 */

/** Where a stratum's official count is filed: its period label (the part after `site|`). */
export function periodOfStratum(stratum: string): string {
  return stratum.slice(stratum.indexOf('|') + 1);
}

export async function registerSite(
  db: Queryable,
  input: Omit<NewSentinelSite, 'placeCode' | 'crossingCode'> & { place: string; crossing?: string | null },
): Promise<SentinelSite> {
  const place = resolveProvince(input.place);
  if (place.status !== 'resolved')
    throw invalidInput(`place "${input.place}" is not one province of the gazetteer`, [
      {
        column: 'place',
        value: input.place,
        reason:
          place.status === 'ambiguous'
            ? `is ambiguous: ${place.candidates.map((candidate) => candidate.code).join(', ')}`
            : 'is not in the gazetteer (give an ISO 3166-2 code such as KH-1)',
      },
    ]);
  let crossingCode: string | null = null;
  if (input.crossing) {
    const crossing = resolveCrossing(input.crossing);
    if (!crossing)
      throw invalidInput(`crossing "${input.crossing}" is not a known border crossing`, [
        { column: 'crossing', value: input.crossing, reason: 'is not in the gazetteer of crossings' },
      ]);
    crossingCode = crossing.id;
  }
  return createSite(db, { ...input, placeCode: place.province.code, crossingCode });
}

function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

export type PlanRequest =
  | { kind: 'systematic'; seed: number; expectedPerWeek?: number; allocation?: 'proportional' | 'equal' }
  | {
      kind: 'time-location';
      seed: number;
      locations: string[];
      slotTimes: [string, string][];
      slotsPerWeek: number;
      withinSlotInterval?: number;
    }
  | { kind: 'given'; plan: SystematicPlan | TimeLocationPlan };

/** The selections a plan generates: list entries (systematic) or drawn slots (time–location). */
export function selectionsOfPlan(plan: SystematicPlan | TimeLocationPlan): NewSelection[] {
  if (plan.kind === 'systematic')
    return plan.strata.flatMap((stratum) =>
      stratum.selectedArrivals.map((arrival) => ({
        code: `${stratum.week}-A${arrival}`,
        stratum: stratum.stratum,
        arrivalNumber: arrival,
        selectionProbability: stratum.selectionProbability,
      })),
    );
  return plan.schedule.map((slot) => ({
    code: slot.id,
    stratum: slot.stratum,
    slot: slot.id,
    scheduledDay: slot.day,
    scheduledStart: slot.start,
    scheduledEnd: slot.end,
    selectionProbability: slot.slotSelectionProbability / slot.withinSlotInterval,
  }));
}

/**
 * Draws (or takes) a round's plan and stores it with its selections. Systematic plans stratify by
 * ISO week with each week's expected arrivals from the site's official count for the week (or
 * `expectedPerWeek`); time–location plans draw `slotsPerWeek` slots per week from every location ×
 * day × slot time of the round.
 */
export async function planRound(
  db: Queryable,
  site: SentinelSite,
  round: SentinelRound,
  request: PlanRequest,
): Promise<{ plan: SystematicPlan | TimeLocationPlan; selections: NewSelection[] }> {
  let plan: SystematicPlan | TimeLocationPlan;
  let seed: number;
  if (request.kind === 'given') {
    plan = request.plan;
    seed = plan.seed ?? 0;
  } else if (request.kind === 'systematic') {
    seed = request.seed;
    const counts = new Map(
      (await listOfficialCounts(db, site.id, { from: round.startsOn, to: round.endsOn })).map((count) => [
        count.period,
        count.count,
      ]),
    );
    const weeks = [...new Set(eachDay(round.startsOn, round.endsOn).map(isoWeekOf))];
    const missing = weeks.filter((week) => !counts.has(week));
    if (request.expectedPerWeek === undefined && missing.length > 0)
      throw new UserError(
        `no official count for ${missing.join(', ')} at ${site.code}: record the counts or give the expected arrivals per week`,
        'invalid_input',
      );
    const strata = weeks.map((week) => ({
      id: stratumId(site.code, week),
      site: site.code,
      week,
      expectedCount: request.expectedPerWeek ?? (counts.get(week) as number),
    }));
    const allocated = allocateSample(strata, {
      totalSampleSize: round.targetSampleSize,
      allocation: request.allocation ?? 'proportional',
    });
    plan = planSystematicSampling(allocated, { random: createRandom(seed), seed });
  } else {
    seed = request.seed;
    const frame = buildTimeSlotFrame({
      site: site.code,
      locations: request.locations,
      days: eachDay(round.startsOn, round.endsOn),
      slotTimes: request.slotTimes,
    });
    const perStratum = new Map<string, number>();
    for (const slot of frame) perStratum.set(slot.stratum, (perStratum.get(slot.stratum) ?? 0) + 1);
    plan = planTimeLocationSampling(frame, {
      random: createRandom(seed),
      seed,
      slotsPerStratum: Object.fromEntries(
        [...perStratum].map(([stratum, size]) => [stratum, Math.min(size, request.slotsPerWeek)]),
      ),
      withinSlotInterval: request.withinSlotInterval,
    });
  }
  const selections = selectionsOfPlan(plan);
  await setRoundPlan(db, round.id, { kind: plan.kind as PlanKind, seed, definition: plan }, selections);
  return { plan, selections };
}

/** One field record: what happened to a selection, a replacement, or a person intercepted in a slot. */
export interface FieldOutcome {
  code: string;
  outcome: Exclude<SelectionOutcomeValue, 'pending'>;
  /** A replacement: the code of the selection it replaces (refused or not eligible). */
  replaces?: string | null;
  /** Time–location plans: the slot a new interception belongs to. */
  slot?: string | null;
  arrivalNumber?: number | null;
}

/** Records field outcomes (all or nothing); new codes are replacements or slot interceptions. */
export async function recordFieldOutcomes(
  db: Queryable,
  round: SentinelRound,
  outcomes: readonly FieldOutcome[],
  slotArrivals: readonly { slot: string; arrivals: number }[],
  actor: string,
  file = 'outcomes',
): Promise<{ updated: number; added: number }> {
  const selections = new Map(
    (await listSelections(db, round.id)).map((selection) => [selection.code, selection]),
  );
  const problems: InputProblem[] = [];
  const additions: NewSelection[] = [];
  const updates: { id: number; outcome: SelectionOutcomeValue }[] = [];
  const pendingAdditions: FieldOutcome[] = [];
  outcomes.forEach((record, index) => {
    const row = index + 2;
    const existing = selections.get(record.code);
    if (existing) {
      if (existing.interviewInstanceId !== null && record.outcome !== 'completed')
        problems.push({
          file,
          row,
          column: 'outcome',
          value: record.outcome,
          reason: `selection ${record.code} already has an interview`,
        });
      else updates.push({ id: existing.id, outcome: record.outcome });
      return;
    }
    if (record.replaces) {
      const replaced = selections.get(record.replaces);
      if (!replaced)
        problems.push({
          file,
          row,
          column: 'replaces',
          value: record.replaces,
          reason: 'is not a selection of this round',
        });
      else if (
        !['refused', 'not_eligible', 'not_contacted'].includes(
          outcomes.find((other) => other.code === record.replaces)?.outcome ?? replaced.outcome,
        )
      )
        problems.push({
          file,
          row,
          column: 'replaces',
          value: record.replaces,
          reason: 'replaces a selection that was not refused, not eligible or not contacted',
        });
      else {
        additions.push({
          code: record.code,
          stratum: replaced.stratum,
          slot: replaced.slot,
          arrivalNumber: record.arrivalNumber ?? null,
          selectionProbability: replaced.selectionProbability,
          replacement: true,
          replacesSelectionId: replaced.id,
        });
        pendingAdditions.push(record);
      }
      return;
    }
    const slot = record.slot ? selections.get(record.slot) : undefined;
    if (round.planKind === 'time-location' && slot && slot.slot === record.slot) {
      additions.push({
        code: record.code,
        stratum: slot.stratum,
        slot: slot.slot,
        arrivalNumber: record.arrivalNumber ?? null,
        scheduledDay: slot.scheduledDay,
        scheduledStart: slot.scheduledStart,
        scheduledEnd: slot.scheduledEnd,
        selectionProbability: slot.selectionProbability,
      });
      pendingAdditions.push(record);
      return;
    }
    problems.push({
      file,
      row,
      column: 'code',
      value: record.code,
      reason:
        'is not a selection of this round (a replacement names the selection it replaces; an interception names its slot)',
    });
  });
  if (problems.length > 0) throw invalidInput(`${file}: field outcomes refused, nothing recorded`, problems);
  for (const update of updates) await recordSelectionOutcome(db, update.id, update.outcome, actor);
  const ids = await addSelections(db, round.id, additions);
  for (const [index, id] of ids.entries())
    await recordSelectionOutcome(db, id, pendingAdditions[index].outcome, actor);
  for (const slot of slotArrivals) await recordSlotArrivals(db, round.id, slot.slot, slot.arrivals, actor);
  await recomputeRoundWeights(db, round);
  return { updated: updates.length, added: additions.length };
}

/** Recomputes the calibrated weights of a round's interviews; returns the warnings. */
export async function recomputeRoundWeights(db: Queryable, round: SentinelRound): Promise<string[]> {
  if (!round.plan) return ['the round has no plan'];
  const selections = await listSelections(db, round.id);
  const records: SelectionRecord[] = selections
    .filter(
      (selection) =>
        selection.outcome !== 'pending' &&
        (round.planKind === 'systematic' || selection.code !== selection.slot),
    )
    .map((selection) => ({
      stratum: selection.stratum,
      slot: selection.slot,
      outcome: selection.outcome as Exclude<SelectionOutcomeValue, 'pending'>,
      replacement: selection.replacement,
      interviewId: selection.outcome === 'completed' ? selection.code : null,
    }));
  const counts = await listOfficialCounts(db, round.siteId);
  const byPeriod = new Map(counts.map((count) => [count.period, count.count]));
  const plan = round.plan as SystematicPlan | TimeLocationPlan;
  const strata: string[] = plan.strata.map((stratum) => stratum.stratum);
  const official = strata.flatMap((stratum) => {
    const count = byPeriod.get(periodOfStratum(stratum));
    return count === undefined ? [] : [{ stratum, count }];
  });
  try {
    const weights = computeDesignWeights(plan, records, {
      official,
      slotArrivals: await listSlotArrivals(db, round.id),
    });
    const interviews = await listInterviews(db, { siteId: round.siteId, roundId: round.id });
    const byCode = new Map(weights.interviews.map((item) => [item.interviewId, item.weight]));
    await updateInterviewWeights(
      db,
      interviews.flatMap((interview) => {
        const weight = byCode.get(interview.selectionCode);
        return weight === undefined ? [] : [{ interviewId: interview.id, weight }];
      }),
    );
    return weights.warnings;
  } catch (error) {
    if (error instanceof AnalyticsInputError) return [`weights not computed: ${error.message}`];
    throw error;
  }
}

function definitionHash(form: XlsForm): string {
  return createHash('sha256').update(JSON.stringify(form)).digest('hex');
}

/** The new version with stable ids assigned against the latest stored one, and the diff. */
export async function prepareInstrument(
  db: Queryable,
  form: XlsForm,
): Promise<{ form: XlsForm; diff: FormDiff; previous: StoredInstrument<XlsForm> | null }> {
  let previous: StoredInstrument<XlsForm> | null = null;
  try {
    previous = await findInstrument<XlsForm>(db, form.settings.formId);
  } catch (error) {
    if (!(error instanceof UserError && error.kind === 'not_found')) throw error;
  }
  if (previous && previous.version === form.settings.version)
    previous =
      previous.previousId === null ? null : await findInstrumentById<XlsForm>(db, previous.previousId);
  const { form: withIds, detectedRenames } = assignStableIds(previous?.definition ?? null, form);
  return { form: withIds, diff: diffForms(previous?.definition ?? null, withIds, detectedRenames), previous };
}

/** Stores a new instrument version (ids carried over from the latest version) with its diff. */
export async function importInstrument(
  db: Queryable,
  form: XlsForm,
  actor: string,
): Promise<{ instrument: StoredInstrument<XlsForm>; created: boolean; diff: FormDiff }> {
  const prepared = await prepareInstrument(db, form);
  const saved = await saveInstrument(
    db,
    {
      formId: form.settings.formId,
      version: form.settings.version,
      title: form.settings.title,
      definition: prepared.form,
      definitionHash: definitionHash(prepared.form),
      previousId: prepared.previous?.id ?? null,
      diff: prepared.diff,
    },
    actor,
  );
  return { ...saved, diff: prepared.diff };
}

/** Names of the questions the importer reads for sentinel bookkeeping. */
export const SELECTION_CODE_QUESTION = 'selection_code';
export const INTERVIEW_DATE_QUESTION = 'interview_date';

function canonicalProblems(
  file: string,
  row: SubmissionRow,
): { answers: InterviewAnswers; problems: InputProblem[] } {
  const candidate = { interviewId: row.instanceId, ...row.canonical };
  for (const key of Object.keys(candidate))
    if ((candidate as Record<string, unknown>)[key] === null)
      delete (candidate as Record<string, unknown>)[key];
  const parsed = INTERVIEW_ANSWERS_SCHEMA.strict().safeParse(candidate);
  if (parsed.success) return { answers: parsed.data, problems: [] };
  return {
    answers: candidate as InterviewAnswers,
    problems: parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return {
        file,
        row: row.row,
        column: row.canonicalSources[key] ?? key,
        reason: `does not fit canonical answer ${key}: ${issue.message}`,
      };
    }),
  };
}

export interface SubmissionImportResult {
  batchId: number;
  imported: number;
  instrument: { formId: string; version: string };
  weightWarnings: string[];
}

/**
 * Imports a submission export into a round, all or nothing: rows are validated against the
 * instrument version, their canonical answers against the answer schema, their selection codes
 * against the round's selections (each used once, never a refused one), and their instance ids
 * against the file and the database (a submission already imported is refused).
 */
export async function importSubmissions(
  database: Database,
  cipher: FieldCipher,
  input: {
    site: SentinelSite;
    round: SentinelRound;
    instrument: StoredInstrument<XlsForm>;
    table: Table;
    bytes: Buffer;
    actor: string;
    address?: string | null;
    /** The import's date, for `today()` in rows that carry no date of their own. */
    today: string;
  },
): Promise<SubmissionImportResult> {
  const { site, round, instrument, table } = input;
  const form = instrument.definition;
  const file = table.file;
  const validated = validateSubmissions(form, table, { today: input.today });
  const selectionQuestion = form.survey.find((row) => row.name === SELECTION_CODE_QUESTION);
  const dateQuestion = form.survey.find((row) => row.name === INTERVIEW_DATE_QUESTION);
  const todayQuestion = form.survey.find((row) => row.type === 'today');
  if (!selectionQuestion)
    throw new UserError(
      `instrument ${form.settings.formId} has no ${SELECTION_CODE_QUESTION} question: submissions cannot be tied to the round's selections`,
      'invalid_input',
    );
  const problems: InputProblem[] = [];
  const selections = new Map(
    (await listSelections(database, round.id)).map((selection) => [selection.code, selection]),
  );
  const already = await existingInstanceIds(
    database,
    validated.rows.map((row) => row.instanceId),
  );
  const usedCodes = new Map<string, number>();
  const interviews: NewInterview[] = [];
  for (const row of validated.rows) {
    const { problems: canonical } = canonicalProblems(file, row);
    problems.push(...canonical);
    if (already.has(row.instanceId)) {
      problems.push({
        file,
        row: row.row,
        column: 'instance id',
        value: row.instanceId,
        reason: 'was imported before: duplicate submissions are refused',
      });
      continue;
    }
    const code = String(row.answers[selectionQuestion.id] ?? '');
    const selection: Selection | undefined = selections.get(code);
    if (!selection) {
      problems.push({
        file,
        row: row.row,
        column: SELECTION_CODE_QUESTION,
        value: code,
        reason: `is not a selection of round ${round.label}`,
      });
      continue;
    }
    if (round.planKind === 'time-location' && selection.code === selection.slot) {
      problems.push({
        file,
        row: row.row,
        column: SELECTION_CODE_QUESTION,
        value: code,
        reason: 'is a time slot: give the code of the person intercepted in it (record interceptions first)',
      });
      continue;
    }
    if (usedCodes.has(code))
      problems.push({
        file,
        row: row.row,
        column: SELECTION_CODE_QUESTION,
        value: code,
        reason: `is also the selection of row ${usedCodes.get(code)}`,
      });
    usedCodes.set(code, row.row);
    if (selection.interviewInstanceId !== null)
      problems.push({
        file,
        row: row.row,
        column: SELECTION_CODE_QUESTION,
        value: code,
        reason: `already has interview ${selection.interviewInstanceId}`,
      });
    else if (!['pending', 'completed'].includes(selection.outcome))
      problems.push({
        file,
        row: row.row,
        column: SELECTION_CODE_QUESTION,
        value: code,
        reason: `was recorded as ${selection.outcome}`,
      });
    const interviewedOn =
      (dateQuestion && (row.answers[dateQuestion.id] as string | undefined)) ||
      (todayQuestion && (row.answers[todayQuestion.id] as string | undefined)) ||
      (row.submittedAt ? row.submittedAt.slice(0, 10) : null);
    if (interviewedOn && (interviewedOn < round.startsOn || interviewedOn > round.endsOn))
      problems.push({
        file,
        row: row.row,
        column: dateQuestion?.name ?? 'today',
        value: interviewedOn,
        reason: `is outside round ${round.label} (${round.startsOn} to ${round.endsOn})`,
      });
    interviews.push({
      instanceId: row.instanceId,
      organisationId: site.organisationId,
      siteId: site.id,
      roundId: round.id,
      selectionId: selection.id,
      instrumentId: instrument.id,
      rowNumber: row.row,
      interviewedOn: interviewedOn || null,
      submittedAt: row.submittedAt,
      selectionProbability: selection.selectionProbability,
      designWeight: 1 / selection.selectionProbability,
      answers: row.answers,
      canonicalAnswers: Object.fromEntries(
        Object.entries(row.canonical).filter(([, value]) => value !== null),
      ),
      personalAnswers: row.personalAnswers,
    });
  }
  if (problems.length > 0)
    throw invalidInput(
      `${file}: submissions refused, nothing imported (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
      problems,
    );
  return database.transaction(async (transaction) => {
    const batchId = await createSubmissionBatch(transaction, {
      roundId: round.id,
      instrumentId: instrument.id,
      fileName: file,
      fileHash: createHash('sha256').update(input.bytes).digest('hex'),
      rowCount: interviews.length,
      importedBy: input.actor,
    });
    await insertInterviews(transaction, cipher, batchId, interviews);
    for (const interview of interviews)
      await recordSelectionOutcome(transaction, interview.selectionId, 'completed', input.actor);
    const weightWarnings = await recomputeRoundWeights(transaction, round);
    await appendAuditIn(transaction, {
      actor: input.actor,
      action: 'sentinel.submissions.import',
      targetType: 'sentinel_round',
      targetId: String(round.id),
      details: {
        site: site.code,
        round: round.label,
        file,
        rows: interviews.length,
        instrument: `${form.settings.formId}@${form.settings.version}`,
      },
      organisationId: site.organisationId,
      address: input.address ?? null,
    });
    return {
      batchId,
      imported: interviews.length,
      instrument: { formId: form.settings.formId, version: form.settings.version },
      weightWarnings,
    };
  });
}

/** The two shipped rule sets by name. */
export const RULE_SETS: Readonly<Record<string, DeterminationRuleSet>> = {
  'ilo-2012': ILO_2012_FORCED_LABOUR_RULES,
  palermo: PALERMO_PROTOCOL_RULES,
};

export interface ClassificationSummary {
  ruleSet: { id: string; version: string; fingerprint: string; title: string };
  counts: Record<'trafficked' | 'not_trafficked' | 'undetermined', number>;
  indicatorCounts: Record<string, number>;
  interviews: number;
  comparison: DeterminationComparison | null;
}

/**
 * Classifies the stored interviews of a site (one round, or all) by a rule set, stores the rule set
 * under its fingerprint and the determinations, and optionally compares with a second rule set's
 * determinations computed on the same answers.
 */
export async function classifyInterviews(
  database: Database,
  input: {
    site: SentinelSite;
    round?: SentinelRound;
    ruleSet: DeterminationRuleSet;
    compareWith?: DeterminationRuleSet;
    actor: string;
  },
): Promise<ClassificationSummary> {
  const stored = await listInterviews(database, { siteId: input.site.id, roundId: input.round?.id });
  const answers = stored.map(
    (interview) => ({ ...interview.canonicalAnswers, interviewId: interview.instanceId }) as InterviewAnswers,
  );
  const result = determineTrafficking(answers, input.ruleSet);
  const comparison = input.compareWith
    ? compareDeterminations(result, determineTrafficking(answers, input.compareWith))
    : null;
  const idOf = new Map(stored.map((interview) => [interview.instanceId, interview.id]));
  await database.transaction(async (transaction) => {
    const ruleSet = {
      fingerprint: ruleSetFingerprint(input.ruleSet),
      ruleSetId: input.ruleSet.id,
      version: input.ruleSet.version,
    };
    await saveRuleSet(transaction, { ...ruleSet, title: input.ruleSet.title, definition: input.ruleSet });
    await storeDeterminations(
      transaction,
      ruleSet,
      result.determinations.map((item) => ({
        interviewId: idOf.get(item.interviewId) as number,
        status: item.status,
        firedIndicators: item.firedIndicators,
        unknownIndicators: item.unknownIndicators,
        decisions: item.decisions,
      })),
      input.actor,
    );
  });
  return {
    ruleSet: result.ruleSet,
    counts: result.counts,
    indicatorCounts: result.indicatorCounts,
    interviews: stored.length,
    comparison,
  };
}
