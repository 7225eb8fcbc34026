/**
 * Time of the aberration detectors on the salmNewport national series (528 weeks, dated) and on a
 * 20-year synthetic weekly series (median of 5 runs after a warm-up).
 * Run: npx tsx bench/surveillance/aberration.ts
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { createRandom } from '../../src/analytics/common/random.ts';
import {
  detectAberrationsEarsC,
  detectAberrationsFarringtonFlexible,
} from '../../src/analytics/surveillance/index.ts';

const dataRoot = process.env.SIREN_REFERENCE_DATA ?? resolve(import.meta.dirname, '../../../shared/data');
const lines = readFileSync(resolve(dataRoot, 'surveillance/salmNewport_national.csv'), 'utf8')
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((line) => line.split(','));
const newport = {
  dates: lines.map((cells) => cells[1].replaceAll('"', '')),
  counts: lines.map((cells) => Number(cells[4])),
};
const random = createRandom(2026);
const synthetic = {
  counts: Array.from({ length: 52 * 20 }, (_, week) =>
    random.poisson(40 * (1 + 0.4 * Math.sin((2 * Math.PI * week) / 52))),
  ),
};

/** Median of 5 timed runs after one warm-up run (the first run pays for compilation). */
function time(label: string, run: () => { periods: unknown[]; alarmT: number[] }): void {
  let result = run();
  const times: number[] = [];
  for (let repeat = 0; repeat < 5; repeat++) {
    const start = performance.now();
    result = run();
    times.push(performance.now() - start);
  }
  const milliseconds = times.sort((a, b) => a - b)[2];
  console.log(
    `${label.padEnd(48)} ${String(result.periods.length).padStart(5)} weeks  ${milliseconds.toFixed(0).padStart(6)} ms  ${(milliseconds / result.periods.length).toFixed(2)} ms/week  ${result.alarmT.length} alarms`,
  );
}

console.log(`machine: ${os.cpus()[0].model}, ${os.cpus().length} cores; node ${process.version}`);
console.log('command: npx tsx bench/surveillance/aberration.ts');
time('EARS C3, salmNewport', () => detectAberrationsEarsC(newport, { method: 'C3' }));
time('Farrington (R defaults, b=5), salmNewport', () => detectAberrationsFarringtonFlexible(newport));
time('Farrington Noufaily preset (b=5), salmNewport', () =>
  detectAberrationsFarringtonFlexible(newport, { preset: 'noufaily2013' }),
);
time('Farrington Noufaily muan (b=5), synthetic 20 y', () =>
  detectAberrationsFarringtonFlexible(synthetic, { preset: 'noufaily2013', thresholdMethod: 'muan' }),
);
