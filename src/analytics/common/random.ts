/**
 * Seeded pseudo-random numbers for every stochastic method in SIREN (bootstraps, MCMC, sampling,
 * the synthetic world). Same seed, same sequence, on every machine.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
 * generators", ACM TOMS 47(4), doi:10.1145/3460772), state seeded through splitmix32 so that
 * nearby seeds give unrelated streams. Uniforms carry 53 random bits.
 * Gamma variates: Marsaglia & Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3), doi:10.1145/358407.358414. Normal variates: Marsaglia's polar method.
 * Poisson: Knuth's multiplication method below 30, the PTRS transformed rejection of
 * Hörmann (1993, Insurance: Mathematics and Economics 12(1), doi:10.1016/0167-6687(93)90997-4) above.
 */
export interface Random {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  integer(n: number): number;
  /** Standard normal, or normal with the given mean and standard deviation. */
  normal(mean?: number, standardDeviation?: number): number;
  /** Gamma with shape and scale (mean = shape × scale). */
  gamma(shape: number, scale?: number): number;
  /** Beta(a, b). */
  beta(a: number, b: number): number;
  /** Poisson with the given mean. */
  poisson(mean: number): number;
  /** Binomial(n, p). */
  binomial(n: number, p: number): number;
  /** Dirichlet with the given concentration parameters. */
  dirichlet(alpha: readonly number[]): number[];
  /** Index drawn with probability proportional to weights. */
  categorical(weights: readonly number[]): number;
  /** True with probability p. */
  bernoulli(p: number): boolean;
  /** A uniformly random element. */
  pick<T>(items: readonly T[]): T;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** An independent generator derived from this one (for parallel streams). */
  fork(): Random;
}

const LOG_FACTORIALS_SMALL: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACTORIALS_SMALL[k] = LOG_FACTORIALS_SMALL[k - 1] + Math.log(k);

function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIALS_SMALL[k];
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x ** 3);
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** A seeded generator. Seeds are integers; non-integers are rejected so that runs stay reproducible. */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new Error(`analytics/random: seed must be an integer, got ${seed}`);
  const mix = splitmix32((seed ^ Math.floor(seed / 2 ** 32)) >>> 0);
  const s = new Uint32Array([mix(), mix(), mix(), mix()]);
  if (s[0] === 0 && s[1] === 0 && s[2] === 0 && s[3] === 0) s[0] = 1;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const next = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;

  let spareNormal: number | null = null;
  const standardNormal = (): number => {
    if (spareNormal !== null) {
      const value = spareNormal;
      spareNormal = null;
      return value;
    }
    let u: number;
    let v: number;
    let q: number;
    do {
      u = 2 * next() - 1;
      v = 2 * next() - 1;
      q = u * u + v * v;
    } while (q >= 1 || q === 0);
    const factor = Math.sqrt((-2 * Math.log(q)) / q);
    spareNormal = v * factor;
    return u * factor;
  };

  const gamma = (shape: number, scale = 1): number => {
    if (!(shape > 0) || !(scale > 0))
      throw new Error(`analytics/random: gamma needs shape > 0 and scale > 0`);
    if (shape < 1) return gamma(shape + 1, scale) * next() ** (1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = next();
      if (u < 1 - 0.0331 * x ** 4) return d * v * scale;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  };

  const poisson = (mean: number): number => {
    if (!(mean >= 0)) throw new Error(`analytics/random: poisson needs a mean >= 0, got ${mean}`);
    if (mean === 0) return 0;
    if (mean < 30) {
      const limit = Math.exp(-mean);
      let k = 0;
      let product = next();
      while (product > limit) {
        k++;
        product *= next();
      }
      return k;
    }
    const logMean = Math.log(mean);
    const b = 0.931 + 2.53 * Math.sqrt(mean);
    const a = -0.059 + 0.02483 * b;
    const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
    const vr = 0.9277 - 3.6224 / (b - 2);
    for (;;) {
      const u = next() - 0.5;
      const v = next();
      const us = 0.5 - Math.abs(u);
      const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
      if (us >= 0.07 && v <= vr) return k;
      if (k < 0 || (us < 0.013 && v > us)) continue;
      if (
        Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <=
        -mean + k * logMean - logFactorial(k)
      )
        return k;
    }
  };

  const random: Random = {
    next,
    integer: (n) => {
      if (!(n >= 1) || !Number.isInteger(n))
        throw new Error(`analytics/random: integer(n) needs a positive integer`);
      return Math.floor(next() * n);
    },
    normal: (mean = 0, standardDeviation = 1) => mean + standardDeviation * standardNormal(),
    gamma,
    beta: (a, b) => {
      const x = gamma(a);
      return x / (x + gamma(b));
    },
    poisson,
    binomial: (n, p) => {
      if (p <= 0 || n <= 0) return 0;
      if (p >= 1) return n;
      if (n < 64) {
        let count = 0;
        for (let i = 0; i < n; i++) if (next() < p) count++;
        return count;
      }
      const flipped = p > 0.5;
      const q = flipped ? 1 - p : p;
      let count = 0;
      let position = 0;
      const logOneMinus = Math.log(1 - q);
      for (;;) {
        position += Math.floor(Math.log(1 - next()) / logOneMinus) + 1;
        if (position > n) break;
        count++;
      }
      return flipped ? n - count : count;
    },
    dirichlet: (alpha) => {
      const draws = alpha.map((a) => gamma(a));
      const total = draws.reduce((sum, x) => sum + x, 0);
      return draws.map((x) => x / total);
    },
    categorical: (weights) => {
      let total = 0;
      for (const w of weights) total += w;
      if (!(total > 0)) throw new Error(`analytics/random: categorical needs a positive total weight`);
      let target = next() * total;
      for (let i = 0; i < weights.length; i++) {
        target -= weights[i];
        if (target < 0) return i;
      }
      return weights.length - 1;
    },
    bernoulli: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error(`analytics/random: pick from an empty list`);
      return items[Math.floor(next() * items.length)];
    },
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const held = items[i];
        items[i] = items[j];
        items[j] = held;
      }
      return items;
    },
    fork: () => createRandom(nextUint32() * 2097152 + (nextUint32() >>> 11)),
  };
  return random;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
