import { describe, expect, it } from 'vitest';
import { generateWorld, SCENARIOS } from '../../src/synth/index.ts';
import { REPORTING_THRESHOLD_USD } from '../../src/synth/money.ts';
import { NSUM_TRANSMISSION } from '../../src/synth/nsum.ts';
import { MemorySink } from './memory-sink.ts';

function world(scenario: string, people: number, seed = 21, weeks = 156) {
  const sink = new MemorySink();
  const summary = generateWorld({ seed, people, scenario, weeks }, sink);
  return { sink, summary };
}

const { sink, summary } = world('baseline', 30_000);
const persons = sink.rows('truth:persons');

describe('synth border events and series', () => {
  const series = sink.rows('series:KH-TH-01:deportation');
  const crossings = sink.rows('series:TH-LA-02:crossing');

  it('counts every deportation through a crossing in its return week', () => {
    const deported = persons.filter(
      (row) => row.returned_how === 'deported' && row.return_crossing === 'KH-TH-01',
    );
    expect(series.reduce((sum, row) => sum + Number(row.count), 0)).toBe(deported.length);
    expect(series).toHaveLength(156);
    expect(series[0]).toMatchObject({ t: 1, date: '2021-01-04' });
  });

  it('shows the mass-deportation shock and the New Year peak put into the deportation series', () => {
    const byDate = new Map(series.map((row) => [row.date, Number(row.count)]));
    const mean = series.reduce((sum, row) => sum + Number(row.count), 0) / series.length;
    expect(byDate.get(summary.shockWeeks[0])!).toBeGreaterThan(4 * mean);
    const newYear = summary.holidays.newYear.map((date) => byDate.get(date)!);
    expect(newYear.reduce((a, b) => a + b, 0) / newYear.length).toBeGreaterThan(1.5 * mean);
  });

  it('has an annual season in ordinary crossings: April above October by about (1.3 / 0.7)', () => {
    const monthMean = (month: string) => {
      const rows = crossings.filter((row) => String(row.date).slice(5, 7) === month);
      return rows.reduce((sum, row) => sum + Number(row.count), 0) / rows.length;
    };
    const ratio = monthMean('04') / monthMean('10');
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2.6);
  });

  it('leaves about 2% of crossing-weeks unreported in the border-police file, listed in the truth', () => {
    const missing = sink.rows('truth:missing_border_reports').length;
    const weeksTimesCrossings = 156 * 15;
    expect(missing / weeksTimesCrossings).toBeGreaterThan(0.01);
    expect(missing / weeksTimesCrossings).toBeLessThan(0.03);
    expect(sink.rows('source:border_events')).toHaveLength((weeksTimesCrossings - missing) * 4);
  });
});

describe('synth sentinel interviews', () => {
  const interviews = sink.rows('truth:interviews');
  const log = sink.rows('samples:sentinel_selection');

  it('samples systematically with probability 1/k and records refusals', () => {
    const first = summary.sentinel[0];
    expect(first.plan).toBe('systematic');
    const round1 = log.filter((row) => row.round === 1);
    for (const row of round1) expect(row.selection_probability).toBeCloseTo(1 / first.interval!, 12);
    expect(round1.length).toBe(first.selected);
    expect(round1.filter((row) => row.outcome === 'refused').length).toBe(first.refused);
    expect(Math.abs(first.selected - first.population / first.interval!)).toBeLessThanOrEqual(1);
  });

  it('gives a Horvitz–Thompson share trafficked close to the truth of the round', () => {
    for (const round of summary.sentinel) {
      const rows = interviews.filter((row) => row.round === round.round);
      const weight = rows.reduce((sum, row) => sum + 1 / Number(row.selection_probability), 0);
      const victims = rows.reduce(
        (sum, row) => sum + Number(row.victim) / Number(row.selection_probability),
        0,
      );
      // Four standard errors of a proportion from this many interviews, plus room for the refusal bias.
      expect(Math.abs(victims / weight - round.trueShareTrafficked)).toBeLessThan(
        4 * Math.sqrt(0.25 / rows.length) + 0.03,
      );
    }
  });

  it('generates answers from the true history: victims report penalties far more often', () => {
    const answers = new Map(sink.rows('samples:sentinel_answers').map((row) => [row.interviewId, row]));
    const rate = (victim: number, key: string) => {
      const rows = interviews
        .filter((row) => row.victim === victim)
        .map((row) => answers.get(row.interview_id)!);
      return rows.filter((row) => row[key] === true).length / rows.length;
    };
    expect(rate(1, 'documentsRetained')).toBeGreaterThan(0.4);
    expect(rate(0, 'documentsRetained')).toBeLessThan(0.15);
    expect(rate(1, 'unableToLeaveEmployer')).toBeGreaterThan(5 * rate(0, 'unableToLeaveEmployer'));
  });
});

describe('synth RDS and network scale-up', () => {
  it('realises the scenario homophily in the hidden network and chains recruiters correctly', () => {
    for (const name of ['baseline', 'strong-homophily']) {
      const { sink: rdsSink, summary: rdsSummary } =
        name === 'baseline' ? { sink, summary } : world(name, 15_000);
      expect(Math.abs(rdsSummary.rds.realisedHomophily - SCENARIOS[name].homophily)).toBeLessThan(0.05);
      const rows = rdsSink.rows('samples:rds');
      const ids = new Set<unknown>();
      for (const row of rows) {
        if (row.recruiter_id !== null) expect(ids.has(row.recruiter_id)).toBe(true);
        else expect(row.wave).toBe(0);
        expect(Number(row.degree)).toBeGreaterThanOrEqual(1);
        ids.add(row.id);
      }
      expect(rows.length).toBe(rdsSummary.rds.sampleSize);
    }
  });

  it('scales up to transmission × the true hidden size with the Killworth estimator', () => {
    const known = sink.rows('samples:nsum_known');
    const names = known.map((row) => String(row['known.popn']));
    const knownTotal = known.reduce((sum, row) => sum + Number(row.size), 0);
    const rows = sink.rows('samples:nsum');
    const frame = summary.nsum.frameSize;
    let degrees = 0;
    let hidden = 0;
    for (const row of rows) {
      degrees += (names.reduce((sum, name) => sum + Number(row[name]), 0) / knownTotal) * frame;
      hidden += Number(row.returned_trafficking_victims);
    }
    const estimate = (hidden / degrees) * frame;
    expect(estimate / (NSUM_TRANSMISSION * summary.nsum.hiddenSize)).toBeGreaterThan(0.8);
    expect(estimate / (NSUM_TRANSMISSION * summary.nsum.hiddenSize)).toBeLessThan(1.2);
  });
});

describe('synth money, calls and posts', () => {
  const truth = sink.rows('truth:transactions');

  it('pays one recruitment fee per migrant recruited by an organisation', () => {
    const recruited = persons.filter((row) => row.broker_kind === 'organisation').length;
    expect(truth.filter((row) => row.pattern === 'recruitment_fee')).toHaveLength(recruited);
  });

  it('structures cash deposits just under the reporting threshold and closes cycles of three', () => {
    const structuring = truth.filter((row) => row.pattern === 'structuring');
    expect(structuring.length).toBeGreaterThan(0);
    for (const row of structuring) {
      expect(Number(row.amount_usd)).toBeLessThan(REPORTING_THRESHOLD_USD);
      expect(Number(row.amount_usd)).toBeGreaterThanOrEqual(0.9 * REPORTING_THRESHOLD_USD);
    }
    expect(truth.filter((row) => row.pattern === 'cycle').length % 3).toBe(0);
  });

  it('passes laundered money through mules within hours', () => {
    const ids = new Set(
      truth.filter((row) => row.pattern === 'mule_pass_through').map((row) => row.transaction_id),
    );
    const rows = sink.rows('source:transactions').filter((row) => ids.has(row.txn_ref));
    const arrivals = new Map<unknown, number[]>();
    for (const row of rows) {
      const list = arrivals.get(row.credit_account) ?? [];
      list.push(Date.parse(String(row.timestamp)));
      arrivals.set(row.credit_account, list);
    }
    let checked = 0;
    for (const row of rows) {
      const sent = Date.parse(String(row.timestamp));
      const before = (arrivals.get(row.debit_account) ?? []).filter((time) => time <= sent);
      if (before.length === 0) continue;
      expect((sent - Math.max(...before)) / 3_600_000).toBeLessThan(24);
      checked++;
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('calls mostly within organisations, between members only', () => {
    const members = new Map(sink.rows('truth:members').map((row) => [row.member_id, row.organisation_id]));
    const calls = sink.rows('network:calls');
    let within = 0;
    for (const call of calls) {
      expect(members.has(call.source)).toBe(true);
      expect(members.has(call.target)).toBe(true);
      if (members.get(call.source) === members.get(call.target)) within++;
    }
    expect(within / calls.length).toBeGreaterThan(0.9);
    expect(within).toBeLessThan(calls.length);
  });

  it('posts about 40% deceptive ads and shares phones across operations', () => {
    const posts = sink.rows('truth:posts');
    const share = posts.filter((row) => row.deceptive === 1).length / posts.length;
    expect(share).toBeGreaterThan(0.33);
    expect(share).toBeLessThan(0.47);
    expect(posts.some((row) => row.shared_from !== null)).toBe(true);
    expect(new Set(sink.rows('source:posts').map((row) => row.lang)).size).toBeGreaterThanOrEqual(5);
  });
});
