/**
 * Trafficking determination by a versioned rule set: a plain JSON/YAML-able structure of indicators
 * (conditions over the canonical interview answers, see `answers.ts`) and named decisions built from
 * them, evaluated per interview to trafficked / not trafficked / undetermined, with the indicators
 * that fired and those that could not be evaluated.
 *
 * Convention: three-valued (Kleene) logic. An unanswered key makes its condition unknown; `all` is
 * false if one part is false, true if all are true, else unknown; `any` is true if one part is true,
 * false if all are false, else unknown; `atLeast k of` is true with k true parts, false when fewer
 * than k can still be true, else unknown. The interview is `trafficked` when the `trafficked`
 * decision is true, `not_trafficked` when it is false, `undetermined` when it is unknown, that is
 * when the missing answers could change the outcome. (Kleene logic never calls a case determined
 * wrongly, but a rule written as "A and B, or not-A and C" stays unknown when A is unknown even if B
 * and C are both true: write such rules so that the stricter branch implies the other, as the ILO
 * child/adult thresholds do.) Each result carries the rule set's id, version
 * and a fingerprint of its content, so a history re-classified with the same rule set is
 * reproducible and results of two versions are never mixed silently.
 *
 * Condition forms (leaves read one answer; `indicator` and `decision` read other named results):
 *   { answer: K, is: true|false } · { answer: K, in: [..] } · { answer: K, atLeast: x } ·
 *   { answer: K, below: x } · { answer: K, includesAny: [..] } (multi-select) ·
 *   { all: [..] } · { any: [..] } · { not: c } · { atLeastCount: k, of: [..] } ·
 *   { indicator: id } · { decision: id }
 *
 * Complexity: O(interviews × size of the rule set).
 */
import { requireInput } from '../common/errors.ts';
import { ANSWER_KEYS, type AnswerKey, type InterviewAnswers } from './answers.ts';

export type Condition =
  | { answer: AnswerKey; is: boolean }
  | { answer: AnswerKey; in: readonly (string | number)[] }
  | { answer: AnswerKey; atLeast: number }
  | { answer: AnswerKey; below: number }
  | { answer: AnswerKey; includesAny: readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition }
  | { atLeastCount: number; of: readonly Condition[] }
  | { indicator: string }
  | { decision: string };

export interface IndicatorDefinition {
  id: string;
  label: string;
  condition: Condition;
  /** Free tags the rule set's decisions and reports group by (e.g. dimension, element, strength). */
  tags?: Record<string, string>;
}

export interface DecisionDefinition {
  id: string;
  label: string;
  condition: Condition;
}

export interface DeterminationRuleSet {
  id: string;
  version: string;
  title: string;
  /** Where the rule comes from (full citation) and how it was operationalised. */
  source: string;
  description: string;
  indicators: readonly IndicatorDefinition[];
  /** Named decisions evaluated in order; one must be `trafficked`. */
  decisions: readonly DecisionDefinition[];
}

export type DeterminationStatus = 'trafficked' | 'not_trafficked' | 'undetermined';

export interface InterviewDetermination {
  interviewId: string;
  status: DeterminationStatus;
  /** Indicators that are true. */
  firedIndicators: string[];
  /** Indicators left unknown by missing answers. */
  unknownIndicators: string[];
  /** Every decision's value (true / false / null = unknown). */
  decisions: Record<string, boolean | null>;
  ruleSet: { id: string; version: string; fingerprint: string };
}

export interface DeterminationResult {
  ruleSet: { id: string; version: string; fingerprint: string; title: string };
  determinations: InterviewDetermination[];
  counts: Record<DeterminationStatus, number>;
  /** How often each indicator fired. */
  indicatorCounts: Record<string, number>;
}

const WHERE = 'surveillance/determination-rules';
type Truth = boolean | null;

/** Canonical JSON (sorted keys) of a value, for fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** A 64-bit FNV-1a hash of the rule set's canonical JSON, as 16 hex digits. */
export function ruleSetFingerprint(ruleSet: DeterminationRuleSet): string {
  const text = canonicalJson(ruleSet);
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index++) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function conditionReferences(condition: Condition, indicators: string[], decisions: string[]): void {
  if ('all' in condition) for (const part of condition.all) conditionReferences(part, indicators, decisions);
  else if ('any' in condition)
    for (const part of condition.any) conditionReferences(part, indicators, decisions);
  else if ('not' in condition) conditionReferences(condition.not, indicators, decisions);
  else if ('of' in condition)
    for (const part of condition.of) conditionReferences(part, indicators, decisions);
  else if ('indicator' in condition) indicators.push(condition.indicator);
  else if ('decision' in condition) decisions.push(condition.decision);
}

function checkCondition(condition: Condition, place: string): void {
  requireInput(
    condition !== null && typeof condition === 'object',
    WHERE,
    `${place}: a condition must be an object`,
  );
  if ('answer' in condition) {
    requireInput(
      ANSWER_KEYS.includes(condition.answer),
      WHERE,
      `${place}: unknown answer key "${String(condition.answer)}"`,
    );
    const tests = ['is', 'in', 'atLeast', 'below', 'includesAny'].filter((key) => key in condition);
    requireInput(tests.length === 1, WHERE, `${place}: an answer condition needs exactly one test`);
    return;
  }
  if ('all' in condition || 'any' in condition) {
    const parts = 'all' in condition ? condition.all : condition.any;
    requireInput(Array.isArray(parts) && parts.length > 0, WHERE, `${place}: all/any needs a non-empty list`);
    parts.forEach((part, index) => {
      checkCondition(part, `${place}[${index}]`);
    });
    return;
  }
  if ('not' in condition) {
    checkCondition(condition.not, `${place}.not`);
    return;
  }
  if ('of' in condition) {
    requireInput(
      Number.isInteger(condition.atLeastCount) && condition.atLeastCount >= 1,
      WHERE,
      `${place}: atLeastCount must be an integer >= 1`,
    );
    condition.of.forEach((part, index) => {
      checkCondition(part, `${place}.of[${index}]`);
    });
    return;
  }
  requireInput(
    'indicator' in condition || 'decision' in condition,
    WHERE,
    `${place}: unknown condition form`,
  );
}

/**
 * Checks a rule set: unique ids, known answer keys, references to defined indicators and to
 * decisions defined earlier (so there are no cycles), and a `trafficked` decision.
 */
export function validateRuleSet(ruleSet: DeterminationRuleSet): void {
  requireInput(
    typeof ruleSet?.id === 'string' && ruleSet.id.length > 0 && typeof ruleSet.version === 'string',
    WHERE,
    'a rule set needs an id and a version',
  );
  const indicatorIds = new Set<string>();
  for (const indicator of ruleSet.indicators) {
    requireInput(!indicatorIds.has(indicator.id), WHERE, `indicator "${indicator.id}" is defined twice`);
    indicatorIds.add(indicator.id);
  }
  for (const indicator of ruleSet.indicators) {
    checkCondition(indicator.condition, `indicator ${indicator.id}`);
    const indicators: string[] = [];
    const decisions: string[] = [];
    conditionReferences(indicator.condition, indicators, decisions);
    requireInput(
      indicators.length === 0 && decisions.length === 0,
      WHERE,
      `indicator ${indicator.id}: indicators read answers only`,
    );
  }
  const decisionIds = new Set<string>();
  for (const decision of ruleSet.decisions) {
    requireInput(!decisionIds.has(decision.id), WHERE, `decision "${decision.id}" is defined twice`);
    checkCondition(decision.condition, `decision ${decision.id}`);
    const indicators: string[] = [];
    const decisions: string[] = [];
    conditionReferences(decision.condition, indicators, decisions);
    for (const id of indicators)
      requireInput(indicatorIds.has(id), WHERE, `decision ${decision.id}: unknown indicator "${id}"`);
    for (const id of decisions)
      requireInput(
        decisionIds.has(id),
        WHERE,
        `decision ${decision.id}: decision "${id}" is not defined before it`,
      );
    decisionIds.add(decision.id);
  }
  requireInput(decisionIds.has('trafficked'), WHERE, `rule set ${ruleSet.id} has no "trafficked" decision`);
}

function evaluate(
  condition: Condition,
  answers: InterviewAnswers,
  indicators: Map<string, Truth>,
  decisions: Map<string, Truth>,
): Truth {
  if ('answer' in condition) {
    const value = answers[condition.answer] as unknown;
    if (value === null || value === undefined) return null;
    if ('is' in condition) return value === condition.is;
    if ('in' in condition) return condition.in.includes(value as string | number);
    if ('atLeast' in condition) return (value as number) >= condition.atLeast;
    if ('below' in condition) return (value as number) < condition.below;
    const chosen = value as readonly string[];
    return condition.includesAny.some((option) => chosen.includes(option));
  }
  if ('all' in condition) {
    const values = condition.all.map((part) => evaluate(part, answers, indicators, decisions));
    if (values.includes(false)) return false;
    return values.includes(null) ? null : true;
  }
  if ('any' in condition) {
    const values = condition.any.map((part) => evaluate(part, answers, indicators, decisions));
    if (values.includes(true)) return true;
    return values.includes(null) ? null : false;
  }
  if ('not' in condition) {
    const value = evaluate(condition.not, answers, indicators, decisions);
    return value === null ? null : !value;
  }
  if ('of' in condition) {
    const values = condition.of.map((part) => evaluate(part, answers, indicators, decisions));
    const yes = values.filter((value) => value === true).length;
    const unknown = values.filter((value) => value === null).length;
    if (yes >= condition.atLeastCount) return true;
    return yes + unknown < condition.atLeastCount ? false : null;
  }
  if ('indicator' in condition) return indicators.get(condition.indicator) ?? null;
  return decisions.get(condition.decision) ?? null;
}

/** Classifies one interview's answers with a (validated) rule set. */
function determineOne(
  ruleSet: DeterminationRuleSet,
  stamp: { id: string; version: string; fingerprint: string },
  answers: InterviewAnswers,
): InterviewDetermination {
  const indicators = new Map<string, Truth>();
  for (const indicator of ruleSet.indicators)
    indicators.set(indicator.id, evaluate(indicator.condition, answers, indicators, new Map()));
  const decisions = new Map<string, Truth>();
  for (const decision of ruleSet.decisions)
    decisions.set(decision.id, evaluate(decision.condition, answers, indicators, decisions));
  const verdict = decisions.get('trafficked');
  return {
    interviewId: answers.interviewId,
    status: verdict === true ? 'trafficked' : verdict === false ? 'not_trafficked' : 'undetermined',
    firedIndicators: [...indicators].filter(([, value]) => value === true).map(([id]) => id),
    unknownIndicators: [...indicators].filter(([, value]) => value === null).map(([id]) => id),
    decisions: Object.fromEntries(decisions),
    ruleSet: stamp,
  };
}

/**
 * Classifies interviews with a rule set (see the file header).
 *
 * @example determineTrafficking(interviews, ILO_2012_FORCED_LABOUR_RULES).counts
 */
export function determineTrafficking(
  interviews: readonly InterviewAnswers[],
  ruleSet: DeterminationRuleSet,
): DeterminationResult {
  validateRuleSet(ruleSet);
  const ids = new Set<string>();
  interviews.forEach((interview, index) => {
    requireInput(
      typeof interview?.interviewId === 'string' && interview.interviewId.length > 0,
      WHERE,
      `interview at position ${index + 1} has no interviewId`,
    );
    requireInput(!ids.has(interview.interviewId), WHERE, `interviewId "${interview.interviewId}" repeats`);
    ids.add(interview.interviewId);
  });
  const stamp = { id: ruleSet.id, version: ruleSet.version, fingerprint: ruleSetFingerprint(ruleSet) };
  const determinations = interviews.map((answers) => determineOne(ruleSet, stamp, answers));
  const counts: Record<DeterminationStatus, number> = { trafficked: 0, not_trafficked: 0, undetermined: 0 };
  const indicatorCounts: Record<string, number> = Object.fromEntries(
    ruleSet.indicators.map((indicator) => [indicator.id, 0]),
  );
  for (const determination of determinations) {
    counts[determination.status]++;
    for (const id of determination.firedIndicators) indicatorCounts[id]++;
  }
  return { ruleSet: { ...stamp, title: ruleSet.title }, determinations, counts, indicatorCounts };
}
