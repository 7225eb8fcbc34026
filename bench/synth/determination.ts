/**
 * Scores the sentinel interviews of a synthetic world against its truth with the two shipped
 * trafficking determination rule sets: how often each rule's decision equals the true victim status.
 *
 *   npx tsx bench/synth/determination.ts WORLD_DIR
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  determineTrafficking,
  ILO_2012_FORCED_LABOUR_RULES,
  PALERMO_PROTOCOL_RULES,
} from '../../src/analytics/surveillance/index.ts';

const world = process.argv[2] ?? '/tmp/siren-synth-bench-100000';
const truth = new Map(
  readFileSync(join(world, 'truth/interviews.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map((cells) => [cells[0], cells[3] === '1']),
);
const answers = readFileSync(join(world, 'samples/sentinel_answers.ndjson'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line));
for (const [name, rules] of [
  ['ILO 2012', ILO_2012_FORCED_LABOUR_RULES],
  ['Palermo', PALERMO_PROTOCOL_RULES],
] as const) {
  const counts = { truePositive: 0, falsePositive: 0, trueNegative: 0, falseNegative: 0, undetermined: 0 };
  for (const determination of determineTrafficking(answers, rules).determinations) {
    const victim = truth.get(determination.interviewId);
    if (determination.status === 'undetermined') counts.undetermined++;
    else if (determination.status === 'trafficked') counts[victim ? 'truePositive' : 'falsePositive']++;
    else counts[victim ? 'falseNegative' : 'trueNegative']++;
  }
  console.log(name, JSON.stringify({ interviews: answers.length, ...counts }));
}
