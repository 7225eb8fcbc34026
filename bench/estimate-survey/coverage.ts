/**
 * Coverage of the survey intervals against the truth: repeated samples drawn (seeded) from the api
 * population (apipop, 6,194 schools) with the three designs of the R api samples: stratified SRS
 * (100 E, 50 H, 50 M, as apistrat), one-stage cluster (15 of 757 districts, as apiclus1) and two-stage
 * (40 districts, then up to 5 schools in each, as apiclus2). For each sample: the mean of api00
 * (Wald t(degf)) and the share of sch.wide == "Yes" (Wald, logit, beta), and whether the 95%
 * interval covers the population value. Run: npx tsx bench/estimate-survey/coverage.ts [replicates] [seed]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createRandom, type Random } from '../../src/analytics/common/random.ts';
import {
  createSurveyDesign,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyTotal,
  type SurveyDesign,
} from '../../src/analytics/estimate/survey/index.ts';

const dataRoot = process.env.SIREN_REFERENCE_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
const population = parse(readFileSync(resolve(dataRoot, 'survey/apipop.csv'), 'utf8'), {
  columns: true,
}) as Record<string, string>[];
const replicates = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 2026);
const random = createRandom(seed);

const truthMean = population.reduce((sum, row) => sum + Number(row.api00), 0) / population.length;
const truthShare = population.filter((row) => row['sch.wide'] === 'Yes').length / population.length;

function sampleWithoutReplacement<T>(items: readonly T[], count: number, generator: Random): T[] {
  const copy = [...items];
  for (let i = 0; i < count; i++) {
    const j = i + generator.integer(copy.length - i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

const byType = new Map<string, Record<string, string>[]>();
const byDistrict = new Map<string, Record<string, string>[]>();
for (const row of population) {
  byType.set(row.stype, [...(byType.get(row.stype) ?? []), row]);
  byDistrict.set(row.dnum, [...(byDistrict.get(row.dnum) ?? []), row]);
}
const districts = [...byDistrict.keys()];

interface Drawn {
  rows: Record<string, string>[];
  design: SurveyDesign;
}

const designs: Record<string, () => Drawn> = {
  'stratified (100 E, 50 H, 50 M)': () => {
    const sizes: Record<string, number> = { E: 100, H: 50, M: 50 };
    const rows = [...byType.entries()].flatMap(([type, members]) =>
      sampleWithoutReplacement(members, sizes[type], random),
    );
    const counts = Object.fromEntries([...byType.entries()].map(([type, members]) => [type, members.length]));
    return {
      rows,
      design: createSurveyDesign({
        strata: rows.map((row) => row.stype),
        finitePopulation: [rows.map((row) => counts[row.stype])],
      }),
    };
  },
  'one-stage cluster (15 districts)': () => {
    const chosen = sampleWithoutReplacement(districts, 15, random);
    const rows = chosen.flatMap((district) => byDistrict.get(district) ?? []);
    return {
      rows,
      design: createSurveyDesign({
        clusters: [rows.map((row) => row.dnum)],
        finitePopulation: [rows.map(() => districts.length)],
      }),
    };
  },
  'two-stage (40 districts, <= 5 schools)': () => {
    const chosen = sampleWithoutReplacement(districts, 40, random);
    const rows: Record<string, string>[] = [];
    const schoolsInDistrict: number[] = [];
    for (const district of chosen) {
      const members = byDistrict.get(district) ?? [];
      for (const row of sampleWithoutReplacement(members, Math.min(5, members.length), random)) {
        rows.push(row);
        schoolsInDistrict.push(members.length);
      }
    }
    return {
      rows,
      design: createSurveyDesign({
        clusters: [rows.map((row) => row.dnum), rows.map((row) => row.snum)],
        finitePopulation: [rows.map(() => districts.length), schoolsInDistrict],
      }),
    };
  },
};

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; node ${process.version}`);
console.log(`command: npx tsx bench/estimate-survey/coverage.ts ${replicates} ${seed}`);
console.log(`truth: mean api00 ${truthMean.toFixed(3)}, share sch.wide=="Yes" ${truthShare.toFixed(4)}`);
console.log(
  'design                                   mean t   share wald  share logit  share beta   (95% nominal)',
);
const start = performance.now();
for (const [name, draw] of Object.entries(designs)) {
  const covered = { mean: 0, wald: 0, logit: 0, beta: 0 };
  const totals: number[] = [];
  const totalVariances: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const { rows, design } = draw();
    const mean = estimateSurveyMean(
      design,
      rows.map((row) => Number(row.api00)),
    );
    if (mean.ci.lower <= truthMean && truthMean <= mean.ci.upper) covered.mean++;
    const total = estimateSurveyTotal(
      design,
      rows.map((row) => Number(row.api00)),
    );
    totals.push(total.estimate);
    totalVariances.push(total.variance);
    const indicator = rows.map((row) => row['sch.wide'] === 'Yes');
    for (const method of ['wald', 'logit', 'beta'] as const) {
      const share = estimateSurveyProportion(design, indicator, { intervalMethod: method });
      if (share.ci.lower <= truthShare && truthShare <= share.ci.upper) covered[method]++;
    }
  }
  const cell = (count: number) => `${((100 * count) / replicates).toFixed(1)}%`.padEnd(12);
  const average = totals.reduce((sum, value) => sum + value, 0) / replicates;
  const spread = Math.sqrt(totals.reduce((sum, value) => sum + (value - average) ** 2, 0) / (replicates - 1));
  const rootMeanVariance = Math.sqrt(totalVariances.reduce((sum, value) => sum + value, 0) / replicates);
  console.log(
    `${name.padEnd(40)} ${cell(covered.mean)} ${cell(covered.wald)} ${cell(covered.logit)} ${cell(covered.beta)} total api00: √mean(var̂) ${rootMeanVariance.toExponential(3)} vs SD ${spread.toExponential(3)}`,
  );
}
const binomialError = 100 * Math.sqrt((0.95 * 0.05) / replicates);
console.log(
  `${replicates} samples per design; Monte-Carlo standard error of a coverage near 95%: ${binomialError.toFixed(1)} points; ${((performance.now() - start) / 1000).toFixed(1)} s`,
);
