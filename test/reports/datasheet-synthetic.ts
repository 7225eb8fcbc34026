/** A data sheet model of the synthetic world's second Poipet round (shared by the report tests). */
import { existsSync, readFileSync } from 'node:fs';
import {
  buildBrokerNetwork,
  compareSentinelRounds,
  estimateSentinelIndicators,
  ILO_2012_FORCED_LABOUR_RULES,
  ruleSetFingerprint,
} from '../../src/analytics/surveillance/index.ts';
import { buildDatasheetModel, type DatasheetModel, type ProvinceFeature } from '../../src/reports/index.ts';
import { syntheticSentinelRounds } from '../analytics/surveillance/indicators-synthetic.ts';

const BOUNDARIES = new URL('../../generated/gms-admin1.geojson', import.meta.url);

/** The admin-1 boundaries when `npm run build` made them, else none (the map is left out). */
export function provinceFeatures(): ProvinceFeature[] {
  if (!existsSync(BOUNDARIES)) return [];
  return JSON.parse(readFileSync(BOUNDARIES, 'utf8')).features as ProvinceFeature[];
}

export function syntheticDatasheet(): DatasheetModel {
  const rounds = syntheticSentinelRounds(6, 40_000, 52);
  const results = rounds.map((round) => ({
    round: `R${round.truth.round}`,
    time: round.truth.round,
    indicators: estimateSentinelIndicators(round.input),
  }));
  const latest = rounds[1];
  const count = <T extends string>(values: (T | null)[]) => {
    const counts = new Map<T, number>();
    for (const value of values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    return [...counts];
  };
  return buildDatasheetModel({
    site: {
      code: 'KH-POI',
      name: 'Poipet',
      populationServed: 'Deportees from Thailand through the Poipet checkpoint',
    },
    round: {
      label: 'R2',
      startDate: '2021-07-05',
      endDate: '2021-10-03',
      plan: 'time_location',
      targetSample: 400,
    },
    ruleSet: {
      id: ILO_2012_FORCED_LABOUR_RULES.id,
      version: ILO_2012_FORCED_LABOUR_RULES.version,
      title: ILO_2012_FORCED_LABOUR_RULES.title,
      fingerprint: ruleSetFingerprint(ILO_2012_FORCED_LABOUR_RULES),
    },
    indicators: results[1].indicators,
    trends: compareSentinelRounds(results),
    originProvinces: count(latest.interviews.map((item) => item.originProvince)).map(
      ([code, interviews]) => ({
        code,
        name: code,
        interviews,
      }),
    ),
    routes: count(
      latest.interviews.map((item) =>
        item.originProvince && item.answers.destinationCountry
          ? `${item.originProvince} to ${item.answers.destinationCountry}`
          : null,
      ),
    ).map(([route, interviews]) => ({ route, interviews })),
    brokers: buildBrokerNetwork(
      latest.interviews
        .filter((item) => item.brokerName || item.brokerPhone)
        .map((item) => ({
          interviewId: item.interviewId,
          name: item.brokerName,
          phone: item.brokerPhone,
          fee: item.answers.brokerFeePaid ?? null,
        })),
    ),
    generatedOn: '2026-11-23',
  });
}
