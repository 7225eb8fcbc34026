import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createComparator, type LinkageModel, prepareRecords } from '../../../src/analytics/linkage/index.ts';
import { joinedPhoneticKey } from '../../../src/analytics/linkage/normalise-name.ts';
import { termFrequencyShare, termFrequencyWeight } from '../../../src/analytics/linkage/score-pairs.ts';
import type { FieldKind } from '../../../src/analytics/linkage/types.ts';

describe('an age compared through the date it was recorded', () => {
  // Born between 1993-06-02 and 1994-06-01 by the age; the others by birth date or another age.
  const columns = {
    age: ['30', '', '', '', '25', ''],
    recorded_on: ['2024-06-01', '', '', '', '2019-03-01', ''],
    date_of_birth: ['', '1994-01-01', '1995-02-01', '1990-01-01', '', '1994-01-01'],
  };
  const prepared = prepareRecords({ columns }, new Map<string, FieldKind>([['age', 'age']]), {
    ages: new Map([['age', { recordedOn: 'recorded_on', birthDate: 'date_of_birth' }]]),
  });
  const age = createComparator(
    { field: 'age', kind: 'age', recordedOn: 'recorded_on', birthDate: 'date_of_birth' },
    prepared,
  );
  const label = (i: number, j: number) => {
    const level = age.level(i, j);
    return level < 0 ? 'missing' : age.labels[level];
  };

  it('meets a birth date it allows, and one a little or far outside it', () => {
    expect(label(0, 1)).toBe('birth dates consistent');
    expect(label(0, 2)).toBe('birth dates within 1 year');
    expect(label(0, 3)).toBe('else');
  });
  it('meets an age recorded in another year', () => {
    // 25 on 2019-03-01: born 1993-03-02 to 1994-03-01, overlapping the first record's interval.
    expect(label(0, 4)).toBe('birth dates consistent');
  });
  it('leaves two birth dates to the date comparison, so one agreement counts once', () => {
    expect(label(1, 5)).toBe('missing');
  });
});

describe('the joined phonetic key of a name', () => {
  it('meets a given name written joined or apart, family name first or last', () => {
    const key = joinedPhoneticKey(['srey', 'mom', 'sok']);
    expect(joinedPhoneticKey(['sok', 'sreymom'])).toBe(key);
    expect(joinedPhoneticKey(['sreymom', 'sok'])).toBe(key);
    expect(joinedPhoneticKey(['sok', 'sreymam'])).not.toBe(key);
  });
  it('is the same for every rotation of the words', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        (words, turn) => {
          const k = turn % words.length;
          expect(joinedPhoneticKey([...words.slice(k), ...words.slice(0, k)])).toBe(joinedPhoneticKey(words));
        },
      ),
    );
  });
});

describe('term frequencies of names: rare words, namesakes beyond one record per list', () => {
  // Two lists. "Anuphop Srithipsing" once in each; "Ah Ming Zhang" twice in list 0 (a namesake).
  const names = [
    'Anuphop Srithipsing',
    'Ah Ming Zhang',
    'Ah Ming Zhang',
    'Sok Dara',
    'Anuphop Srithipsing',
    'Ah Ming Zhang',
    'Chan Dara',
    'Sok Vanna',
  ];
  const sources = [0, 0, 0, 0, 1, 1, 1, 1];
  const prepared = prepareRecords(
    { columns: { full_name: names }, sources },
    new Map([['full_name', 'name' as FieldKind]]),
  );
  const comparator = createComparator({ field: 'full_name', kind: 'name' }, prepared);
  const model: LinkageModel = {
    comparisons: [
      {
        name: 'full_name',
        field: 'full_name',
        kind: 'name',
        levels: comparator.levels,
        labels: comparator.labels,
        m: comparator.labels.map(() => 1 / comparator.labels.length),
        u: comparator.labels.map(() => 0.01),
        termFrequency: true,
      },
    ],
    priorMatchProbability: 0.1,
    linkType: 'link',
  };
  const ids = comparator.column.ids;

  it('counts a name a list holds twice as having a namesake, a name once per list as having none', () => {
    expect(comparator.column.namesakes[ids[1]]).toBe(1);
    expect(comparator.column.namesakes[ids[0]]).toBe(0);
  });
  it('weighs the exact agreement of a name without namesakes more than one with', () => {
    const rare = termFrequencyShare(model, [comparator], 0, 0, ids[0], ids[4]);
    const common = termFrequencyShare(model, [comparator], 0, 0, ids[1], ids[5]);
    expect(rare).not.toBeNull();
    expect(common).not.toBeNull();
    expect(rare ?? 1).toBeLessThan(common ?? 0);
    expect(termFrequencyWeight(model, [comparator], 0, 0, ids[0], ids[4])).toBeGreaterThan(
      termFrequencyWeight(model, [comparator], 0, 0, ids[1], ids[5]),
    );
  });
  it('adjusts no level of merely similar names (Jaro–Winkler on sorted words) and no "else"', () => {
    const sortedLevel = comparator.levels.findIndex((level) => level.type === 'jaroWinkler' && level.sorted);
    expect(termFrequencyShare(model, [comparator], 0, sortedLevel, ids[3], ids[6])).toBeNull();
    expect(termFrequencyShare(model, [comparator], 0, comparator.levels.length, ids[3], ids[7])).toBeNull();
  });
});
