import { createRandom, type Random, requireInput } from '../common/index.ts';
import { blockPairs, type CandidatePairs, ruleKeys } from './block.ts';
import { type Comparator, createComparator } from './compare.ts';
import { comparablePairs, drawRandomPairs, uFromLevels } from './estimate-u.ts';
import { expectationMaximisation } from './expectation-maximisation.ts';
import type { PreparedRecords } from './prepare-records.ts';
import { comparePairs } from './score-pairs.ts';
import type { BlockingRule, ComparisonSpec, LinkageModel, LinkType, TrainedComparison } from './types.ts';

/**
 * Unsupervised training of a Fellegi–Sunter model, as Splink does it:
 * 1. u from random pairs ({@link estimateUProbabilities});
 * 2. one EM session per training blocking rule on the pairs that rule generates, with the
 *    comparisons of the rule's own fields left out (they agree by construction there) and u
 *    estimated among the rule's pairs too (`sessionU: 'estimated'`, the default: non-matches that
 *    share a blocking key agree on other fields more than random pairs do, and a u held at the
 *    random-pair value makes EM call nearly every such pair a match; 'fixed' is Splink's way);
 *    each comparison's m is the mean over the sessions that estimated it, scoring uses step 1's u;
 * 3. the prior λ = expected matches / comparable pairs: session Q finds λ_Q·|Q| matches among its
 *    pairs; the share of all matches that rule Q catches (its recall) is estimated from the other
 *    sessions as the posterior-weighted share of their pairs that also agree on Q's key; matches =
 *    λ_Q·|Q| / recall_Q, and the median over rules is taken. With a single rule, recall is taken as 1
 *    (stated in the diagnostics).
 * Sources: Linacre et al. (2022), doi:10.23889/ijpds.v7i3.1794; Winkler (1988) EM; Fellegi & Sunter
 * (1969), doi:10.1080/01621459.1969.10501049. Complexity: O(training pairs × comparisons) per session.
 */
export interface TrainOptions {
  linkType?: LinkType;
  /** Rules whose pairs train m; the blocking rules by default. */
  trainingRules?: readonly BlockingRule[];
  /** Random pairs for u; default 50 per record, within 100,000–1,000,000. */
  uPairs?: number;
  /** At most this many pairs per EM session (a random subset beyond it). */
  maxPairsPerSession?: number;
  maxIterations?: number;
  /** Estimate u within each session as well (see {@link EmOptions.estimateU}); scoring keeps the random-pair u. */
  sessionU?: 'fixed' | 'estimated';
  random?: Random;
  maxBlockSize?: number;
}

const DEFAULTS = {
  linkType: 'dedupe' as LinkType,
  maxPairsPerSession: 300_000,
  maxIterations: 100,
  seed: 6,
  maxBlockSize: 50_000,
  sessionU: 'estimated' as 'fixed' | 'estimated',
};

export interface TrainingSession {
  rule: BlockingRule;
  pairs: number;
  pairsUsed: number;
  matchShare: number;
  iterations: number;
  converged: boolean;
  excluded: string[];
  /** Estimated share of all matches that this rule's pairs contain. */
  recall: number | null;
  /** λ·pairs / recall. */
  estimatedMatches: number | null;
}

export interface TrainedModel {
  model: LinkageModel;
  comparators: Comparator[];
  diagnostics: {
    sessions: TrainingSession[];
    uPairs: number;
    comparablePairs: number;
    estimatedMatches: number;
    /** Comparisons no session could estimate (blocked on in every rule): their m stays at the start value. */
    notEstimated: string[];
    priorMethod: 'recall-corrected' | 'single-rule';
  };
}

function fieldsOfRule(rule: BlockingRule): string[] {
  return rule.split('&').map((term) => {
    const inner = /\(([^()]+)\)/.exec(term);
    return (inner ? inner[1] : term).trim();
  });
}

/** Starting m: most mass on the best level, decreasing geometrically, a little on "else". */
function initialM(levels: number): number[] {
  const m = new Array<number>(levels);
  let total = 0;
  for (let l = 0; l < levels; l++) {
    m[l] = l === levels - 1 ? 0.05 : 0.9 * 0.35 ** l;
    total += m[l];
  }
  return m.map((value) => value / total);
}

/** One training session's pairs: the rule's pairs (a random subset beyond the cap) and its active comparisons. */
export interface SessionPlan {
  rule: BlockingRule;
  /** All pairs the rule generates. */
  total: number;
  pairs: CandidatePairs;
  active: boolean[];
  excluded: string[];
}

/** Everything training compares, drawn before any comparison so the comparing can be done elsewhere. */
export interface TrainingPlan {
  comparators: Comparator[];
  linkType: LinkType;
  uPairs: CandidatePairs;
  sessions: SessionPlan[];
  maxIterations: number;
  sessionU: 'fixed' | 'estimated';
}

/** Draws the random pairs for u and each training rule's pairs (see the header). */
export function planTraining(
  prepared: PreparedRecords,
  specs: readonly ComparisonSpec[],
  rules: readonly BlockingRule[],
  options: TrainOptions = {},
): TrainingPlan {
  const linkType = options.linkType ?? DEFAULTS.linkType;
  const random = options.random ?? createRandom(DEFAULTS.seed);
  requireInput(specs.length > 0, 'linkage/train', 'at least one comparison is needed');
  const comparators = specs.map((spec) => createComparator(spec, prepared));
  const uPairs = drawRandomPairs(prepared, {
    linkType,
    pairs: options.uPairs ?? Math.min(1_000_000, Math.max(100_000, 50 * prepared.count)),
    random: random.fork(),
  });
  const trainingRules = options.trainingRules ?? rules;
  requireInput(trainingRules.length > 0, 'linkage/train', 'at least one training rule is needed');
  const maxPairs = options.maxPairsPerSession ?? DEFAULTS.maxPairsPerSession;
  const sessions = trainingRules.map((rule): SessionPlan => {
    const { pairs } = blockPairs(prepared, [rule], {
      linkType,
      maxBlockSize: options.maxBlockSize ?? DEFAULTS.maxBlockSize,
    });
    const ruleFields = fieldsOfRule(rule);
    const active = comparators.map((comparator) => !ruleFields.includes(comparator.spec.field));
    const excluded = comparators.filter((_, c) => !active[c]).map((comparator) => comparator.name);
    const empty = { left: new Int32Array(0), right: new Int32Array(0), rule: new Uint8Array(0), count: 0 };
    if (pairs.count === 0 || active.every((flag) => !flag))
      return { rule, total: pairs.count, pairs: empty, active, excluded };
    let rows: Int32Array;
    if (pairs.count > maxPairs) {
      const picked = new Set<number>();
      while (picked.size < maxPairs) picked.add(random.integer(pairs.count));
      rows = Int32Array.from([...picked].sort((a, b) => a - b));
    } else rows = Int32Array.from({ length: pairs.count }, (_, index) => index);
    const subset = {
      left: rows.map((row) => pairs.left[row]),
      right: rows.map((row) => pairs.right[row]),
      rule: new Uint8Array(rows.length),
      count: rows.length,
    };
    return { rule, total: pairs.count, pairs: subset, active, excluded };
  });
  return {
    comparators,
    linkType,
    uPairs,
    sessions,
    maxIterations: options.maxIterations ?? DEFAULTS.maxIterations,
    sessionU: options.sessionU ?? DEFAULTS.sessionU,
  };
}

/** Trains on one thread: {@link planTraining}, compare, {@link fitTraining}. */
export function trainLinkageModel(
  prepared: PreparedRecords,
  specs: readonly ComparisonSpec[],
  rules: readonly BlockingRule[],
  options: TrainOptions = {},
): TrainedModel {
  const plan = planTraining(prepared, specs, rules, options);
  return fitTraining(
    prepared,
    plan,
    comparePairs(plan.comparators, plan.uPairs),
    plan.sessions.map((session) => comparePairs(plan.comparators, session.pairs)),
  );
}

/** Fits u, m and the prior from the levels of the plan's pairs (u pairs, then each session's). */
export function fitTraining(
  prepared: PreparedRecords,
  plan: TrainingPlan,
  uLevels: Uint8Array,
  sessionLevels: readonly Uint8Array[],
): TrainedModel {
  const { comparators, linkType } = plan;
  const uEstimate = uFromLevels(
    uLevels,
    comparators.map((comparator) => comparator.labels.length),
    plan.uPairs.count,
  );
  const C = comparators.length;
  const sums = comparators.map((comparator) => new Array<number>(comparator.labels.length).fill(0));
  const sessionsPerComparison = new Array<number>(C).fill(0);
  const sessions: TrainingSession[] = [];
  const sessionData: {
    pairsLeft: Int32Array;
    pairsRight: Int32Array;
    posterior: Float64Array;
  }[] = [];
  plan.sessions.forEach((session, index) => {
    const { rule, pairs, active, excluded } = session;
    if (pairs.count === 0) {
      sessions.push({
        rule,
        pairs: session.total,
        pairsUsed: 0,
        matchShare: 0,
        iterations: 0,
        converged: false,
        excluded,
        recall: null,
        estimatedMatches: null,
      });
      return;
    }
    const result = expectationMaximisation(
      {
        levels: sessionLevels[index],
        comparisons: C,
        m: comparators.map((comparator) => initialM(comparator.labels.length)),
        u: uEstimate.u,
        active,
      },
      { maxIterations: plan.maxIterations, estimateU: plan.sessionU === 'estimated' },
    );
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      sessionsPerComparison[c]++;
      for (let l = 0; l < sums[c].length; l++) sums[c][l] += result.m[c][l];
    }
    const posterior = new Float64Array(pairs.count);
    for (let r = 0; r < pairs.count; r++) posterior[r] = result.patternPosterior[result.patternOfRow[r]];
    sessionData.push({ pairsLeft: pairs.left, pairsRight: pairs.right, posterior });
    sessions.push({
      rule,
      pairs: session.total,
      pairsUsed: pairs.count,
      matchShare: result.matchProbability,
      iterations: result.iterations,
      converged: result.converged,
      excluded,
      recall: null,
      estimatedMatches: null,
    });
  });
  const notEstimated: string[] = [];
  const trained: TrainedComparison[] = comparators.map((comparator, c) => {
    if (sessionsPerComparison[c] === 0) notEstimated.push(comparator.name);
    const m =
      sessionsPerComparison[c] > 0
        ? sums[c].map((sum) => sum / sessionsPerComparison[c])
        : initialM(comparator.labels.length);
    return {
      name: comparator.name,
      field: comparator.spec.field,
      kind: comparator.spec.kind,
      levels: comparator.levels,
      labels: comparator.labels,
      m,
      u: uEstimate.u[c],
      termFrequency: comparator.spec.termFrequency ?? comparator.spec.kind === 'name',
    };
  });
  const total = comparablePairs(prepared, linkType);
  const trainedSessions = sessions
    .map((session, index) => ({ session, index }))
    .filter(({ session }) => session.pairsUsed > 0);
  let dataIndex = 0;
  const dataOfSession = new Map<number, (typeof sessionData)[number]>();
  for (const { index } of trainedSessions) dataOfSession.set(index, sessionData[dataIndex++]);
  const estimates: number[] = [];
  let priorMethod: 'recall-corrected' | 'single-rule' = 'recall-corrected';
  if (trainedSessions.length === 1) {
    priorMethod = 'single-rule';
    const { session } = trainedSessions[0];
    session.recall = 1;
    session.estimatedMatches = session.matchShare * session.pairs;
    estimates.push(session.estimatedMatches);
  } else {
    for (const { session } of trainedSessions) {
      const keys = ruleKeys(session.rule, prepared).keys;
      let agree = 0;
      let weight = 0;
      for (const other of trainedSessions) {
        if (other.session === session) continue;
        const data = dataOfSession.get(other.index)!;
        for (let r = 0; r < data.posterior.length; r++) {
          const i = data.pairsLeft[r];
          const j = data.pairsRight[r];
          weight += data.posterior[r];
          if (keys[i] >= 0 && keys[i] === keys[j]) agree += data.posterior[r];
        }
      }
      const recall = weight > 0 ? agree / weight : 0;
      session.recall = recall;
      if (recall > 0.01) {
        session.estimatedMatches = (session.matchShare * session.pairs) / recall;
        estimates.push(session.estimatedMatches);
      }
    }
  }
  requireInput(estimates.length > 0, 'linkage/train', 'no training rule produced pairs to learn from');
  estimates.sort((a, b) => a - b);
  const middle = Math.floor(estimates.length / 2);
  const estimatedMatches =
    estimates.length % 2 === 1 ? estimates[middle] : (estimates[middle - 1] + estimates[middle]) / 2;
  const prior = Math.min(0.5, Math.max(1 / (total * 10), estimatedMatches / total));
  return {
    model: { comparisons: trained, priorMatchProbability: prior, linkType },
    comparators,
    diagnostics: {
      sessions,
      uPairs: uEstimate.pairsDrawn,
      comparablePairs: total,
      estimatedMatches,
      notEstimated,
      priorMethod,
    },
  };
}
