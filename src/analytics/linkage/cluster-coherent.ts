import { requireInput } from '../common/index.ts';
import { type Clustering, findRoot, labelClusters, type ScoredLinks } from './cluster-components.ts';

/**
 * Chaining-resistant clustering: links are taken strongest first, and two clusters merge only when
 * the whole of them agrees, i.e. the mean match probability over every cross pair (a in A, b in B)
 * reaches `coherence`. A weak bridge (A–x strong, x–B strong, but A and B unlike each other) is
 * refused and logged, where connected components would chain A and B into one entity.
 * Every scored pair counts with its probability (also those below the threshold; below 0.001 through `scorePair`); pairs that blocking never compared are scored on demand by `scorePair` (the model's probability),
 * or count as `missingProbability` without it. With `sources` and `oneRecordPerSource`, two clusters
 * holding records of one source never merge: the one-to-one assignment of linking two
 * duplicate-free lists (greedy, strongest first).
 * Incremental linkage starts from `initialClusters` (the entities known before), so only new links
 * can join them; a known entity is never broken up here (splits come from an analyst or a full re-run).
 * Cluster score: mean pairwise probability inside the cluster (1 for singletons) and its weakest link.
 * Method: greedy average-linkage agglomeration with a stopping threshold (Hastie, Tibshirani &
 * Friedman 2009, "The Elements of Statistical Learning", §14.3.12); the one-to-one greedy assignment
 * follows P. Christen (2012), "Data Matching", §6.8, doi:10.1007/978-3-642-31164-2.
 * Complexity: O(links log links + Σ merges |A|·|B|) (each cross pair is scored once per attempted merge).
 */
export interface CoherentOptions {
  threshold?: number;
  coherence?: number;
  scorePair?: (left: number, right: number) => number;
  missingProbability?: number;
  sources?: ArrayLike<number>;
  oneRecordPerSource?: boolean;
  /** Merges whose cross product exceeds this are judged on the known links between them only. */
  maxCrossPairs?: number;
  /** Clusters to start from (a label per record, −1 = on its own): incremental linkage keeps known entities together. */
  initialClusters?: ArrayLike<number>;
}

/** Links below this are not held in memory: they count through `scorePair` (or as missing) instead. */
const KNOWN_FLOOR = 0.001;

const DEFAULTS = {
  threshold: 0.5,
  coherence: 0.5,
  missingProbability: 0,
  oneRecordPerSource: false,
  maxCrossPairs: 10_000,
};

export interface ClusterScore {
  cluster: number;
  size: number;
  /** Mean pairwise match probability within the cluster. */
  coherence: number;
  /** The weakest link that joined it (1 for a singleton). */
  weakestLink: number;
}

export interface RefusedLink {
  left: number;
  right: number;
  probability: number;
  /** Mean probability across the two clusters (null when refused for a source conflict). */
  coherence: number | null;
  reason: 'weak bridge' | 'same source';
}

export interface CoherentClustering extends Clustering {
  scores: ClusterScore[];
  refused: RefusedLink[];
}

export function clusterCoherent(
  records: number,
  links: ScoredLinks,
  options: CoherentOptions = {},
): CoherentClustering {
  const settings = { ...DEFAULTS, ...options };
  requireInput(
    settings.coherence >= 0 && settings.coherence <= 1,
    'linkage/cluster-coherent',
    'coherence must be a probability',
  );
  if (settings.oneRecordPerSource)
    requireInput(
      settings.sources !== undefined,
      'linkage/cluster-coherent',
      'oneRecordPerSource needs sources',
    );
  const known = new Map<number, number>();
  const order: number[] = [];
  for (let p = 0; p < links.count; p++) {
    const a = Math.min(links.left[p], links.right[p]);
    const b = Math.max(links.left[p], links.right[p]);
    if (links.probability[p] >= KNOWN_FLOOR) known.set(a * records + b, links.probability[p]);
    if (links.probability[p] >= settings.threshold) order.push(p);
  }
  order.sort(
    (x, y) =>
      links.probability[y] - links.probability[x] ||
      links.left[x] - links.left[y] ||
      links.right[x] - links.right[y],
  );
  const parent = new Int32Array(records);
  for (let record = 0; record < records; record++) parent[record] = record;
  const members: number[][] = Array.from({ length: records }, (_, record) => [record]);
  const sumProbability = new Float64Array(records);
  const pairCount = new Float64Array(records);
  const weakest = new Float64Array(records).fill(1);
  const refused: RefusedLink[] = [];
  if (settings.initialClusters) {
    const initial = settings.initialClusters;
    requireInput(
      initial.length === records,
      'linkage/cluster-coherent',
      'initialClusters must give a label per record',
    );
    const rootOfLabel = new Map<number, number>();
    for (let record = 0; record < records; record++) {
      const label = initial[record];
      if (label < 0) continue;
      const root = rootOfLabel.get(label);
      if (root === undefined) rootOfLabel.set(label, record);
      else {
        parent[record] = root;
        members[root].push(record);
        members[record] = [];
      }
    }
  }
  const probabilityOf = (a: number, b: number): number | undefined => {
    const low = Math.min(a, b);
    const high = Math.max(a, b);
    return known.get(low * records + high);
  };
  for (const p of order) {
    const rootA = findRoot(parent, links.left[p]);
    const rootB = findRoot(parent, links.right[p]);
    if (rootA === rootB) continue;
    const groupA = members[rootA];
    const groupB = members[rootB];
    if (settings.oneRecordPerSource && settings.sources) {
      const sources = settings.sources;
      const seen = new Set<number>();
      for (const record of groupA) seen.add(sources[record]);
      if (groupB.some((record) => seen.has(sources[record]))) {
        refused.push({
          left: links.left[p],
          right: links.right[p],
          probability: links.probability[p],
          coherence: null,
          reason: 'same source',
        });
        continue;
      }
    }
    let sum = 0;
    let count = 0;
    const full = groupA.length * groupB.length <= settings.maxCrossPairs;
    for (const a of groupA)
      for (const b of groupB) {
        const value = probabilityOf(a, b);
        if (value !== undefined) {
          sum += value;
          count++;
        } else if (full) {
          sum += settings.scorePair ? settings.scorePair(a, b) : settings.missingProbability;
          count++;
        }
      }
    const coherence = sum / Math.max(1, count);
    if (coherence < settings.coherence) {
      refused.push({
        left: links.left[p],
        right: links.right[p],
        probability: links.probability[p],
        coherence,
        reason: 'weak bridge',
      });
      continue;
    }
    const [big, small] = groupA.length >= groupB.length ? [rootA, rootB] : [rootB, rootA];
    parent[small] = big;
    for (const record of members[small]) members[big].push(record);
    members[small] = [];
    sumProbability[big] += sumProbability[small] + sum;
    pairCount[big] += pairCount[small] + count;
    weakest[big] = Math.min(weakest[big], weakest[small], links.probability[p]);
  }
  const clustering = labelClusters(parent);
  const scores: ClusterScore[] = [];
  for (let record = 0; record < records; record++) {
    if (clustering.cluster[record] !== record) continue;
    const root = findRoot(parent, record);
    scores.push({
      cluster: record,
      size: members[root].length,
      coherence: pairCount[root] > 0 ? sumProbability[root] / pairCount[root] : 1,
      weakestLink: weakest[root],
    });
  }
  return { ...clustering, scores, refused };
}
