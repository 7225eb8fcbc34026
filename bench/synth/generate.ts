/**
 * Benchmark of the synthetic world: writes a whole world (every source, series, sample and truth
 * file) and prints the seconds, the peak resident memory and the machine.
 *
 *   npx tsx bench/synth/generate.ts [--people 1000000] [--scenario baseline] [--weeks 156] [--out DIR]
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { writeWorld } from '../../src/synth/index.ts';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

function folderBytes(path: string): number {
  let total = 0;
  for (const name of readdirSync(path)) {
    const child = join(path, name);
    const stat = statSync(child);
    total += stat.isDirectory() ? folderBytes(child) : stat.size;
  }
  return total;
}

const people = Number(flag('people', '1000000'));
const scenario = flag('scenario', 'baseline');
const weeks = Number(flag('weeks', '156'));
const out = flag('out', join(os.tmpdir(), `siren-synth-bench-${people}`));
rmSync(out, { recursive: true, force: true });
const started = performance.now();
const cpuStarted = process.cpuUsage();
const { summary } = await writeWorld({ seed: 1, people, scenario, weeks }, out);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
// On a shared machine wall time depends on the load; CPU time (user + system) is what the run costs.
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const records = Object.values(summary.lists).reduce((sum, list) => sum + list.records, 0);
console.log(
  `command: npx tsx bench/synth/generate.ts --people ${people} --scenario ${scenario} --weeks ${weeks}`,
);
console.log(
  `machine: ${os.cpus()[0].model}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
console.log(
  JSON.stringify({
    people,
    seconds: Math.round(seconds * 100) / 100,
    cpuSeconds: Math.round(cpuSeconds * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    outputMb: Math.round(folderBytes(out) / 1e6),
    victims: summary.victims,
    listRecords: records,
    transactions: summary.transactions,
    calls: summary.calls,
    posts: summary.posts.posts,
  }),
);
