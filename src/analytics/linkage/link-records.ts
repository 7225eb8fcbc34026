import { createRandom, type Random, requireInput } from '../common/index.ts';
import {
  type BlockingResult,
  blockPairs,
  type CandidatePairs,
  countBlockedComparisons,
  type RuleCount,
} from './block.ts';
import { type ClusterScore, clusterCoherent, type RefusedLink } from './cluster-coherent.ts';
import { type Clustering, clusterConnectedComponents } from './cluster-components.ts';
import { type Comparator, createComparator } from './compare.ts';
import type { PhoneNormaliseOptions } from './normalise-phone.ts';
import type { PlaceResolver } from './normalise-place.ts';
import { type PreparedRecords, prepareRecords } from './prepare-records.ts';
import {
  comparePairs,
  levelWeights,
  priorWeight,
  scorePairs,
  termFrequencyWeight,
  weightToProbability,
} from './score-pairs.ts';
import {
  fitTraining,
  planTraining,
  type TrainedModel,
  type TrainOptions,
  trainLinkageModel,
} from './train-model.ts';
import type {
  BlockingRule,
  ComparisonSpec,
  FieldKind,
  LinkageModel,
  LinkageRecords,
  LinkType,
} from './types.ts';

/**
 * The whole linkage run: prepare (normalise every field once), count each blocking rule's pairs
 * (reported before any comparison), train the Fellegi–Sunter model without labels, block, compare
 * and score the candidate pairs, and cluster the links into entities.
 *
 * Clustering: `coherent` (default; {@link clusterCoherent}, chaining-resistant, pairs outside
 * blocking scored on demand by the model) or `components` (connected components at the threshold).
 * In `link` mode every list is taken as free of duplicates, so a cluster holds at most one record of
 * each list (one-to-one linkage), unless `oneRecordPerSource` says otherwise.
 * Split in two (`planLinkage`, `runLinkage`) so a caller can show the blocking cost before running.
 * Complexity: O(records × fields + candidate pairs × comparisons + EM).
 */
export interface LinkConfig {
  comparisons: ComparisonSpec[];
  blocking: BlockingRule[];
  trainingRules?: BlockingRule[];
  linkType?: LinkType;
  /** Match probability at or above which a pair is a link. */
  threshold?: number;
  clustering?: 'coherent' | 'components';
  coherence?: number;
  oneRecordPerSource?: boolean;
  maxBlockSize?: number;
  /** u in the EM sessions: held at the random-pair estimate, or estimated among each rule's pairs. */
  sessionU?: 'fixed' | 'estimated';
}

export interface LinkOptions {
  random?: Random;
  phone?: PhoneNormaliseOptions;
  uPairs?: number;
  /** Resolves 'place' fields to canonical codes (the gazetteer, injected: analytics does not read it itself). */
  places?: PlaceResolver;
  /** Records prepared before (by `inferLinkageConfig`): columns of the same kind are reused, not prepared again. */
  prepared?: PreparedRecords;
  /** A model trained before (or from labels): skip training. */
  model?: LinkageModel;
  /**
   * Incremental linkage of a new batch: only pairs touching a flagged record (`newRecords`, non-zero)
   * are compared, and clustering starts from the known entities (`existingClusters`, −1 for new records).
   */
  incremental?: { newRecords: ArrayLike<number>; existingClusters: ArrayLike<number> };
}

const DEFAULTS = {
  linkType: 'dedupe' as LinkType,
  threshold: 0.5,
  clustering: 'coherent' as const,
  coherence: 0.5,
  seed: 6,
};

export interface LinkPlan {
  prepared: PreparedRecords;
  config: LinkConfig;
  counts: RuleCount[];
}

function recordCount(records: LinkageRecords): number {
  const first = Object.values(records.columns)[0];
  return first ? first.length : 0;
}

/** Prepares the records and counts each rule's comparisons, without comparing anything. */
export function planLinkage(
  records: LinkageRecords,
  config: LinkConfig,
  options: LinkOptions = {},
): LinkPlan {
  requireInput(config.comparisons.length > 0, 'linkage/link', 'the configuration has no comparisons');
  requireInput(config.blocking.length > 0, 'linkage/link', 'the configuration has no blocking rules');
  const kinds = new Map<string, FieldKind>();
  for (const spec of config.comparisons) kinds.set(spec.field, spec.kind);
  for (const spec of config.comparisons)
    for (const level of spec.levels ?? [])
      if (level.type === 'swapped' && !kinds.has(level.with)) kinds.set(level.with, spec.kind);
  for (const rule of [...config.blocking, ...(config.trainingRules ?? [])])
    for (const term of rule.split('&')) {
      const inner = /\(([^()]+)\)/.exec(term);
      const field = (inner ? inner[1] : term).trim();
      if (!kinds.has(field)) kinds.set(field, 'text');
    }
  const reused = new Map<string, FieldKind>();
  for (const [field, kind] of kinds)
    if (
      options.prepared?.columns.get(field)?.kind === kind &&
      options.prepared.count === recordCount(records) &&
      !(kind === 'place' && options.places)
    )
      reused.set(field, kind);
  const within = new Map<string, string>();
  for (const spec of config.comparisons) if (spec.within) within.set(spec.field, spec.within);
  const ages = new Map<string, { recordedOn: string; birthDate?: string }>();
  for (const spec of config.comparisons)
    if (spec.kind === 'age') {
      requireInput(
        spec.recordedOn !== undefined,
        'linkage/link',
        `age comparison of "${spec.field}" names no recordedOn field`,
      );
      ages.set(spec.field, { recordedOn: spec.recordedOn, birthDate: spec.birthDate });
    }
  const prepared = prepareRecords(records, kinds, {
    phone: options.phone,
    ages,
    reuse: options.prepared,
    reused,
    places: options.places ? { resolve: options.places, within } : undefined,
  });
  const linkType = config.linkType ?? DEFAULTS.linkType;
  if (linkType === 'link')
    requireInput(
      prepared.sourceCount >= 2,
      'linkage/link',
      'linking across lists needs at least two sources',
    );
  const counts = countBlockedComparisons(prepared, config.blocking, {
    linkType,
    maxBlockSize: config.maxBlockSize,
  });
  return { prepared, config, counts };
}

export interface LinkResult {
  model: LinkageModel;
  comparators: Comparator[];
  training: TrainedModel['diagnostics'] | null;
  blocking: RuleCount[];
  pairs: CandidatePairs;
  levels: Uint8Array;
  weight: Float64Array;
  probability: Float64Array;
  clustering: Clustering & { scores?: ClusterScore[]; refused?: RefusedLink[] };
  threshold: number;
}

/** Scores one pair of records under the model (used for pairs blocking did not produce). */
export function scoreRecordPair(
  model: LinkageModel,
  comparators: readonly Comparator[],
  left: number,
  right: number,
): number {
  const table = levelWeights(model);
  let total = priorWeight(model);
  const levels = comparators.map((comparator) => comparator.level(left, right));
  for (let c = 0; c < comparators.length; c++) if (levels[c] >= 0) total += table[c][levels[c]];
  for (let c = 0; c < comparators.length; c++) {
    const ids = comparators[c].column.ids;
    if (levels[c] >= 0) total += termFrequencyWeight(model, comparators, c, levels[c], ids[left], ids[right]);
  }
  return weightToProbability(total);
}

function trainOptions(plan: LinkPlan, options: LinkOptions): TrainOptions {
  const { config } = plan;
  return {
    linkType: config.linkType ?? DEFAULTS.linkType,
    trainingRules: config.trainingRules,
    uPairs: options.uPairs,
    random: options.random ?? createRandom(DEFAULTS.seed),
    maxBlockSize: config.maxBlockSize,
    sessionU: config.sessionU,
  };
}

function modelFor(
  plan: LinkPlan,
  options: LinkOptions,
): Pick<LinkResult, 'model' | 'comparators' | 'training'> {
  const { prepared, config } = plan;
  if (options.model) {
    const model = options.model;
    const comparators = model.comparisons.map((comparison) =>
      createComparator(
        {
          field: comparison.field,
          kind: comparison.kind,
          name: comparison.name,
          levels: comparison.levels,
          termFrequency: comparison.termFrequency,
        },
        prepared,
      ),
    );
    return { model, comparators, training: null };
  }
  const trained = trainLinkageModel(
    prepared,
    config.comparisons,
    config.blocking,
    trainOptions(plan, options),
  );
  return { model: trained.model, comparators: trained.comparators, training: trained.diagnostics };
}

function finishLinkage(
  plan: LinkPlan,
  trained: Pick<LinkResult, 'model' | 'comparators' | 'training'>,
  blocked: BlockingResult,
  levels: Uint8Array,
  options: LinkOptions,
): LinkResult {
  const { prepared, config } = plan;
  const linkType = config.linkType ?? DEFAULTS.linkType;
  const threshold = config.threshold ?? DEFAULTS.threshold;
  const { model, comparators } = trained;
  const scored = scorePairs(model, comparators, blocked.pairs, levels);
  const links = {
    left: blocked.pairs.left,
    right: blocked.pairs.right,
    probability: scored.probability,
    count: blocked.pairs.count,
  };
  if (options.incremental)
    requireInput(
      (config.clustering ?? DEFAULTS.clustering) === 'coherent',
      'linkage/link',
      'incremental linkage needs the coherent clustering (it starts from the known entities)',
    );
  const clustering =
    (config.clustering ?? DEFAULTS.clustering) === 'components'
      ? clusterConnectedComponents(prepared.count, links, threshold)
      : clusterCoherent(prepared.count, links, {
          threshold,
          coherence: config.coherence ?? DEFAULTS.coherence,
          scorePair: (left, right) => scoreRecordPair(model, comparators, left, right),
          sources: prepared.sources,
          oneRecordPerSource: config.oneRecordPerSource ?? linkType === 'link',
          initialClusters: options.incremental?.existingClusters,
        });
  return {
    ...trained,
    blocking: blocked.counts,
    pairs: blocked.pairs,
    levels,
    weight: scored.weight,
    probability: scored.probability,
    clustering,
    threshold,
  };
}

function checkThreshold(plan: LinkPlan): void {
  const threshold = plan.config.threshold ?? DEFAULTS.threshold;
  requireInput(
    threshold > 0 && threshold < 1,
    'linkage/link',
    `threshold ${threshold} must be a probability between 0 and 1`,
  );
}

/** Trains (unless a model is given), blocks, scores and clusters, on one thread. */
export function runLinkage(plan: LinkPlan, options: LinkOptions = {}): LinkResult {
  checkThreshold(plan);
  const trained = modelFor(plan, options);
  const linkType = plan.config.linkType ?? DEFAULTS.linkType;
  const blocked = blockPairs(plan.prepared, plan.config.blocking, {
    linkType,
    maxBlockSize: plan.config.maxBlockSize,
    touching: options.incremental?.newRecords,
  });
  return finishLinkage(plan, trained, blocked, comparePairs(trained.comparators, blocked.pairs), options);
}

/**
 * The same run with every comparison of record pairs (the costly step: the random pairs for u, each
 * training rule's pairs and the candidate pairs) handed to `compareLevels`, e.g. worker threads that
 * hold the same prepared records and compare with the same comparisons (`config.comparisons`, or the
 * given model's); it must return what {@link comparePairs} would. Everything else is identical to
 * {@link runLinkage}, so results are equal.
 */
export async function runLinkageWith(
  plan: LinkPlan,
  compareLevels: (pairs: CandidatePairs) => Promise<Uint8Array>,
  options: LinkOptions = {},
): Promise<LinkResult> {
  checkThreshold(plan);
  const compare = async (comparators: readonly Comparator[], pairs: CandidatePairs) => {
    if (pairs.count === 0) return new Uint8Array(0);
    const levels = await compareLevels(pairs);
    requireInput(
      levels.length === pairs.count * comparators.length,
      'linkage/link',
      'parallel comparison returned the wrong number of levels',
    );
    return levels;
  };
  let trained: Pick<LinkResult, 'model' | 'comparators' | 'training'>;
  if (options.model) trained = modelFor(plan, options);
  else {
    const training = planTraining(
      plan.prepared,
      plan.config.comparisons,
      plan.config.blocking,
      trainOptions(plan, options),
    );
    const uLevels = await compare(training.comparators, training.uPairs);
    const sessionLevels: Uint8Array[] = [];
    for (const session of training.sessions)
      sessionLevels.push(await compare(training.comparators, session.pairs));
    const fitted = fitTraining(plan.prepared, training, uLevels, sessionLevels);
    trained = { model: fitted.model, comparators: fitted.comparators, training: fitted.diagnostics };
  }
  const linkType = plan.config.linkType ?? DEFAULTS.linkType;
  const blocked = blockPairs(plan.prepared, plan.config.blocking, {
    linkType,
    maxBlockSize: plan.config.maxBlockSize,
    touching: options.incremental?.newRecords,
  });
  const levels = await compare(trained.comparators, blocked.pairs);
  return finishLinkage(plan, trained, blocked, levels, options);
}

/** planLinkage then runLinkage. */
export function linkRecords(
  records: LinkageRecords,
  config: LinkConfig,
  options: LinkOptions = {},
): LinkResult {
  return runLinkage(planLinkage(records, config, options), options);
}
