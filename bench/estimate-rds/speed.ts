/**
 * Speed of the RDS and NSUM estimators on the reference data (../shared/data/rds, ../shared/data/nsum).
 * Run: npx tsx bench/estimate-rds/speed.ts
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { estimateNsum, type NsumRespondent } from '../../src/analytics/estimate/nsum/index.ts';
import {
  diagnoseRds,
  type EstimateRdsOptions,
  estimatePopulationSize,
  estimateRds,
  prepareRdsSample,
  type RdsRespondent,
} from '../../src/analytics/estimate/rds/index.ts';

const data = process.env.SIREN_REFERENCE_DATA ?? join(import.meta.dirname, '../../../shared/data');

function readRds(file: string, outcome: string): RdsRespondent[] {
  const rows: Record<string, string>[] = parse(readFileSync(join(data, 'rds', file)), { columns: true });
  return rows.map((row) => ({
    id: row.id,
    recruiterId: row['recruiter.id'] === 'seed' ? null : row['recruiter.id'],
    degree: row['network.size'] === '' ? null : Number(row['network.size']),
    outcome: row[outcome],
  }));
}

function time<T>(label: string, run: () => T, repeat = 3): T {
  let result = run();
  const started = performance.now();
  for (let i = 0; i < repeat; i++) result = run();
  const milliseconds = (performance.now() - started) / repeat;
  console.log(`${label.padEnd(62)} ${milliseconds.toFixed(1).padStart(9)} ms`);
  return result;
}

console.log(`machine: ${cpus()[0].model}, ${cpus().length} cores; node ${process.version}`);
console.log('command: npx tsx bench/estimate-rds/speed.ts\n');
const madrona = readRds('fauxmadrona.csv', 'disease');
const cases: [string, EstimateRdsOptions][] = [
  ['RDS-I, EL interval (n = 500)', { estimator: 'rds1', populationSize: 1000 }],
  ['RDS-II, EL interval', { estimator: 'rds2', populationSize: 1000 }],
  ["Gile's SS (500 x 5 successive samples), EL interval", { estimator: 'ss', populationSize: 1000 }],
  [
    'RDS-I, Salganik bootstrap, 1000 replicates',
    { estimator: 'rds1', populationSize: 1000, interval: 'salganik-bootstrap' },
  ],
  ['RDS-II, tree bootstrap, 1000 replicates', { estimator: 'rds2', interval: 'tree-bootstrap' }],
  [
    "Gile's SS, SS bootstrap, 1000 replicates",
    { estimator: 'ss', populationSize: 1000, interval: 'successive-sampling-bootstrap' },
  ],
];
for (const [label, options] of cases) time(`fauxmadrona ${label}`, () => estimateRds(madrona, options), 1);
time('fauxmadrona diagnostics (trees, homophily, convergence, bottlenecks)', () =>
  diagnoseRds(prepareRdsSample(madrona), { estimator: 'rds2' }),
);
time(
  'fauxmadrona SS-PSE, 2000 warm-up + 1000 x 10 iterations',
  () => estimatePopulationSize(madrona, { medianPriorSize: 1000 }),
  1,
);

const surveyRows: Record<string, string>[] = parse(readFileSync(join(data, 'nsum', 'example_survey.csv')), {
  columns: true,
});
const knownRows: Record<string, string>[] = parse(readFileSync(join(data, 'nsum', 'example_knownpop.csv')), {
  columns: true,
});
const meta = new Set(['id', 'cluster', 'region', 'indweight', 'sex', 'age.cat']);
const respondents: NsumRespondent[] = surveyRows.map((row) => ({
  answers: Object.fromEntries(
    Object.entries(row)
      .filter(([column]) => !meta.has(column))
      .map(([column, value]) => [column, value === '' ? null : Number(value)]),
  ),
  weight: Number(row.indweight),
  cluster: row.cluster,
  stratum: row.region,
}));
const knownPopulations = knownRows.map((row) => ({ name: row['known.popn'], size: Number(row.size) }));
const hidden = ['sex.workers', 'msm', 'idu', 'clients'];
time('NSUM 2406 respondents, 4 hidden, 22-way internal consistency', () =>
  estimateNsum({ respondents, knownPopulations, totalPopulation: 1e7 }, { hidden, topCode: 30 }),
);
time(
  'NSUM weighted, rescaled bootstrap 1000 replicates (4 hidden)',
  () =>
    estimateNsum(
      { respondents, knownPopulations, totalPopulation: 1e7 },
      { hidden, topCode: 30, weighted: true, bootstrapReplicates: 1000, internalConsistency: false },
    ),
  1,
);
