/**
 * Linkage quality and speed on the benchmark sets with ground truth (../shared/data/linkage):
 * FEBRL4 (5,000 vs 5,000) with and without soc_sec_id, FEBRL3 deduplication, historical_50k and
 * fake_1000, each run through the real command (`node bin/siren.js link ... --json`), beside the
 * exact-match baselines computed here. Prints the machine, each command and its figures.
 *
 * Run: npx tsx bench/linkage/run.ts [scenario ...]   (scenarios: febrl4, febrl4-ssn, febrl3,
 * febrl3-ssn, historical, fake1000; default all)
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluatePairs } from '../../src/analytics/linkage/index.ts';
import { readTableFile } from '../../src/ingest/read-table.ts';

const root = resolve(import.meta.dirname, '../..');
const data = process.env.SIREN_REFERENCE_DATA ?? resolve(root, '../shared/data');
const linkage = (file: string) => join(data, 'linkage', file);
const FEBRL_FIELDS =
  'given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth';
const FEBRL_TRUTH = ['--truth', 'rec_id', '--truth-pattern', '^rec-(\\d+)-'];

const scenarios: Record<
  string,
  {
    files: string[];
    args: string[];
    baseline?: { fields: string[]; truth: (row: Record<string, string>) => string };
  }
> = {
  febrl4: {
    files: [linkage('febrl4a.csv'), linkage('febrl4b.csv')],
    args: ['--fields', FEBRL_FIELDS, ...FEBRL_TRUTH],
    baseline: {
      fields: ['given_name', 'surname', 'date_of_birth'],
      truth: (row) => /^rec-(\d+)-/.exec(row.rec_id)![1],
    },
  },
  'febrl4-ssn': {
    files: [linkage('febrl4a.csv'), linkage('febrl4b.csv')],
    args: ['--fields', `${FEBRL_FIELDS},soc_sec_id`, ...FEBRL_TRUTH],
  },
  febrl3: { files: [linkage('febrl3.csv')], args: ['--fields', FEBRL_FIELDS, ...FEBRL_TRUTH] },
  'febrl3-ssn': {
    files: [linkage('febrl3.csv')],
    args: ['--fields', `${FEBRL_FIELDS},soc_sec_id`, ...FEBRL_TRUTH],
  },
  historical: {
    files: [linkage('historical_50k.csv')],
    args: ['--truth', 'cluster'],
    baseline: { fields: ['first_name', 'surname', 'dob'], truth: (row) => row.cluster },
  },
  fake1000: { files: [linkage('fake_1000.csv')], args: ['--truth', 'cluster'] },
};

/** Exact-match baseline: a link when every listed field is present and equal (case-folded). */
async function exactBaseline(
  files: string[],
  fields: string[],
  truthOf: (row: Record<string, string>) => string,
) {
  const tables = await Promise.all(files.map((file) => readTableFile(file)));
  const rows = tables.flatMap((table) => table.rows);
  const sources = tables.flatMap((table, source) => table.rows.map(() => source));
  const groups = new Map<string, number[]>();
  rows.forEach((row, index) => {
    const values = fields.map((field) => (row[field] ?? '').trim().toLowerCase());
    if (values.some((value) => value === '')) return;
    const key = values.join('\u0000');
    const list = groups.get(key);
    if (list) list.push(index);
    else groups.set(key, [index]);
  });
  const left: number[] = [];
  const right: number[] = [];
  for (const members of groups.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) {
        left.push(members[a]);
        right.push(members[b]);
      }
  const linkType = tables.length > 1 ? 'link' : 'dedupe';
  return evaluatePairs({ left, right, count: left.length }, rows.map(truthOf), { linkType, sources });
}

const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(scenarios);
console.log(
  `machine: ${cpus()[0].model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`,
);
for (const name of chosen) {
  const scenario = scenarios[name];
  if (!scenario) throw new Error(`unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
  const args = ['bin/siren.js', 'link', ...scenario.files, ...scenario.args, '--json'];
  const started = performance.now();
  const run = spawnSync('node', ['--max-old-space-size=8192', ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    console.log(`${name}: failed (${run.status}) ${run.stderr}`);
    continue;
  }
  const report = JSON.parse(run.stdout);
  console.log(
    `\n## ${name}\ncommand: node ${args.map((arg) => (arg.includes('(') || arg.includes('^') ? `'${arg}'` : arg)).join(' ')}`,
  );
  console.log(
    `blocking: ${report.blocking.map((rule: { rule: string; comparisons: number }) => `${rule.rule}=${rule.comparisons}`).join(', ')}`,
  );
  console.log(
    `comparisons ${report.comparisons}, prior ${report.model.priorMatchProbability.toExponential(3)}, estimated matches ${Math.round(report.model.estimatedMatches)}`,
  );
  const p = report.pairwise;
  console.log(
    `pairwise (p >= ${report.threshold}): precision ${p.precision.toFixed(4)} recall ${p.recall.toFixed(4)} F1 ${p.f1.toFixed(4)} (TP ${p.truePositives}, FP ${p.falsePositives}, FN ${p.falseNegatives})`,
  );
  const c = report.cluster;
  console.log(
    `clusters: pairwise F1 ${c.f1.toFixed(4)} (P ${c.precision.toFixed(4)}, R ${c.recall.toFixed(4)}), B-cubed F1 ${c.bCubed.f1.toFixed(4)}, ${c.clusters} clusters for ${c.entities} entities`,
  );
  console.log(
    `seconds: ${report.seconds.toFixed(1)} in the command (CPU ${report.cpuSeconds.toFixed(1)} s, ${report.threads} thread(s)), ${wall.toFixed(1)} wall including start-up`,
  );
  console.log(
    `PR by threshold: ${report.precisionRecall.map((point: { threshold: number; precision: number; recall: number; f1: number }) => `${point.threshold}:${point.precision.toFixed(3)}/${point.recall.toFixed(3)}/${point.f1.toFixed(3)}`).join(' ')}`,
  );
  if (scenario.baseline) {
    const baseline = await exactBaseline(scenario.files, scenario.baseline.fields, scenario.baseline.truth);
    console.log(
      `baseline exact ${scenario.baseline.fields.join(' + ')}: precision ${baseline.precision.toFixed(4)} recall ${baseline.recall.toFixed(4)} F1 ${baseline.f1.toFixed(4)}`,
    );
  }
}
