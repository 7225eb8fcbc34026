/**
 * Trends of the sentinel indicators across the rounds of a site: for each indicator, the share in
 * every round, the change from the previous round with its test (independent rounds,
 * Welch–Satterthwaite; testChangeBetweenRounds) and, with three rounds or more, the weighted
 * least-squares linear trend with its test and the lack-of-fit test (testTrendAcrossRounds).
 *
 * Convention: rounds are independent samples (different persons drawn separately), as sentinel
 * rounds are; a round where an indicator has no variance (all yes or all no) gives no test of change.
 * References: Satterthwaite (1946), Biometrics Bulletin 2(6):110–114, doi:10.2307/3002019; Cochran
 * (1954), Biometrics 10(1):101–129, doi:10.2307/3001666.
 * Complexity: O(rounds × indicators).
 */
import { requireInput } from '../common/errors.ts';
import {
  type RoundChange,
  type RoundTrend,
  type SurveyEstimate,
  testChangeBetweenRounds,
  testTrendAcrossRounds,
} from '../estimate/survey/index.ts';
import type { SentinelIndicators } from './indicators.ts';

export interface RoundIndicators {
  /** The round's name (e.g. R3). */
  round: string;
  /** When it took place, in any unit (round number, months since the first). */
  time: number;
  indicators: SentinelIndicators;
}

export interface IndicatorTrend {
  indicator: string;
  label: string;
  rounds: { round: string; time: number; estimate: SurveyEstimate | null }[];
  /** Last round against the one before it (null when either lacks the indicator or a variance). */
  changeFromPrevious: RoundChange | null;
  trend: RoundTrend | null;
}

const WHERE = 'surveillance/indicators-trends';

function testable(estimate: SurveyEstimate | null | undefined): estimate is SurveyEstimate {
  return !!estimate && estimate.variance > 0 && estimate.degreesOfFreedom > 0;
}

/** Each indicator across rounds (in time order), the latest change and the linear trend. */
export function compareSentinelRounds(rounds: readonly RoundIndicators[]): IndicatorTrend[] {
  requireInput(rounds.length > 0, WHERE, 'no rounds');
  const ordered = [...rounds].sort((a, b) => a.time - b.time);
  for (let r = 1; r < ordered.length; r++)
    requireInput(
      ordered[r].time !== ordered[r - 1].time,
      WHERE,
      `rounds ${ordered[r - 1].round} and ${ordered[r].round} have the same time ${ordered[r].time}`,
    );
  const keys: { indicator: string; label: string }[] = [];
  for (const round of ordered)
    for (const indicator of round.indicators.indicators)
      if (!keys.some((key) => key.indicator === indicator.indicator))
        keys.push({ indicator: indicator.indicator, label: indicator.label });
  return keys.map(({ indicator, label }) => {
    const series = ordered.map((round) => ({
      round: round.round,
      time: round.time,
      estimate: round.indicators.indicators.find((item) => item.indicator === indicator)?.overall ?? null,
    }));
    const last = series.at(-1)?.estimate;
    const previous = series.at(-2)?.estimate;
    const usable = series.filter((point) => testable(point.estimate));
    return {
      indicator,
      label,
      rounds: series,
      changeFromPrevious:
        last &&
        previous &&
        (testable(last) || testable(previous)) &&
        Math.min(last.degreesOfFreedom, previous.degreesOfFreedom) > 0
          ? testChangeBetweenRounds(previous, last)
          : null,
      trend:
        usable.length >= 3
          ? testTrendAcrossRounds(
              usable.flatMap((point) =>
                point.estimate ? [{ time: point.time, estimate: point.estimate }] : [],
              ),
            )
          : null,
    };
  });
}
