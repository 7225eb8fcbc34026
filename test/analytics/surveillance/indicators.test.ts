import { describe, expect, it } from 'vitest';
import {
  compareSentinelRounds,
  estimateSentinelIndicators,
  type IndicatorInterview,
  SENTINEL_INDICATORS,
} from '../../../src/analytics/surveillance/index.ts';
import { syntheticSentinelRounds } from './indicators-synthetic.ts';

/** A simple random sample of 400 of 89,096 deportees, 92 (23%) trafficked: the Poipet 2009 round. */
function poipet2009(): IndicatorInterview[] {
  return Array.from({ length: 400 }, (_, i) => ({
    answers: {
      interviewId: `P${i}`,
      sex: i % 2 === 0 ? 'female' : 'male',
      ageAtInterview: 16 + (i % 30),
      ageAtRecruitment: 14 + (i % 30),
      destinationCountry: i % 3 === 0 ? 'MY' : 'TH',
      recruitedBy: i % 4 === 0 ? 'broker' : 'self',
      brokerFeePaid: i % 4 === 0 ? 100 + i : 0,
      returnMode: 'deported',
      identifiedAsVictimByOfficials: false,
      deceivedAbout: i < 92 ? ['wages'] : [],
    },
    determination: i < 92 ? 'trafficked' : 'not_trafficked',
  }));
}

describe('sentinel indicators', () => {
  it('reproduces the Poipet 2009 extrapolation from the interviews: about 20,000 of 89,096 deportees', () => {
    const interviews = poipet2009();
    const result = estimateSentinelIndicators({
      interviews,
      design: { finitePopulation: [interviews.map(() => 89_096)] },
      officialCount: 89_096,
    });
    const trafficked = result.indicators.find((item) => item.indicator === 'trafficked')!;
    expect(trafficked.overall.estimate).toBeCloseTo(0.23, 12);
    expect(trafficked.positives).toBe(92);
    // Every trafficked person was deported as an illegal migrant: the two extrapolations agree.
    const extrapolated = result.extrapolated!;
    expect(extrapolated.trafficked.estimate).toBeCloseTo(20_492, 0);
    expect(extrapolated.misidentifiedDeported.estimate).toBeCloseTo(extrapolated.trafficked.estimate, 6);
    // Korn–Graubard interval (the default): wider than the SRS Wald 16,800–24,200 of issue 8.
    expect(extrapolated.trafficked.ci.lower).toBeGreaterThan(16_000);
    expect(extrapolated.trafficked.ci.lower).toBeLessThan(16_900);
    expect(extrapolated.trafficked.ci.upper).toBeGreaterThan(24_200);
    expect(extrapolated.trafficked.ci.upper).toBeLessThan(25_000);
    expect(result.determinations).toEqual({ trafficked: 92, not_trafficked: 308, undetermined: 0 });
    expect(trafficked.by.sex.domains!.map((domain) => domain.domain)).toEqual(['female', 'male']);
    expect(trafficked.by.age_group.domains!.map((domain) => domain.domain)).toEqual([
      '18-24',
      '25-34',
      '35+',
      'under 18',
    ]);
    expect(result.brokerFees.payers).toBe(100);
    expect(result.brokerFees.mean!.estimate).toBeCloseTo(100 + 198, 12);
    expect(result.warnings).toContain('remitted: not answered in any interview, not estimated');
  });

  it('leaves undetermined interviews out of the trafficking denominator', () => {
    const interviews = poipet2009().map((interview, i) =>
      i >= 392 ? { ...interview, determination: 'undetermined' as const } : interview,
    );
    const result = estimateSentinelIndicators({ interviews, design: { rowCount: 400 } });
    const trafficked = result.indicators.find((item) => item.indicator === 'trafficked')!;
    expect(trafficked.overall.rowsUsed).toBe(392);
    expect(trafficked.overall.estimate).toBeCloseTo(92 / 392, 12);
    expect(result.extrapolated).toBeNull();
  });

  it('defines child labour by the ILO age thresholds and unsafe migration by irregular or smuggled travel', () => {
    const value = (key: string, answers: IndicatorInterview['answers']) =>
      SENTINEL_INDICATORS.find((item) => item.key === key)!.value({
        answers,
        determination: 'not_trafficked',
      });
    expect(value('child_labour', { interviewId: 'a', ageAtRecruitment: 13 })).toBe(true);
    expect(
      value('child_labour', {
        interviewId: 'a',
        ageAtRecruitment: 16,
        hoursPerDay: 7,
        sector: 'agriculture',
        lockedInOrGuarded: false,
      }),
    ).toBe(false);
    expect(value('child_labour', { interviewId: 'a', ageAtRecruitment: 16, hoursPerDay: 10 })).toBe(true);
    expect(value('child_labour', { interviewId: 'a', ageAtRecruitment: 16, hoursPerDay: 7 })).toBeNull();
    expect(
      value('unsafe_migration', { interviewId: 'a', irregularMigration: false, transportedByOthers: false }),
    ).toBe(false);
    expect(
      value('unsafe_migration', { interviewId: 'a', irregularMigration: null, transportedByOthers: true }),
    ).toBe(true);
  });

  it('covers the true share of victims of a synthetic world and tests the change between its rounds', () => {
    // One world at a fixed seed, two rounds (systematic, then time–location): the interval of the
    // share of interviewees who are truly victims (the estimator and the weights, without the
    // rule's classification error) covers each round's true share. The study over seeds, with the
    // rule's determinations too, is bench/surveillance/indicator-coverage.ts.
    const rounds = syntheticSentinelRounds(6, 40_000, 52);
    expect(rounds.map((round) => round.truth.plan)).toEqual(['systematic', 'time_location']);
    const results = rounds.map((round) => {
      const result = estimateSentinelIndicators(round.truthInput);
      const share = result.indicators.find((item) => item.indicator === 'trafficked')!.overall;
      expect(share.ci.lower).toBeLessThanOrEqual(round.truth.trueShareTrafficked);
      expect(share.ci.upper).toBeGreaterThanOrEqual(round.truth.trueShareTrafficked);
      return { round: `R${round.truth.round}`, time: round.truth.round, indicators: result };
    });
    const trends = compareSentinelRounds(results);
    const trafficked = trends.find((trend) => trend.indicator === 'trafficked')!;
    expect(trafficked.rounds.map((point) => point.round)).toEqual(['R1', 'R2']);
    const [first, second] = trafficked.rounds.map((point) => point.estimate!);
    expect(trafficked.changeFromPrevious!.difference).toBeCloseTo(second.estimate - first.estimate, 12);
    expect(trafficked.trend).toBeNull();
  });
});
