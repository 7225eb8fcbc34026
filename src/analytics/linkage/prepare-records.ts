import { requireInput } from '../common/index.ts';
import { parseDate } from './normalise-date.ts';
import { joinedPhoneticKey, phoneticKey, prepareName } from './normalise-name.ts';
import { normalisePhone, type PhoneNormaliseOptions } from './normalise-phone.ts';
import type { PlaceResolver } from './normalise-place.ts';
import { foldCode, foldText } from './normalise-text.ts';
import type { FieldKind, LinkageRecords } from './types.ts';

/**
 * Normalises each column once, before any pair is compared: every distinct normalised value gets an
 * integer id, per-value forms (sorted tokens, phonetic key, date parts, number, phone national number)
 * are computed once per distinct value, and each record holds only the id (−1 = missing). Pair
 * comparisons then read typed arrays and compare ids first (equal ids = exact agreement).
 *
 * Normalisation by kind: name → {@link prepareName} (script, Zawgyi, transliteration, diacritics,
 * honorifics, token order); text, category, email → {@link foldText}; code → {@link foldCode};
 * date → {@link parseDate} (the YYYYMMDD key is the value); number → the parsed number;
 * phone → {@link normalisePhone} (E.164). A value that does not parse (a date that is not a date)
 * keeps its folded text, so it still takes part in exact and edit-distance levels.
 * Term frequency of each value = its share among the non-missing records.
 * Complexity: O(records + distinct values × normalisation).
 */
export interface PreparedColumn {
  field: string;
  kind: FieldKind;
  /** Value id of each record, −1 when missing. */
  ids: Int32Array;
  /** Normalised text of each value id. */
  text: string[];
  /** Sorted tokens (names, text) or the text itself. */
  sorted: string[];
  /** Phonetic key of the sorted tokens (names) or the text. */
  phonetic: string[];
  /** Joined phonetic key of the words in written order (names) or the text (see `joinedPhoneticKey`). */
  joined: string[];
  /** Tokens of each value. */
  tokens: string[][];
  /** Day number of each value (dates), NaN when not a real date. */
  dayNumber: Float64Array;
  /** Year, month and day of each value (dates), 0 when unknown. */
  year: Int32Array;
  month: Int32Array;
  day: Int32Array;
  /** Parsed number of each value (numbers), NaN when not a number. */
  number: Float64Array;
  /** National significant number (phones) or the text. */
  national: string[];
  /** Share of non-missing records holding each value. */
  frequency: Float64Array;
  /**
   * Names: how rare each value is, from its words: the product over its words of the share of
   * records whose name holds the word (see `termFrequencyShare`); empty for other kinds, like the
   * name-only arrays below.
   */
  wordRarity: Float64Array;
  /** Names: the same product over the phonetic keys of its words. */
  phoneticRarity: Float64Array;
  /** Mean phonetic rarity over the records with a value (the rarity of a typical name). */
  meanPhoneticRarity: number;
  /**
   * Names: records bearing each value, its sorted words, its phonetic key, beyond one per source (a
   * person is on a list once, so the rest are other people: namesakes).
   */
  namesakes: Float64Array;
  sortedNamesakes: Float64Array;
  phoneticNamesakes: Float64Array;
  /** Records with a value. */
  present: number;
}

export interface PrepareOptions {
  phone?: PhoneNormaliseOptions;
  honorifics?: readonly string[];
  /** Records prepared before from the same records, and the fields whose columns may be taken from them. */
  reuse?: PreparedRecords;
  reused?: ReadonlyMap<string, FieldKind>;
  /** Age fields' reference date and birth-date fields (see `birthIntervals`). */
  ages?: ReadonlyMap<string, { recordedOn: string; birthDate?: string }>;
  /** Resolves 'place' columns to canonical codes (the gazetteer, supplied by the caller); `within` names each place field's containing field. */
  places?: { resolve: PlaceResolver; within?: ReadonlyMap<string, string> };
}

function normaliseValue(raw: string, kind: FieldKind, options: PrepareOptions): string | null {
  if (kind === 'name') return prepareName(raw, { honorifics: options.honorifics })?.text ?? null;
  if (kind === 'age') return raw;
  if (kind === 'code') return foldCode(raw) || null;
  if (kind === 'date') return parseDate(raw)?.key ?? (foldCode(raw) || null);
  if (kind === 'number') {
    const value = Number(raw.replace(/[\s,]/g, ''));
    return Number.isFinite(value) ? String(value) : foldCode(raw) || null;
  }
  if (kind === 'phone') return normalisePhone(raw, options.phone)?.value ?? null;
  if (kind === 'email') return raw.trim().toLowerCase() || null;
  if (kind === 'place') return raw.startsWith(RESOLVED) ? raw.slice(RESOLVED.length) : foldText(raw) || null;
  return foldText(raw) || null;
}

/** Normalises one column (see the header). */
export function prepareColumn(
  field: string,
  kind: FieldKind,
  values: readonly (string | null)[],
  options: PrepareOptions = {},
  sources?: ArrayLike<number>,
): PreparedColumn {
  const ids = new Int32Array(values.length);
  const idOfRaw = new Map<string, number>();
  const idOfNormal = new Map<string, number>();
  const text: string[] = [];
  const counts: number[] = [];
  let present = 0;
  for (let record = 0; record < values.length; record++) {
    const raw = values[record];
    if (raw === null || raw === undefined || raw.trim() === '') {
      ids[record] = -1;
      continue;
    }
    let id = idOfRaw.get(raw);
    if (id === undefined) {
      const normal = normaliseValue(raw, kind, options);
      if (normal === null) id = -1;
      else {
        id = idOfNormal.get(normal);
        if (id === undefined) {
          id = text.length;
          idOfNormal.set(normal, id);
          text.push(normal);
          counts.push(0);
        }
      }
      idOfRaw.set(raw, id);
    }
    ids[record] = id;
    if (id >= 0) {
      counts[id]++;
      present++;
    }
  }
  const size = text.length;
  const nameSize = kind === 'name' ? size : 0;
  const column: PreparedColumn = {
    field,
    kind,
    ids,
    text,
    sorted: new Array<string>(size),
    phonetic: new Array<string>(size),
    joined: new Array<string>(size),
    tokens: new Array<string[]>(size),
    dayNumber: new Float64Array(size).fill(Number.NaN),
    year: new Int32Array(size),
    month: new Int32Array(size),
    day: new Int32Array(size),
    number: new Float64Array(size).fill(Number.NaN),
    national: new Array<string>(size),
    frequency: new Float64Array(size),
    wordRarity: new Float64Array(nameSize),
    phoneticRarity: new Float64Array(nameSize),
    meanPhoneticRarity: 0,
    namesakes: new Float64Array(nameSize),
    sortedNamesakes: new Float64Array(nameSize),
    phoneticNamesakes: new Float64Array(nameSize),
    present,
  };
  const tokenKeys = new Map<string, string>();
  const keyOf = (token: string): string => {
    let key = tokenKeys.get(token);
    if (key === undefined) {
      key = phoneticKey(token);
      tokenKeys.set(token, key);
    }
    return key;
  };
  for (let id = 0; id < size; id++) {
    const value = text[id];
    column.frequency[id] = counts[id] / Math.max(1, present);
    const tokens = kind === 'name' || kind === 'text' ? value.split(' ') : [value];
    column.tokens[id] = tokens;
    const sortedTokens = tokens.length > 1 ? [...tokens].sort() : tokens;
    column.sorted[id] = sortedTokens.join(' ');
    column.phonetic[id] = kind === 'name' || kind === 'text' ? sortedTokens.map(keyOf).join(' ') : value;
    column.joined[id] = kind === 'name' ? joinedPhoneticKey(tokens, keyOf) : value;
    column.national[id] = value;
    if (kind === 'date') {
      const parsed = parseDate(value);
      if (parsed) {
        column.year[id] = parsed.year;
        column.month[id] = parsed.month;
        column.day[id] = parsed.day;
        column.dayNumber[id] = parsed.dayNumber ?? Number.NaN;
      }
    } else if (kind === 'age') {
      const [earliest, latest] = value.split(':').map(Number);
      column.dayNumber[id] = earliest;
      column.number[id] = latest;
    } else if (kind === 'number') column.number[id] = Number(value);
    else if (kind === 'phone') column.national[id] = normalisePhone(value, options.phone)?.national ?? value;
  }
  if (kind === 'name') {
    column.wordRarity.set(rarityFromWords(column.tokens, counts, present));
    column.phoneticRarity.set(
      rarityFromWords(
        column.phonetic.map((key) => key.split(' ')),
        counts,
        present,
      ),
    );
    for (let id = 0; id < size; id++)
      column.meanPhoneticRarity += column.frequency[id] * column.phoneticRarity[id];
    column.namesakes.set(namesakesByKey(column.text, ids, sources));
    column.sortedNamesakes.set(namesakesByKey(column.sorted, ids, sources));
    column.phoneticNamesakes.set(namesakesByKey(column.phonetic, ids, sources));
  }
  return column;
}

/** Per value: the records whose key equals the value's, less the number of sources they come from. */
function namesakesByKey(
  keys: readonly string[],
  ids: Int32Array,
  sources: ArrayLike<number> | undefined,
): Float64Array {
  const keyIds = new Map<string, number>();
  const keyOfValue = Int32Array.from(keys, (key) => {
    let keyId = keyIds.get(key);
    if (keyId === undefined) {
      keyId = keyIds.size;
      keyIds.set(key, keyId);
    }
    return keyId;
  });
  const records = new Int32Array(keyIds.size);
  const sourcesOf: Set<number>[] = [];
  const lastSource = new Int32Array(keyIds.size).fill(-1);
  const distinctSources = new Int32Array(keyIds.size);
  for (let record = 0; record < ids.length; record++) {
    const id = ids[record];
    if (id < 0) continue;
    const keyId = keyOfValue[id];
    records[keyId]++;
    const source = sources ? sources[record] : 0;
    if (lastSource[keyId] === source) continue;
    if (lastSource[keyId] >= 0) {
      let seen = sourcesOf[keyId];
      if (!seen) {
        seen = new Set([lastSource[keyId]]);
        sourcesOf[keyId] = seen;
      }
      if (!seen.has(source)) {
        seen.add(source);
        distinctSources[keyId]++;
      }
    } else distinctSources[keyId] = 1;
    lastSource[keyId] = source;
  }
  return Float64Array.from(keyOfValue, (keyId) => records[keyId] - distinctSources[keyId]);
}

/**
 * Per value: the product over its distinct words of the share of records holding the word. Words of
 * names in this region combine nearly independently (a family name with a given name), so the product
 * estimates how often a random record bears the name even when the whole name is seen only in the
 * pair being judged, where its own count says little.
 */
function rarityFromWords(
  words: readonly string[][],
  counts: readonly number[],
  present: number,
): Float64Array {
  const holding = new Map<string, number>();
  words.forEach((valueWords, id) => {
    for (const word of new Set(valueWords)) holding.set(word, (holding.get(word) ?? 0) + counts[id]);
  });
  return Float64Array.from(words, (valueWords) => {
    let share = 1;
    for (const word of new Set(valueWords)) share *= (holding.get(word) ?? 0) / Math.max(1, present);
    return share;
  });
}

const DAYS_PER_YEAR = 365.25;

/**
 * Each record's possible birth dates as `earliest:latest` day numbers: a birth date is one day; an
 * age a recorded on date d means a birth between d − (a + 1) years (exclusive) and d − a years;
 * missing when neither is known.
 */
function birthIntervals(
  ages: readonly (string | null)[],
  recordedOn: readonly (string | null)[],
  birthDates: readonly (string | null)[] | undefined,
): (string | null)[] {
  return ages.map((age, record) => {
    const birth = birthDates?.[record] ? parseDate(birthDates[record] ?? '') : null;
    if (birth?.dayNumber !== undefined && birth.dayNumber !== null)
      return `${birth.dayNumber}:${birth.dayNumber}`;
    const years = age === null || age === undefined || age.trim() === '' ? Number.NaN : Number(age);
    const recorded = recordedOn[record] ? parseDate((recordedOn[record] ?? '').slice(0, 10)) : null;
    if (
      !Number.isFinite(years) ||
      years < 0 ||
      recorded?.dayNumber === undefined ||
      recorded.dayNumber === null
    )
      return null;
    const latest = Math.floor(recorded.dayNumber - years * DAYS_PER_YEAR);
    return `${Math.ceil(recorded.dayNumber - (years + 1) * DAYS_PER_YEAR) + 1}:${latest}`;
  });
}

/** Marks a value the place resolver turned into a canonical code (kept as it is, not folded). */
const RESOLVED = '\u0000place:';

/**
 * A place column's values through the resolver: the canonical code when it resolves (villages with
 * the province written on the same record), else a village's romanised key under its resolved
 * province, else the text as written.
 */
function resolvePlaces(
  values: readonly (string | null)[],
  within: readonly (string | null)[] | undefined,
  resolve: PlaceResolver,
): (string | null)[] {
  const cache = new Map<string, string | null>();
  return values.map((raw, record) => {
    if (raw === null || raw === undefined || raw.trim() === '') return null;
    const container = within ? within[record]?.trim() || null : undefined;
    const key = `${raw}\u0000${container === undefined ? '\u0001' : (container ?? '')}`;
    let resolved = cache.get(key);
    if (resolved === undefined) {
      const code = resolve(raw, container);
      resolved = code !== null ? `${RESOLVED}${code}` : raw;
      cache.set(key, resolved);
    }
    return resolved;
  });
}

/** Prepared columns by field, for every field a comparison or a blocking rule needs. */
export type PreparedRecords = {
  count: number;
  sources: Int32Array;
  sourceCount: number;
  columns: Map<string, PreparedColumn>;
  /** Blocking keys computed so far, by rule (filled by `ruleKeys`). */
  ruleKeyCache?: Map<string, { rule: string; keys: Int32Array; keyCount: number }>;
};

/** Prepares the named fields of the records with their kinds. */
export function prepareRecords(
  records: LinkageRecords,
  kinds: ReadonlyMap<string, FieldKind>,
  options: PrepareOptions = {},
): PreparedRecords {
  const names = Object.keys(records.columns);
  requireInput(names.length > 0, 'linkage/prepare', 'the records have no columns');
  const count = records.columns[names[0]].length;
  for (const name of names)
    requireInput(
      records.columns[name].length === count,
      'linkage/prepare',
      `column "${name}" has ${records.columns[name].length} values, column "${names[0]}" has ${count}`,
    );
  const sources = new Int32Array(count);
  let sourceCount = 1;
  if (records.sources) {
    requireInput(
      records.sources.length === count,
      'linkage/prepare',
      'sources must give one source per record',
    );
    for (let i = 0; i < count; i++) {
      const source = records.sources[i];
      requireInput(
        Number.isInteger(source) && source >= 0,
        'linkage/prepare',
        `record ${i} has source ${source}`,
      );
      sources[i] = source;
      if (source + 1 > sourceCount) sourceCount = source + 1;
    }
  }
  const columns = new Map<string, PreparedColumn>();
  for (const [field, kind] of kinds) {
    const values = records.columns[field];
    requireInput(
      values !== undefined,
      'linkage/prepare',
      `no column "${field}" (columns are: ${names.join(', ')})`,
    );
    const earlier = options.reused?.get(field) === kind ? options.reuse?.columns.get(field) : undefined;
    if (earlier) columns.set(field, earlier);
    else if (kind === 'age') {
      const reference = options.ages?.get(field);
      requireInput(
        reference !== undefined && records.columns[reference.recordedOn] !== undefined,
        'linkage/prepare',
        `age field "${field}" needs the column of the date it was recorded`,
      );
      const birth = reference.birthDate ? records.columns[reference.birthDate] : undefined;
      columns.set(
        field,
        prepareColumn(
          field,
          kind,
          birthIntervals(values, records.columns[reference.recordedOn], birth),
          options,
        ),
      );
    } else if (kind === 'place' && options.places) {
      const within = options.places.within?.get(field);
      const resolved = resolvePlaces(
        values,
        within ? records.columns[within] : undefined,
        options.places.resolve,
      );
      columns.set(field, prepareColumn(field, kind, resolved, options, sources));
    } else columns.set(field, prepareColumn(field, kind, values, options, sources));
  }
  return { count, sources, sourceCount, columns };
}
