import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnalyticsInputError } from '../../../../src/analytics/common/errors.ts';
import { createPatternTable, patternRows } from '../../../../src/analytics/estimate/mse/pattern-table.ts';
import { patternTableFromRecords } from '../../../../src/analytics/estimate/mse/pattern-table-from-records.ts';

describe('createPatternTable', () => {
  it('indexes counts by pattern mask and sums duplicate patterns (SparseMSE tidylists)', () => {
    const table = createPatternTable(
      ['A', 'B'],
      [
        { pattern: [1, 0], count: 3 },
        { pattern: [0, 1], count: 4 },
        { pattern: [1, 1], count: 2 },
        { pattern: [1, 1], count: 1 },
      ],
    );
    expect([...table.counts]).toEqual([0, 3, 4, 3]);
    expect(table.observed).toBe(10);
  });

  it('rejects a list with no records, no overlap, negative counts and the unseen pattern', () => {
    const lists = ['A', 'B', 'C'];
    expect(() =>
      createPatternTable(lists, [
        { pattern: [1, 0, 0], count: 3 },
        { pattern: [1, 1, 0], count: 2 },
      ]),
    ).toThrow('estimate/mse: list "C" has no records');
    expect(() =>
      createPatternTable(lists, [
        { pattern: [1, 0, 0], count: 3 },
        { pattern: [0, 1, 0], count: 2 },
        { pattern: [0, 0, 1], count: 2 },
      ]),
    ).toThrow(/too few overlaps/);
    expect(() => createPatternTable(lists, [{ pattern: [1, 1, 1], count: -1 }])).toThrow(/negative/);
    expect(() => createPatternTable(lists, [{ pattern: [0, 0, 0], count: 5 }])).toThrow(/on no list/);
    expect(() => createPatternTable(['A', 'A'], [])).toThrow(AnalyticsInputError);
    expect(() => createPatternTable(lists, [{ pattern: [1, 2, 0], count: 1 }])).toThrow(/0 or 1/);
  });

  it('round-trips through its rows', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 7, maxLength: 7 }), (values) => {
        const counts = [5, 5, 3, ...values.slice(3)];
        const rows = counts.map((count, index) => ({
          pattern: [0, 1, 2].map((list) => ((index + 1) >> list) & 1),
          count,
        }));
        const table = createPatternTable(['A', 'B', 'C'], rows);
        const again = createPatternTable(['A', 'B', 'C'], patternRows(table));
        expect([...again.counts]).toEqual([...table.counts]);
      }),
    );
  });
});

describe('patternTableFromRecords', () => {
  it('builds patterns from linked records, counting an entity once per list', () => {
    const table = patternTableFromRecords([
      { entity: 'p1', list: 'police' },
      { entity: 'p1', list: 'ngo' },
      { entity: 'p1', list: 'ngo' },
      { entity: 'p2', list: 'police' },
      { entity: 'p3', list: 'ngo' },
      { entity: 'p4', list: 'ngo' },
    ]);
    expect(table.lists).toEqual(['police', 'ngo']);
    expect([...table.counts]).toEqual([0, 1, 2, 1]);
  });

  it('names an unknown list and a declared list without records', () => {
    expect(() => patternTableFromRecords([{ entity: 'a', list: 'x' }], { lists: ['y', 'z'] })).toThrow(
      /list "x", which is not among/,
    );
    expect(() =>
      patternTableFromRecords(
        [
          { entity: 'a', list: 'x' },
          { entity: 'a', list: 'y' },
        ],
        { lists: ['x', 'y', 'z'] },
      ),
    ).toThrow('estimate/mse: list "z" has no records');
  });
});
