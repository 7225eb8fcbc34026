/**
 * Indicator shares for surveillance tables: for each 0/1 indicator (trafficked, deceived, in debt,
 * …), its design-based share with an interval over the whole sample and by each of several domain
 * variables (site, round, sex, age group, destination), in one call. Each cell is
 * {@link estimateSurveyProportion} on the full design (domain scores zeroed, never a cut design).
 * The default interval is Korn–Graubard 'beta', which keeps its coverage for the small shares and
 * small domains surveillance meets (Korn & Graubard 1998, Survey Methodology 24(2):193–201; Dean &
 * Pagano 2015, "Evaluating confidence interval methods for binomial proportions in clustered
 * surveys", J. Survey Statistics and Methodology 3(4):484–503, doi:10.1093/jssam/smv024).
 * Complexity: O(indicators × (1 + Σ domains) × n × stages).
 */
import type { SurveyDesign, SurveyLabel } from './design.ts';
import type { SurveyEstimateResult } from './estimate-types.ts';
import { estimateSurveyProportion, type SurveyProportionOptions } from './proportion.ts';

export interface IndicatorSharesInput {
  /** Indicator name → one value per row (null = not asked / missing). */
  indicators: Readonly<Record<string, readonly (boolean | null)[]>>;
  /** Domain variable name → one label per row (null or '' = in no domain of that variable). */
  domainsBy?: Readonly<Record<string, readonly (SurveyLabel | null)[]>>;
}

export interface IndicatorShares {
  indicator: string;
  overall: SurveyEstimateResult;
  /** Domain variable name → the share by each of its domains. */
  by: Record<string, SurveyEstimateResult>;
}

export type IndicatorSharesOptions = Omit<SurveyProportionOptions, 'domains'>;

/** Shares of every indicator, overall and by every domain variable. */
export function estimateIndicatorShares(
  design: SurveyDesign,
  input: IndicatorSharesInput,
  options: IndicatorSharesOptions = {},
): IndicatorShares[] {
  const settings: IndicatorSharesOptions = { intervalMethod: 'beta', ...options };
  return Object.entries(input.indicators).map(([indicator, values]) => {
    const by: Record<string, SurveyEstimateResult> = {};
    for (const [variable, labels] of Object.entries(input.domainsBy ?? {}))
      by[variable] = estimateSurveyProportion(design, values, { ...settings, domains: labels });
    return { indicator, overall: estimateSurveyProportion(design, values, settings), by };
  });
}
