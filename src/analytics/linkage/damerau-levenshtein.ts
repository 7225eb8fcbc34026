/**
 * Damerau–Levenshtein edit distance: the fewest insertions, deletions, substitutions and transpositions
 * of two adjacent characters that turn one string into the other.
 *
 * Convention: the unrestricted distance (a substring may be edited after a transposition), computed
 * by the Lowrance–Wagner recurrence; this is R stringdist's `method = "dl"`, not the "optimal string
 * alignment" variant (`"osa"`), which gives d("ca", "abc") = 3 where this gives 2.
 * Also: plain Levenshtein distance and a normalised similarity 1 − d / max(|a|, |b|).
 * Comparison is by UTF-16 code unit, so callers normalise first.
 *
 * Sources: F. J. Damerau (1964), "A technique for computer detection and correction of spelling
 * errors", CACM 7(3):171–176, doi:10.1145/363958.363994; R. Lowrance & R. A. Wagner (1975), "An
 * extension of the string-to-string correction problem", JACM 22(2):177–183, doi:10.1145/321879.321880.
 * Complexity: O(|a|·|b|) time and memory; with `maxDistance`, a multiset lower bound (characters of
 * one string without a partner in the other) rejects most unrelated pairs in O(|a|·|b|) without a table,
 * and the row minimum stops early once every path exceeds it.
 */
export interface EditDistanceOptions {
  /** Stop and return maxDistance + 1 once the distance is certain to exceed this. */
  maxDistance?: number;
}

/**
 * A lower bound on any edit distance: characters of the longer string that find no partner in the
 * other (as multisets). Each edit fixes at most one of them.
 */
function multisetExcess(a: string, b: string): number {
  const long = a.length >= b.length ? a : b;
  const short = a.length >= b.length ? b : a;
  if (short.length > 32) return long.length - short.length;
  let used = 0;
  let unmatched = 0;
  for (let i = 0; i < long.length; i++) {
    const code = long.charCodeAt(i);
    let found = false;
    for (let j = 0; j < short.length; j++) {
      if ((used & (1 << j)) === 0 && short.charCodeAt(j) === code) {
        used |= 1 << j;
        found = true;
        break;
      }
    }
    if (!found) unmatched++;
  }
  return unmatched;
}

/** Unrestricted Damerau–Levenshtein distance. */
export function damerauLevenshteinDistance(a: string, b: string, options: EditDistanceOptions = {}): number {
  if (a === b) return 0;
  const lengthA = a.length;
  const lengthB = b.length;
  const cap = options.maxDistance ?? Number.POSITIVE_INFINITY;
  if (Math.abs(lengthA - lengthB) > cap) return cap + 1;
  if (lengthA === 0) return lengthB;
  if (lengthB === 0) return lengthA;
  if (cap !== Number.POSITIVE_INFINITY && multisetExcess(a, b) > cap) return cap + 1;
  const width = lengthB + 2;
  const infinity = lengthA + lengthB;
  const table = new Int32Array((lengthA + 2) * width);
  table[0] = infinity;
  for (let i = 0; i <= lengthA; i++) {
    table[(i + 1) * width] = infinity;
    table[(i + 1) * width + 1] = i;
  }
  for (let j = 0; j <= lengthB; j++) {
    table[j + 1] = infinity;
    table[width + j + 1] = j;
  }
  const alphabet: number[] = [];
  const lastRowOfLetter: number[] = [];
  const lastRow = (code: number): number => {
    const index = alphabet.indexOf(code);
    return index < 0 ? 0 : lastRowOfLetter[index];
  };
  for (let i = 1; i <= lengthA; i++) {
    const codeA = a.charCodeAt(i - 1);
    let lastMatchColumn = 0;
    let rowMinimum = infinity;
    for (let j = 1; j <= lengthB; j++) {
      const codeB = b.charCodeAt(j - 1);
      const rowOfB = lastRow(codeB);
      const previousColumn = lastMatchColumn;
      const cost = codeA === codeB ? 0 : 1;
      if (cost === 0) lastMatchColumn = j;
      const substitution = table[i * width + j] + cost;
      const insertion = table[(i + 1) * width + j] + 1;
      const deletion = table[i * width + j + 1] + 1;
      const transposition =
        table[rowOfB * width + previousColumn] + (i - rowOfB - 1) + 1 + (j - previousColumn - 1);
      const best = Math.min(substitution, insertion, deletion, transposition);
      table[(i + 1) * width + j + 1] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > cap) return cap + 1;
    const index = alphabet.indexOf(codeA);
    if (index < 0) {
      alphabet.push(codeA);
      lastRowOfLetter.push(i);
    } else lastRowOfLetter[index] = i;
  }
  return table[(lengthA + 1) * width + lengthB + 1];
}

/** Plain Levenshtein distance (insertions, deletions, substitutions). */
export function levenshteinDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const code = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    const held = previous;
    previous = current;
    current = held;
  }
  return previous[b.length];
}

/** 1 − DL(a, b) / max(|a|, |b|), in [0, 1]; two empty strings give 1. */
export function damerauLevenshteinSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - damerauLevenshteinDistance(a, b) / longest;
}
