/**
 * Sentinel rounds of a synthetic world as indicator inputs: the interviews of each round with their
 * canonical answers, the ILO 2012 determination, the truth (victim or not) and the design columns.
 * Weights: the inverse selection probability calibrated to the round's count of deportees (the
 * site's official count), so the nonresponse adjustment is uniform within the round. Systematic
 * rounds are analysed as simple random samples with the population as finite population
 * correction (the usual approximation of systematic sampling, Cochran 1977 §8.6); time–location
 * rounds as one-stage cluster samples of day-slots (the slot is the cluster, 4 slots a day).
 * Shared by the indicator tests, the coverage study and the data sheet tests.
 */
import {
  determineTrafficking,
  ILO_2012_FORCED_LABOUR_RULES,
  type InterviewAnswers,
  type SentinelIndicatorInput,
} from '../../../src/analytics/surveillance/index.ts';
import { generateWorld } from '../../../src/synth/index.ts';
import type { SentinelRound } from '../../../src/synth/sentinel.ts';
import { MemorySink } from '../../synth/memory-sink.ts';

export interface SyntheticInterview {
  interviewId: string;
  round: number;
  victim: boolean;
  originProvince: string | null;
  brokerName: string | null;
  brokerPhone: string | null;
  answers: InterviewAnswers;
}

export interface SyntheticRound {
  truth: SentinelRound;
  interviews: SyntheticInterview[];
  input: SentinelIndicatorInput;
  /** The same design with the true victim status as the determination (estimator-only check). */
  truthInput: SentinelIndicatorInput;
}

const SLOTS_PER_DAY = 4;

/** Generates a world and returns its sentinel rounds ready for the indicators. */
export function syntheticSentinelRounds(seed: number, people: number, weeks = 104): SyntheticRound[] {
  const sink = new MemorySink();
  const summary = generateWorld({ seed, people, scenario: 'baseline', weeks }, sink);
  const truth = new Map(sink.rows('truth:interviews').map((row) => [String(row.interview_id), row]));
  const fields = new Map(sink.rows('source:sentinel').map((row) => [String(row.interview_id), row]));
  const selection = new Map(
    sink
      .rows('samples:sentinel_selection')
      .filter((row) => row.outcome === 'completed')
      .map((row) => [String(row.interview_id), row]),
  );
  const answers = sink.rows('samples:sentinel_answers').map((row) => {
    const clean = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null));
    return { ...clean, interviewId: String(row.interviewId) } as InterviewAnswers;
  });
  const determinations = new Map(
    determineTrafficking(answers, ILO_2012_FORCED_LABOUR_RULES).determinations.map((item) => [
      item.interviewId,
      item.status,
    ]),
  );
  return summary.sentinel.map((round) => {
    const interviews: SyntheticInterview[] = answers
      .filter((item) => Number(truth.get(item.interviewId)?.round) === round.round)
      .map((item) => {
        const field = fields.get(item.interviewId);
        return {
          interviewId: item.interviewId,
          round: round.round,
          victim: truth.get(item.interviewId)?.victim === 1,
          originProvince: (field?.origin_province as string | null) ?? null,
          brokerName: (field?.broker_name as string | null) ?? null,
          brokerPhone: (field?.broker_phone as string | null) ?? null,
          answers: item,
        };
      });
    const inverse = interviews.map(
      (item) => 1 / Number(selection.get(item.interviewId)?.selection_probability),
    );
    const scale = round.population / inverse.reduce((sum, value) => sum + value, 0);
    const weights = inverse.map((value) => value * scale);
    const design =
      round.plan === 'systematic'
        ? { weights, finitePopulation: [interviews.map(() => round.population)] }
        : {
            weights,
            clusters: [
              interviews.map((item) => {
                const row = selection.get(item.interviewId);
                return `${String(row?.arrived_at).slice(0, 10)}/${row?.slot}`;
              }),
            ],
            finitePopulation: [interviews.map(() => round.weeks * 7 * SLOTS_PER_DAY)],
          };
    const site = 'Poipet';
    return {
      truth: round,
      interviews,
      input: {
        interviews: interviews.map((item) => ({
          answers: item.answers,
          determination: determinations.get(item.interviewId) ?? 'undetermined',
          site,
        })),
        design,
        officialCount: round.population,
      },
      truthInput: {
        interviews: interviews.map((item) => ({
          answers: item.answers,
          determination: item.victim ? 'trafficked' : 'not_trafficked',
          site,
        })),
        design,
        officialCount: round.population,
      },
    };
  });
}
