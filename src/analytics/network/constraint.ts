/**
 * Burt's constraint (structural holes): how much a node's contacts are tied to one another, so that
 * it has little room to broker. Burt (1992), *Structural Holes: The Social Structure of Competition*,
 * Harvard University Press, ch. 2; Burt (2004), "Structural holes and good ideas", American Journal of
 * Sociology 110(2):349-399, doi:10.1086/421787.
 *   p_ij = (a_ij + a_ji) / sum over k of (a_ik + a_ki)       (proportional tie strength)
 *   c_i  = sum over contacts j of (p_ij + sum over q != i, j of p_iq p_qj)^2
 * Conventions: weights are tie strengths (unit when `weighted` is false); directed arcs in both
 * directions add up; the sum runs over i's contacts j (igraph `constraint`, networkx `constraint`).
 * An isolated node gets 0 (networkx gives NaN). Lower constraint = more brokerage opportunity.
 * Complexity O(sum over i of d_i^2).
 */
import type { Graph } from './graph.ts';
import { toUndirected } from './graph.ts';

export interface ConstraintOptions {
  weighted?: boolean;
}

export function burtConstraint(input: Graph, options: ConstraintOptions = {}): Float64Array {
  const weighted = options.weighted ?? true;
  const graph = toUndirected(input);
  const n = graph.nodeCount;
  const { offsets, targets, weights } = graph;
  const total = new Float64Array(n);
  for (let v = 0; v < n; v++)
    for (let p = offsets[v]; p < offsets[v + 1]; p++) total[v] += weighted ? weights[p] : 1;
  const share = new Float64Array(n);
  const result = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let p = offsets[i]; p < offsets[i + 1]; p++)
      share[targets[p]] = (weighted ? weights[p] : 1) / total[i];
    let c = 0;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) {
      const j = targets[p];
      let indirect = 0;
      for (let q = offsets[j]; q < offsets[j + 1]; q++) {
        const k = targets[q];
        if (k === i) continue;
        // p_iq is share[k] when k is a contact of i (0 otherwise); p_qj = w_kj / total[k].
        if (share[k] > 0) indirect += share[k] * ((weighted ? weights[q] : 1) / total[k]);
      }
      c += (share[j] + indirect) ** 2;
    }
    result[i] = c;
    for (let p = offsets[i]; p < offsets[i + 1]; p++) share[targets[p]] = 0;
  }
  return result;
}
