/**
 * Money cycles: simple directed cycles of at most `maxLength` transfers (round-tripping, layering
 * that returns funds to their origin). Every cycle is enumerated once, rooted at its smallest node as
 * in Johnson (1975), "Finding all the elementary circuits of a directed graph", SIAM J. Computing
 * 4(1):77-84, doi:10.1137/0204007; instead of Johnson's blocking (not valid under a length bound) the
 * search is pruned by the hop distance back to the root, as in bounded-length cycle search (Gupta &
 * Suzumura 2021, arXiv:2105.10094). With `timeOrdered` a cycle counts only when its transfers can
 * be taken in increasing time order starting from the root (the earliest feasible transfer is taken
 * on each hop). At most `maxCycles` are returned (the count says whether more exist).
 * Complexity: output-sensitive, O((c + 1) n m) in the worst case for c cycles.
 */
import { requireInput } from '../../common/index.ts';
import { checkTransactions, type Transaction } from './transactions.ts';

export interface MoneyCycle {
  accounts: string[];
  /** Smallest total amount along the cycle's hops (what can have gone round). */
  bottleneck: number;
  /** With timeOrdered: times of the transfers used; otherwise the first time of each hop. */
  times: number[];
}

export interface CycleOptions {
  maxLength?: number;
  timeOrdered?: boolean;
  maxCycles?: number;
}

export function moneyCycles(
  transactions: readonly Transaction[],
  options: CycleOptions = {},
): { cycles: MoneyCycle[]; truncated: boolean } {
  const where = 'network/money/cycles';
  checkTransactions(transactions, where);
  const maxLength = options.maxLength ?? 6;
  const maxCycles = options.maxCycles ?? 1000;
  requireInput(
    Number.isInteger(maxLength) && maxLength >= 2,
    where,
    `maxLength must be a whole number >= 2, got ${maxLength}`,
  );
  const index = new Map<string, number>();
  const names: string[] = [];
  const id = (name: string) => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      index.set(name, i);
      names.push(name);
    }
    return i;
  };
  // Arc (u, v): total amount and sorted times of its transfers.
  const arcs = new Map<number, Map<number, { total: number; times: number[] }>>();
  for (const t of transactions) {
    const u = id(t.source);
    const v = id(t.target);
    if (u === v) continue;
    if (!arcs.has(u)) arcs.set(u, new Map());
    const row = arcs.get(u) as Map<number, { total: number; times: number[] }>;
    const arc = row.get(v) ?? { total: 0, times: [] };
    arc.total += t.amount;
    arc.times.push(t.time);
    row.set(v, arc);
  }
  for (const row of arcs.values()) for (const arc of row.values()) arc.times.sort((a, b) => a - b);
  const n = names.length;
  const out: number[][] = Array.from({ length: n }, (_, u) =>
    [...(arcs.get(u)?.keys() ?? [])].sort((a, b) => a - b),
  );
  const incoming: number[][] = Array.from({ length: n }, () => []);
  for (let u = 0; u < n; u++) for (const v of out[u]) incoming[v].push(u);
  const cycles: MoneyCycle[] = [];
  let truncated = false;
  const back = new Int32Array(n);
  const onPath = new Uint8Array(n);
  for (let root = 0; root < n && !truncated; root++) {
    // Hops from each node (>= root) back to root, through nodes >= root.
    back.fill(-1);
    back[root] = 0;
    const queue = [root];
    for (let h = 0; h < queue.length; h++) {
      const v = queue[h];
      if (back[v] >= maxLength) continue;
      for (const u of incoming[v])
        if (u > root && back[u] === -1) {
          back[u] = back[v] + 1;
          queue.push(u);
        }
    }
    const path = [root];
    const times: number[] = [];
    onPath[root] = 1;
    const extend = (u: number, now: number): void => {
      if (truncated) return;
      for (const v of out[u]) {
        if (v < root) continue;
        const arc = arcs.get(u)?.get(v) as { total: number; times: number[] };
        let time = arc.times[0];
        if (options.timeOrdered) {
          const next = arc.times.find((t) => t > now);
          if (next === undefined) continue;
          time = next;
        }
        if (v === root) {
          if (path.length < 2) continue;
          const accounts = path.map((x) => names[x]);
          let bottleneck = Number.POSITIVE_INFINITY;
          for (let i = 0; i < path.length; i++) {
            const a = path[i];
            const b = i + 1 < path.length ? path[i + 1] : root;
            bottleneck = Math.min(bottleneck, arcs.get(a)?.get(b)?.total ?? 0);
          }
          if (cycles.length >= maxCycles) {
            truncated = true;
            return;
          }
          cycles.push({ accounts, bottleneck, times: [...times, time] });
          continue;
        }
        if (onPath[v] || back[v] === -1 || path.length + back[v] > maxLength) continue;
        onPath[v] = 1;
        path.push(v);
        times.push(time);
        extend(v, options.timeOrdered ? time : now);
        times.pop();
        path.pop();
        onPath[v] = 0;
      }
    };
    extend(root, Number.NEGATIVE_INFINITY);
    onPath[root] = 0;
  }
  cycles.sort((a, b) => b.bottleneck - a.bottleneck || a.accounts.length - b.accounts.length);
  return { cycles, truncated };
}
