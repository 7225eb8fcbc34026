import { describe, expect, it } from 'vitest';
import { generateWorld, LIST_NAMES, RECORD_NOISE, SCENARIOS } from '../../src/synth/index.ts';
import { MemorySink } from './memory-sink.ts';

/** Generates a world in memory. */
function world(scenario: string, people: number, seed = 5) {
  const sink = new MemorySink();
  const summary = generateWorld({ seed, people, scenario, weeks: 104 }, sink);
  return { sink, summary };
}

/** |observed − expected| within `k` binomial standard errors. */
function withinSampling(successes: number, trials: number, p: number, k = 4): void {
  const se = Math.sqrt((p * (1 - p)) / trials);
  expect(Math.abs(successes / trials - p)).toBeLessThan(k * se + 1e-9);
}

describe('synth lists: capture by scenario', () => {
  const independent = world('independent-lists', 25_000);
  const victims = independent.sink.rows('truth:persons').filter((row) => row.victim === 1);

  it('captures each list at its base rate when lists are independent and homogeneous', () => {
    for (const list of LIST_NAMES)
      withinSampling(
        victims.filter((row) => row[list] === 1).length,
        victims.length,
        SCENARIOS['independent-lists'].baseCapture[list],
      );
  });

  it('has no dependence between lists: P(B | A) matches P(B) within sampling error', () => {
    for (const [a, b] of [
      ['police', 'ngo_shelter'],
      ['hotline', 'police'],
      ['returns', 'iom_cases'],
    ] as const) {
      const onA = victims.filter((row) => row[a] === 1);
      withinSampling(
        onA.filter((row) => row[b] === 1).length,
        onA.length,
        SCENARIOS['independent-lists'].baseCapture[b],
      );
    }
  });

  it('refers from police to the shelter at the stated rate in referral-dependence', () => {
    const { sink } = world('referral-dependence', 25_000);
    const rows = sink.rows('truth:persons').filter((row) => row.victim === 1);
    const scenario = SCENARIOS['referral-dependence'];
    const base = scenario.baseCapture.ngo_shelter;
    const referral = scenario.referrals.find(
      (r) => r.from === 'police' && r.to === 'ngo_shelter',
    )!.probability;
    const onPolice = rows.filter((row) => row.police === 1);
    const offPolice = rows.filter((row) => row.police === 0);
    withinSampling(
      onPolice.filter((row) => row.ngo_shelter === 1).length,
      onPolice.length,
      1 - (1 - base) * (1 - referral),
    );
    withinSampling(offPolice.filter((row) => row.ngo_shelter === 1).length, offPolice.length, base);
  });

  it('captures women more often than men on the hotline and fishing victims more by labour inspection under heterogeneity', () => {
    const { sink } = world('heterogeneous-capture', 12_000);
    const rows = sink.rows('truth:persons').filter((row) => row.victim === 1);
    const rate = (filter: (row: Record<string, unknown>) => boolean, list: string) => {
      const group = rows.filter(filter);
      return group.filter((row) => row[list] === 1).length / group.length;
    };
    expect(rate((row) => row.sex === 'female', 'hotline')).toBeGreaterThan(
      1.3 * rate((row) => row.sex === 'male', 'hotline'),
    );
    expect(rate((row) => row.sector === 'fishing', 'labour_inspection')).toBeGreaterThan(
      2 * rate((row) => row.sector === 'domestic_work', 'labour_inspection'),
    );
  });

  it('realised capture matches the expected capture the truth records, list by list', () => {
    const { summary } = world('baseline', 12_000);
    for (const list of LIST_NAMES) {
      const { persons, expectedPersons } = summary.lists[list];
      expect(Math.abs(persons - expectedPersons)).toBeLessThan(4 * Math.sqrt(expectedPersons) + 1);
    }
  });

  it('writes the pattern table of every list combination, summing to the true number of victims', () => {
    const patterns = independent.sink.rows('truth:patterns');
    expect(patterns).toHaveLength(64);
    expect(patterns.reduce((sum, row) => sum + Number(row.count), 0)).toBe(independent.summary.victims);
    const unobserved = patterns.find((row) => LIST_NAMES.every((list) => row[list] === 0))!;
    expect(Number(unobserved.count)).toBe(independent.summary.victims - independent.summary.observedVictims);
    const byStratum = independent.sink.rows('truth:patterns_by_stratum');
    expect(byStratum.reduce((sum, row) => sum + Number(row.count), 0)).toBe(independent.summary.victims);
  });

  it('puts about a quarter of the deportees arriving at Poipet among victims', () => {
    const deportees = independent.sink
      .rows('truth:persons')
      .filter((row) => row.returned_how === 'deported' && row.return_crossing === 'KH-TH-01');
    const share = deportees.filter((row) => row.victim === 1).length / deportees.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.32);
  });

  it('names the true person behind every list record', () => {
    const persons = new Set(independent.sink.rows('truth:persons').map((row) => row.person_id));
    const records = independent.sink.rows('truth:records');
    const listed = LIST_NAMES.reduce((sum, list) => sum + independent.summary.lists[list].records, 0);
    expect(records).toHaveLength(listed);
    for (const record of records) expect(persons.has(record.person_id)).toBe(true);
  });
});

describe('synth records: name variation, errors and missing values at the stated rates', () => {
  const { sink } = world('baseline', 30_000, 9);
  const records = sink.rows('truth:records');
  const flagged = (flag: string) =>
    records.filter((row) => String(row.noise).split('|').includes(flag)).length;

  it('has typos, nicknames and wrong birth years at the promised per-record rates', () => {
    withinSampling(flagged('typo'), records.length, RECORD_NOISE.typo);
    withinSampling(flagged('nickname'), records.length, RECORD_NOISE.nickname);
    withinSampling(flagged('wrong_birth_year'), records.length, RECORD_NOISE.wrongBirthYear);
    withinSampling(flagged('phone_changed'), records.length, RECORD_NOISE.phoneChanged);
  });

  it('drops Vietnamese diacritics and adds Burmese honorifics at the promised rates', () => {
    const nationality = new Map(sink.rows('truth:persons').map((row) => [row.person_id, row.nationality]));
    const vietnamese = records.filter((row) => nationality.get(row.person_id) === 'VN');
    const burmese = records.filter((row) => nationality.get(row.person_id) === 'MM');
    const share = (rows: typeof records, flag: string) =>
      rows.filter((row) => String(row.noise).split('|').includes(flag)).length;
    withinSampling(
      share(vietnamese, 'diacritics_dropped'),
      vietnamese.length,
      RECORD_NOISE.vietnameseDiacriticsDropped,
    );
    withinSampling(share(burmese, 'honorific'), burmese.length, RECORD_NOISE.burmeseHonorific);
  });

  it('leaves dates of birth empty at each agency’s stated rate (police 20%, IOM 10%)', () => {
    const police = sink.rows('source:police');
    withinSampling(police.filter((row) => row.DOB === null).length, police.length, 0.2);
    const iom = sink.rows('source:iom_cases');
    withinSampling(iom.filter((row) => row.dob === null).length, iom.length, 0.1);
  });

  it('writes Vietnamese names with diacritics in some records and without in others', () => {
    const names = sink.rows('source:iom_cases').map((row) => String(row.last_name));
    expect(names.some((name) => /[ễầạặỗồôư]/.test(name))).toBe(true);
    expect(names).toContain('Nguyen');
  });
});
