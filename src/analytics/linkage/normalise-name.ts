import { foldText } from './normalise-text.ts';
import { transliterate } from './transliterate.ts';

/**
 * Personal names of the region prepared for comparison: compatibility-normalised (NFKC), Burmese
 * Zawgyi converted to Unicode, Thai/Lao/Khmer/Burmese script transliterated to Latin, folded (case,
 * Vietnamese and other Latin diacritics, punctuation), honorifics removed, and split into tokens.
 * The sorted token list lets family-name-first and given-name-first writings of one name meet
 * ("Nguyen Van An" = "An Nguyen Van"); Burmese names have no family name, so the whole name is
 * compared as one token set.
 *
 * Honorifics: Burmese U, Daw, Ko, Ma, Maung (Mg), Saw, Naw, Nang, Sai; Thai Nai, Nang, Nangsao, Khun
 * (also in Thai script, written joined to the name); Khmer Lok, Lok Srey, Neak; Vietnamese Ông, Bà;
 * English titles. Convention: only leading honorifics are removed, and never the last remaining token
 * (so "Ma Lin" stays "lin", but a one-word name "Ma" stays "ma"). This loses the Chinese family name
 * Ma when it is written first; the sorted-token and Jaro–Winkler levels still compare such names.
 * The phonetic key folds spelling variants of romanisation (ph/p, th/t, kh/k, ch/c, ey/ei/ay/ai,
 * ou/oo/u, w/v, doubled letters, a final h or r, an r closing a syllable as in Khmer "Chorn" for
 * "Chon") so "Sreypov" meets "Sreypau" and "Chantha" meets "Chanta".
 * The joined key (`joinedPhoneticKey`) is the phonetic keys of the words in written order, run
 * together and rotated to the least of their rotations: "Srey Mom Sok", "Sok Sreymom" and "Sreymom Sok"
 * share it (a two-syllable given name written joined or apart, family name first or last).
 * Complexity: O(length).
 */
export interface PreparedName {
  /** Tokens in written order, joined by one space. */
  text: string;
  /** Tokens sorted, joined by one space (order-insensitive form). */
  sorted: string;
  /** Phonetic keys of the sorted tokens, joined by one space. */
  phonetic: string;
  tokens: string[];
}

export const DEFAULT_HONORIFICS: readonly string[] = [
  'u',
  'daw',
  'ko',
  'ma',
  'maung',
  'mg',
  'saw',
  'naw',
  'nang',
  'sai',
  'nai',
  'nangsao',
  'khun',
  'lok',
  'neak',
  'ong',
  'ba',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'madam',
  'mister',
];
const NATIVE_PREFIXES = /^(?:นางสาว|นาย|นาง|ด\.ช\.|ด\.ญ\.|คุณ|ท้าว|ທ້າວ|ນາງ|ລោកស្រី|លោកស្រី|លោក|អ្នក)\s*/u;

export interface NameOptions {
  honorifics?: readonly string[];
}

/** Prepares one written name; an empty or punctuation-only name gives null. */
export function prepareName(text: string, options: NameOptions = {}): PreparedName | null {
  const honorifics = options.honorifics ?? DEFAULT_HONORIFICS;
  const native = text.normalize('NFKC').trim().replace(NATIVE_PREFIXES, '');
  const folded = foldText(transliterate(native));
  if (folded.length === 0) return null;
  const tokens = folded.split(' ');
  while (tokens.length > 1 && honorifics.includes(tokens[0])) tokens.shift();
  if (tokens.length > 2 && tokens[0] === 'srey' && honorifics.includes('lok')) tokens.shift();
  const sortedTokens = [...tokens].sort();
  return {
    text: tokens.join(' '),
    sorted: sortedTokens.join(' '),
    phonetic: sortedTokens.map(phoneticKey).join(' '),
    tokens,
  };
}

const PHONETIC_RULES: [RegExp, string][] = [
  [/chh|ch|tch|tr|j/g, 'c'],
  [/ph|bh/g, 'p'],
  [/th|dh/g, 't'],
  [/kh|gh|q|ck/g, 'k'],
  [/sh|hs|x|z/g, 's'],
  [/ey|ei|ay|ai/g, 'ai'],
  [/aw|au|ao/g, 'ao'],
  [/ou|oo|uu/g, 'u'],
  [/ee|ie/g, 'i'],
  [/oe|ue/g, 'o'],
  [/w/g, 'v'],
  [/([aeiou])r(?=[^aeiouy])/g, '$1'],
  [/y$/g, 'i'],
  [/([aeiou])[hr]$/g, '$1'],
  [/([^aeiou])h/g, '$1'],
  [/(.)\1+/g, '$1'],
];

/** The joined key of a name's words in written order (see the header). */
export function joinedPhoneticKey(
  tokens: readonly string[],
  keyOf: (token: string) => string = phoneticKey,
): string {
  const joined = tokens.map(keyOf).join('');
  let least = joined;
  for (let start = 1; start < joined.length; start++) {
    const rotation = joined.slice(start) + joined.slice(0, start);
    if (rotation < least) least = rotation;
  }
  return least;
}

/** A key that spelling variants of one romanised name token share (see the header). */
export function phoneticKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of PHONETIC_RULES) key = key.replace(pattern, replacement);
  return key;
}
