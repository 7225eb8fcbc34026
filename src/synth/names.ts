import type { Random } from '../analytics/common/random.ts';
import { NAME_POOLS, type NamePart, type NamePool, type NameShape } from './name-pools.ts';
import type { Country } from './places.ts';

export { BURMESE_HONORIFICS, type NamePart } from './name-pools.ts';

/**
 * Personal names of the Greater Mekong Sub-region in native script with the romanisations
 * agencies actually write (the first romanisation is the canonical one kept in the truth), and the
 * ways a name goes wrong on its way into a file: romanisation variants, family-first versus
 * given-first order, dropped Vietnamese diacritics, Burmese honorifics, nicknames and typing errors.
 * The parts names are made of, and how common each is, are in `name-pools.ts`.
 *
 * Conventions: Khmer, Vietnamese and Chinese names are written family name first; Thai and Lao
 * given name first; Burmese names have no family name (two or three syllables written together in
 * Burmese script) and take an honorific by age and sex (U, Daw, Ko, Ma, Maung).
 */
const DIACRITIC_MARKS = /[\u0300-\u036f]/g;

/** Vietnamese diacritic folding as a careless clerk does it: marks dropped, Đ written D. */
export function stripDiacritics(text: string): string {
  return text.normalize('NFD').replace(DIACRITIC_MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

const cumulativeOf = new WeakMap<readonly number[], Float64Array>();

/** Where `u` falls among cumulative weights: the index, and `u` rescaled to [0, 1) within it. */
function choose(weights: readonly number[], u: number): [number, number] {
  let cumulative = cumulativeOf.get(weights);
  if (!cumulative) {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    cumulative = new Float64Array(weights.length);
    let running = 0;
    weights.forEach((weight, index) => {
      running += weight / total;
      cumulative?.set([running], index);
    });
    cumulative[weights.length - 1] = 1;
    cumulativeOf.set(weights, cumulative);
  }
  let index = 0;
  while (index < cumulative.length - 1 && u >= cumulative[index]) index++;
  const low = index === 0 ? 0 : cumulative[index - 1];
  const rescaled = (u - low) / (cumulative[index] - low);
  return [index, Math.min(Math.max(rescaled, 0), 1 - 2 ** -53)];
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Ways of writing the parts one romanisation each: canonical first, then each part in each of its
 * other romanisations (the rest canonical), then every part in its first other romanisation (a
 * clerk who follows another system throughout).
 */
function romanisations(parts: readonly NamePart[]): string[][] {
  const canonical = parts.map((part) => part.roman[0]);
  const one = parts.flatMap((part, at) =>
    part.roman.slice(1).map((variant) => canonical.map((roman, index) => (index === at ? variant : roman))),
  );
  const throughout = parts.map((part) => part.roman[1] ?? part.roman[0]);
  return [canonical, ...one, throughout];
}

/** One name part made of several: its native script and its romanisations (see `NameShape`). */
function composePart(parts: readonly NamePart[], shape: NameShape): NamePart {
  const native = parts.map((part) => part.native).join(shape.nativeSeparator);
  if (parts.length === 1) return parts[0];
  if (shape.join === 'spaced') {
    const written = (index: number) => parts.map((part) => part.roman[index]).join(' ');
    const misspelt = parts.flatMap((part, at) =>
      part.roman
        .slice(2)
        .map((variant) => parts.map((other, index) => (index === at ? variant : other.roman[1])).join(' ')),
    );
    return { native, roman: [...new Set([written(0), written(1), ...misspelt])] };
  }
  const words = romanisations(parts).map((combination) =>
    combination.map((roman, index) => (index === 0 ? upperFirst(roman) : lowerFirst(roman))).join(''),
  );
  const spaced = shape.join === 'either' ? [parts.map((part) => upperFirst(part.roman[0])).join(' ')] : [];
  return { native, roman: [...new Set([...words, ...spaced])] };
}

const composed = new WeakMap<NameShape, Map<string, NamePart>>();

/** The name part a uniform draw `u` in [0, 1) gives from a pool (one draw, however many slots). */
export function drawPart(pool: NamePool, u: number): NamePart {
  const [shapeIndex, rest] = choose(pool.weights, u);
  const shape = pool.shapes[shapeIndex];
  let residual = rest;
  const indices: number[] = [];
  for (const slot of shape.slots) {
    const [index, next] = choose(slot.weights, residual);
    indices.push(index);
    residual = next;
  }
  let cache = composed.get(shape);
  if (!cache) {
    cache = new Map();
    composed.set(shape, cache);
  }
  const key = indices.join(',');
  let part = cache.get(key);
  if (!part) {
    part = composePart(
      indices.map((index, slot) => shape.slots[slot].parts[index]),
      shape,
    );
    cache.set(key, part);
  }
  return part;
}

/** Whether the culture writes the family name first. */
export const FAMILY_FIRST: Record<Country, boolean> = {
  KH: true,
  VN: true,
  CN: true,
  TH: false,
  LA: false,
  MM: false,
};

/** A true name: a family name (none for Burmese), given parts and a nickname. */
export interface TrueName {
  family: NamePart | null;
  given: readonly NamePart[];
  nickname: NamePart;
}

export function drawName(country: Country, sex: 'female' | 'male', random: Random): TrueName {
  const pools = NAME_POOLS[country];
  const givenPool = sex === 'female' ? pools.female : pools.male;
  if (country === 'MM') {
    const syllables = 2 + (random.next() < 0.4 ? 1 : 0);
    const given: NamePart[] = [];
    for (let i = 0; i < syllables; i++) given.push(drawPart(givenPool, random.next()));
    return { family: null, given, nickname: random.pick(pools.nicknames) };
  }
  return {
    family: drawPart(pools.family, random.next()),
    given: [drawPart(givenPool, random.next())],
    nickname: random.pick(pools.nicknames),
  };
}

/** Canonical romanised given name, family name and native-script full name of a true name. */
export function canonicalName(
  country: Country,
  name: TrueName,
): { given: string; family: string; native: string } {
  const given = name.given.map((part) => part.roman[0]).join(' ');
  const family = name.family ? name.family.roman[0] : '';
  return { given, family, native: nativeFullName(country, name) };
}

export function nativeFullName(country: Country, name: TrueName): string {
  if (country === 'MM') return name.given.map((part) => part.native).join('');
  if (country === 'CN') return (name.family?.native ?? '') + name.given.map((part) => part.native).join('');
  const given = name.given.map((part) => part.native).join(' ');
  if (!name.family) return given;
  return FAMILY_FIRST[country] ? `${name.family.native} ${given}` : `${given} ${name.family.native}`;
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'sqz',
  b: 'vn',
  c: 'xv',
  d: 'sf',
  e: 'wr',
  f: 'dg',
  g: 'fh',
  h: 'gj',
  i: 'uo',
  j: 'hk',
  k: 'jl',
  l: 'k',
  m: 'n',
  n: 'bm',
  o: 'ip',
  p: 'o',
  q: 'w',
  r: 'et',
  s: 'ad',
  t: 'ry',
  u: 'yi',
  v: 'cb',
  w: 'qe',
  x: 'zc',
  y: 'tu',
  z: 'x',
};

/** One typing error in a romanised word: a neighbouring key, a dropped, doubled or transposed letter. */
export function addTypo(word: string, random: Random): string {
  if (word.length < 3) return word + word[word.length - 1];
  const position = 1 + random.integer(word.length - 1);
  const kind = random.integer(4);
  const letter = word[position];
  if (kind === 0) {
    const neighbours = KEYBOARD_NEIGHBOURS[letter.toLowerCase()];
    if (neighbours) return word.slice(0, position) + random.pick([...neighbours]) + word.slice(position + 1);
  }
  if (kind === 1) return word.slice(0, position) + word.slice(position + 1);
  if (kind === 2) return word.slice(0, position) + letter + word.slice(position);
  if (position < word.length - 1)
    return word.slice(0, position) + word[position + 1] + letter + word.slice(position + 2);
  return word.slice(0, position) + word.slice(position + 1);
}
