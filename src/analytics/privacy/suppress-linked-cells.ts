/**
 * Small-cell suppression of a table of counts whose cells are tied by published sums (rows,
 * columns, subtotals, grand total): primary suppression of every cell below a threshold, then
 * complementary suppression until no published sum leaves a suppressed cell recoverable by
 * subtraction.
 *
 * Primary rule (the threshold rule for frequency tables): a cell with 0 < count < threshold is
 * sensitive; 0 is not (a zero is published as zero unless `suppressZeros`). Complementary rule: each
 * sum relation (the members and their total, e.g. one row with its row total) must hold either no
 * suppressed entry or at least two, otherwise the single one equals the total minus the rest. While
 * some relation holds exactly one, one more of its entries is suppressed, chosen to lose the least
 * information: a non-total entry before a total, a non-zero entry before a zero, then the smallest
 * count (ties: the first). This is the classic "at least two per line" heuristic; it guarantees no
 * exact recovery from a single relation, not the full interval protection that an optimal
 * (linear-programming) complementary suppression gives against attacks combining several relations.
 *
 * References: Hundepool, A., Domingo-Ferrer, J., Franconi, L., Giessing, S., Schulte Nordholt, E.,
 * Spicer, K. & de Wolf, P.-P. (2012), *Statistical Disclosure Control*, Wiley,
 * doi:10.1002/9781118348239, §4.2 (sensitivity rules for frequency tables: the threshold rule) and
 * §4.3 (secondary cell suppression); Cox, L. H. (1980), "Suppression methodology and statistical
 * disclosure control", J. American Statistical Association 75(370):377–385,
 * doi:10.1080/01621459.1980.10477481.
 * Complexity: O(passes × Σ relation sizes); at most one extra suppression per pass.
 */
import { requireInput } from '../common/errors.ts';

export interface LinkedCellsInput {
  /** Every entry of the table, interior cells and published totals alike. */
  values: readonly number[];
  /** Which entries are published totals (preferred last as complements); default none. */
  isTotal?: readonly boolean[];
  /** Sum relations: each lists the entries of one relation (members and their total together). */
  relations: readonly (readonly number[])[];
}

export interface SuppressionOptions {
  /** Counts 1 … threshold − 1 are suppressed; default 5. */
  threshold?: number;
  /** Also suppress cells that are 0 as primary, default false. */
  suppressZeros?: boolean;
}

export interface LinkedCellsSuppression {
  /** Suppressed entries (primary or complementary). */
  suppressed: boolean[];
  /** Entries suppressed because they are small. */
  primary: boolean[];
  /** Entries suppressed only to protect others. */
  complementary: boolean[];
  threshold: number;
}

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
const WHERE = 'privacy/suppress-linked-cells';

/** Whether a count is sensitive under the threshold rule. */
export function isSmallCount(value: number, options: SuppressionOptions = {}): boolean {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  return value < threshold && (value > 0 || (options.suppressZeros === true && value === 0));
}

/** Primary and complementary suppression of the entries of a table tied by sum relations. */
export function suppressLinkedCells(
  input: LinkedCellsInput,
  options: SuppressionOptions = {},
): LinkedCellsSuppression {
  const threshold = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  requireInput(
    Number.isInteger(threshold) && threshold >= 1,
    WHERE,
    `threshold must be an integer >= 1, got ${threshold}`,
  );
  const count = input.values.length;
  input.values.forEach((value, i) => {
    requireInput(
      Number.isFinite(value) && value >= 0,
      WHERE,
      `entry ${i + 1} is not a count >= 0 (${value})`,
    );
  });
  requireInput(
    input.isTotal === undefined || input.isTotal.length === count,
    WHERE,
    `isTotal has ${input.isTotal?.length} values for ${count} entries`,
  );
  input.relations.forEach((relation, r) => {
    for (const entry of relation)
      requireInput(
        Number.isInteger(entry) && entry >= 0 && entry < count,
        WHERE,
        `relation ${r + 1} names entry ${entry}, outside 0…${count - 1}`,
      );
  });
  const primary = input.values.map((value) => isSmallCount(value, { ...options, threshold }));
  const suppressed = [...primary];
  const cost = (entry: number) =>
    [input.isTotal?.[entry] ? 1 : 0, input.values[entry] === 0 ? 1 : 0, input.values[entry]] as const;
  const cheaper = (a: number, b: number) => {
    const [x, y] = [cost(a), cost(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k] < y[k];
    return a < b;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const relation of input.relations) {
      const hidden = relation.filter((entry) => suppressed[entry]);
      if (hidden.length !== 1) continue;
      let choice = -1;
      for (const entry of relation)
        if (!suppressed[entry] && (choice < 0 || cheaper(entry, choice))) choice = entry;
      if (choice < 0) continue;
      suppressed[choice] = true;
      changed = true;
    }
  }
  return {
    suppressed,
    primary,
    complementary: suppressed.map((hidden, i) => hidden && !primary[i]),
    threshold,
  };
}
