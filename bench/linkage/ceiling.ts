/**
 * How far the unsupervised linkage of the synthetic lists is from what its comparisons allow: the
 * same records, blocking and comparisons, once with the model the linkage estimates (EM, u from
 * random pairs, estimated prior) and once with the model the truth gives (m of every level counted
 * over the true pairs among the compared ones, the true prior). If the two score alike, the gap to
 * perfect linkage is in the records (what they hold, how they are blocked), not in the estimation.
 * Also reports blocking recall (the true pairs any rule puts together) and how many of the true pairs
 * no rule compares the model from the truth would link if they were compared.
 *
 * Run: npx tsx bench/linkage/synthetic.ts --records N --generate-only (prints the folder), then
 * npx tsx bench/linkage/ceiling.ts FOLDER [--compare a,b,c]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import {
  comparablePairs,
  countTruePairs,
  evaluateClusters,
  inferLinkageConfig,
  type LinkResult,
  type LinkType,
  planLinkage,
  runLinkage,
  scoreRecordPair,
  trainFromLabels,
} from '../../src/analytics/linkage/index.ts';

const folder = process.argv[2];
if (!folder) {
  console.log('usage: npx tsx bench/linkage/ceiling.ts FOLDER [--compare a,b,c]');
  process.exit(2);
}
const at = process.argv.indexOf('--compare');
const fields = (
  at > 0 ? process.argv[at + 1] : 'full_name,date_of_birth,age,phone,document_number,origin_village'
).split(',');
const LISTS = ['police', 'ngo_shelter', 'hotline', 'returns', 'labour_inspection', 'iom_cases'];

const rows: Record<string, string>[] = [];
const sources: number[] = [];
LISTS.forEach((list, source) => {
  for (const row of parse(readFileSync(join(folder, `${list}.csv`), 'utf8'), { columns: true }) as Record<
    string,
    string
  >[]) {
    rows.push(row);
    sources.push(source);
  }
});
const columns: Record<string, string[]> = {};
for (const field of [...fields, 'recorded_on']) columns[field] = rows.map((row) => row[field] ?? '');
const records = { columns, sources };
const truth = rows.map((row) => row.person_id);
const linkType: LinkType = 'linkAndDedupe';

const inferred = inferLinkageConfig(records, { fields, linkType });
const plan = planLinkage(
  records,
  { comparisons: inferred.comparisons, blocking: inferred.blocking, linkType },
  { prepared: inferred.prepared },
);
const report = (label: string, result: LinkResult) => {
  const scores = evaluateClusters(result.clustering.cluster, truth, { linkType, sources });
  const { precision, recall, f1 } = scores.pairwise;
  console.log(
    `${label}: prior ${result.model.priorMatchProbability.toExponential(3)}; clusters pairwise P ${precision.toFixed(4)} R ${recall.toFixed(4)} F1 ${f1.toFixed(4)}, B-cubed F1 ${scores.bCubed.f1.toFixed(4)}`,
  );
};

console.log(
  `${rows.length} records, comparing ${fields.join(', ')}; blocking ${inferred.blocking.join(' | ')}`,
);
const estimated = runLinkage(plan, {});
report('estimated model', estimated);
const labels = Array.from({ length: estimated.pairs.count }, (_, pair) => {
  const left = estimated.pairs.left[pair];
  const right = estimated.pairs.right[pair];
  return { left, right, match: truth[left] === truth[right] };
});
const truePairs = countTruePairs(truth, linkType, sources);
const blocked = labels.filter((label) => label.match).length;
console.log(
  `blocking recall: ${blocked} of ${truePairs} true pairs compared (${((100 * blocked) / truePairs).toFixed(1)} %)`,
);
const fromTruth = trainFromLabels(estimated.model, estimated.comparators, labels, { priorStrength: 0 });
const oracle = runLinkage(plan, {
  model: { ...fromTruth.model, priorMatchProbability: truePairs / comparablePairs(plan.prepared, linkType) },
});
report('model from the truth', oracle);

const compared = new Set(
  labels.filter((label) => label.match).map((label) => `${label.left}:${label.right}`),
);
const byPerson = new Map<string, number[]>();
truth.forEach((person, record) => {
  const group = byPerson.get(person);
  if (group) group.push(record);
  else byPerson.set(person, [record]);
});
let unblocked = 0;
let linkable = 0;
for (const group of byPerson.values())
  for (let a = 0; a < group.length; a++)
    for (let b = a + 1; b < group.length; b++) {
      if (compared.has(`${group[a]}:${group[b]}`) || compared.has(`${group[b]}:${group[a]}`)) continue;
      unblocked++;
      if (scoreRecordPair(oracle.model, oracle.comparators, group[a], group[b]) >= 0.5) linkable++;
    }
console.log(
  `true pairs no rule compares: ${unblocked}; of them the model from the truth would link ${linkable} (${((100 * linkable) / Math.max(1, unblocked)).toFixed(1)} %)`,
);
