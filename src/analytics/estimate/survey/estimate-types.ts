/**
 * Result and option types shared by the design-based estimators of this folder (mean, total, ratio,
 * proportion), and the t/normal interval they use. A result carries the estimate, its
 * Taylor-linearised standard error, a confidence interval with its method and degrees of freedom,
 * and the design effect; with `domains` it carries one such estimate per domain.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { requireInput } from '../../common/errors.ts';
import type { SurveyLabel } from './design.ts';

/** How an interval was built: Wald (estimate ± t·se) or, for proportions, logit, beta (Korn–Graubard), asin, likelihood. */
export type SurveyIntervalMethod = 'wald' | 'logit' | 'beta' | 'asin' | 'likelihood';

export interface SurveyConfidenceInterval {
  lower: number;
  upper: number;
  level: number;
  method: SurveyIntervalMethod;
}

/** One design-based estimate (for the whole sample or one domain). */
export interface SurveyEstimate {
  estimate: number;
  standardError: number;
  variance: number;
  ci: SurveyConfidenceInterval;
  /** Degrees of freedom of the t quantile (Infinity: normal). */
  degreesOfFreedom: number;
  /**
   * Design effect against simple random sampling without replacement of the same number of rows
   * (R `deff = TRUE`): design variance / (weighted population variance × (N̂ − n)/(N̂ n)); null when
   * undefined (one row, a constant variable, or N̂ ≤ n).
   */
  designEffect: number | null;
  /** Rows that entered the estimate (in the domain, with the variables present, weight > 0). */
  rowsUsed: number;
  /** Σ weights over those rows: the estimated population size of the domain. */
  weightSum: number;
}

export interface DomainEstimate extends SurveyEstimate {
  domain: string;
}

export interface SurveyEstimateResult extends SurveyEstimate {
  /** One estimate per domain, in sorted domain order (numeric when every label is a number), when `domains` was given. */
  domains?: DomainEstimate[];
  /** Rows left out because a variable was missing (R `na.rm = TRUE`: treated as a domain). */
  rowsMissing: number;
  warnings: string[];
}

/**
 * Degrees of freedom for intervals: 'design' = the whole design's first-stage units − strata (used
 * for domains too, as `confint(svyby(...), df = degf(design))`); 'domain' = first-stage units − strata
 * among the domain's rows (as R's `degf(subset(design, ...))`, what `svyby(..., svyciprop)` uses);
 * or a number (Infinity for the normal quantile).
 */
export type DegreesOfFreedomRule = 'design' | 'domain' | number;

export interface SurveyEstimateOptions {
  /** A domain label per row; estimates are then also given per domain. Null or '' leaves the row out of every domain. */
  domains?: readonly (SurveyLabel | null)[];
  /** Confidence level, default 0.95. */
  level?: number;
  /** Default 'design'. */
  degreesOfFreedom?: DegreesOfFreedomRule;
}

/** The two-sided quantile for a level: Student t with the degrees of freedom, normal when infinite. */
export function intervalQuantile(level: number, degreesOfFreedom: number, where: string): number {
  requireInput(level > 0 && level < 1, where, `level must be strictly between 0 and 1, got ${level}`);
  requireInput(
    degreesOfFreedom > 0,
    where,
    `the design has ${degreesOfFreedom} degrees of freedom (first-stage units − strata): no interval can be formed; give degreesOfFreedom explicitly`,
  );
  const probability = (1 + level) / 2;
  return Number.isFinite(degreesOfFreedom)
    ? tQuantile(probability, degreesOfFreedom)
    : normalQuantile(probability, 0, 1);
}

/** estimate ± quantile × standard error. */
export function waldInterval(
  estimate: number,
  standardError: number,
  level: number,
  degreesOfFreedom: number,
  where: string,
): SurveyConfidenceInterval {
  const half = intervalQuantile(level, degreesOfFreedom, where) * standardError;
  return { lower: estimate - half, upper: estimate + half, level, method: 'wald' };
}
