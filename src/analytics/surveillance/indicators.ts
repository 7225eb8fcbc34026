/**
 * Sentinel indicators of one round (or any set of interviews drawn under one design): the
 * design-based share of every indicator of indicators-definitions.ts, overall and by site, sex, age
 * group and destination (or any breakdowns given), each with its 95% interval (Korn–Graubard by
 * default, as estimateIndicatorShares); the mean and median fee paid to brokers by those who paid
 * one; and the extrapolation to the site's official count of the number trafficked and of the number
 * trafficked but deported as illegal migrants (share × count, the Poipet method of issue 8).
 *
 * Conventions: undetermined interviews are missing for the trafficking indicators (left out of the
 * denominator; their number is reported), so the share assumes they resemble the determined ones.
 * The official count is the population the round sampled (e.g. deportees through the checkpoint in
 * the round's weeks); when the design's weights already sum to it, the extrapolation equals the
 * design-based total. The median fee is the weighted median (no interval).
 *
 * References: Lumley (2010), *Complex Surveys*, doi:10.1002/9780470580066 (domain estimation, §2.3);
 * Korn & Graubard (1998), Survey Methodology 24(2):193–201; Cochran (1977), *Sampling Techniques*,
 * §3.2 (the total number in a class, N·p).
 * Complexity: O(indicators × (1 + Σ breakdown domains) × n × stages).
 */
import { requireInput } from '../common/errors.ts';
import {
  createSurveyDesign,
  estimateIndicatorShares,
  estimateSurveyMean,
  extrapolateShareToPopulation,
  type IndicatorShares,
  type ShareExtrapolation,
  type SurveyDesignInput,
  type SurveyDesignOptions,
  type SurveyEstimateResult,
  type SurveyLabel,
} from '../estimate/survey/index.ts';
import type { DeterminationStatus } from './determination-rules.ts';
import {
  ageGroupOf,
  type IndicatorGroup,
  type IndicatorInterview,
  SENTINEL_INDICATORS,
} from './indicators-definitions.ts';

export interface SentinelIndicatorInput {
  /** The interviews, in the order of the design's columns. */
  interviews: readonly (IndicatorInterview & { site?: string | null })[];
  /** The design's columns (weights from the plan and the site's counts, strata, clusters, fpc). */
  design: SurveyDesignInput;
  /** The site's official count of the population the round sampled, when known. */
  officialCount?: number | null;
}

export interface SentinelIndicatorOptions {
  /** Breakdowns to give, default site, sex, age_group, destination. */
  by?: readonly SentinelBreakdown[];
  level?: number;
  designOptions?: SurveyDesignOptions;
}

export type SentinelBreakdown = 'site' | 'sex' | 'age_group' | 'destination';

export const SENTINEL_BREAKDOWNS: readonly SentinelBreakdown[] = ['site', 'sex', 'age_group', 'destination'];

export interface SentinelIndicatorEstimate extends IndicatorShares {
  label: string;
  group: IndicatorGroup;
  /** Interviews with the indicator true (unweighted): the numerator small-cell rules look at. */
  positives: number;
}

export interface BrokerFees {
  /** Design-based mean fee among those who paid one, overall and by the breakdowns. */
  mean: SurveyEstimateResult | null;
  by: Record<string, SurveyEstimateResult>;
  median: number | null;
  payers: number;
}

export interface SentinelIndicators {
  interviews: number;
  determinations: Record<DeterminationStatus, number>;
  indicators: SentinelIndicatorEstimate[];
  brokerFees: BrokerFees;
  officialCount: number | null;
  /** Numbers in the official count: trafficked, and trafficked but deported as illegal migrants. */
  extrapolated: { trafficked: ShareExtrapolation; misidentifiedDeported: ShareExtrapolation } | null;
  warnings: string[];
}

const WHERE = 'surveillance/indicators';

function breakdownLabels(
  interviews: SentinelIndicatorInput['interviews'],
  breakdown: SentinelBreakdown,
): (SurveyLabel | null)[] {
  const labelOf: Record<
    SentinelBreakdown,
    (interview: SentinelIndicatorInput['interviews'][number]) => SurveyLabel | null
  > = {
    site: (interview) => interview.site ?? null,
    sex: (interview) => interview.answers.sex ?? null,
    age_group: (interview) => ageGroupOf(interview.answers.ageAtInterview),
    destination: (interview) => interview.answers.destinationCountry ?? null,
  };
  return interviews.map(labelOf[breakdown]);
}

function weightedMedian(values: readonly number[], weights: readonly number[]): number | null {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return null;
  let running = 0;
  for (const i of order) {
    running += weights[i];
    if (running >= total / 2) return values[i];
  }
  return null;
}

/** Every sentinel indicator of a round with its interval, breakdowns and extrapolations. */
export function estimateSentinelIndicators(
  input: SentinelIndicatorInput,
  options: SentinelIndicatorOptions = {},
): SentinelIndicators {
  const { interviews } = input;
  requireInput(interviews.length > 0, WHERE, 'no interviews');
  const design = createSurveyDesign(input.design, options.designOptions);
  requireInput(
    design.rowCount === interviews.length,
    WHERE,
    `the design has ${design.rowCount} rows for ${interviews.length} interviews`,
  );
  const officialCount = input.officialCount ?? null;
  requireInput(
    officialCount === null || (Number.isFinite(officialCount) && officialCount >= 0),
    WHERE,
    `the official count must be a number >= 0, got ${officialCount}`,
  );
  const level = options.level ?? 0.95;
  const domainsBy = Object.fromEntries(
    (options.by ?? SENTINEL_BREAKDOWNS).map((breakdown) => [
      breakdown,
      breakdownLabels(interviews, breakdown),
    ]),
  );
  const values = Object.fromEntries(
    SENTINEL_INDICATORS.map((definition) => [definition.key, interviews.map(definition.value)]),
  );
  const warnings: string[] = [];
  const asked = SENTINEL_INDICATORS.filter((definition) => {
    const present = values[definition.key].some((value) => value !== null);
    if (!present) warnings.push(`${definition.key}: not answered in any interview, not estimated`);
    return present;
  });
  // Each indicator's breakdown domains hold only the interviews that answered it, so that a domain
  // where nobody was asked (school drop-out among adults recruited as adults) is left out, not an error.
  const shares = asked.map((definition) => {
    const answered = values[definition.key];
    const answeredDomains = Object.fromEntries(
      Object.entries(domainsBy).map(([breakdown, labels]) => [
        breakdown,
        labels.map((label, i) => (answered[i] === null ? null : label)),
      ]),
    );
    return estimateIndicatorShares(
      design,
      { indicators: { [definition.key]: answered }, domainsBy: answeredDomains },
      { level },
    )[0];
  });
  const indicators = shares.map((share, i) => ({
    ...share,
    label: asked[i].label,
    group: asked[i].group,
    positives: values[asked[i].key].filter((value) => value === true).length,
  }));

  const fees = interviews.map((interview) => interview.answers.brokerFeePaid ?? null);
  const paid = fees.map((fee) => fee !== null && fee > 0);
  const payers = paid.filter(Boolean).length;
  const feeValues = fees.map((fee, i) => (paid[i] ? fee : null));
  const payerDomain = (labels: readonly (SurveyLabel | null)[]) =>
    labels.map((label, i) => (paid[i] && label !== null ? label : null));
  const brokerFees: BrokerFees = {
    mean: payers > 1 ? estimateSurveyMean(design, feeValues, { level }) : null,
    by: {},
    median: weightedMedian(
      feeValues.filter((fee): fee is number => fee !== null),
      Array.from(design.weights).filter((_, i) => paid[i]),
    ),
    payers,
  };
  if (payers > 1)
    for (const [breakdown, labels] of Object.entries(domainsBy))
      brokerFees.by[breakdown] = estimateSurveyMean(design, feeValues, {
        level,
        domains: payerDomain(labels),
      });

  const determinations: Record<DeterminationStatus, number> = {
    trafficked: 0,
    not_trafficked: 0,
    undetermined: 0,
  };
  for (const interview of interviews) determinations[interview.determination]++;
  const overall = (key: string) => indicators.find((indicator) => indicator.indicator === key)?.overall;
  const trafficked = overall('trafficked');
  const misidentified = overall('misidentified_deported');
  return {
    interviews: interviews.length,
    determinations,
    indicators,
    brokerFees,
    officialCount,
    extrapolated:
      officialCount !== null && trafficked && misidentified
        ? {
            trafficked: extrapolateShareToPopulation(trafficked, officialCount),
            misidentifiedDeported: extrapolateShareToPopulation(misidentified, officialCount),
          }
        : null,
    warnings: [...design.warnings, ...warnings],
  };
}
