import { requireInput } from '../common/index.ts';
import { damerauLevenshteinDistance } from './damerau-levenshtein.ts';
import { jaroWinklerSimilarity } from './jaro-winkler.ts';
import { romanisedPlaceKey } from './normalise-place.ts';
import type { PreparedColumn, PreparedRecords } from './prepare-records.ts';
import type { ComparisonLevel, ComparisonSpec, FieldKind } from './types.ts';

/**
 * Comparison levels of two records on one field: the default levels for each kind of field, their
 * labels, and a comparator that gives a pair's level (0 = best; the last level is "else"; −1 = missing
 * on either side, which the model treats as neutral, weight 0).
 *
 * Defaults (after Splink's comparison library and Christen 2012, ch. 5):
 * - name: exact, same tokens in any order, same phonetic key (romanisation variants of this region,
 *   the commonest disagreement between agencies), the same key with the words written joined or apart,
 *   Damerau–Levenshtein ≤ 1, Jaro–Winkler ≥ 0.9,
 *   Jaro–Winkler ≥ 0.8 on sorted tokens, else;
 * - text: exact, same tokens, Jaro–Winkler ≥ 0.9, token overlap ≥ 0.5, Jaro–Winkler ≥ 0.75, else;
 * - code: exact, Damerau–Levenshtein ≤ 1 (≤ 2 as well for codes of 6+ characters), else;
 * - date: exact, Damerau–Levenshtein ≤ 1 on YYYYMMDD (typo), day and month swapped, within 31 days,
 *   same year, within 5 years, else;
 * - number: exact, within 1, within 5 %, else; phone: exact E.164, same national number, same last
 *   7 digits, one edit, else; email: exact, Jaro–Winkler ≥ 0.9, else; category: exact, else;
 * - place: exact (the resolver's code, or the folded text), same place name up to romanisation
 *   variants (the village part of `PROVINCE/village`), else;
 * - age (an age with the date it was recorded, or a birth date): the possible birth dates overlap,
 *   are within 1 year, within 3 years, else; two birth dates are left to the date comparison
 *   (missing here, so one agreement is not counted twice).
 * Pair levels of value pairs are cached by value-id pair in a fixed-size direct-mapped table.
 * Sources: P. Christen (2012), "Data Matching", Springer, doi:10.1007/978-3-642-31164-2, ch. 5;
 * Splink comparison library, https://moj-analytical-services.github.io/splink/.
 * Complexity: one level test per pair and level, O(length²) for edit-distance levels.
 */
export function defaultLevels(kind: FieldKind, longCode = false): ComparisonLevel[] {
  switch (kind) {
    case 'name':
      return [
        { type: 'exact' },
        { type: 'tokenSet' },
        { type: 'phonetic' },
        { type: 'joinedPhonetic' },
        { type: 'damerauLevenshtein', maxDistance: 1 },
        { type: 'jaroWinkler', threshold: 0.9 },
        { type: 'jaroWinkler', threshold: 0.8, sorted: true },
      ];
    case 'text':
      return [
        { type: 'exact' },
        { type: 'tokenSet' },
        { type: 'jaroWinkler', threshold: 0.9 },
        { type: 'tokenOverlap', minimum: 0.5 },
        { type: 'jaroWinkler', threshold: 0.75, sorted: true },
      ];
    case 'code':
      return longCode
        ? [
            { type: 'exact' },
            { type: 'damerauLevenshtein', maxDistance: 1 },
            { type: 'damerauLevenshtein', maxDistance: 2 },
          ]
        : [{ type: 'exact' }, { type: 'damerauLevenshtein', maxDistance: 1 }];
    case 'date':
      return [
        { type: 'exact' },
        { type: 'damerauLevenshtein', maxDistance: 1 },
        { type: 'dayMonthSwapped' },
        { type: 'withinDays', days: 31 },
        { type: 'sameYear' },
        { type: 'withinYears', years: 5 },
      ];
    case 'number':
      return [
        { type: 'exact' },
        { type: 'withinTolerance', absolute: 1 },
        { type: 'withinTolerance', relative: 0.05 },
      ];
    case 'phone':
      return [
        { type: 'exact' },
        { type: 'nationalNumber' },
        { type: 'suffix', length: 7 },
        { type: 'damerauLevenshtein', maxDistance: 1 },
      ];
    case 'email':
      return [{ type: 'exact' }, { type: 'jaroWinkler', threshold: 0.9 }];
    case 'place':
      return [{ type: 'exact' }, { type: 'samePlaceKey' }];
    case 'age':
      return [
        { type: 'birthConsistent' },
        { type: 'birthWithinYears', years: 1 },
        { type: 'birthWithinYears', years: 3 },
      ];
    default:
      return [{ type: 'exact' }];
  }
}

/** A short English label of a level ("Jaro–Winkler ≥ 0.9"). */
export function levelLabel(level: ComparisonLevel): string {
  switch (level.type) {
    case 'exact':
      return 'exact';
    case 'swapped':
      return `swapped with ${level.with}`;
    case 'tokenSet':
      return 'same tokens, any order';
    case 'phonetic':
      return 'same phonetic key';
    case 'joinedPhonetic':
      return 'same phonetic key, written joined or apart';
    case 'jaroWinkler':
      return `Jaro–Winkler ≥ ${level.threshold}${level.sorted ? ' (sorted tokens)' : ''}`;
    case 'damerauLevenshtein':
      return `Damerau–Levenshtein ≤ ${level.maxDistance}`;
    case 'tokenOverlap':
      return `token overlap ≥ ${level.minimum}`;
    case 'withinDays':
      return `within ${level.days} days`;
    case 'dayMonthSwapped':
      return 'day and month swapped';
    case 'sameYear':
      return 'same year';
    case 'withinYears':
      return `within ${level.years} years`;
    case 'withinTolerance':
      return level.absolute !== undefined
        ? `within ${level.absolute}`
        : `within ${(level.relative ?? 0) * 100} %`;
    case 'nationalNumber':
      return 'same national number';
    case 'suffix':
      return `same last ${level.length}`;
    case 'samePlaceKey':
      return 'same place name (romanisation variants)';
    case 'birthConsistent':
      return 'birth dates consistent';
    case 'birthWithinYears':
      return `birth dates within ${level.years} year${level.years === 1 ? '' : 's'}`;
  }
}

/** The levels of a comparison (its own or the kind's defaults) and their labels including "else". */
export function resolveLevels(
  spec: ComparisonSpec,
  column?: PreparedColumn,
): { levels: ComparisonLevel[]; labels: string[] } {
  let longCode = false;
  if (spec.kind === 'code' && column && column.text.length > 0) {
    let total = 0;
    for (const value of column.text) total += value.length;
    longCode = total / column.text.length >= 6;
  }
  const levels = spec.levels ?? defaultLevels(spec.kind, longCode);
  return { levels, labels: [...levels.map(levelLabel), 'else'] };
}

function tokenOverlap(a: string[], b: string[]): number {
  let shared = 0;
  for (const token of a) if (b.includes(token)) shared++;
  return shared / Math.max(1, Math.min(a.length, b.length));
}

/** The place's own name key: after the last '/' of a resolved `PROVINCE/village` code, else the romanised key. */
function placeNameKey(text: string): string {
  const slash = text.lastIndexOf('/');
  return slash >= 0 ? text.slice(slash + 1) : romanisedPlaceKey(text);
}

/** Does the level's test pass for value ids a and b of the column? */
function passes(
  level: ComparisonLevel,
  column: PreparedColumn,
  a: number,
  b: number,
  similarity: Float64Array,
): boolean {
  switch (level.type) {
    case 'exact':
      return a === b;
    case 'tokenSet':
      return column.sorted[a] === column.sorted[b];
    case 'phonetic':
      return column.phonetic[a] === column.phonetic[b];
    case 'joinedPhonetic':
      return column.joined[a] === column.joined[b];
    case 'jaroWinkler':
      if (level.sorted) {
        if (Number.isNaN(similarity[1]))
          similarity[1] = jaroWinklerSimilarity(column.sorted[a], column.sorted[b]);
        return similarity[1] >= level.threshold;
      }
      if (Number.isNaN(similarity[0])) similarity[0] = jaroWinklerSimilarity(column.text[a], column.text[b]);
      return similarity[0] >= level.threshold;
    case 'damerauLevenshtein':
      return (
        damerauLevenshteinDistance(column.text[a], column.text[b], { maxDistance: level.maxDistance }) <=
        level.maxDistance
      );
    case 'tokenOverlap':
      return tokenOverlap(column.tokens[a], column.tokens[b]) >= level.minimum;
    case 'withinDays': {
      const difference = Math.abs(column.dayNumber[a] - column.dayNumber[b]);
      return difference <= level.days;
    }
    case 'dayMonthSwapped':
      return (
        column.year[a] !== 0 &&
        column.year[a] === column.year[b] &&
        column.day[a] === column.month[b] &&
        column.month[a] === column.day[b] &&
        column.day[a] !== 0
      );
    case 'sameYear':
      return column.year[a] !== 0 && column.year[a] === column.year[b];
    case 'withinYears':
      return (
        column.year[a] !== 0 &&
        column.year[b] !== 0 &&
        Math.abs(column.year[a] - column.year[b]) <= level.years
      );
    case 'withinTolerance': {
      const x = column.number[a];
      const y = column.number[b];
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      const difference = Math.abs(x - y);
      if (level.absolute !== undefined && difference <= level.absolute) return true;
      return (
        level.relative !== undefined && difference <= level.relative * Math.max(Math.abs(x), Math.abs(y))
      );
    }
    case 'nationalNumber':
      return column.national[a] === column.national[b];
    case 'suffix': {
      const x = column.national[a];
      const y = column.national[b];
      return (
        x.length >= level.length &&
        y.length >= level.length &&
        x.slice(-level.length) === y.slice(-level.length)
      );
    }
    case 'samePlaceKey': {
      const x = placeNameKey(column.text[a]);
      return x !== '' && x === placeNameKey(column.text[b]);
    }
    case 'birthConsistent':
      return birthGapDays(column, a, b) <= 0;
    case 'birthWithinYears':
      return birthGapDays(column, a, b) <= level.years * DAYS_PER_YEAR;
    case 'swapped':
      return false;
  }
}

const DAYS_PER_YEAR = 365.25;

/** Days between two birth-date intervals (earliest in `dayNumber`, latest in `number`); ≤ 0 when they overlap. */
function birthGapDays(column: PreparedColumn, a: number, b: number): number {
  return Math.max(column.dayNumber[a], column.dayNumber[b]) - Math.min(column.number[a], column.number[b]);
}

/** Whether an age column's value is an exact birth date (not an age). */
function isBirthDate(column: PreparedColumn, value: number): boolean {
  return column.dayNumber[value] === column.number[value];
}

/**
 * Slots of each comparator's direct-mapped cache of value-pair levels (a hash picks the slot; a
 * collision overwrites): bounded memory, no allocation, and frequent pairs (common names) stay cached.
 */
const CACHE_SLOTS = 1 << 18;

/** Gives the level of a pair of records on one comparison. */
export interface Comparator {
  spec: ComparisonSpec;
  name: string;
  levels: ComparisonLevel[];
  labels: string[];
  column: PreparedColumn;
  /** Level index of records i and j (0 = best, labels.length − 1 = else), or −1 when either is missing. */
  level(i: number, j: number): number;
}

/** Builds the comparator of one comparison over prepared records. */
export function createComparator(spec: ComparisonSpec, prepared: PreparedRecords): Comparator {
  const column = prepared.columns.get(spec.field);
  requireInput(column !== undefined, 'linkage/compare', `field "${spec.field}" was not prepared`);
  const { levels, labels } = resolveLevels(spec, column);
  const elseLevel = levels.length;
  const swapped = levels
    .map((level, index) => ({ level, index }))
    .filter(
      (entry): entry is { level: Extract<ComparisonLevel, { type: 'swapped' }>; index: number } =>
        entry.level.type === 'swapped',
    )
    .map(({ level, index }) => {
      const other = prepared.columns.get(level.with);
      requireInput(
        other !== undefined,
        'linkage/compare',
        `swapped level of "${spec.field}" names unknown field "${level.with}"`,
      );
      return { index, other };
    });
  const cacheKeys = new Float64Array(CACHE_SLOTS).fill(-1);
  const cacheLevels = new Uint8Array(CACHE_SLOTS);
  const stride = column.text.length + 1;
  const similarity = new Float64Array(2);
  const evaluate = (low: number, high: number): number => {
    similarity[0] = Number.NaN;
    similarity[1] = Number.NaN;
    for (let index = 0; index < levels.length; index++) {
      if (levels[index].type !== 'swapped' && passes(levels[index], column, low, high, similarity))
        return index;
    }
    return elseLevel;
  };
  const levelOfValues = (a: number, b: number): number => {
    if (a === b) return 0;
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    const key = low * stride + high;
    const slot = (Math.imul(low, 0x9e3779b1) ^ Math.imul(high, 0x85ebca6b)) & (CACHE_SLOTS - 1);
    if (cacheKeys[slot] === key) return cacheLevels[slot];
    const result = evaluate(low, high);
    cacheKeys[slot] = key;
    cacheLevels[slot] = result;
    return result;
  };
  const ids = column.ids;
  const swappedIndex = swapped.map((entry) => entry.index);
  const swappedColumn = swapped.map((entry) => entry.other);
  const level =
    column.kind === 'age'
      ? (i: number, j: number): number => {
          const a = ids[i];
          const b = ids[j];
          if (a < 0 || b < 0 || (isBirthDate(column, a) && isBirthDate(column, b))) return -1;
          return levelOfValues(a, b);
        }
      : swapped.length === 0
        ? (i: number, j: number): number => {
            const a = ids[i];
            const b = ids[j];
            if (a < 0 || b < 0) return -1;
            return levelOfValues(a, b);
          }
        : (i: number, j: number): number => {
            const a = ids[i];
            const b = ids[j];
            if (a < 0 || b < 0) return -1;
            const plain = levelOfValues(a, b);
            for (let s = 0; s < swappedIndex.length; s++) {
              const index = swappedIndex[s];
              if (index >= plain) break;
              const other = swappedColumn[s];
              const oi = other.ids[i];
              const oj = other.ids[j];
              if (
                oi >= 0 &&
                oj >= 0 &&
                column.text[a] === other.text[oj] &&
                column.text[b] === other.text[oi]
              )
                return index;
            }
            return plain;
          };
  return { spec, name: spec.name ?? spec.field, levels, labels, column, level };
}
