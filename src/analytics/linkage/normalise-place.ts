import { foldText } from './normalise-text.ts';

/**
 * Places in record linkage: a caller-supplied resolver turns a place as written into a canonical
 * code (the gazetteer lives outside analytics, so it is injected), and village names are reduced
 * to a key that survives the usual romanisation variants of the region.
 *
 * `PlaceResolver(text, within)`: `within` is the containing place written on the same record
 * (the province of a village; null when that record leaves it empty), undefined for a place that is
 * not contained in another field (a province); returns a canonical code, or null when the place is unknown
 * (the comparison then falls back to the folded text). A village's code is written
 * `PROVINCE/key` (`/key` when its province is unknown), so the 'same place name' level can compare the
 * village part alone when only one record names the province.
 *
 * {@link romanisedPlaceKey}: folded text (diacritics, case), generic words for a village or
 * tambon dropped (Phum, Ban, Bản, Thôn, Village, Cun, Muang, Ywa, Tambon), then spelling variants of
 * romanised Khmer, Thai, Lao, Burmese and Vietnamese collapsed: aspirated consonants lose their h
 * (ph, th, kh, ch → p, t, k, c), x/s, j/ch, w/v, ee/ea/ie/ey/y/i, oo/ou/u, ay/ai/ei, au/ao, double letters single; words joined.
 * So "Ban Huai Sai", "Baan Houay Xay" and "ban huay sai" meet, while different villages do not.
 * After the romanisation tables of UNGEGN (2018), "Report on the current status of United Nations
 * romanization systems for geographical names", and the variant spellings of the region's gazetteers.
 * Complexity: O(length).
 */
export type PlaceResolver = (text: string, within?: string | null) => string | null;

const GENERIC_PLACE_WORDS =
  /\b(phum|phoum|ban|baan|muban|mooban|thon|village|vill|cun|muang|mueang|ywa|tambon)\b/g;

const VARIANTS: [RegExp, string][] = [
  [/([ptkc])h/g, '$1'],
  [/x/g, 's'],
  [/j/g, 'c'],
  [/w/g, 'v'],
  [/(ee|ea|ie|ey|iy)/g, 'i'],
  [/(oo|ou|uu)/g, 'u'],
  [/(ay|ai|ei)/g, 'ai'],
  [/(au|ao|aw)/g, 'ao'],
  [/y$/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

/** The key of a romanised place name (see the header); '' when nothing is left. */
export function romanisedPlaceKey(text: string): string {
  let key = foldText(text).replace(GENERIC_PLACE_WORDS, ' ');
  key = key
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => {
      let folded = word;
      for (const [pattern, replacement] of VARIANTS) folded = folded.replace(pattern, replacement);
      return folded;
    })
    .join('');
  return key;
}
