/**
 * Burmese text in the legacy Zawgyi font encoding: detection and conversion to standard Unicode.
 *
 * Zawgyi reuses Myanmar-block code points with other meanings (U+1039 as the visible killer/asat,
 * U+103A as medial ya, U+103B as medial ra, U+103C as medial wa, U+103D as medial ha, U+1060–U+1097
 * for stacked consonants and glyph variants) and stores text in visual order (the vowel sign ေ and
 * medial ra before their consonant, kinzi after it). Detection scores marks that only Zawgyi
 * produces (U+1060–U+1097, ေ or medial ra starting a syllable, U+1039 not followed by a consonant)
 * against marks that only Unicode produces (U+103E, U+103F, U+1039 stacking a consonant after an
 * asat-less consonant, ေ stored after its consonant); Zawgyi wins when its score is higher.
 * Conversion maps code points (table below, the common cases of the Rabbit converter's rules) and
 * then reorders each syllable into Unicode storage order (UTN #11): kinzi, consonant, stacked
 * consonant, medials ya/ra, wa, ha, vowel e, upper and lower vowels, aa, anusvara, dot below, asat, visarga.
 * Not covered: rare ligatures and Pali stacks outside the table; text is otherwise left as it is.
 *
 * Sources: Unicode Technical Note #11 "Representing Myanmar in Unicode", https://www.unicode.org/notes/tn11/;
 * Rabbit converter (Ko Ko Ye Yint Aung et al.), https://github.com/Rabbit-Converter/Rabbit (rules read,
 * not copied); Google myanmar-tools (statistical detection), https://github.com/google/myanmar-tools.
 * Complexity: O(length).
 */

const CODE_POINT_MAP: Record<string, string> = {
  '\u1039': '\u103a',
  '\u103a': '\u103b',
  '\u103b': '\u103c',
  '\u107e': '\u103c',
  '\u107f': '\u103c',
  '\u1080': '\u103c',
  '\u1081': '\u103c',
  '\u1082': '\u103c',
  '\u1083': '\u103c',
  '\u1084': '\u103c',
  '\u103c': '\u103d',
  '\u103d': '\u103e',
  '\u1087': '\u103e',
  '\u1088': '\u103e\u102f',
  '\u1089': '\u103e\u1030',
  '\u108a': '\u103d\u103e',
  '\u105a': '\u102b\u103a',
  '\u1033': '\u102f',
  '\u1034': '\u1030',
  '\u1094': '\u1037',
  '\u1095': '\u1037',
  '\u108f': '\u1014',
  '\u1090': '\u101b',
  '\u106a': '\u1009',
  '\u106b': '\u100a',
  '\u1086': '\u103f',
  '\u1064': '\u1004\u103a\u1039',
  '\u108b': '\u1004\u103a\u1039\u102d',
  '\u108c': '\u1004\u103a\u1039\u102e',
  '\u108d': '\u1004\u103a\u1039\u1036',
  '\u1060': '\u1039\u1000',
  '\u1061': '\u1039\u1001',
  '\u1062': '\u1039\u1002',
  '\u1063': '\u1039\u1003',
  '\u1065': '\u1039\u1005',
  '\u1066': '\u1039\u1006',
  '\u1067': '\u1039\u1006',
  '\u1068': '\u1039\u1007',
  '\u1069': '\u1039\u1008',
  '\u106c': '\u1039\u100b',
  '\u106d': '\u1039\u100c',
  '\u106e': '\u100d\u1039\u100d',
  '\u106f': '\u100d\u1039\u100e',
  '\u1070': '\u1039\u100f',
  '\u1071': '\u1039\u1010',
  '\u1072': '\u1039\u1010',
  '\u1073': '\u1039\u1011',
  '\u1074': '\u1039\u1011',
  '\u1075': '\u1039\u1012',
  '\u1076': '\u1039\u1013',
  '\u1077': '\u1039\u1014',
  '\u1078': '\u1039\u1015',
  '\u1079': '\u1039\u1016',
  '\u107a': '\u1039\u1017',
  '\u107b': '\u1039\u1018',
  '\u107c': '\u1039\u1019',
  '\u1085': '\u1039\u101c',
  '\u1091': '\u100f\u1039\u100d',
  '\u1092': '\u100b\u1039\u100c',
  '\u1093': '\u1039\u1018',
  '\u1096': '\u1039\u1010\u103d',
  '\u1097': '\u100b\u1039\u100b',
};
const MAPPED = new RegExp(`[${Object.keys(CODE_POINT_MAP).join('')}]`, 'g');

const CONSONANT = '[\\u1000-\\u1021\\u103f]';
const ZAWGYI_ONLY = /[\u1060-\u1097]/g;
const ZAWGYI_E_FIRST = new RegExp(
  `(^|[^\\u1000-\\u1021\\u102b-\\u103e\\u1060-\\u1097])[\\u1031\\u103b\\u107e-\\u1084]+${CONSONANT}`,
  'g',
);
const ZAWGYI_ASAT = new RegExp(`\\u1039(?!${CONSONANT})`, 'g');
const UNICODE_ONLY = /[\u103e\u103f]/g;
const UNICODE_E_AFTER = new RegExp(`${CONSONANT}[\\u103b-\\u103e]*\\u1031`, 'g');
const UNICODE_STACK = new RegExp(`${CONSONANT}\\u1039${CONSONANT}`, 'g');

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/** Evidence for Zawgyi (positive) or Unicode (negative); 0 when the text has no Burmese marks. */
export function zawgyiScore(text: string): number {
  const zawgyi = 2 * count(text, ZAWGYI_ONLY) + 2 * count(text, ZAWGYI_E_FIRST) + count(text, ZAWGYI_ASAT);
  const unicode = 2 * count(text, UNICODE_ONLY) + count(text, UNICODE_E_AFTER) + count(text, UNICODE_STACK);
  return zawgyi - unicode;
}

/** True when the text is more likely Zawgyi-encoded than Unicode Burmese. */
export function isZawgyi(text: string): boolean {
  return zawgyiScore(text) > 0;
}

/** Storage rank of each mark in a Unicode syllable (UTN #11). */
const RANK: Record<string, number> = {
  '\u103b': 1,
  '\u103c': 2,
  '\u103d': 3,
  '\u103e': 4,
  '\u1031': 5,
  '\u102d': 6,
  '\u102e': 6,
  '\u1032': 6,
  '\u102f': 7,
  '\u1030': 7,
  '\u102b': 8,
  '\u102c': 8,
  '\u1036': 9,
  '\u1037': 10,
  '\u103a': 11,
  '\u1038': 12,
};

const SYLLABLE = new RegExp(
  `((?:[\\u1031\\u103c])*)(${CONSONANT})((?:\\u1039${CONSONANT})?)((?:\\u1004\\u103a\\u1039)?)([\\u102b-\\u1030\\u1032-\\u1038\\u103a\\u103b\\u103d\\u103e]*)`,
  'g',
);

/** Puts one syllable's marks into Unicode storage order; kinzi moves before its consonant. */
function reorderSyllable(
  _whole: string,
  before: string,
  consonant: string,
  stacked: string,
  kinzi: string,
  after: string,
): string {
  const marks = [...before, ...after].filter((mark) => RANK[mark] !== undefined);
  marks.sort((a, b) => RANK[a] - RANK[b]);
  const unique = marks.filter((mark, index) => index === 0 || mark !== marks[index - 1]);
  return `${kinzi}${consonant}${stacked}${unique.join('')}`;
}

/** Converts Zawgyi text to Unicode (see the header for what is covered). */
export function zawgyiToUnicode(text: string): string {
  const mapped = text
    .replace(MAPPED, (mark) => CODE_POINT_MAP[mark])
    .replace(/\u1040(?=[\u102b-\u103e])/g, '\u101d');
  return mapped.replace(SYLLABLE, reorderSyllable);
}

/** Unicode Burmese whichever encoding it came in: converts when Zawgyi is detected. */
export function toUnicodeBurmese(text: string): string {
  return isZawgyi(text) ? zawgyiToUnicode(text) : text;
}
