import { requireInput } from '../common/index.ts';
import { countBlockedComparisons } from './block.ts';
import { parseDate } from './normalise-date.ts';
import { type PreparedRecords, prepareRecords } from './prepare-records.ts';
import type {
  BlockingRule,
  ComparisonLevel,
  ComparisonSpec,
  FieldKind,
  LinkageRecords,
  LinkType,
} from './types.ts';

/**
 * A first linkage configuration from the data alone, so a first run needs no tuning.
 *
 * Kinds from each column's content, helped by its name: dates (≥ 80 % of values parse as dates
 * between the years 1000 and 2200), e-mail addresses (≥ 80 % hold '@'), phone numbers (a phone-like name, or
 * ≥ 50 % written with '+'), numbers (integers or decimals under a quantity-like name such as age),
 * codes (digits, or letters mixed with digits: postcodes, document numbers), categories (at most 30
 * distinct values, or under 2 % distinct), names (a name-like column name, or one or two short
 * alphabetic words) and free text (the rest). Columns unique for every record (row identifiers) and
 * constant columns are left out unless named explicitly. Columns named as the integrated model's
 * person fields ({@link PERSON_FIELD_KINDS}) take their known kind: the default configuration (places
 * compare through the caller's place resolver, a village within its province, {@link PLACE_WITHIN}; a
 * province is no blocking key, a village is). Two or more name columns compare each
 * against the other's value too (given and family name written in each other's place); a name column
 * whose words repeat or contain those of finer name columns is left out (it would count one
 * agreement twice).
 *
 * An age column (named age, …_age) is compared through the date its record was made when the records
 * have such a column ({@link RECORDED_ON_FIELDS}), with the birth date standing in where a record has
 * one; such an age is then no blocking key (the linkage prepares it as possible birth dates, not as
 * the number costed here).
 *
 * Blocking: each usable field's key (value; for names the phonetic key of the sorted words first,
 * which also meets reordered names and romanisation variants, else the exact value) is costed with
 * {@link countBlockedComparisons}; a key within budget (`comparisonsPerRecord` × records pairs, at
 * least `minimumBudget`: the cost stays linear in the records; no fixed cap unless `maximumBudget` is
 * given, since a fixed cap drops the name-and-birth-year key once namesakes grow with the population,
 * which took the synthetic world's pairwise recall from 0.49 at 300k records to 0.23 at 1M) is a
 * rule; a key over budget is combined with the coarsest other field that brings it within budget.
 * Each name also blocks with a date's year on its phonetic key (`phonetic(name) & year(date)`), which
 * catches typos that break exact keys; when the date alone is over budget, the exact date also blocks
 * with each of the first two sorted words of a whole-name column (most values of two or more words) (`date & token0(name)`, `token1`), which meets a
 * name whose variant changes its phonetic key (at 1M synthetic records, 88k missed true pairs agreed
 * on the birth date). Rules are kept cheapest first, at most `maxRules`. Complexity: O(columns × records).
 */
export interface InferOptions {
  /** Only these columns (in this order); all usable columns when absent. */
  fields?: readonly string[];
  /** Columns never used (the truth column, say). */
  exclude?: readonly string[];
  linkType?: LinkType;
  comparisonsPerRecord?: number;
  /** At most this many pairs per rule however many records (none by default: the budget is linear). */
  maximumBudget?: number;
  maxRules?: number;
}

const DEFAULTS = {
  comparisonsPerRecord: 20,
  maxRules: 10,
  minimumBudget: 100_000,
  maximumBudget: Number.POSITIVE_INFINITY,
};

export interface FieldProfile {
  field: string;
  kind: FieldKind;
  present: number;
  distinct: number;
  reason: string;
}

const NAME_HINT = /name|surname|given|family|first|last|alias/i;
const PHONE_HINT = /phone|tel|mobile|msisdn|cell/i;
const EMAIL_HINT = /e-?mail/i;
const DATE_HINT = /date|dob|birth|born/i;
const NUMBER_HINT = /^(age|height|weight|amount|count|years?)$|_age$|^age_/i;

/** The integrated model's person fields (src/domain/fields.ts) and their kinds: the default configuration. */
export const PERSON_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  given_name: 'name',
  family_name: 'name',
  full_name: 'name',
  name_native: 'name',
  date_of_birth: 'date',
  sex: 'category',
  nationality: 'category',
  phone: 'phone',
  document_number: 'code',
  address: 'text',
  origin_village: 'place',
  origin_province: 'place',
  age: 'number',
};

/**
 * Columns holding the date a record was made (the integrated model's identified_on, received_at,
 * interviewed_on), looked for in this order: an age is compared through it, as possible birth dates,
 * so that an age recorded in one year meets a birth date or an age recorded in another.
 */
export const RECORDED_ON_FIELDS: readonly string[] = [
  'recorded_on',
  'identified_on',
  'received_at',
  'interviewed_on',
  'event_date',
];
const AGE_HINT = /^age$|_age$|^age_/i;

/** Place fields of the integrated model and the field holding their containing place. */
export const PLACE_WITHIN: Readonly<Record<string, string>> = { origin_village: 'origin_province' };
const CONTAINING_PLACES = new Set(Object.values(PLACE_WITHIN));

/** Profiles one column and picks its kind (see the header). */
export function inferFieldKind(field: string, values: readonly (string | null)[]): FieldProfile {
  const sample: string[] = [];
  const distinctValues = new Set<string>();
  let present = 0;
  for (const value of values) {
    if (value === null || value === undefined || value.trim() === '') continue;
    present++;
    distinctValues.add(value.trim().toLowerCase());
    if (sample.length < 5000) sample.push(value.trim());
  }
  const distinct = distinctValues.size;
  const share = (test: (value: string) => boolean) =>
    sample.length === 0 ? 0 : sample.filter(test).length / sample.length;
  const profile = (kind: FieldKind, reason: string): FieldProfile => ({
    field,
    kind,
    present,
    distinct,
    reason,
  });
  if (present === 0) return profile('category', 'empty');
  const known = PERSON_FIELD_KINDS[field];
  if (known) return profile(known, 'a person field of the integrated model');
  const dates = share((value) => {
    const parsed = parseDate(value);
    return (
      parsed !== null &&
      parsed.year >= 1000 &&
      parsed.year <= 2200 &&
      (parsed.month > 0 || DATE_HINT.test(field))
    );
  });
  if (dates >= 0.8) return profile('date', `${Math.round(dates * 100)} % parse as dates`);
  if (share((value) => value.includes('@')) >= 0.8 || EMAIL_HINT.test(field))
    return profile('email', 'e-mail addresses');
  const phoneLike = (value: string) =>
    /^\+?[\d\s().-]{6,20}$/.test(value) && value.replace(/\D/g, '').length >= 7;
  if (PHONE_HINT.test(field) && share(phoneLike) >= 0.5)
    return profile('phone', 'phone-like name and digits');
  if (share((value) => value.startsWith('+') && phoneLike(value)) >= 0.5)
    return profile('phone', "numbers written with '+'");
  const numeric = share((value) => /^-?\d+([.,]\d+)?$/.test(value));
  if (numeric >= 0.9 && (NUMBER_HINT.test(field) || share((value) => /[.,]/.test(value)) > 0.3))
    return profile('number', 'numbers');
  if (numeric >= 0.9) return profile('code', 'digit strings');
  if (share((value) => /\d/.test(value) && /\p{L}/u.test(value)) >= 0.5)
    return profile('code', 'letters mixed with digits');
  if (distinct <= 30 || distinct / present < 0.02) return profile('category', `${distinct} distinct values`);
  if (NAME_HINT.test(field)) return profile('name', 'name-like column');
  const words = sample.reduce((sum, value) => sum + value.split(/\s+/).length, 0) / sample.length;
  const length = sample.reduce((sum, value) => sum + value.length, 0) / sample.length;
  if (words <= 1.3 && length <= 14 && share((value) => /^[\p{L}\p{M}'\s.-]+$/u.test(value)) >= 0.9)
    return profile('name', 'short alphabetic words');
  return profile('text', 'free text');
}

export interface InferredConfig {
  profiles: FieldProfile[];
  /** Columns left out, and why. */
  skipped: { field: string; reason: string }[];
  comparisons: ComparisonSpec[];
  blocking: BlockingRule[];
  /** Candidate keys considered with their cost (pairs), for the report. */
  candidates: { rule: BlockingRule; comparisons: number; chosen: boolean }[];
  /** The records prepared for costing the keys: pass to `planLinkage` (`LinkOptions.prepared`) to prepare once. */
  prepared: PreparedRecords;
}

/** Infers comparisons and blocking rules (see the header). */
export function inferLinkageConfig(records: LinkageRecords, options: InferOptions = {}): InferredConfig {
  const settings = { ...DEFAULTS, ...options };
  const linkType = options.linkType ?? 'dedupe';
  const columns = Object.keys(records.columns);
  const wanted = options.fields ?? columns;
  for (const field of wanted)
    requireInput(
      records.columns[field] !== undefined,
      'linkage/infer-config',
      `no column "${field}" (columns are: ${columns.join(', ')})`,
    );
  const excluded = new Set(options.exclude ?? []);
  const profiles: FieldProfile[] = [];
  const skipped: { field: string; reason: string }[] = [];
  for (const field of wanted) {
    if (excluded.has(field)) continue;
    if (!options.fields && RECORDED_ON_FIELDS.includes(field)) {
      skipped.push({ field, reason: 'the date the record was made: the reference of its age, not compared' });
      continue;
    }
    const profile = inferFieldKind(field, records.columns[field]);
    if (
      !options.fields &&
      profile.distinct === profile.present &&
      profile.present === records.columns[field].length
    ) {
      skipped.push({ field, reason: 'unique for every record (an identifier of the row)' });
      continue;
    }
    if (profile.distinct <= 1) {
      skipped.push({ field, reason: 'constant or empty' });
      continue;
    }
    profiles.push(profile);
  }
  if (!options.fields) dropCompositeNames(records, profiles, skipped);
  requireInput(profiles.length > 0, 'linkage/infer-config', 'no column is usable for comparison');
  const names = profiles.filter((profile) => profile.kind === 'name').map((profile) => profile.field);
  const recordedOn = RECORDED_ON_FIELDS.find((field) => records.columns[field] !== undefined);
  const birthDate = profiles.find(
    (profile) => profile.kind === 'date' && DATE_HINT.test(profile.field),
  )?.field;
  const comparisons: ComparisonSpec[] = profiles.map((profile) => {
    if (profile.kind === 'number' && AGE_HINT.test(profile.field) && recordedOn)
      return { field: profile.field, kind: 'age', recordedOn, birthDate };
    const within = PLACE_WITHIN[profile.field];
    if (profile.kind === 'place' && within && records.columns[within])
      return { field: profile.field, kind: 'place', within };
    if (profile.kind !== 'name' || names.length < 2) return { field: profile.field, kind: profile.kind };
    const swapped: ComparisonLevel[] = names
      .filter((other) => other !== profile.field)
      .map((other) => ({ type: 'swapped', with: other }));
    return {
      field: profile.field,
      kind: 'name',
      levels: [
        { type: 'exact' },
        { type: 'tokenSet' },
        ...swapped,
        { type: 'phonetic' },
        { type: 'joinedPhonetic' },
        { type: 'damerauLevenshtein', maxDistance: 1 },
        { type: 'jaroWinkler', threshold: 0.9 },
        { type: 'jaroWinkler', threshold: 0.8, sorted: true },
      ],
    };
  });
  const prepared = prepareRecords(
    { columns: records.columns, sources: records.sources },
    new Map(profiles.map((profile) => [profile.field, profile.kind])),
  );
  const ages = new Set(comparisons.filter((spec) => spec.kind === 'age').map((spec) => spec.field));
  const blocking = proposeBlockingRules(
    prepared,
    profiles.filter((profile) => !ages.has(profile.field)),
    linkType,
    settings,
  );
  return { profiles, skipped, comparisons, ...blocking, prepared };
}

/**
 * A name column that repeats others (first_and_surname = first_name + surname) or merely adds to
 * them (full_name = first name, titles, surname) would count the same agreement twice, against the
 * model's conditional independence: it is skipped when, in at least 90 % of the records where it is
 * present, its words all appear among the finer name columns' words (those with fewer words per
 * value), or all the finer columns' words appear among its own.
 */
function dropCompositeNames(
  records: LinkageRecords,
  profiles: FieldProfile[],
  skipped: { field: string; reason: string }[],
): void {
  const names = profiles.filter((profile) => profile.kind === 'name').map((profile) => profile.field);
  if (names.length < 3) return;
  const words = (value: string | null | undefined) =>
    (value ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0);
  const meanWords = new Map<string, number>();
  for (const field of names) {
    let total = 0;
    let present = 0;
    for (const value of records.columns[field]) {
      const count = words(value).length;
      if (count === 0) continue;
      total += count;
      present++;
    }
    meanWords.set(field, present > 0 ? total / present : 0);
  }
  for (const field of [...names].sort((a, b) => meanWords.get(b)! - meanWords.get(a)!)) {
    const finer = names.filter((other) => meanWords.get(other)! < meanWords.get(field)!);
    if (finer.length < 2) continue;
    let present = 0;
    let covered = 0;
    let containing = 0;
    const values = records.columns[field];
    for (let record = 0; record < values.length; record++) {
      const own = words(values[record]);
      if (own.length === 0) continue;
      present++;
      const finerWords = finer.flatMap((other) => words(records.columns[other][record]));
      const pool = new Set(finerWords);
      const ownSet = new Set(own);
      if (own.every((word) => pool.has(word))) covered++;
      if (finerWords.length > 0 && finerWords.every((word) => ownSet.has(word))) containing++;
    }
    if (present > 0 && Math.max(covered, containing) / present >= 0.9) {
      skipped.push({
        field,
        reason: `${covered >= containing ? 'repeats' : 'contains'} the words of ${finer.join(', ')}`,
      });
      profiles.splice(
        profiles.findIndex((profile) => profile.field === field),
        1,
      );
    }
  }
}

/** Whether most present values of a name column have two or more words (a whole name, not a given or family name). */
function holdsWholeNames(prepared: PreparedRecords, field: string): boolean {
  const column = prepared.columns.get(field);
  if (!column) return false;
  let present = 0;
  let severalWords = 0;
  for (const id of column.ids) {
    if (id < 0) continue;
    present++;
    if (column.tokens[id].length >= 2) severalWords++;
  }
  return severalWords * 2 > present;
}

function proposeBlockingRules(
  prepared: PreparedRecords,
  profiles: FieldProfile[],
  linkType: LinkType,
  settings: typeof DEFAULTS,
): { blocking: BlockingRule[]; candidates: InferredConfig['candidates'] } {
  const budget = Math.min(
    settings.maximumBudget,
    Math.max(settings.minimumBudget, settings.comparisonsPerRecord * prepared.count),
  );
  const cost = (rule: BlockingRule) => countBlockedComparisons(prepared, [rule], { linkType })[0].comparisons;
  const coarse = [...profiles].sort((a, b) => a.distinct - b.distinct);
  const candidates: InferredConfig['candidates'] = [];
  const chosen: { rule: BlockingRule; comparisons: number }[] = [];
  for (const profile of profiles) {
    if (profile.kind === 'category' || profile.kind === 'number') continue;
    if (profile.kind === 'place' && CONTAINING_PLACES.has(profile.field)) continue;
    const keys = profile.kind === 'name' ? [`phonetic(${profile.field})`, profile.field] : [profile.field];
    for (const key of keys) {
      const own = cost(key);
      candidates.push({ rule: key, comparisons: own, chosen: false });
      let rule: BlockingRule | null = own <= budget && own > 0 ? key : null;
      let comparisons = own;
      if (rule === null && own > budget) {
        for (const other of coarse) {
          if (other.field === profile.field) continue;
          const partner = other.kind === 'date' ? `year(${other.field})` : other.field;
          const combined = `${key} & ${partner}`;
          const combinedCost = cost(combined);
          candidates.push({ rule: combined, comparisons: combinedCost, chosen: false });
          if (combinedCost <= budget && combinedCost > 0) {
            rule = combined;
            comparisons = combinedCost;
            break;
          }
        }
      }
      if (rule !== null) {
        chosen.push({ rule, comparisons });
        break;
      }
    }
  }
  const date = profiles.find((profile) => profile.kind === 'date');
  if (date)
    for (const profile of profiles) {
      if (profile.kind !== 'name') continue;
      const rule = `phonetic(${profile.field}) & year(${date.field})`;
      const comparisons = cost(rule);
      candidates.push({ rule, comparisons, chosen: false });
      if (comparisons > 0 && comparisons <= budget) chosen.push({ rule, comparisons });
      if (chosen.some((entry) => entry.rule === date.field) || !holdsWholeNames(prepared, profile.field))
        continue;
      for (const word of [0, 1]) {
        const byWord = `${date.field} & token${word}(${profile.field})`;
        const wordComparisons = cost(byWord);
        candidates.push({ rule: byWord, comparisons: wordComparisons, chosen: false });
        if (wordComparisons > 0 && wordComparisons <= budget)
          chosen.push({ rule: byWord, comparisons: wordComparisons });
      }
    }
  chosen.sort((a, b) => a.comparisons - b.comparisons);
  const seen = new Set<string>();
  const distinctRules = chosen.filter((entry) => {
    const key = entry.rule
      .split('&')
      .map((term) => term.trim())
      .sort()
      .join('&');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const blocking = distinctRules.slice(0, settings.maxRules).map((entry) => entry.rule);
  for (const candidate of candidates) candidate.chosen = blocking.includes(candidate.rule);
  requireInput(
    blocking.length > 0,
    'linkage/infer-config',
    'no blocking rule keeps the comparisons within budget',
  );
  return { blocking, candidates };
}
