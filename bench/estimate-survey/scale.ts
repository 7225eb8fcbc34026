/**
 * Speed of the design-based survey estimators on the api population (apipop, 6,194 schools)
 * replicated to 1,000,000 rows, under three designs: stratified (strata = school type), one-stage
 * cluster (districts within school type, each copy its own districts) and two-stage (districts,
 * then schools, with finite population corrections at both stages so both stages enter the
 * variance). Run: npx tsx bench/estimate-survey/scale.ts [rows]
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  createSurveyDesign,
  estimateSurveyMean,
  estimateSurveyProportion,
  estimateSurveyRatio,
  estimateSurveyTotal,
  type SurveyDesign,
} from '../../src/analytics/estimate/survey/index.ts';

const dataRoot = process.env.SIREN_REFERENCE_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
const population = parse(readFileSync(resolve(dataRoot, 'survey/apipop.csv'), 'utf8'), {
  columns: true,
}) as Record<string, string>[];
const rowCount = Number(process.argv[2] ?? 1_000_000);

const stype: string[] = [];
const district: string[] = [];
const school: string[] = [];
const api00: number[] = [];
const enroll: (number | null)[] = [];
const apiStudents: (number | null)[] = [];
const schoolWide: boolean[] = [];
for (let i = 0; i < rowCount; i++) {
  const row = population[i % population.length];
  const copy = Math.floor(i / population.length);
  stype.push(row.stype);
  district.push(`${copy}-${row.dnum}`);
  school.push(row.snum);
  api00.push(Number(row.api00));
  enroll.push(row.enroll === '' ? null : Number(row.enroll));
  apiStudents.push(row['api.stu'] === '' ? null : Number(row['api.stu']));
  schoolWide.push(row['sch.wide'] === 'Yes');
}
// Two-stage population sizes: twice the sampled units at each stage (a 50% sample at each stage);
// a district with a single school of its type took it with certainty (population 1).
const districtsPerStratum = new Map<string, Set<string>>();
const schoolsPerDistrict = new Map<string, number>();
for (let i = 0; i < rowCount; i++) {
  const key = `${stype[i]}|${district[i]}`;
  if (!districtsPerStratum.has(stype[i])) districtsPerStratum.set(stype[i], new Set());
  districtsPerStratum.get(stype[i])?.add(district[i]);
  schoolsPerDistrict.set(key, (schoolsPerDistrict.get(key) ?? 0) + 1);
}
const fpc1 = stype.map((type) => 2 * (districtsPerStratum.get(type)?.size ?? 1));
const fpc2 = stype.map((type, i) => {
  const schools = schoolsPerDistrict.get(`${type}|${district[i]}`) ?? 1;
  return schools === 1 ? 1 : 2 * schools;
});

/** Wall time and this process's CPU time (user + system), since the machine is shared. */
function time<T>(run: () => T): { value: T; milliseconds: number; cpuMilliseconds: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(cpu);
  return {
    value,
    milliseconds: performance.now() - start,
    cpuMilliseconds: (used.user + used.system) / 1000,
  };
}

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; node ${process.version}`);
console.log(`command: npx tsx bench/estimate-survey/scale.ts ${rowCount}`);
console.log(`rows: ${rowCount.toLocaleString('en')} (apipop × ${(rowCount / population.length).toFixed(1)})`);
const designs: [string, () => SurveyDesign][] = [
  ['stratified', () => createSurveyDesign({ strata: stype, weights: stype.map(() => 1) })],
  [
    'one-stage cluster',
    () => createSurveyDesign({ strata: stype, clusters: [district], weights: stype.map(() => 1) }),
  ],
  [
    'two-stage, fpc both stages',
    () => createSurveyDesign({ strata: stype, clusters: [district, school], finitePopulation: [fpc1, fpc2] }),
  ],
];
console.log(
  'milliseconds, wall (cpu); load average',
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' '),
);
console.log(
  'design                      build         mean          total(NA)     ratio         prop(beta)    prop by stype',
);
for (const [name, build] of designs) {
  const design = time(build);
  const mean = time(() => estimateSurveyMean(design.value, api00));
  const total = time(() => estimateSurveyTotal(design.value, enroll));
  const ratio = time(() => estimateSurveyRatio(design.value, apiStudents, enroll));
  const share = time(() => estimateSurveyProportion(design.value, schoolWide, { intervalMethod: 'beta' }));
  const byDomain = time(() =>
    estimateSurveyProportion(design.value, schoolWide, { intervalMethod: 'beta', domains: stype }),
  );
  const cells = [design, mean, total, ratio, share, byDomain].map((entry) =>
    `${entry.milliseconds.toFixed(0)} (${entry.cpuMilliseconds.toFixed(0)})`.padEnd(12),
  );
  console.log(
    `${name.padEnd(26)} ${cells.join('  ')}   se=${mean.value.standardError.toPrecision(4)}, stages=${design.value.stages.length}`,
  );
}
