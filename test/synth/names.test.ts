import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/analytics/common/random.ts';
import { canonicalName, drawName } from '../../src/synth/names.ts';

const draws = (country: 'KH' | 'TH' | 'LA' | 'MM' | 'VN' | 'CN', n: number, seed = 5) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, i) => drawName(country, i % 2 ? 'female' : 'male', random));
};

describe('synth names: as diverse as the region writes them', () => {
  it('takes one random draw per name part, so the rest of the world does not move when pools change', () => {
    const random = createRandom(11);
    const twin = createRandom(11);
    drawName('TH', 'female', random);
    for (let i = 0; i < 3; i++) twin.next();
    expect(random.next()).toBe(twin.next());
  });

  it('gives Thai families nearly unique surnames (the Surname Act of 1913) and Vietnamese ones by their shares', () => {
    const thai = draws('TH', 20_000).map((name) => name.family?.roman[0]);
    expect(new Set(thai).size / thai.length).toBeGreaterThan(0.6);
    const vietnamese = draws('VN', 20_000);
    const nguyen = vietnamese.filter((name) => name.family?.native === 'Nguyễn').length / vietnamese.length;
    const share = 38.4 / 95.4;
    expect(Math.abs(nguyen - share)).toBeLessThan(4 * Math.sqrt((share * (1 - share)) / vietnamese.length));
  });

  it('makes two random people share a full name rarely, as in a population of millions', () => {
    for (const country of ['KH', 'TH', 'LA', 'MM', 'VN', 'CN'] as const) {
      const names = draws(country, 20_000).map((name) => {
        const canonical = canonicalName(country, name);
        return `${canonical.family}|${canonical.given}`;
      });
      const counts = new Map<string, number>();
      for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
      let same = 0;
      for (const count of counts.values()) same += count * (count - 1);
      expect(same / (names.length * (names.length - 1)), country).toBeLessThan(2e-3);
    }
  });

  it('writes compound parts canonically first, spaced Khmer given names as a variant, all variants distinct', () => {
    for (const name of draws('KH', 500)) {
      const given = name.given[0];
      expect(new Set(given.roman).size).toBe(given.roman.length);
      expect(given.roman[0]).toMatch(/^[A-Z][a-z]+$/);
      expect(given.roman.some((roman) => roman.includes(' '))).toBe(true);
    }
  });
});
