/**
 * Text folding for comparison: Unicode compatibility normalisation (NFKC: full-width forms, ligatures
 * and compatibility characters become their plain forms), lower case, Latin diacritics removed
 * (Vietnamese tones and vowel marks included: "Nguyễn Thị Ánh" → "nguyen thi anh", đ → d), and
 * punctuation turned into single spaces. Marks of Thai, Lao, Khmer and Burmese are kept: they are
 * letters' vowels there, not accents (transliteration, not folding, brings those scripts to Latin).
 *
 * Convention: only combining marks of the generic blocks (U+0300–036F, U+1AB0–1AFF, U+1DC0–1DFF,
 * U+20D0–20FF, U+FE20–FE2F) are dropped after canonical decomposition (NFD); letters with a stroke
 * that Unicode does not decompose are mapped by hand (đ ð → d, ø → o, ł → l, ß → ss, æ → ae, œ → oe).
 * Source: Unicode Standard Annex #15, "Unicode Normalization Forms", https://unicode.org/reports/tr15/.
 * Complexity: O(length).
 */
const GENERIC_COMBINING_MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const NOT_LETTER_DIGIT_OR_MARK = /[^\p{L}\p{N}\p{M}]+/gu;
const STROKED: Record<string, string> = { đ: 'd', ð: 'd', ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
const STROKED_PATTERN = /[đðøłßæœı]/g;

/** Folds text for comparison (see the header); empty or blank input gives ''. */
export function foldText(text: string): string {
  if (text.length === 0) return '';
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(GENERIC_COMBINING_MARKS, '')
    .replace(STROKED_PATTERN, (letter) => STROKED[letter])
    .replace(NOT_LETTER_DIGIT_OR_MARK, ' ')
    .trim()
    .normalize('NFC');
}

/** Folds a code (document number, postcode, account): letters and digits only, upper case. */
export function foldCode(text: string): string {
  return foldText(text).replace(/\s+/g, '').toUpperCase();
}

/** The scripts transliteration knows, detected from the first letter outside Latin. */
export type Script = 'latin' | 'thai' | 'lao' | 'khmer' | 'burmese' | 'other';

/** The first non-Latin script among the text's letters, or 'latin' when there is none. */
export function detectScript(text: string): Script {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x0250) continue;
    if (code >= 0x0e00 && code <= 0x0e7f) return 'thai';
    if (code >= 0x0e80 && code <= 0x0eff) return 'lao';
    if ((code >= 0x1780 && code <= 0x17ff) || (code >= 0x19e0 && code <= 0x19ff)) return 'khmer';
    if ((code >= 0x1000 && code <= 0x109f) || (code >= 0xaa60 && code <= 0xaa7f)) return 'burmese';
    if (code >= 0x1e00 && code <= 0x1eff) continue;
    if (/\p{L}/u.test(text[i])) return 'other';
  }
  return 'latin';
}
