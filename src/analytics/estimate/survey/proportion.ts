/**
 * Design-based proportion of rows for which an indicator holds (R `survey::svyciprop`, and `svyby`
 * for domains): the weighted mean of a 0/1 indicator with its linearised variance (see mean.ts),
 * and an interval by one of the methods of proportion-interval.ts: 'logit' (default, as R), 'beta'
 * (Korn–Graubard), 'wald', 'asin', 'likelihood' (Rao–Scott profile). Rows whose indicator is null are missing (a domain, R na.rm).
 *
 * Reference: Lumley (2010), *Complex Surveys*, §2.5, doi:10.1002/9780470580066; Korn & Graubard
 * (1998), Survey Methodology 24(2):193–201.
 * Complexity: O(n × stages) per estimate.
 */
import { requireInput } from '../../common/errors.ts';
import type { SurveyDesign } from './design.ts';
import type { SurveyEstimateOptions, SurveyEstimateResult } from './estimate-types.ts';
import { estimateWithDomains } from './estimate-with-domains.ts';
import { meanCore } from './mean.ts';
import {
  type ProportionIntervalMethod,
  proportionInterval,
  proportionIntervalNote,
} from './proportion-interval.ts';

const WHERE = 'estimate/survey/proportion';

export interface SurveyProportionOptions extends SurveyEstimateOptions {
  /** Interval method, default 'logit' (R svyciprop's default). */
  intervalMethod?: ProportionIntervalMethod;
}

/** Share of rows with `indicator` true (null = missing) under the design, overall and by domain. */
export function estimateSurveyProportion(
  design: SurveyDesign,
  indicator: readonly (boolean | null)[],
  options: SurveyProportionOptions = {},
): SurveyEstimateResult {
  requireInput(
    indicator.length === design.rowCount,
    WHERE,
    `indicator has ${indicator.length} values, the design ${design.rowCount} rows`,
  );
  const method = options.intervalMethod ?? 'logit';
  const present = new Uint8Array(design.rowCount);
  const values = new Float64Array(design.rowCount);
  for (let i = 0; i < indicator.length; i++) {
    const value = indicator[i];
    if (value === null || value === undefined) continue;
    present[i] = 1;
    values[i] = value ? 1 : 0;
  }
  return estimateWithDomains(design, present, options, {
    where: WHERE,
    core: (used) => meanCore(design, values, used),
    interval: (core, degreesOfFreedom, level) =>
      proportionInterval({
        proportion: core.estimate,
        variance: core.variance,
        rowsUsed: core.rowsUsed,
        degreesOfFreedom,
        level,
        method,
      }),
    notes: (core) => {
      const note = proportionIntervalNote(core.estimate, core.variance);
      return note === null ? [] : [note];
    },
  });
}
