/**
 * Jaro and Jaro–Winkler similarity of two strings, in [0, 1] (1 = identical).
 *
 * Jaro: with m characters matching within a window of ⌊max(|a|, |b|) / 2⌋ − 1 positions and t half
 * the number of matched characters out of order, J = (m/|a| + m/|b| + (m − t)/m) / 3 (J = 0 when m = 0).
 * Winkler's prefix bonus: JW = J + ℓ·p·(1 − J) with ℓ the common prefix length (at most 4) and
 * p = 0.1, applied only when J exceeds the boost threshold (0.7, Winkler's choice; 0 applies it always).
 * Convention: two empty strings are identical (1); one empty string against a non-empty one gives 0.
 * Comparison is by UTF-16 code unit, so callers normalise (NFC/NFKC, case) first.
 *
 * Sources: M. A. Jaro (1989), "Advances in record-linkage methodology as applied to matching the
 * 1985 census of Tampa, Florida", JASA 84(406):414–420, doi:10.1080/01621459.1989.10478785;
 * W. E. Winkler (1990), "String comparator metrics and enhanced decision rules in the Fellegi–Sunter
 * model of record linkage", Proc. Section on Survey Research Methods, ASA, 354–359.
 * Complexity: O(|a|·|b|) worst case, O(|a| + |b|) memory; no allocation for strings of up to 32 units.
 */
export interface JaroWinklerOptions {
  /** Weight of each common prefix character (Winkler's p). */
  prefixScale?: number;
  /** Longest prefix rewarded (Winkler's ℓ cap). */
  maxPrefix?: number;
  /** The prefix bonus applies only when the Jaro similarity exceeds this. */
  boostThreshold?: number;
}

const DEFAULTS: Required<JaroWinklerOptions> = { prefixScale: 0.1, maxPrefix: 4, boostThreshold: 0.7 };

/** Jaro similarity (no prefix bonus). */
export function jaroSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;
  return lengthA <= 32 && lengthB <= 32 ? jaroShort(a, b) : jaroLong(a, b);
}

/** Strings of at most 32 units: matched flags kept as bits of two integers, nothing allocated. */
function jaroShort(a: string, b: string): number {
  const lengthA = a.length;
  const lengthB = b.length;
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  let flagsA = 0;
  let flagsB = 0;
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(lengthB - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if ((flagsB & (1 << j)) === 0 && b.charCodeAt(j) === code) {
        flagsA |= 1 << i;
        flagsB |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if ((flagsA & (1 << i)) === 0) continue;
    while ((flagsB & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  return (matches / lengthA + matches / lengthB + (matches - outOfOrder / 2) / matches) / 3;
}

function jaroLong(a: string, b: string): number {
  const lengthA = a.length;
  const lengthB = b.length;
  const flagsA = new Uint8Array(lengthA);
  const flagsB = new Uint8Array(lengthB);
  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const code = a.charCodeAt(i);
    const end = Math.min(lengthB - 1, i + window);
    for (let j = Math.max(0, i - window); j <= end; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  return (matches / lengthA + matches / lengthB + (matches - outOfOrder / 2) / matches) / 3;
}

/** Jaro–Winkler similarity: Jaro with Winkler's common-prefix bonus. */
export function jaroWinklerSimilarity(a: string, b: string, options: JaroWinklerOptions = {}): number {
  const prefixScale = options.prefixScale ?? DEFAULTS.prefixScale;
  const maxPrefix = options.maxPrefix ?? DEFAULTS.maxPrefix;
  const boostThreshold = options.boostThreshold ?? DEFAULTS.boostThreshold;
  const jaro = jaroSimilarity(a, b);
  if (jaro <= boostThreshold || jaro === 1) return jaro;
  const limit = Math.min(maxPrefix, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * prefixScale * (1 - jaro);
}
