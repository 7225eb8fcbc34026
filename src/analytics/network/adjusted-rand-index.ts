/**
 * Agreement between a found partition and a true one (e.g. the synthetic world's organisations):
 * the adjusted Rand index (Hubert & Arabie 1985, "Comparing partitions", Journal of Classification
 * 2:193-218, doi:10.1007/BF01908075), 1 for identical partitions, about 0 for chance agreement:
 *   ARI = (sum_ij C(n_ij, 2) - E) / (((sum_i C(a_i, 2) + sum_j C(b_j, 2)) / 2) - E),
 *   E = sum_i C(a_i, 2) sum_j C(b_j, 2) / C(n, 2),
 * plus normalised mutual information (arithmetic-mean normalisation, scikit-learn's default).
 * Only nodes present in both partitions count. O(n).
 */
import { requireInput } from '../common/index.ts';

export interface PartitionAgreement {
  adjustedRandIndex: number;
  normalizedMutualInformation: number;
  /** Nodes compared (in both partitions). */
  nodes: number;
  foundCommunities: number;
  trueCommunities: number;
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

export function comparePartitions(
  found: Readonly<Record<string, string | number>>,
  truth: Readonly<Record<string, string | number>>,
): PartitionAgreement {
  const ids = Object.keys(found).filter((id) => Object.hasOwn(truth, id));
  requireInput(ids.length > 0, 'network/adjusted-rand-index', 'the partitions share no node ids');
  const contingency = new Map<string, number>();
  const rows = new Map<string, number>();
  const columns = new Map<string, number>();
  for (const id of ids) {
    const a = String(found[id]);
    const b = String(truth[id]);
    const key = `${a}\u0000${b}`;
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    rows.set(a, (rows.get(a) ?? 0) + 1);
    columns.set(b, (columns.get(b) ?? 0) + 1);
  }
  const n = ids.length;
  let index = 0;
  for (const count of contingency.values()) index += choose2(count);
  let rowSum = 0;
  for (const count of rows.values()) rowSum += choose2(count);
  let columnSum = 0;
  for (const count of columns.values()) columnSum += choose2(count);
  const expected = n > 1 ? (rowSum * columnSum) / choose2(n) : 0;
  const maximum = (rowSum + columnSum) / 2;
  const adjustedRandIndex = maximum === expected ? 1 : (index - expected) / (maximum - expected);
  let mutual = 0;
  for (const [key, count] of contingency) {
    const [a, b] = key.split('\u0000');
    mutual += (count / n) * Math.log((count * n) / ((rows.get(a) ?? 1) * (columns.get(b) ?? 1)));
  }
  const entropy = (counts: Iterable<number>): number => {
    let h = 0;
    for (const count of counts) h -= (count / n) * Math.log(count / n);
    return h;
  };
  const hFound = entropy(rows.values());
  const hTrue = entropy(columns.values());
  const meanEntropy = (hFound + hTrue) / 2;
  return {
    adjustedRandIndex,
    normalizedMutualInformation: meanEntropy === 0 ? 1 : mutual / meanEntropy,
    nodes: n,
    foundCommunities: rows.size,
    trueCommunities: columns.size,
  };
}
