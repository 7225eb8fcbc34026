import { expect, it } from 'vitest';
import { createRandom } from '../../../../src/analytics/common/random.ts';
import {
  createSurveyDesign,
  estimateSurveyMean,
  estimateSurveyProportion,
} from '../../../../src/analytics/estimate/survey/index.ts';
import { describeWithReferenceData } from '../../../support/reference-data.ts';
import { readApi } from './api-data.ts';

// Truth, not a peer: samples drawn from the whole population (apipop) as apistrat was drawn
// (stratified SRS of 100 E, 50 H, 50 M schools); the 95% intervals must cover the population value
// at about their nominal rate. 400 seeded samples: Monte-Carlo standard error 1.1 points, so the
// accepted band [91%, 98.5%] is about ±3.5 standard errors; bench/estimate-survey/coverage.ts runs
// the cluster designs too.
describeWithReferenceData(
  'survey',
  'survey intervals cover the population truth (stratified SRS from apipop)',
  () => {
    it('covers mean api00 and the share sch.wide == "Yes" at about 95%', () => {
      const population = readApi('apipop.csv');
      const truthMean = population.reduce((sum, row) => sum + Number(row.api00), 0) / population.length;
      const truthShare = population.filter((row) => row['sch.wide'] === 'Yes').length / population.length;
      const strata = new Map<string, Record<string, string>[]>();
      for (const row of population) strata.set(row.stype, [...(strata.get(row.stype) ?? []), row]);
      const sizes: Record<string, number> = { E: 100, H: 50, M: 50 };
      const random = createRandom(11);
      const replicates = 400;
      const covered = { mean: 0, logit: 0, beta: 0 };
      for (let r = 0; r < replicates; r++) {
        const rows: Record<string, string>[] = [];
        const populationSize: number[] = [];
        for (const [type, members] of strata) {
          const pool = [...members];
          for (let i = 0; i < sizes[type]; i++) {
            const j = i + random.integer(pool.length - i);
            [pool[i], pool[j]] = [pool[j], pool[i]];
            rows.push(pool[i]);
            populationSize.push(members.length);
          }
        }
        const design = createSurveyDesign({
          strata: rows.map((row) => row.stype),
          finitePopulation: [populationSize],
        });
        const mean = estimateSurveyMean(
          design,
          rows.map((row) => Number(row.api00)),
        );
        if (mean.ci.lower <= truthMean && truthMean <= mean.ci.upper) covered.mean++;
        const indicator = rows.map((row) => row['sch.wide'] === 'Yes');
        for (const method of ['logit', 'beta'] as const) {
          const share = estimateSurveyProportion(design, indicator, { intervalMethod: method });
          if (share.ci.lower <= truthShare && truthShare <= share.ci.upper) covered[method]++;
        }
      }
      for (const count of Object.values(covered)) {
        expect(count / replicates).toBeGreaterThan(0.91);
        expect(count / replicates).toBeLessThan(0.985);
      }
    });
  },
);
