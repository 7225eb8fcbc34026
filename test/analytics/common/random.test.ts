import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/analytics/common/random.ts';

function sample(count: number, draw: () => number): { mean: number; variance: number } {
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < count; i++) {
    const x = draw();
    sum += x;
    sumSquares += x * x;
  }
  const mean = sum / count;
  return { mean, variance: sumSquares / count - mean * mean };
}

describe('createRandom', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const streamA = Array.from({ length: 10 }, () => a.next());
    expect(Array.from({ length: 10 }, () => b.next())).toEqual(streamA);
    expect(Array.from({ length: 10 }, () => c.next())).not.toEqual(streamA);
  });

  it('keeps uniforms in [0, 1) and integers in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 1000 }), (seed, n) => {
        const random = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const u = random.next();
          const k = random.integer(n);
          if (u < 0 || u >= 1 || k < 0 || k >= n || !Number.isInteger(k)) return false;
        }
        return true;
      }),
    );
  });

  // Moments within about 5 standard errors of the population values at n = 200,000.
  it.each([
    ['normal', (r: ReturnType<typeof createRandom>) => r.normal(2, 3), 2, 9],
    ['gamma(0.5, 2)', (r: ReturnType<typeof createRandom>) => r.gamma(0.5, 2), 1, 2],
    ['gamma(7, 1)', (r: ReturnType<typeof createRandom>) => r.gamma(7), 7, 7],
    ['beta(2, 5)', (r: ReturnType<typeof createRandom>) => r.beta(2, 5), 2 / 7, 10 / (49 * 8)],
    ['poisson(4)', (r: ReturnType<typeof createRandom>) => r.poisson(4), 4, 4],
    ['poisson(250)', (r: ReturnType<typeof createRandom>) => r.poisson(250), 250, 250],
    ['binomial(20, 0.3)', (r: ReturnType<typeof createRandom>) => r.binomial(20, 0.3), 6, 4.2],
    ['binomial(500, 0.9)', (r: ReturnType<typeof createRandom>) => r.binomial(500, 0.9), 450, 45],
  ])('draws %s with the right mean and variance', (_name, draw, mean, variance) => {
    const random = createRandom(7);
    const n = 200_000;
    const moments = sample(n, () => draw(random));
    expect(Math.abs(moments.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / n));
    expect(Math.abs(moments.variance - variance) / variance).toBeLessThan(0.03);
  });

  it('draws categories in proportion to their weights', () => {
    const random = createRandom(11);
    const counts = [0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[random.categorical([1, 2, 3])]++;
    expect(counts[0] / 60_000).toBeCloseTo(1 / 6, 2);
    expect(counts[2] / 60_000).toBeCloseTo(1 / 2, 2);
  });

  it('shuffles into a permutation and forks independent streams', () => {
    const random = createRandom(5);
    const shuffled = random.shuffle(Array.from({ length: 100 }, (_, i) => i));
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const fork = random.fork();
    expect(fork.next()).not.toEqual(random.next());
  });

  it('rejects a non-integer seed', () => {
    expect(() => createRandom(1.5)).toThrow(/seed must be an integer/);
  });
});
