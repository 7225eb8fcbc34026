/**
 * The publication model of a sentinel site's data sheet for one round: what a reader may see, with
 * small cells already suppressed, so that the HTML and PDF renderers only lay it out. Built from the
 * round's indicators (design-based, with intervals), the trends across the site's rounds, counts of
 * interviews by origin province and by route, and the broker network.
 *
 * Disclosure control (Hundepool et al. 2012, *Statistical Disclosure Control*,
 * doi:10.1002/9781118348239): survey estimates resting on fewer than 25 interviews are withheld and
 * those on fewer than 50 flagged (releaseSurveyEstimate, the DHS rule); counts of interviews by
 * province and by route pass primary and complementary suppression against their published total
 * (suppressTable); brokers appear only by pseudonym (B1, B2…), and only those named by at least the
 * threshold number of respondents; no personal data enters the model.
 * Complexity: O(indicators × domains + provinces + routes + brokers).
 */
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  type EstimateRelease,
  releaseSurveyEstimate,
  suppressTable,
} from '../analytics/privacy/index.ts';
import type { BrokerNetwork, IndicatorTrend, SentinelIndicators } from '../analytics/surveillance/index.ts';

export interface DatasheetEstimate {
  estimate: number | null;
  lower: number | null;
  upper: number | null;
  release: EstimateRelease;
  base: number;
}

export interface DatasheetFigure extends DatasheetEstimate {
  key: string;
  label: string;
  kind: 'share' | 'count' | 'money';
}

export interface DatasheetBreakdown {
  variable: string;
  rows: ({ domain: string } & DatasheetEstimate)[];
}

export interface DatasheetTrend {
  key: string;
  label: string;
  points: ({ round: string } & DatasheetEstimate)[];
  change: { difference: number; lower: number; upper: number; pValue: number } | null;
}

export interface DatasheetModel {
  title: string;
  site: { code: string; name: string; populationServed: string };
  round: {
    label: string;
    startDate: string | null;
    endDate: string | null;
    plan: string | null;
    interviews: number;
    targetSample: number | null;
    officialCount: number | null;
  };
  ruleSet: { id: string; version: string; title: string; fingerprint: string } | null;
  determinations: { trafficked: number; notTrafficked: number; undetermined: number };
  keyFigures: DatasheetFigure[];
  traffickedBy: DatasheetBreakdown[];
  indicatorGroups: { group: string; figures: DatasheetFigure[] }[];
  trends: DatasheetTrend[];
  /** Interviews by origin province (ISO 3166-2), null where suppressed. */
  originProvinces: { code: string; name: string; interviews: number | null }[];
  routes: { route: string; interviews: number | null }[];
  brokers: { brokerId: string; respondents: number; medianFee: number | null; payers: number }[];
  brokerFees: DatasheetEstimate & { median: number | null };
  method: string[];
  disclosure: { threshold: number; minimumBase: number; reliableBase: number; suppressedCells: number };
  generatedOn: string;
}

export interface DatasheetInput {
  site: DatasheetModel['site'];
  round: Omit<DatasheetModel['round'], 'interviews' | 'officialCount'>;
  ruleSet: DatasheetModel['ruleSet'];
  indicators: SentinelIndicators;
  trends: readonly IndicatorTrend[];
  /** Interviews per origin province code, with the province's name. */
  originProvinces: readonly { code: string; name: string; interviews: number }[];
  /** Interviews per route (e.g. "KH-BB → TH"). */
  routes: readonly { route: string; interviews: number }[];
  brokers: BrokerNetwork | null;
  generatedOn: string;
  threshold?: number;
}

const MINIMUM_BASE = 25;
const RELIABLE_BASE = 50;
const KEY_FIGURES = [
  'trafficked',
  'misidentified_deported',
  'used_broker',
  'in_debt',
  'deceived',
  'child_labour',
  'unsafe_migration',
];
const GROUP_TITLES: Record<string, string> = {
  broker: 'Brokers',
  debt: 'Debts',
  deception: 'Deception',
  sector: 'Sectors of work',
  remittances: 'Remittances',
  education: 'Schooling',
  child_labour: 'Child labour',
  migration: 'Migration',
};
const TREND_KEYS = ['trafficked', 'misidentified_deported', 'deceived', 'in_debt'];

function released(estimate: {
  estimate: number;
  ci: { lower: number; upper: number };
  rowsUsed: number;
}): DatasheetEstimate {
  const release = releaseSurveyEstimate(estimate.rowsUsed, {
    minimumBase: MINIMUM_BASE,
    reliableBase: RELIABLE_BASE,
  });
  return release === 'suppressed'
    ? { estimate: null, lower: null, upper: null, release, base: estimate.rowsUsed }
    : {
        estimate: estimate.estimate,
        lower: estimate.ci.lower,
        upper: estimate.ci.upper,
        release,
        base: estimate.rowsUsed,
      };
}

function suppressedCounts<T extends { interviews: number }>(
  items: readonly T[],
  threshold: number,
): { shown: (number | null)[]; suppressedCells: number } {
  if (items.length === 0) return { shown: [], suppressedCells: 0 };
  const table = suppressTable(
    items.map((item) => [item.interviews]),
    { threshold },
  );
  return {
    shown: table.cells.map((row) => row[0]),
    suppressedCells: table.primaryCount + table.complementaryCount,
  };
}

/** The reader's data sheet of one round, with every small cell suppressed. */
export function buildDatasheetModel(input: DatasheetInput): DatasheetModel {
  const threshold = input.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  const { indicators } = input;
  const byKey = new Map(indicators.indicators.map((item) => [item.indicator, item]));
  const figure = (key: string): DatasheetFigure[] => {
    const item = byKey.get(key);
    return item ? [{ key, label: item.label, kind: 'share', ...released(item.overall) }] : [];
  };
  const keyFigures = KEY_FIGURES.flatMap(figure);
  const extrapolated = indicators.extrapolated;
  if (extrapolated) {
    const trafficked = byKey.get('trafficked');
    const misidentified = byKey.get('misidentified_deported');
    for (const [key, label, value, base] of [
      [
        'trafficked_number',
        'Trafficked persons among the official count',
        extrapolated.trafficked,
        trafficked,
      ],
      [
        'misidentified_number',
        'Trafficked persons deported as illegal migrants',
        extrapolated.misidentifiedDeported,
        misidentified,
      ],
    ] as const) {
      const release = released({
        estimate: value.estimate,
        ci: value.ci,
        rowsUsed: base?.overall.rowsUsed ?? 0,
      });
      keyFigures.push({ key, label, kind: 'count', ...release });
    }
  }
  const trafficked = byKey.get('trafficked');
  const traffickedBy: DatasheetBreakdown[] = trafficked
    ? Object.entries(trafficked.by).map(([variable, result]) => ({
        variable,
        rows: (result.domains ?? []).map((domain) => ({ domain: domain.domain, ...released(domain) })),
      }))
    : [];
  const groups = [...new Set(indicators.indicators.map((item) => item.group))].filter(
    (group) => group !== 'trafficking',
  );
  const indicatorGroups = groups.map((group) => ({
    group: GROUP_TITLES[group] ?? group,
    figures: indicators.indicators
      .filter((item) => item.group === group)
      .flatMap((item) => figure(item.indicator)),
  }));
  const trends = input.trends
    .filter((trend) => TREND_KEYS.includes(trend.indicator))
    .map((trend) => ({
      key: trend.indicator,
      label: trend.label,
      points: trend.rounds.map((point) => ({
        round: point.round,
        ...(point.estimate
          ? released({ ...point.estimate, rowsUsed: point.estimate.rowsUsed })
          : { estimate: null, lower: null, upper: null, release: 'suppressed' as const, base: 0 }),
      })),
      change: trend.changeFromPrevious
        ? {
            difference: trend.changeFromPrevious.difference,
            lower: trend.changeFromPrevious.ci.lower,
            upper: trend.changeFromPrevious.ci.upper,
            pValue: trend.changeFromPrevious.pValue,
          }
        : null,
    }));
  const provinces = [...input.originProvinces].sort((a, b) => b.interviews - a.interviews);
  const provinceCounts = suppressedCounts(provinces, threshold);
  const routes = [...input.routes].sort((a, b) => b.interviews - a.interviews);
  const routeCounts = suppressedCounts(routes, threshold);
  const fees = indicators.brokerFees;
  const feeEstimate = fees.mean
    ? released(fees.mean)
    : { estimate: null, lower: null, upper: null, release: 'suppressed' as const, base: fees.payers };
  const plan = input.round.plan
    ? `${input.round.plan.replace('_', '–')} sampling`
    : 'the round’s sampling plan';
  return {
    title: `${input.site.name}: sentinel surveillance, round ${input.round.label}`,
    site: input.site,
    round: { ...input.round, interviews: indicators.interviews, officialCount: indicators.officialCount },
    ruleSet: input.ruleSet,
    determinations: {
      trafficked: indicators.determinations.trafficked,
      notTrafficked: indicators.determinations.not_trafficked,
      undetermined: indicators.determinations.undetermined,
    },
    keyFigures,
    traffickedBy,
    indicatorGroups,
    trends,
    originProvinces: provinces.map((province, i) => ({
      code: province.code,
      name: province.name,
      interviews: provinceCounts.shown[i],
    })),
    routes: routes.slice(0, 10).map((route, i) => ({ route: route.route, interviews: routeCounts.shown[i] })),
    brokers: (input.brokers?.namedBySeveral ?? [])
      .filter((broker) => broker.respondents >= threshold)
      .slice(0, 10)
      .map((broker) => ({
        brokerId: broker.brokerId,
        respondents: broker.respondents,
        medianFee: broker.fees.payers >= threshold ? broker.fees.median : null,
        payers: broker.fees.payers,
      })),
    brokerFees: { ...feeEstimate, median: feeEstimate.release === 'suppressed' ? null : fees.median },
    method: [
      `${indicators.interviews} persons interviewed, selected by ${plan}; weights from the plan's selection probabilities calibrated to the site's official count${indicators.officialCount === null ? '' : ` (${indicators.officialCount.toLocaleString('en')})`}, never typed in.`,
      'Shares are design-based (Horvitz–Thompson weighted, Taylor-linearised variance) with 95% Korn–Graubard intervals; numbers of persons are the share times the official count, with the share’s interval.',
      input.ruleSet
        ? `Trafficking determined per interview by the rule set “${input.ruleSet.title}” (${input.ruleSet.id} v${input.ruleSet.version}); undetermined interviews are left out of the trafficking shares.`
        : 'No trafficking rule set was applied.',
      'Changes between rounds: difference of independent rounds with a Welch–Satterthwaite t test.',
      `Disclosure control: estimates on fewer than ${MINIMUM_BASE} interviews withheld, on fewer than ${RELIABLE_BASE} flagged (in brackets); counts below ${threshold} suppressed with complementary cells; brokers by pseudonym only.`,
    ],
    disclosure: {
      threshold,
      minimumBase: MINIMUM_BASE,
      reliableBase: RELIABLE_BASE,
      suppressedCells: provinceCounts.suppressedCells + routeCounts.suppressedCells,
    },
    generatedOn: input.generatedOn,
  };
}
