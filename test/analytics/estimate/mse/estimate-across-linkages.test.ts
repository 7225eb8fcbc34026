import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import { estimateAcrossLinkages } from '../../../../src/analytics/estimate/mse/estimate-across-linkages.ts';

/** Linked records: `both` people on lists A and B, `onlyA` only on A, `onlyB` only on B. */
function records(onlyA: number, onlyB: number, both: number) {
  const rows: { entity: string; list: string }[] = [];
  let id = 0;
  for (let i = 0; i < onlyA; i++) rows.push({ entity: `p${id++}`, list: 'A' });
  for (let i = 0; i < onlyB; i++) rows.push({ entity: `p${id++}`, list: 'B' });
  for (let i = 0; i < both; i++) {
    rows.push({ entity: `p${id}`, list: 'A' });
    rows.push({ entity: `p${id++}`, list: 'B' });
  }
  return rows;
}

describe('estimateAcrossLinkages', () => {
  it('identical clusterings have no linkage spread; the estimate is Lincoln–Petersen', () => {
    const clustering = records(40, 20, 10);
    const result = estimateAcrossLinkages([clustering, clustering], { method: 'main' });
    expect(result.min).toBeCloseTo((50 * 30) / 10, 8);
    expect(result.max).toBeCloseTo(result.min, 12);
  });

  it('a clustering that misses links (fewer overlaps) gives a larger total, and the spread shows it', () => {
    // The same 70 people; in the second clustering 4 of the 10 links were missed (split in two).
    const result = estimateAcrossLinkages([records(40, 20, 10), records(44, 24, 6)], {
      method: 'main',
      replicatesPerClustering: 50,
      random: createRandom(3),
    });
    expect(result.estimates[0].estimate).toBeCloseTo(150, 8);
    expect(result.estimates[1].estimate).toBeCloseTo((50 * 30) / 6, 8);
    expect(result.max).toBeGreaterThan(result.min);
    expect(result.pooled?.replicates).toBe(100);
    expect(result.pooled?.lower).toBeLessThan(150);
  });

  it('needs a seeded generator for the pooled interval', () => {
    expect(() => estimateAcrossLinkages([records(4, 2, 1)], { replicatesPerClustering: 5 })).toThrow(
      /seeded/,
    );
  });
});
