import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/index.ts';
import {
  checkKAnonymity,
  releaseSurveyEstimate,
  suppressLinkedCells,
  suppressTable,
} from '../../../src/analytics/privacy/index.ts';

/** Every row and column (with its total) holds no suppressed entry or at least two. */
function protectedLines(table: ReturnType<typeof suppressTable>): boolean {
  const lines: (number | null)[][] = [
    ...table.cells.map((row, i) => [...row, table.rowTotals[i]]),
    ...table.columnTotals.map((total, j) => [...table.cells.map((row) => row[j]), total]),
    [...table.rowTotals, table.grandTotal],
    [...table.columnTotals, table.grandTotal],
  ];
  return lines.every((line) => line.filter((value) => value === null).length !== 1);
}

describe('small-cell suppression', () => {
  it('suppresses a small cell and the cheapest complements in its row and column', () => {
    // Hundepool et al. (2012) §4.3: one sensitive cell needs complements in its row, its column,
    // and one more where those two complements meet (a 2×2 "rectangle").
    const table = suppressTable(
      [
        [20, 3, 40],
        [15, 30, 25],
        [50, 60, 70],
      ],
      { threshold: 5 },
    );
    expect(table.cells).toEqual([
      [null, null, 40],
      [null, null, 25],
      [50, 60, 70],
    ]);
    expect(table.rowTotals).toEqual([63, 70, 180]);
    expect(table.grandTotal).toBe(313);
    expect(table.primaryCount).toBe(1);
    expect(table.complementaryCount).toBe(3);
    expect(protectedLines(table)).toBe(true);
  });

  it('leaves zeros and large counts alone and reaches totals when no cell can protect', () => {
    expect(
      suppressTable([
        [0, 12],
        [7, 9],
      ]).cells,
    ).toEqual([
      [0, 12],
      [7, 9],
    ]);
    const single = suppressTable([[2], [30], [40]]);
    // One column: the row total of the small row equals its cell, so it goes too, and another row
    // with it, since the row totals add up to the grand total.
    expect(single.cells).toEqual([[null], [null], [40]]);
    expect(single.rowTotals).toEqual([null, null, 40]);
    expect(protectedLines(single)).toBe(true);
  });

  it('protects every line of random sparse tables (property over 200 seeded tables)', () => {
    const random = createRandom(8);
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + random.integer(6);
      const columns = 1 + random.integer(6);
      const counts = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => (random.next() < 0.3 ? random.integer(5) : random.integer(60))),
      );
      const table = suppressTable(counts, { threshold: 5 });
      expect(protectedLines(table)).toBe(true);
      table.cells.forEach((row, i) => {
        row.forEach((value, j) => {
          if (counts[i][j] > 0 && counts[i][j] < 5) expect(value).toBeNull();
          if (value !== null) expect(value).toBe(counts[i][j]);
        });
      });
    }
  });

  it('handles arbitrary published sums (a subtotal by kind over sources) and refuses bad input', () => {
    // Sources 0..2 of one kind with their subtotal 3; source 4 of another kind with its subtotal 5.
    const result = suppressLinkedCells(
      {
        values: [2, 40, 55, 97, 8, 8],
        isTotal: [false, false, false, true, false, true],
        relations: [
          [0, 1, 2, 3],
          [4, 5],
        ],
      },
      { threshold: 5 },
    );
    expect(result.suppressed).toEqual([true, true, false, false, false, false]);
    expect(result.complementary).toEqual([false, true, false, false, false, false]);
    expect(() => suppressLinkedCells({ values: [-1], relations: [] })).toThrow(
      /suppress-linked-cells: entry 1/,
    );
    expect(() => suppressTable([[1, 2], [3]])).toThrow(/row 2 has 1 cells/);
  });
});

describe('k-anonymity and the release rule for survey estimates', () => {
  it('lists the quasi-identifier classes below k with their rows', () => {
    const records = [
      { sex: 'female', age: '18-24', province: 'KH-1' },
      { sex: 'female', age: '18-24', province: 'KH-1' },
      { sex: 'male', age: '25-34', province: 'KH-1' },
      { sex: 'female', age: '18-24', province: null },
    ];
    const check = checkKAnonymity(records, ['sex', 'age', 'province'], 2);
    expect(check.satisfied).toBe(false);
    expect(check.classCount).toBe(3);
    expect(check.smallestClass).toBe(1);
    expect(check.recordsAtRisk).toBe(2);
    expect(check.violations.map((group) => group.rows)).toEqual([[2], [3]]);
    expect(checkKAnonymity(records, ['sex'], 1).satisfied).toBe(true);
  });

  it('withholds estimates on fewer than 25 interviews and flags those on fewer than 50 (DHS)', () => {
    expect(releaseSurveyEstimate(24)).toBe('suppressed');
    expect(releaseSurveyEstimate(25)).toBe('unreliable');
    expect(releaseSurveyEstimate(50)).toBe('shown');
    expect(releaseSurveyEstimate(9, { minimumBase: 5, reliableBase: 10 })).toBe('unreliable');
  });
});
