/**
 * Agreement between two trafficking determinations of the same interviews (e.g. the ILO 2012 rule
 * and the Palermo act–means–purpose rule, or two versions of one rule): the 3×3 table of statuses,
 * the observed agreement, Cohen's kappa over the three statuses, and kappa over the interviews both
 * rules could determine (trafficked / not), with the interviews on which they disagree.
 *
 *   κ = (p_o − p_e) / (1 − p_e),  p_o = Σ_i n_ii / n,  p_e = Σ_i n_i· n_·i / n²
 * κ is null when p_e = 1 (both rules put every interview in one and the same class).
 *
 * Reference: Cohen, J. (1960), "A coefficient of agreement for nominal scales", Educational and
 * Psychological Measurement 20(1), 37–46, doi:10.1177/001316446002000104.
 *
 * Complexity: O(interviews).
 */
import { requireInput } from '../common/errors.ts';
import type { DeterminationResult, DeterminationStatus } from './determination-rules.ts';

export const DETERMINATION_STATUSES: DeterminationStatus[] = ['trafficked', 'not_trafficked', 'undetermined'];

export interface AgreementSummary {
  interviews: number;
  observedAgreement: number | null;
  expectedAgreement: number | null;
  kappa: number | null;
}

export interface DeterminationComparison {
  first: { id: string; version: string; fingerprint: string };
  second: { id: string; version: string; fingerprint: string };
  /** table[firstStatus][secondStatus] = number of interviews. */
  table: Record<DeterminationStatus, Record<DeterminationStatus, number>>;
  allStatuses: AgreementSummary;
  /** Interviews both rules determined (trafficked or not). */
  determinedByBoth: AgreementSummary;
  disagreements: {
    interviewId: string;
    first: DeterminationStatus;
    second: DeterminationStatus;
    firstIndicators: string[];
    secondIndicators: string[];
  }[];
}

/** Cohen's kappa of a square table given as rows of counts. */
export function cohensKappa(table: readonly (readonly number[])[]): AgreementSummary {
  const size = table.length;
  requireInput(
    table.every((row) => row.length === size && row.every((cell) => Number.isFinite(cell) && cell >= 0)),
    'surveillance/compare-determinations',
    'the agreement table must be square with counts >= 0',
  );
  const total = table.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (total === 0) return { interviews: 0, observedAgreement: null, expectedAgreement: null, kappa: null };
  let observed = 0;
  let expected = 0;
  for (let i = 0; i < size; i++) {
    observed += table[i][i];
    const rowTotal = table[i].reduce((a, b) => a + b, 0);
    const columnTotal = table.reduce((sum, row) => sum + row[i], 0);
    expected += rowTotal * columnTotal;
  }
  const observedAgreement = observed / total;
  const expectedAgreement = expected / (total * total);
  return {
    interviews: total,
    observedAgreement,
    expectedAgreement,
    kappa: expectedAgreement === 1 ? null : (observedAgreement - expectedAgreement) / (1 - expectedAgreement),
  };
}

/** Compares two determinations of the same interviews (matched by interviewId). */
export function compareDeterminations(
  first: DeterminationResult,
  second: DeterminationResult,
): DeterminationComparison {
  const where = 'surveillance/compare-determinations';
  const secondById = new Map(second.determinations.map((item) => [item.interviewId, item]));
  requireInput(
    first.determinations.length === second.determinations.length &&
      first.determinations.every((item) => secondById.has(item.interviewId)),
    where,
    'the two determinations must cover the same interviews (same interviewIds)',
  );
  const table = Object.fromEntries(
    DETERMINATION_STATUSES.map((row) => [
      row,
      Object.fromEntries(DETERMINATION_STATUSES.map((column) => [column, 0])),
    ]),
  ) as Record<DeterminationStatus, Record<DeterminationStatus, number>>;
  const disagreements: DeterminationComparison['disagreements'] = [];
  for (const item of first.determinations) {
    const other = secondById.get(item.interviewId)!;
    table[item.status][other.status]++;
    if (item.status !== other.status)
      disagreements.push({
        interviewId: item.interviewId,
        first: item.status,
        second: other.status,
        firstIndicators: item.firedIndicators,
        secondIndicators: other.firedIndicators,
      });
  }
  const matrix = DETERMINATION_STATUSES.map((row) =>
    DETERMINATION_STATUSES.map((column) => table[row][column]),
  );
  const determined = matrix.slice(0, 2).map((row) => row.slice(0, 2));
  const stamp = ({ ruleSet }: DeterminationResult) => ({
    id: ruleSet.id,
    version: ruleSet.version,
    fingerprint: ruleSet.fingerprint,
  });
  return {
    first: stamp(first),
    second: stamp(second),
    table,
    allStatuses: cohensKappa(matrix),
    determinedByBoth: cohensKappa(determined),
    disagreements,
  };
}
