import {
  type BrokerMention,
  type BrokerNetwork,
  buildBrokerNetwork,
  compareSentinelRounds,
  type DeterminationStatus,
  estimateSentinelIndicators,
  INTERVIEW_ANSWERS_SCHEMA,
  type IndicatorInterview,
  type IndicatorTrend,
  type SentinelBreakdown,
  type SentinelIndicators,
} from '../../analytics/surveillance/index.ts';
import { UserError } from '../../domain/errors.ts';
import { buildDatasheetModel, type DatasheetModel, type ProvinceFeature } from '../../reports/index.ts';
import type { FieldCipher } from '../../store/crypto.ts';
import type { Queryable } from '../../store/database.ts';
import { findRuleSet, listDeterminations } from '../../store/repositories/sentinel-determinations.ts';
import {
  listInterviews,
  readPersonalAnswers,
  type StoredInterview,
} from '../../store/repositories/sentinel-interviews.ts';
import { listRounds, type SentinelRound } from '../../store/repositories/sentinel-rounds.ts';
import {
  listOfficialCounts,
  listSites,
  type SentinelScope,
  type SentinelSite,
} from '../../store/repositories/sentinel-sites.ts';

/**
 * Sentinel reports over stored interviews: a round's indicators with their intervals (weights from
 * the stored calibrated weights, strata and slots of the plan; determinations of one rule set; the
 * official count of the round's dates), the trends across the site's rounds, the broker network
 * (personal answers opened here for linkage only, the read audited) and the data sheet model that
 * readers see, with small cells suppressed.
 *
 * The reports read the canonical answers (the instrument's `canonical` column, answers.ts) and,
 * among the personal answers (which are never canonical: they are sealed), the broker questions
 * {@link BROKER_QUESTIONS} of the default instrument, by question id. The official count of a round
 * is the sum of the site's counts whose periods lie within the round's dates.
 */

export interface RoundReference {
  scope: SentinelScope;
  /** Site code or id; may be left out when the scope has one site. */
  site?: string;
  /** Round label or id. */
  round: string;
  /** Rule set id or fingerprint whose determinations to use; may be left out when one classified the round. */
  ruleSet?: string;
}

export interface RoundIndicatorsReport {
  site: SentinelSite;
  round: SentinelRound;
  ruleSet: { id: string; version: string; title: string; fingerprint: string } | null;
  indicators: SentinelIndicators;
  trends: IndicatorTrend[];
  warnings: string[];
}

/** Finds a round by label or id among the sites the scope sees (a round elsewhere does not exist). */
export async function findRoundInScope(
  db: Queryable,
  scope: SentinelScope,
  site: string | undefined,
  round: string,
): Promise<{ site: SentinelSite; round: SentinelRound; rounds: SentinelRound[] }> {
  const sites = (await listSites(db, scope)).filter(
    (item) => site === undefined || item.code === site || String(item.id) === site,
  );
  if (site !== undefined && sites.length === 0)
    throw new UserError(`no sentinel site "${site}"`, 'not_found');
  const matches: { site: SentinelSite; round: SentinelRound; rounds: SentinelRound[] }[] = [];
  for (const candidate of sites) {
    const rounds = await listRounds(db, candidate.id);
    const found = rounds.find((item) => item.label === round || String(item.id) === round);
    if (found) matches.push({ site: candidate, round: found, rounds });
  }
  if (matches.length === 0) throw new UserError(`no round "${round}"`, 'not_found');
  if (matches.length > 1)
    throw new UserError(
      `round "${round}" exists at ${matches.map((match) => match.site.code).join(', ')}: name the site`,
      'invalid_input',
    );
  return matches[0];
}

async function determinationsOf(
  db: Queryable,
  site: SentinelSite,
  round: SentinelRound,
  ruleSet: string | undefined,
): Promise<{ statuses: Map<number, DeterminationStatus>; ruleSet: RoundIndicatorsReport['ruleSet'] }> {
  const stored = await listDeterminations(db, { siteId: site.id, roundId: round.id });
  const chosen = stored.filter(
    (item) => ruleSet === undefined || item.ruleSetId === ruleSet || item.ruleSetFingerprint === ruleSet,
  );
  const fingerprints = [...new Set(chosen.map((item) => item.ruleSetFingerprint))];
  if (fingerprints.length === 0) return { statuses: new Map(), ruleSet: null };
  if (fingerprints.length > 1)
    throw new UserError(
      `round ${round.label} was classified by several rule sets (${[...new Set(chosen.map((item) => `${item.ruleSetId} v${item.ruleSetVersion}`))].join(', ')}): choose one with --rules`,
      'invalid_input',
    );
  const definition = await findRuleSet(db, fingerprints[0]);
  return {
    statuses: new Map(chosen.map((item) => [Number(item.interviewId), item.status as DeterminationStatus])),
    ruleSet: definition
      ? {
          id: definition.ruleSetId,
          version: definition.version,
          title: definition.title,
          fingerprint: definition.fingerprint,
        }
      : null,
  };
}

function indicatorInterview(
  interview: StoredInterview,
  status: DeterminationStatus | undefined,
): IndicatorInterview {
  const parsed = INTERVIEW_ANSWERS_SCHEMA.passthrough().safeParse({
    ...interview.canonicalAnswers,
    interviewId: interview.instanceId,
  });
  if (!parsed.success)
    throw new UserError(
      `interview ${interview.instanceId}: stored answers do not fit the canonical keys (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`,
      'invalid_input',
    );
  return { answers: parsed.data, determination: status ?? 'undetermined' };
}

async function roundIndicators(
  db: Queryable,
  site: SentinelSite,
  round: SentinelRound,
  ruleSet: string | undefined,
  by: readonly SentinelBreakdown[] | undefined,
): Promise<{
  indicators: SentinelIndicators;
  interviews: StoredInterview[];
  ruleSet: RoundIndicatorsReport['ruleSet'];
  warnings: string[];
} | null> {
  const interviews = await listInterviews(db, { siteId: site.id, roundId: round.id });
  if (interviews.length === 0) return null;
  const determinations = await determinationsOf(db, site, round, ruleSet);
  const warnings: string[] = [];
  if (determinations.ruleSet === null)
    warnings.push(
      `round ${round.label} has no determinations: classify it (siren sentinel classify) for the trafficking shares`,
    );
  const uncalibrated = interviews.filter((interview) => interview.weight === null).length;
  if (uncalibrated > 0)
    warnings.push(
      `round ${round.label}: ${uncalibrated} interviews have no calibrated weight yet; their design weight (1/probability) is used`,
    );
  const counts = await listOfficialCounts(db, site.id, { from: round.startsOn, to: round.endsOn });
  const within = counts.filter(
    (count) => count.periodStart >= round.startsOn && count.periodEnd <= round.endsOn,
  );
  const slotted = interviews.some((interview) => interview.slot !== null);
  const indicators = estimateSentinelIndicators(
    {
      interviews: interviews.map((interview) => ({
        ...indicatorInterview(interview, determinations.statuses.get(Number(interview.id))),
        site: site.code,
      })),
      design: {
        weights: interviews.map((interview) => Number(interview.weight ?? interview.designWeight)),
        strata: interviews.map((interview) => interview.stratum),
        ...(slotted
          ? { clusters: [interviews.map((interview) => interview.slot ?? `${interview.selectionCode}`)] }
          : {}),
      },
      officialCount: within.length > 0 ? within.reduce((sum, count) => sum + Number(count.count), 0) : null,
    },
    { ...(by ? { by } : {}), designOptions: { lonelyUnit: 'adjust' } },
  );
  return { indicators, interviews, ruleSet: determinations.ruleSet, warnings };
}

/** A round's indicators as the API and `siren sentinel indicators --json` give them. */
export function roundIndicatorsBody(report: RoundIndicatorsReport) {
  return {
    site: report.site.code,
    round: report.round.label,
    ruleSet: report.ruleSet,
    ...report.indicators,
    trends: report.trends,
    warnings: report.warnings,
  };
}

/** A round's indicators, and their trends across the site's rounds up to it. */
export async function sentinelRoundIndicators(
  db: Queryable,
  reference: RoundReference,
  by?: readonly SentinelBreakdown[],
): Promise<RoundIndicatorsReport> {
  const { site, round, rounds } = await findRoundInScope(
    db,
    reference.scope,
    reference.site,
    reference.round,
  );
  const current = await roundIndicators(db, site, round, reference.ruleSet, by);
  if (!current) throw new UserError(`round ${round.label} has no interviews yet`, 'conflict');
  const history: { round: string; time: number; indicators: SentinelIndicators }[] = [];
  const warnings = [...current.warnings];
  const upTo = rounds.filter((item) => item.startsOn <= round.startsOn);
  for (const [index, item] of upTo.entries()) {
    const result =
      item.id === round.id
        ? current
        : await roundIndicators(db, site, item, reference.ruleSet ?? current.ruleSet?.fingerprint, []);
    if (result) history.push({ round: item.label, time: index + 1, indicators: result.indicators });
  }
  return {
    site,
    round,
    ruleSet: current.ruleSet,
    indicators: current.indicators,
    trends: compareSentinelRounds(history),
    warnings: [...warnings, ...current.indicators.warnings],
  };
}

/** The personal questions (ids) naming the broker in the default instrument (instruments/sentinel-interview). */
export const BROKER_QUESTIONS = {
  name: 'broker_name',
  phone: 'broker_phone',
  village: 'broker_village',
} as const;

function mentionsOf(interview: StoredInterview, personal: Record<string, unknown>): BrokerMention[] {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  const fee = interview.canonicalAnswers.brokerFeePaid;
  const mention = {
    interviewId: interview.instanceId,
    name: text(personal[BROKER_QUESTIONS.name]),
    phone: text(personal[BROKER_QUESTIONS.phone]),
    village: text(personal[BROKER_QUESTIONS.village]),
    fee: typeof fee === 'number' ? fee : null,
  };
  return mention.name || mention.phone ? [mention] : [];
}

/**
 * The broker network of a round's interviews; the personal answers are read (and the read audited
 * with its purpose) inside this service only.
 */
export async function sentinelBrokerNetwork(
  db: Queryable,
  cipher: FieldCipher,
  interviews: readonly StoredInterview[],
  audit: { actor: string; organisationId?: number | null; address?: string | null },
): Promise<BrokerNetwork> {
  const withPersonal = interviews.filter((interview) => interview.hasPersonalAnswers);
  const personal =
    withPersonal.length === 0
      ? new Map<number, Record<string, unknown>>()
      : await readPersonalAnswers(
          db,
          cipher,
          withPersonal.map((interview) => Number(interview.id)),
          { ...audit, purpose: 'broker network linkage (sentinel reports)' },
        );
  return buildBrokerNetwork(
    withPersonal.flatMap((interview) => mentionsOf(interview, personal.get(Number(interview.id)) ?? {})),
  );
}

/** The reader's data sheet model of a round (everything suppressed as readers must see it). */
export async function sentinelDatasheet(
  db: Queryable,
  cipher: FieldCipher,
  reference: RoundReference,
  options: {
    provinces: readonly ProvinceFeature[];
    generatedOn: string;
    audit: { actor: string; organisationId?: number | null; address?: string | null };
  },
): Promise<DatasheetModel> {
  const report = await sentinelRoundIndicators(db, reference);
  const interviews = await listInterviews(db, { siteId: report.site.id, roundId: report.round.id });
  const names = new Map(
    options.provinces.map((feature) => [feature.properties.code, feature.properties.name]),
  );
  const tally = (keys: (string | null)[]) => {
    const counts = new Map<string, number>();
    for (const key of keys) if (key !== null) counts.set(key, (counts.get(key) ?? 0) + 1);
    return [...counts];
  };
  const provinceOf = (interview: StoredInterview) =>
    typeof interview.canonicalAnswers.originProvince === 'string' &&
    interview.canonicalAnswers.originProvince !== ''
      ? interview.canonicalAnswers.originProvince
      : null;
  const destinationOf = (interview: StoredInterview) =>
    typeof interview.canonicalAnswers.destinationCountry === 'string'
      ? interview.canonicalAnswers.destinationCountry
      : null;
  return buildDatasheetModel({
    site: { code: report.site.code, name: report.site.name, populationServed: report.site.populationServed },
    round: {
      label: report.round.label,
      startDate: report.round.startsOn,
      endDate: report.round.endsOn,
      plan: report.round.planKind,
      targetSample: report.round.targetSampleSize,
    },
    ruleSet: report.ruleSet,
    indicators: report.indicators,
    trends: report.trends,
    originProvinces: tally(interviews.map(provinceOf)).map(([code, count]) => ({
      code,
      name: names.get(code) ?? code,
      interviews: count,
    })),
    routes: tally(
      interviews.map((interview) => {
        const province = provinceOf(interview);
        const destination = destinationOf(interview);
        return province && destination ? `${names.get(province) ?? province} to ${destination}` : null;
      }),
    ).map(([route, count]) => ({ route, interviews: count })),
    brokers: await sentinelBrokerNetwork(db, cipher, interviews, options.audit),
    generatedOn: options.generatedOn,
  });
}
