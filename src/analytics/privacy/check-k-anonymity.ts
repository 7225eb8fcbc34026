/**
 * k-anonymity check of microdata before release: every combination of quasi-identifier values
 * (sex, age group, origin province, destination, …) must be shared by at least k records, so that no
 * record can be singled out by what an outsider may know about a person. Returns the equivalence
 * classes smaller than k with their rows, so the caller can generalise (coarser age groups,
 * province → country) or suppress those records. A missing value (null) is a value of its own here:
 * it is not a wildcard (the conservative choice; some tools treat it as matching anything).
 *
 * References: Sweeney, L. (2002), "k-anonymity: a model for protecting privacy", International
 * Journal of Uncertainty, Fuzziness and Knowledge-Based Systems 10(5):557–570,
 * doi:10.1142/S0218488502001648; Hundepool et al. (2012), *Statistical Disclosure Control*, Wiley,
 * doi:10.1002/9781118348239, §3.4 (risk of identification in microdata: frequency of keys).
 * Complexity: O(records × quasi-identifiers).
 */
import { requireInput } from '../common/errors.ts';

export type QuasiIdentifierValue = string | number | boolean | null;

export interface EquivalenceClass {
  key: Record<string, QuasiIdentifierValue>;
  size: number;
  /** Row numbers (0-based) of the records in the class. */
  rows: number[];
}

export interface KAnonymityCheck {
  k: number;
  satisfied: boolean;
  /** Size of the smallest class (0 when there are no records). */
  smallestClass: number;
  classCount: number;
  /** Classes with fewer than k records, smallest first. */
  violations: EquivalenceClass[];
  /** Records in classes smaller than k. */
  recordsAtRisk: number;
}

const WHERE = 'privacy/check-k-anonymity';

/** Groups records by their quasi-identifiers and lists the classes smaller than k. */
export function checkKAnonymity(
  records: readonly Readonly<Record<string, QuasiIdentifierValue | undefined>>[],
  quasiIdentifiers: readonly string[],
  k: number,
): KAnonymityCheck {
  requireInput(Number.isInteger(k) && k >= 1, WHERE, `k must be an integer >= 1, got ${k}`);
  requireInput(quasiIdentifiers.length > 0, WHERE, 'name at least one quasi-identifier');
  const classes = new Map<string, EquivalenceClass>();
  records.forEach((record, row) => {
    const values = quasiIdentifiers.map((name) => record[name] ?? null);
    const id = JSON.stringify(values);
    let group = classes.get(id);
    if (!group) {
      group = {
        key: Object.fromEntries(quasiIdentifiers.map((name, i) => [name, values[i]])),
        size: 0,
        rows: [],
      };
      classes.set(id, group);
    }
    group.size++;
    group.rows.push(row);
  });
  const violations = [...classes.values()].filter((group) => group.size < k).sort((a, b) => a.size - b.size);
  const sizes = [...classes.values()].map((group) => group.size);
  return {
    k,
    satisfied: violations.length === 0,
    smallestClass: sizes.length === 0 ? 0 : Math.min(...sizes),
    classCount: classes.size,
    violations,
    recordsAtRisk: violations.reduce((sum, group) => sum + group.size, 0),
  };
}
