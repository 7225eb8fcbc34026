/**
 * Gould-Fernandez brokerage roles: for every two-path a -> b -> c with no arc a -> c (a != c), broker
 * b gets one count in the role fixed by the groups of a, b and c (Gould & Fernandez 1989, "Structures
 * of mediation: a formal approach to brokerage in transaction networks", Sociological Methodology
 * 19:89-126, doi:10.2307/270949):
 * - coordinator (w_I): a, b, c in one group;
 * - itinerant / consultant (w_O): a and c in one group, b in another;
 * - representative (b_IO): a and b in one group, c in another;
 * - gatekeeper (b_OI): b and c in one group, a in another;
 * - liaison (b_O): three different groups.
 * Conventions (R sna `brokerage`, Butts): ties are binary; an undirected graph counts both arcs; the
 * expected counts and variances are sna's, under a random (Bernoulli) graph of the same density
 * d = arcs / (N (N - 1)) with the groups fixed, and z = (raw - expected) / sd (null where sd = 0).
 * Complexity O(sum over b of in(b) (out(b) + max out)).
 */
import { requireInput } from '../common/index.ts';
import type { Graph } from './graph.ts';

export const BROKERAGE_ROLES = [
  'coordinator',
  'itinerant',
  'representative',
  'gatekeeper',
  'liaison',
  'total',
] as const;
export type BrokerageRole = (typeof BROKERAGE_ROLES)[number];
/** sna's column names for the roles, in the same order. */
export const SNA_ROLE_NAMES: Record<BrokerageRole, string> = {
  coordinator: 'w_I',
  itinerant: 'w_O',
  representative: 'b_IO',
  gatekeeper: 'b_OI',
  liaison: 'b_O',
  total: 't',
};

export type RoleValues = Record<BrokerageRole, number>;
export type RoleScores = Record<BrokerageRole, number | null>;

export interface BrokerageResult {
  /** Per node, index = node number. */
  raw: RoleValues[];
  expected: RoleValues[];
  standardDeviation: RoleValues[];
  z: RoleScores[];
  global: { raw: RoleValues; expected: RoleValues; standardDeviation: RoleValues; z: RoleScores };
  density: number;
  groupSizes: Record<string, number>;
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

function rolesFrom(values: number[]): RoleValues {
  return {
    coordinator: values[0],
    itinerant: values[1],
    representative: values[2],
    gatekeeper: values[3],
    liaison: values[4],
    total: values[5],
  };
}

function zScores(raw: RoleValues, expected: RoleValues, sd: RoleValues): RoleScores {
  const out = {} as RoleScores;
  for (const role of BROKERAGE_ROLES)
    out[role] = sd[role] > 0 ? (raw[role] - expected[role]) / sd[role] : null;
  return out;
}

/** `groups[id]` is the group (country, organisation, family) of every node. */
export function brokerageRoles(graph: Graph, groups: Readonly<Record<string, string>>): BrokerageResult {
  const where = 'network/brokerage';
  const n = graph.nodeCount;
  requireInput(n >= 3, where, 'brokerage needs at least 3 nodes');
  const labelIndex = new Map<string, number>();
  const group = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const label = groups[graph.ids[v]];
    requireInput(label !== undefined && label !== '', where, `node "${graph.ids[v]}" has no group`);
    let g = labelIndex.get(label);
    if (g === undefined) {
      g = labelIndex.size;
      labelIndex.set(label, g);
    }
    group[v] = g;
  }
  const { offsets, targets, inOffsets, inSources } = graph;
  const counts = Array.from({ length: n }, () => [0, 0, 0, 0, 0]);
  const stamp = new Int32Array(n).fill(-1);
  for (let b = 0; b < n; b++) {
    const gb = group[b];
    for (let p = inOffsets[b]; p < inOffsets[b + 1]; p++) {
      const a = inSources[p];
      for (let q = offsets[a]; q < offsets[a + 1]; q++) stamp[targets[q]] = a;
      const ga = group[a];
      for (let q = offsets[b]; q < offsets[b + 1]; q++) {
        const c = targets[q];
        if (c === a || stamp[c] === a) continue;
        const gc = group[c];
        let role: number;
        if (ga === gb && gb === gc) role = 0;
        else if (ga === gc) role = 1;
        else if (ga === gb) role = 2;
        else if (gb === gc) role = 3;
        else role = 4;
        counts[b][role]++;
      }
    }
  }
  const arcs = graph.directed ? graph.edgeCount : 2 * graph.edgeCount;
  const N = n;
  const d = arcs / (N * (N - 1));
  const sizes = new Array<number>(labelIndex.size).fill(0);
  for (let v = 0; v < n; v++) sizes[group[v]]++;
  const base = d * d * (1 - d);
  const cube = d ** 3 * (1 - d) ** 3;
  const classMoments = sizes.map((ni, i) => {
    const others = sizes.filter((_, j) => j !== i);
    const sumOthers = (f: (x: number) => number) => others.reduce((acc, x) => acc + f(x), 0);
    const e = [
      base * (ni - 1) * (ni - 2),
      base * sumOthers((x) => x * (x - 1)),
      base * (N - ni) * (ni - 1),
      0,
      base * (sumOthers((x) => x) ** 2 - sumOthers((x) => x * x)),
      base * (N - 1) * (N - 2),
    ];
    e[3] = e[2];
    const v = [
      e[0] * (1 - base) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * cube,
      e[1] * (1 - base) + 2 * sumOthers((x) => x * (x - 1) * (x - 2)) * cube,
      e[2] * (1 - base) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * cube,
      0,
      e[4] * (1 - base) + 4 * sumOthers((x) => x * choose2(N - x - ni)) * cube,
      e[5] * (1 - base) + 2 * (N - 1) * (N - 2) * (N - 3) * cube,
    ];
    v[3] = v[2];
    return { expected: rolesFrom(e), sd: rolesFrom(v.map((x) => Math.sqrt(Math.max(0, x)))) };
  });
  const raw = counts.map((c) => rolesFrom([...c, c.reduce((a, b) => a + b, 0)]));
  const expected = Array.from({ length: n }, (_, v) => classMoments[group[v]].expected);
  const standardDeviation = Array.from({ length: n }, (_, v) => classMoments[group[v]].sd);
  const z = raw.map((r, v) => zScores(r, expected[v], standardDeviation[v]));
  // Global moments (sna's raw.gli / exp.gli / sd.gli).
  const sumAll = (f: (x: number) => number) => sizes.reduce((acc, x) => acc + f(x), 0);
  const d3 = cube;
  const d4 = d ** 4 * (1 - d) ** 2;
  const d5 = d ** 5 * (1 - d);
  const ge = [
    base * sumAll((x) => x * (x - 1) * (x - 2)),
    base * sumAll((x) => x * (N - x) * (x - 1)),
    base * sumAll((x) => x * (N - x) * (x - 1)),
    0,
    0,
    base * N * (N - 1) * (N - 2),
  ];
  ge[3] = ge[2];
  let outer = 0;
  for (const x of sizes) for (const y of sizes) outer += x * y * (N - x - y);
  ge[4] = base * (outer - sumAll((x) => x * x * (N - 2 * x)));
  let itinerantOuter = 0;
  for (const x of sizes)
    for (const y of sizes) itinerantOuter += x * y * (x - 1) * ((2 * x + 2 * y - 6) * d3 + (N - x - 1) * d5);
  const gv = [
    ge[0] * (1 - base) +
      sumAll((x) => x * (x - 1) * (x - 2) * ((4 * x - 10) * d3 - 4 * (x - 3) * d4 + (x - 3) * d5)),
    ge[1] * (1 - base) +
      itinerantOuter -
      sumAll((x) => x * x * (x - 1) * ((4 * x - 6) * d3 + (N - x - 1) * d5)),
    ge[2] * (1 - base) + sumAll((x) => x * (N - x) * (x - 1) * ((N - 3) * d3 + (x - 2) * d5)),
    0,
    ge[4] * (1 - base),
    ge[5] * (1 - base) + N * (N - 1) * (N - 2) * ((4 * N - 10) * d3 - 4 * (N - 3) * d4 + (N - 3) * d5),
  ];
  gv[3] = gv[2];
  for (let i = 0; i < sizes.length; i++)
    for (let j = 0; j < sizes.length; j++)
      for (let k = 0; k < sizes.length; k++) {
        if (i === j || j === k || i === k) continue;
        const [ni, nj, nk] = [sizes[i], sizes[j], sizes[k]];
        gv[4] +=
          ni *
          nj *
          nk *
          ((4 * (N - nj) - 2 * (ni + nk + 1)) * d3 -
            (4 * (N - nk) - 2 * (ni + nj + 1)) * d4 +
            (N - (ni + nk + 1)) * d5);
      }
  const globalRaw = rolesFrom(
    [0, 1, 2, 3, 4, 5].map((r) => raw.reduce((acc, x) => acc + x[BROKERAGE_ROLES[r]], 0)),
  );
  const globalExpected = rolesFrom(ge);
  const globalSd = rolesFrom(gv.map((x) => Math.sqrt(Math.max(0, x))));
  const groupSizes: Record<string, number> = {};
  for (const [label, g] of labelIndex) groupSizes[label] = sizes[g];
  return {
    raw,
    expected,
    standardDeviation,
    z,
    global: {
      raw: globalRaw,
      expected: globalExpected,
      standardDeviation: globalSd,
      z: zScores(globalRaw, globalExpected, globalSd),
    },
    density: d,
    groupSizes,
  };
}
