import type { Random } from '../analytics/common/random.ts';
import { type DateParts, drawPhone, formatPhone, PHONE_FORMATS, partsOf } from './identifiers.ts';
import {
  addTypo,
  BURMESE_HONORIFICS,
  FAMILY_FIRST,
  type NamePart,
  nativeFullName,
  stripDiacritics,
} from './names.ts';
import type { TruePerson } from './population.ts';

/**
 * How a true person appears in one agency record. Every rate is per record (per name part for the
 * romanisation variant) and is what the statistical tests check:
 */
export const RECORD_NOISE = {
  /** A name part written in a non-canonical romanisation (when it has one). */
  romanisationVariant: 0.35,
  /** A full name written in the order opposite to the culture's (given-first for Khmer, …). */
  orderSwapped: 0.3,
  /** Vietnamese names written without diacritics (otherwise with them). */
  vietnameseDiacriticsDropped: 0.7,
  /** Burmese names written with the honorific (U, Daw, Ko, Ma, Maung) in front. */
  burmeseHonorific: 0.4,
  /** The nickname written instead of the given name. */
  nickname: 0.05,
  /** One typing error in the given or family name. */
  typo: 0.05,
  /** Day and month of birth swapped (only visible when the day is 12 or less). */
  dayMonthSwap: 0.05,
  /** Birth year off by one or two. */
  wrongBirthYear: 0.04,
  /** A different phone number (a new SIM) than the true one. */
  phoneChanged: 0.05,
} as const;

/** Fields an agency may leave empty, with the chance that it does in a record. */
export type MissingRates = Partial<
  Record<'dateOfBirth' | 'phone' | 'village' | 'province' | 'document' | 'nameNative' | 'age', number>
>;

export type NoiseFlag =
  | 'romanisation_variant'
  | 'order_swapped'
  | 'diacritics_dropped'
  | 'honorific'
  | 'nickname'
  | 'typo'
  | 'day_month_swapped'
  | 'wrong_birth_year'
  | 'phone_changed';

export interface ObservedPerson {
  givenName: string;
  familyName: string;
  /** The whole romanised name in the order the agency wrote it. */
  fullName: string;
  nameNative: string | null;
  dateOfBirth: DateParts | null;
  age: number | null;
  phone: string | null;
  village: string | null;
  province: string | null;
  document: string | null;
  flags: NoiseFlag[];
}

function romanise(
  part: NamePart,
  vietnamese: boolean,
  dropDiacritics: boolean,
  random: Random,
  flags: NoiseFlag[],
): string {
  if (vietnamese) {
    // roman[0] is the folded form, roman[1] the native form with diacritics, then common misspellings.
    const base = dropDiacritics ? part.roman[0] : part.roman[1];
    if (part.roman.length > 2 && random.next() < RECORD_NOISE.romanisationVariant) {
      const variant = random.pick(part.roman.slice(2));
      if (variant !== base) {
        flags.push('romanisation_variant');
        return dropDiacritics ? stripDiacritics(variant) : variant;
      }
    }
    return base;
  }
  if (part.roman.length > 1 && random.next() < RECORD_NOISE.romanisationVariant) {
    flags.push('romanisation_variant');
    return part.roman[1 + random.integer(part.roman.length - 1)];
  }
  return part.roman[0];
}

function honorific(person: TruePerson, age: number): NamePart {
  if (person.sex === 'male') {
    if (age < 18) return BURMESE_HONORIFICS.boy;
    return age >= 30 ? BURMESE_HONORIFICS.adultMale : BURMESE_HONORIFICS.youngMale;
  }
  return age >= 30 ? BURMESE_HONORIFICS.adultFemale : BURMESE_HONORIFICS.youngFemale;
}

function validParts(parts: DateParts): DateParts {
  const daysInMonth = new Date(Date.UTC(parts.year, parts.month, 0)).getUTCDate();
  return parts.day > daysInMonth ? { ...parts, day: daysInMonth } : parts;
}

/** Renders a true person as seen by an agency on `recordDay`, with the stated noise and missing rates. */
export function observePerson(
  person: TruePerson,
  recordDay: number,
  missing: MissingRates,
  random: Random,
): ObservedPerson {
  const flags: NoiseFlag[] = [];
  const country = person.nationality;
  const vietnamese = country === 'VN';
  const dropDiacritics = vietnamese && random.next() < RECORD_NOISE.vietnameseDiacriticsDropped;
  if (dropDiacritics) flags.push('diacritics_dropped');
  const age = Math.floor((recordDay - person.birthDay) / 365.25);

  let given: string;
  if (random.next() < RECORD_NOISE.nickname) {
    flags.push('nickname');
    given = romanise(person.name.nickname, vietnamese, dropDiacritics, random, flags);
  } else {
    given = person.name.given
      .map((part) => romanise(part, vietnamese, dropDiacritics, random, flags))
      .join(' ');
  }
  let family = person.name.family
    ? romanise(person.name.family, vietnamese, dropDiacritics, random, flags)
    : '';
  if (random.next() < RECORD_NOISE.typo) {
    flags.push('typo');
    if (family && random.bernoulli(0.5)) family = addTypo(family, random);
    else given = addTypo(given, random);
  }
  let nameNative: string | null = nativeFullName(country, person.name);
  if (country === 'MM' && random.next() < RECORD_NOISE.burmeseHonorific) {
    flags.push('honorific');
    const title = honorific(person, age);
    given = `${random.pick(title.roman)} ${given}`;
    nameNative = title.native + nameNative;
  }
  const swapped = family !== '' && random.next() < RECORD_NOISE.orderSwapped;
  if (swapped) flags.push('order_swapped');
  const familyFirst = FAMILY_FIRST[country] !== swapped;
  const fullName = family === '' ? given : familyFirst ? `${family} ${given}` : `${given} ${family}`;
  if (random.next() < (missing.nameNative ?? 0)) nameNative = null;

  let dateOfBirth: DateParts | null = partsOf(person.birthDay);
  if (random.next() < RECORD_NOISE.dayMonthSwap && dateOfBirth.day <= 12) {
    flags.push('day_month_swapped');
    dateOfBirth = { year: dateOfBirth.year, month: dateOfBirth.day, day: dateOfBirth.month };
  }
  if (random.next() < RECORD_NOISE.wrongBirthYear) {
    flags.push('wrong_birth_year');
    const shift = random.pick([-2, -1, 1, 2]);
    dateOfBirth = validParts({ ...dateOfBirth, year: dateOfBirth.year + shift });
  }
  if (random.next() < (missing.dateOfBirth ?? 0)) dateOfBirth = null;

  let phone: string | null = person.phone;
  if (random.next() < RECORD_NOISE.phoneChanged) {
    flags.push('phone_changed');
    phone = drawPhone(country, random);
  }
  phone = random.next() < (missing.phone ?? 0) ? null : formatPhone(phone, random.pick(PHONE_FORMATS));

  return {
    givenName: given,
    familyName: family,
    fullName,
    nameNative,
    dateOfBirth,
    age: random.next() < (missing.age ?? 0) ? null : age,
    phone,
    village: random.next() < (missing.village ?? 0) ? null : person.originVillage,
    province: random.next() < (missing.province ?? 0) ? null : person.originProvince,
    document:
      person.documentNumber === null || random.next() < (missing.document ?? 0)
        ? null
        : person.documentNumber,
    flags,
  };
}
