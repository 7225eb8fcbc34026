import { requireInput } from '../common/index.ts';
import type { LinkType } from './types.ts';

/**
 * Linkage quality against a known truth (an entity label per record).
 * - Pairwise: precision = TP / (TP + FP), recall = TP / (true pairs), F1 = harmonic mean, over the
 *   pairs of the compared space (`link`: pairs across sources only; otherwise all pairs).
 * - Cluster: the same pairwise counts for the pairs implied by the clusters (transitive closure),
 *   and B-cubed precision and recall (Bagga & Baldwin 1998): for each record, the share of its
 *   cluster that is its entity and the share of its entity that is its cluster, averaged over records.
 * - Precision–recall by threshold: one point per distinct probability cut among the scored pairs.
 * Sources: P. Christen (2012), "Data Matching", ch. 7, doi:10.1007/978-3-642-31164-2; A. Bagga &
 * B. Baldwin (1998), "Entity-based cross-document coreferencing using the vector space model",
 * ACL-COLING, doi:10.3115/980845.980859; E. Amigó et al. (2009), "A comparison of extrinsic clustering
 * evaluation metrics based on formal constraints", Information Retrieval 12(4), doi:10.1007/s10791-008-9066-8.
 * Complexity: O(records + pairs log pairs).
 */
export interface PairwiseScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

function score(truePositives: number, predicted: number, actual: number): PairwiseScore {
  const precision = predicted > 0 ? truePositives / predicted : 1;
  const recall = actual > 0 ? truePositives / actual : 1;
  return {
    truePositives,
    falsePositives: predicted - truePositives,
    falseNegatives: actual - truePositives,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

function entityIds(truth: readonly string[]): Int32Array {
  const ids = new Int32Array(truth.length);
  const idOf = new Map<string, number>();
  truth.forEach((label, record) => {
    let id = idOf.get(label);
    if (id === undefined) {
      id = idOf.size;
      idOf.set(label, id);
    }
    ids[record] = id;
  });
  return ids;
}

/** Pairs in scope within groups given each group's per-source sizes. */
function groupPairs(groups: Map<number, Map<number, number>>, linkType: LinkType): number {
  let total = 0;
  for (const bySource of groups.values()) {
    let size = 0;
    let same = 0;
    for (const count of bySource.values()) {
      size += count;
      same += (count * (count - 1)) / 2;
    }
    total += (size * (size - 1)) / 2 - (linkType === 'link' ? same : 0);
  }
  return total;
}

function groupBy(
  keys: ArrayLike<number>,
  sources: ArrayLike<number> | undefined,
  n: number,
): Map<number, Map<number, number>> {
  const groups = new Map<number, Map<number, number>>();
  for (let record = 0; record < n; record++) {
    let bySource = groups.get(keys[record]);
    if (!bySource) {
      bySource = new Map();
      groups.set(keys[record], bySource);
    }
    const source = sources ? sources[record] : 0;
    bySource.set(source, (bySource.get(source) ?? 0) + 1);
  }
  return groups;
}

/** Number of true matching pairs in the compared space. */
export function countTruePairs(
  truth: readonly string[],
  linkType: LinkType,
  sources?: ArrayLike<number>,
): number {
  return groupPairs(groupBy(entityIds(truth), sources, truth.length), linkType);
}

/** Pairwise quality of the pairs predicted as matches. */
export function evaluatePairs(
  predicted: { left: ArrayLike<number>; right: ArrayLike<number>; count: number },
  truth: readonly string[],
  options: { linkType?: LinkType; sources?: ArrayLike<number> } = {},
): PairwiseScore {
  const linkType = options.linkType ?? 'dedupe';
  const ids = entityIds(truth);
  let truePositives = 0;
  let predictedCount = 0;
  for (let p = 0; p < predicted.count; p++) {
    const i = predicted.left[p];
    const j = predicted.right[p];
    if (linkType === 'link' && options.sources && options.sources[i] === options.sources[j]) continue;
    predictedCount++;
    if (ids[i] === ids[j]) truePositives++;
  }
  return score(truePositives, predictedCount, countTruePairs(truth, linkType, options.sources));
}

export interface ClusterScores {
  pairwise: PairwiseScore;
  bCubed: { precision: number; recall: number; f1: number };
  clusters: number;
  entities: number;
}

/** Quality of a clustering (cluster label per record) against the truth. */
export function evaluateClusters(
  cluster: ArrayLike<number>,
  truth: readonly string[],
  options: { linkType?: LinkType; sources?: ArrayLike<number> } = {},
): ClusterScores {
  requireInput(
    cluster.length === truth.length,
    'linkage/evaluate',
    'clusters and truth must give one label per record',
  );
  const linkType = options.linkType ?? 'dedupe';
  const n = truth.length;
  const ids = entityIds(truth);
  const combined = new Int32Array(n);
  const cellOf = new Map<string, number>();
  for (let record = 0; record < n; record++) {
    const key = `${cluster[record]}:${ids[record]}`;
    let cell = cellOf.get(key);
    if (cell === undefined) {
      cell = cellOf.size;
      cellOf.set(key, cell);
    }
    combined[record] = cell;
  }
  const truePositives = groupPairs(groupBy(combined, options.sources, n), linkType);
  const predicted = groupPairs(groupBy(cluster, options.sources, n), linkType);
  const actual = groupPairs(groupBy(ids, options.sources, n), linkType);
  const clusterSize = new Map<number, number>();
  const entitySize = new Map<number, number>();
  const cellSize = new Map<number, number>();
  for (let record = 0; record < n; record++) {
    clusterSize.set(cluster[record], (clusterSize.get(cluster[record]) ?? 0) + 1);
    entitySize.set(ids[record], (entitySize.get(ids[record]) ?? 0) + 1);
    cellSize.set(combined[record], (cellSize.get(combined[record]) ?? 0) + 1);
  }
  let precision = 0;
  let recall = 0;
  for (let record = 0; record < n; record++) {
    const shared = cellSize.get(combined[record])!;
    precision += shared / clusterSize.get(cluster[record])!;
    recall += shared / entitySize.get(ids[record])!;
  }
  precision /= Math.max(1, n);
  recall /= Math.max(1, n);
  return {
    pairwise: score(truePositives, predicted, actual),
    bCubed: {
      precision,
      recall,
      f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    },
    clusters: clusterSize.size,
    entities: entitySize.size,
  };
}

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
  truePositives: number;
  falsePositives: number;
}

/**
 * Precision and recall of the pairs at or above each threshold. With `thresholds` absent, one point
 * per distinct probability (thinned to at most `maxPoints`).
 */
export function precisionRecallCurve(
  scored: {
    left: ArrayLike<number>;
    right: ArrayLike<number>;
    probability: ArrayLike<number>;
    count: number;
  },
  truth: readonly string[],
  options: {
    linkType?: LinkType;
    sources?: ArrayLike<number>;
    thresholds?: readonly number[];
    maxPoints?: number;
  } = {},
): CurvePoint[] {
  const linkType = options.linkType ?? 'dedupe';
  const ids = entityIds(truth);
  const actual = countTruePairs(truth, linkType, options.sources);
  const counted = (p: number) =>
    !(
      linkType === 'link' &&
      options.sources &&
      options.sources[scored.left[p]] === options.sources[scored.right[p]]
    );
  if (options.thresholds) {
    // Fixed cuts: each pair falls in the bucket of the highest cut it reaches, no sort needed.
    const cuts = [...options.thresholds].sort((a, b) => b - a);
    const truePerCut = new Float64Array(cuts.length);
    const falsePerCut = new Float64Array(cuts.length);
    for (let p = 0; p < scored.count; p++) {
      if (!counted(p)) continue;
      const probability = scored.probability[p];
      let cut = 0;
      while (cut < cuts.length && probability < cuts[cut]) cut++;
      if (cut === cuts.length) continue;
      if (ids[scored.left[p]] === ids[scored.right[p]]) truePerCut[cut]++;
      else falsePerCut[cut]++;
    }
    let truePositives = 0;
    let falsePositives = 0;
    return cuts.map((threshold, cut) => {
      truePositives += truePerCut[cut];
      falsePositives += falsePerCut[cut];
      const s = score(truePositives, truePositives + falsePositives, actual);
      return { threshold, precision: s.precision, recall: s.recall, f1: s.f1, truePositives, falsePositives };
    });
  }
  const order: number[] = [];
  for (let p = 0; p < scored.count; p++) if (counted(p)) order.push(p);
  order.sort((a, b) => scored.probability[b] - scored.probability[a]);
  const points: CurvePoint[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  const push = (threshold: number) => {
    const s = score(truePositives, truePositives + falsePositives, actual);
    points.push({
      threshold,
      precision: s.precision,
      recall: s.recall,
      f1: s.f1,
      truePositives,
      falsePositives,
    });
  };
  for (let index = 0; index < order.length; index++) {
    const p = order[index];
    if (ids[scored.left[p]] === ids[scored.right[p]]) truePositives++;
    else falsePositives++;
    const next = order[index + 1];
    if (next === undefined || scored.probability[next] !== scored.probability[p]) push(scored.probability[p]);
  }
  const maxPoints = options.maxPoints ?? 200;
  if (points.length <= maxPoints) return points;
  const step = points.length / maxPoints;
  return Array.from(
    { length: maxPoints },
    (_, k) => points[Math.min(points.length - 1, Math.floor((k + 1) * step) - 1)],
  );
}
