/**
 * Coverage of the sentinel indicator's 95% interval for the share trafficked, over synthetic worlds:
 * for each seed, a world of PEOPLE persons over 52 weeks gives two Poipet rounds (systematic, then
 * time–location sampling); each round's interval is checked against the round's true share of
 * victims among its deportees. Two versions of the indicator: the interviewees' true victim status
 * (what the estimator and the weights deliver) and the ILO 2012 rule's determination (adding the
 * rule's classification error). Prints coverage with its Monte-Carlo standard error, mean bias and
 * mean interval width, by sampling plan, and the CPU time.
 *
 *   npx tsx bench/surveillance/indicator-coverage.ts [SEEDS=60] [PEOPLE=40000]
 */
import { estimateSentinelIndicators } from '../../src/analytics/surveillance/index.ts';
import { syntheticSentinelRounds } from '../../test/analytics/surveillance/indicators-synthetic.ts';

const seeds = Number(process.argv[2] ?? 60);
const people = Number(process.argv[3] ?? 40_000);
const started = Date.now();
const cpu = process.cpuUsage();
type Tally = { rounds: number; covered: number; bias: number; width: number; interviews: number };
const tallies = new Map<string, Tally>();
for (let seed = 1; seed <= seeds; seed++) {
  for (const round of syntheticSentinelRounds(seed, people, 52)) {
    for (const [version, input] of [
      ['true status', round.truthInput],
      ['ILO 2012 rule', round.input],
    ] as const) {
      const share = estimateSentinelIndicators(input, { by: [] }).indicators.find(
        (item) => item.indicator === 'trafficked',
      )!.overall;
      const truth = round.truth.trueShareTrafficked;
      for (const key of [`${version} · ${round.truth.plan}`, `${version} · all`]) {
        const tally = tallies.get(key) ?? { rounds: 0, covered: 0, bias: 0, width: 0, interviews: 0 };
        tally.rounds++;
        if (share.ci.lower <= truth && truth <= share.ci.upper) tally.covered++;
        tally.bias += share.estimate - truth;
        tally.width += share.ci.upper - share.ci.lower;
        tally.interviews += round.interviews.length;
        tallies.set(key, tally);
      }
    }
  }
}
console.log(`seeds ${seeds}, people ${people}, 52 weeks, Korn–Graubard 95% intervals`);
console.log('| indicator · plan | rounds | mean interviews | coverage (± MC se) | mean bias | mean width |');
console.log('|---|---|---|---|---|---|');
for (const [key, tally] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
  const coverage = tally.covered / tally.rounds;
  const se = Math.sqrt((coverage * (1 - coverage)) / tally.rounds);
  console.log(
    `| ${key} | ${tally.rounds} | ${(tally.interviews / tally.rounds).toFixed(0)} | ${(100 * coverage).toFixed(1)}% (± ${(100 * se).toFixed(1)}) | ${(100 * (tally.bias / tally.rounds)).toFixed(2)} pp | ${(100 * (tally.width / tally.rounds)).toFixed(1)} pp |`,
  );
}
const used = process.cpuUsage(cpu);
console.log(
  `wall ${((Date.now() - started) / 1000).toFixed(1)} s, CPU ${((used.user + used.system) / 1e6).toFixed(1)} s (machine shared with other helpers)`,
);
