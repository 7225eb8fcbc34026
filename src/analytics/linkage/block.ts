import { requireInput } from '../common/index.ts';
import { phoneticKey } from './normalise-name.ts';
import type { PreparedRecords } from './prepare-records.ts';
import type { BlockingRule, LinkType } from './types.ts';

/**
 * Blocking: the candidate pairs are the union of the pairs that agree on every key of at least one
 * rule. Each rule's key is computed once per record (an integer id; −1 when a field is missing, so a
 * missing value never blocks two records together), records are grouped by key, and each block is
 * enumerated once. A pair produced by an earlier rule is skipped by later ones (the check compares
 * the earlier rules' keys of the two records), so the union is built without a hash set: memory is
 * the output only.
 *
 * Rule syntax: terms joined by `&`; a term is a field, or `first<N>(field)`, `last<N>(field)`,
 * `phonetic(field)` (phonetic key of the sorted tokens), `joined(field)` (joined phonetic key of the
 * words in written order), `sorted(field)`, `year(field)`, `token<K>(field)`
 * (K-th sorted token). Counting (`countBlockedComparisons`) needs only the block sizes, O(records),
 * so the cost of each rule is known before any pair is compared.
 * Link types: `dedupe` pairs within one list, `link` only pairs from different sources,
 * `linkAndDedupe` both. Source: P. Christen (2012), "A survey of indexing techniques for scalable
 * record linkage and deduplication", IEEE TKDE 24(9):1537–1555, doi:10.1109/TKDE.2011.127.
 * Complexity: O(records × rules + pairs × rules).
 */
export interface BlockingOptions {
  linkType?: LinkType;
  /** Blocks larger than this are skipped and reported (a key like a common name would explode). */
  maxBlockSize?: number;
  /** Incremental linkage: only pairs with at least one record flagged here (non-zero) are generated. */
  touching?: ArrayLike<number>;
}

const DEFAULTS = { linkType: 'dedupe' as LinkType, maxBlockSize: 50_000 };

export interface RuleKeys {
  rule: BlockingRule;
  /** Key id per record, −1 when the record has no key for the rule. */
  keys: Int32Array;
  keyCount: number;
}

const TERM =
  /^\s*(?:(first|last|token)(\d+)\(\s*([^()]+?)\s*\)|(phonetic|joined|sorted|year)\(\s*([^()]+?)\s*\)|([^()&]+?))\s*$/;

/**
 * Computes one rule's key per record. Each term's derived text is computed once per distinct value
 * and numbered; a record's key combines its terms' numbers arithmetically (no string per record),
 * and key ids are given in order of first appearance. The keys are kept on the prepared records
 * (`ruleKeyCache`), since inference, counting, training and blocking all ask for the same rules.
 */
export function ruleKeys(rule: BlockingRule, prepared: PreparedRecords): RuleKeys {
  const cached = prepared.ruleKeyCache?.get(rule);
  if (cached) return cached;
  const terms = rule.split('&').map((term) => termIds(rule, term, prepared));
  requireInput(
    terms.reduce((product, term) => product * term.termCount, 1) < 2 ** 53,
    'linkage/block',
    `blocking rule "${rule}" has too many distinct key combinations`,
  );
  const keys = new Int32Array(prepared.count);
  let keyCount = 0;
  if (terms.length === 1) {
    const { ids, valueTerm, termCount } = terms[0];
    const keyOfTerm = new Int32Array(termCount).fill(-1);
    for (let record = 0; record < prepared.count; record++) {
      const value = ids[record];
      const term = value < 0 ? -1 : valueTerm[value];
      if (term < 0) {
        keys[record] = -1;
        continue;
      }
      if (keyOfTerm[term] < 0) keyOfTerm[term] = keyCount++;
      keys[record] = keyOfTerm[term];
    }
  } else {
    const idOfKey = new Map<number, number>();
    for (let record = 0; record < prepared.count; record++) {
      let combined = 0;
      let missing = false;
      for (let t = 0; t < terms.length; t++) {
        const value = terms[t].ids[record];
        const term = value < 0 ? -1 : terms[t].valueTerm[value];
        if (term < 0) {
          missing = true;
          break;
        }
        combined = t === 0 ? term : combined * terms[t].termCount + term;
      }
      if (missing) {
        keys[record] = -1;
        continue;
      }
      let id = idOfKey.get(combined);
      if (id === undefined) {
        id = keyCount++;
        idOfKey.set(combined, id);
      }
      keys[record] = id;
    }
  }
  const result = { rule, keys, keyCount };
  if (!prepared.ruleKeyCache) prepared.ruleKeyCache = new Map();
  prepared.ruleKeyCache.set(rule, result);
  return result;
}

/**
 * One term of a rule: the number of each value's derived text (−1 when it has none). Combined
 * keys are exact while the product of the terms' counts stays below 2^53 (checked).
 */
function termIds(
  rule: BlockingRule,
  term: string,
  prepared: PreparedRecords,
): { ids: Int32Array; valueTerm: Int32Array; termCount: number } {
  const match = TERM.exec(term);
  requireInput(
    match !== null,
    'linkage/block',
    `cannot read blocking term "${term.trim()}" of rule "${rule}"`,
  );
  const field = (match[3] ?? match[5] ?? match[6]).trim();
  const column = prepared.columns.get(field);
  requireInput(
    column !== undefined,
    'linkage/block',
    `blocking rule "${rule}" names field "${field}", which is not prepared`,
  );
  const fn = match[1] ?? match[4] ?? 'value';
  const size = Number(match[2] ?? 0);
  const derive = (id: number): string | null => {
    switch (fn) {
      case 'first':
        return column.text[id].length >= Math.min(size, 2) ? column.text[id].slice(0, size) : null;
      case 'last':
        return column.national[id].length >= size ? column.national[id].slice(-size) : null;
      case 'token':
        return column.sorted[id].split(' ')[size] ?? null;
      case 'phonetic':
        return column.kind === 'name' || column.kind === 'text'
          ? column.phonetic[id]
          : phoneticKey(column.text[id]);
      case 'joined':
        return column.joined[id];
      case 'sorted':
        return column.sorted[id];
      case 'year':
        return column.year[id] !== 0 ? String(column.year[id]) : null;
      default:
        return column.text[id];
    }
  };
  const valueTerm = new Int32Array(column.text.length);
  const numberOf = new Map<string, number>();
  for (let id = 0; id < column.text.length; id++) {
    const part = derive(id);
    if (part === null || part === '') {
      valueTerm[id] = -1;
      continue;
    }
    let number = numberOf.get(part);
    if (number === undefined) {
      number = numberOf.size;
      numberOf.set(part, number);
    }
    valueTerm[id] = number;
  }
  return { ids: column.ids, valueTerm, termCount: Math.max(1, numberOf.size) };
}

/** Records grouped by key: `members` in key order, block k spans offsets[k]..offsets[k+1]. */
function groupByKey(keys: RuleKeys, sources: Int32Array): { offsets: Int32Array; members: Int32Array } {
  const offsets = new Int32Array(keys.keyCount + 1);
  for (const key of keys.keys) if (key >= 0) offsets[key + 1]++;
  for (let k = 0; k < keys.keyCount; k++) offsets[k + 1] += offsets[k];
  const cursor = offsets.slice(0, keys.keyCount);
  const members = new Int32Array(offsets[keys.keyCount]);
  for (let record = 0; record < keys.keys.length; record++) {
    const key = keys.keys[record];
    if (key >= 0) members[cursor[key]++] = record;
  }
  for (let k = 0; k < keys.keyCount; k++) {
    const block = members.subarray(offsets[k], offsets[k + 1]);
    if (block.length > 1) block.sort((a, b) => sources[a] - sources[b] || a - b);
  }
  return { offsets, members };
}

function pairsInBlock(block: Int32Array, sources: Int32Array, linkType: LinkType): number {
  const size = block.length;
  if (linkType !== 'link') return (size * (size - 1)) / 2;
  let same = 0;
  let start = 0;
  for (let index = 1; index <= size; index++) {
    if (index === size || sources[block[index]] !== sources[block[start]]) {
      const run = index - start;
      same += (run * (run - 1)) / 2;
      start = index;
    }
  }
  return (size * (size - 1)) / 2 - same;
}

export interface RuleCount {
  rule: BlockingRule;
  /** Pairs the rule generates on its own. */
  comparisons: number;
  /** Pairs it adds to the union after the earlier rules (set by generation; counting alone leaves it null). */
  newComparisons: number | null;
  blocks: number;
  largestBlock: number;
  /** Blocks skipped for exceeding maxBlockSize, and the pairs they would have made. */
  skippedBlocks: number;
  skippedComparisons: number;
}

/** Counts the comparisons each rule would generate, without generating any (O(records) per rule). */
export function countBlockedComparisons(
  prepared: PreparedRecords,
  rules: readonly BlockingRule[],
  options: BlockingOptions = {},
): RuleCount[] {
  const settings = { ...DEFAULTS, ...options };
  return rules.map((rule) => {
    const keys = ruleKeys(rule, prepared);
    const { offsets, members } = groupByKey(keys, prepared.sources);
    const count: RuleCount = {
      rule,
      comparisons: 0,
      newComparisons: null,
      blocks: 0,
      largestBlock: 0,
      skippedBlocks: 0,
      skippedComparisons: 0,
    };
    for (let k = 0; k < keys.keyCount; k++) {
      const block = members.subarray(offsets[k], offsets[k + 1]);
      const pairs = pairsInBlock(block, prepared.sources, settings.linkType);
      if (block.length > settings.maxBlockSize) {
        count.skippedBlocks++;
        count.skippedComparisons += pairs;
        continue;
      }
      if (pairs > 0) count.blocks++;
      count.comparisons += pairs;
      if (block.length > count.largestBlock) count.largestBlock = block.length;
    }
    return count;
  });
}

/** Candidate pairs: record indices (left < right) and the first rule that produced each pair. */
export interface CandidatePairs {
  left: Int32Array;
  right: Int32Array;
  rule: Uint8Array;
  count: number;
}

/** A growable list of pairs in typed arrays. */
export class PairBuffer {
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  rule = new Uint8Array(1024);
  count = 0;
  push(left: number, right: number, rule: number): void {
    if (this.count === this.left.length) {
      const capacity = this.left.length * 2;
      const grow = <T extends Int32Array | Uint8Array>(array: T, make: (n: number) => T): T => {
        const next = make(capacity);
        next.set(array);
        return next;
      };
      this.left = grow(this.left, (n) => new Int32Array(n));
      this.right = grow(this.right, (n) => new Int32Array(n));
      this.rule = grow(this.rule, (n) => new Uint8Array(n));
    }
    this.left[this.count] = left;
    this.right[this.count] = right;
    this.rule[this.count] = rule;
    this.count++;
  }
  finish(): CandidatePairs {
    return {
      left: this.left.slice(0, this.count),
      right: this.right.slice(0, this.count),
      rule: this.rule.slice(0, this.count),
      count: this.count,
    };
  }
}

export interface BlockingResult {
  pairs: CandidatePairs;
  counts: RuleCount[];
}

/** Generates the union of the rules' candidate pairs (see the header). */
export function blockPairs(
  prepared: PreparedRecords,
  rules: readonly BlockingRule[],
  options: BlockingOptions = {},
): BlockingResult {
  const settings = { ...DEFAULTS, ...options };
  requireInput(rules.length > 0, 'linkage/block', 'at least one blocking rule is needed');
  requireInput(rules.length < 256, 'linkage/block', 'at most 255 blocking rules');
  const allKeys = rules.map((rule) => ruleKeys(rule, prepared));
  const counts = countBlockedComparisons(prepared, rules, settings);
  const sources = prepared.sources;
  const touching = options.touching;
  if (touching)
    requireInput(touching.length === prepared.count, 'linkage/block', 'touching must flag every record');
  const buffer = new PairBuffer();
  for (let r = 0; r < rules.length; r++) {
    const { offsets, members } = groupByKey(allKeys[r], sources);
    const before = buffer.count;
    for (let k = 0; k < allKeys[r].keyCount; k++) {
      const start = offsets[k];
      const end = offsets[k + 1];
      if (end - start < 2 || end - start > settings.maxBlockSize) continue;
      for (let x = start; x < end; x++) {
        const i = members[x];
        for (let y = x + 1; y < end; y++) {
          const j = members[y];
          if (settings.linkType === 'link' && sources[i] === sources[j]) continue;
          if (touching && !touching[i] && !touching[j]) continue;
          let seen = false;
          for (let q = 0; q < r; q++) {
            const keys = allKeys[q].keys;
            if (keys[i] >= 0 && keys[i] === keys[j]) {
              seen = true;
              break;
            }
          }
          if (seen) continue;
          if (i < j) buffer.push(i, j, r);
          else buffer.push(j, i, r);
        }
      }
    }
    counts[r].newComparisons = buffer.count - before;
  }
  return { pairs: buffer.finish(), counts };
}
