import { describe, expect, it } from 'vitest';
import { estimateHeadline } from '../../../src/server/services/estimates.ts';

/** Results shaped as each method's job stores them (src/jobs/estimates/*.ts), trimmed to what matters. */
describe('estimateHeadline', () => {
  it('takes an MSE population and its interval, open above when the profile interval is', () => {
    expect(
      estimateHeadline('mse', {
        estimate: 1520.4,
        ci: { lower: 1200, upper: null, level: 0.95 },
        observed: 900,
      }),
    ).toEqual({ label: 'population', estimate: 1520.4, lower: 1200, upper: null, level: 0.95 });
  });

  it('names a survey estimate by its statistic and variable', () => {
    expect(
      estimateHeadline('survey', {
        statistic: 'proportion',
        variable: 'trafficked',
        estimate: 0.21,
        ci: { lower: 0.17, upper: 0.25, level: 0.9, method: 'logit' },
      }),
    ).toEqual({ label: 'proportion of trafficked', estimate: 0.21, lower: 0.17, upper: 0.25, level: 0.9 });
  });

  it("takes an RDS run's first outcome level with the run's interval level", () => {
    expect(
      estimateHeadline('rds', {
        outcome: 'hiv',
        levels: {
          yes: { estimate: 0.3, lower: 0.2, upper: 0.4 },
          no: { estimate: 0.7, lower: 0.6, upper: 0.8 },
        },
        interval: { method: 'salganik-bootstrap', level: 0.95, replicates: 500 },
      }),
    ).toEqual({ label: 'hiv = yes', estimate: 0.3, lower: 0.2, upper: 0.4, level: 0.95 });
  });

  it('takes the first NSUM hidden population, whose interval level is not stored', () => {
    expect(
      estimateHeadline('nsum', { hidden: { sex_workers: { estimate: 4100, lower: 3000, upper: 5200 } } }),
    ).toEqual({ label: 'sex_workers', estimate: 4100, lower: 3000, upper: 5200, level: null });
  });

  it('has no headline for results without an estimate', () => {
    expect(estimateHeadline('mse', { warnings: [] })).toBeUndefined();
    expect(estimateHeadline('rds', { levels: {} })).toBeUndefined();
    expect(estimateHeadline('other', { estimate: 1 })).toBeUndefined();
  });
});
