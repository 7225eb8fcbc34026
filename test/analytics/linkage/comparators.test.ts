import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  damerauLevenshteinDistance,
  damerauLevenshteinSimilarity,
  levenshteinDistance,
} from '../../../src/analytics/linkage/damerau-levenshtein.ts';
import { jaroSimilarity, jaroWinklerSimilarity } from '../../../src/analytics/linkage/jaro-winkler.ts';

// Jaro and Jaro–Winkler values published to 3 decimals in W. E. Winkler (2006), "Overview of record
// linkage and current research directions", US Census Bureau Research Report RRS2006/02, Table 6
// (the name pairs of Porter & Winkler 1997). Rows whose published value is 0 (rescaled below a cut-off
// there) are left out. Tolerance 0.0005: the table's rounding.
const WINKLER_TABLE: [string, string, number, number][] = [
  ['SHACKLEFORD', 'SHACKELFORD', 0.97, 0.982],
  ['DUNNINGHAM', 'CUNNIGHAM', 0.896, 0.896],
  ['NICHLESON', 'NICHULSON', 0.926, 0.956],
  ['JONES', 'JOHNSON', 0.79, 0.832],
  ['MASSEY', 'MASSIE', 0.889, 0.933],
  ['ABROMS', 'ABRAMS', 0.889, 0.922],
  ['JERALDINE', 'GERALDINE', 0.926, 0.926],
  ['MARHTA', 'MARTHA', 0.944, 0.961],
  ['MICHELLE', 'MICHAEL', 0.869, 0.921],
  ['JULIES', 'JULIUS', 0.889, 0.933],
  ['TANYA', 'TONYA', 0.867, 0.88],
  ['DWAYNE', 'DUANE', 0.822, 0.84],
  ['SEAN', 'SUSAN', 0.783, 0.805],
  ['JON', 'JOHN', 0.917, 0.933],
];

describe('Jaro–Winkler', () => {
  it.each(WINKLER_TABLE)('%s / %s matches Winkler (2006) Table 6', (a, b, jaro, jaroWinkler) => {
    expect(Math.abs(jaroSimilarity(a, b) - jaro)).toBeLessThan(0.0005);
    expect(Math.abs(jaroWinklerSimilarity(a, b) - jaroWinkler)).toBeLessThan(0.0005);
  });

  it('gives 1 for identical strings, 0 against an empty one, 0 with no common letter', () => {
    expect(jaroWinklerSimilarity('', '')).toBe(1);
    expect(jaroWinklerSimilarity('abc', '')).toBe(0);
    expect(jaroWinklerSimilarity('abc', 'xyz')).toBe(0);
  });

  it('agrees between the short (bit-flag) and long paths', () => {
    const long = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const other = 'abcdefghijklmnopqrstuvwxzy0123456789';
    const short = jaroSimilarity(long.slice(0, 30), other.slice(0, 30));
    expect(short).toBeGreaterThan(0.9);
    expect(jaroSimilarity(long, other)).toBeGreaterThan(0.9);
  });

  it('is symmetric, bounded, 1 on identity, and never below Jaro (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (a, b) => {
        const forward = jaroWinklerSimilarity(a, b);
        expect(forward).toBeCloseTo(jaroWinklerSimilarity(b, a), 12);
        expect(forward).toBeGreaterThanOrEqual(0);
        expect(forward).toBeLessThanOrEqual(1);
        expect(forward).toBeGreaterThanOrEqual(jaroSimilarity(a, b) - 1e-12);
        expect(jaroWinklerSimilarity(a, a)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('Damerau–Levenshtein', () => {
  // M. van der Loo (2014), "The stringdist package for approximate string matching", The R Journal
  // 6(1):111–122, doi:10.32614/RJ-2014-011, section 2: d("ca", "abc") is 2 for the full
  // Damerau–Levenshtein distance and 3 for optimal string alignment.
  it('gives d("ca", "abc") = 2 (unrestricted, van der Loo 2014)', () => {
    expect(damerauLevenshteinDistance('ca', 'abc')).toBe(2);
  });

  // Classic textbook values: Levenshtein(kitten, sitting) = 3 (e.g. Navarro 2001, ACM Computing
  // Surveys 33(1), doi:10.1145/375360.375365); one adjacent transposition costs 1.
  it('matches textbook values', () => {
    expect(levenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshteinDistance('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshteinDistance('ab', 'ba')).toBe(1);
    expect(levenshteinDistance('ab', 'ba')).toBe(2);
    expect(damerauLevenshteinDistance('', 'abc')).toBe(3);
    expect(damerauLevenshteinSimilarity('', '')).toBe(1);
  });

  it('caps at maxDistance + 1 consistently with the exact distance', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: 0, max: 4 }),
        (a, b, cap) => {
          const exact = damerauLevenshteinDistance(a, b);
          const capped = damerauLevenshteinDistance(a, b, { maxDistance: cap });
          expect(capped).toBe(exact <= cap ? exact : cap + 1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is a metric bounded by Levenshtein and the length difference (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 });
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        const ab = damerauLevenshteinDistance(a, b);
        expect(ab).toBe(damerauLevenshteinDistance(b, a));
        expect(damerauLevenshteinDistance(a, a)).toBe(0);
        expect(ab).toBeLessThanOrEqual(levenshteinDistance(a, b));
        expect(ab).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(ab).toBeLessThanOrEqual(damerauLevenshteinDistance(a, c) + damerauLevenshteinDistance(c, b));
        const similarity = damerauLevenshteinSimilarity(a, b);
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });
});
