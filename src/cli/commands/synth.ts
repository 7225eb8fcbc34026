import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../domain/errors.ts';
import { describeScenarios, SCENARIO_NAMES, WORLD_DEFAULTS, writeWorld } from '../../synth/index.ts';
import { printJson, printTable } from '../output.ts';

function integerOption(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < minimum)
    throw new UserError(`--${name} must be an integer of at least ${minimum}, got "${text}"`);
  return value;
}

/** `siren synth`: writes a seeded synthetic Greater Mekong world with its truth. */
export function registerSynthCommands(program: Command): void {
  program
    .command('synth')
    .description(
      'write a seeded synthetic Greater Mekong world (agency files, mapping files, truth, manifest)',
    )
    .requiredOption('--seed <n>', 'random seed (same seed and options, same bytes)')
    .option('--people <n>', 'number of migrants in the true population', String(WORLD_DEFAULTS.people))
    .requiredOption('--out <dir>', 'output folder')
    .option('--scenario <name>', `one of: ${SCENARIO_NAMES.join(', ')}`, WORLD_DEFAULTS.scenario)
    .option('--weeks <w>', 'number of weeks of border events and returns', String(WORLD_DEFAULTS.weeks))
    .option('--json', 'print the manifest and the summary as JSON')
    .addHelpText(
      'after',
      `\nScenarios (which estimator assumption each keeps or breaks):\n${describeScenarios()}\n\n` +
        'Output: sources/<name>/ (each agency file in its own layout + mapping.json), series/, network/,\n' +
        'samples/, truth/ (true person behind every record, sizes, organisations) and manifest.json.',
    )
    .action(
      async (flags: {
        seed: string;
        people: string;
        out: string;
        scenario: string;
        weeks: string;
        json?: boolean;
      }) => {
        const seed = integerOption('seed', flags.seed, 0);
        const people = integerOption('people', flags.people, 1);
        const weeks = integerOption('weeks', flags.weeks, 8);
        if (!SCENARIO_NAMES.includes(flags.scenario))
          throw new UserError(
            `--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got "${flags.scenario}"`,
          );
        const started = performance.now();
        const { manifest, summary } = await writeWorld(
          { seed, people, scenario: flags.scenario, weeks },
          resolve(flags.out),
        );
        const seconds = (performance.now() - started) / 1000;
        if (flags.json) {
          printJson({ out: resolve(flags.out), seconds, manifest, summary });
          return;
        }
        process.stdout.write(
          `wrote a ${flags.scenario} world of ${people} migrants (${summary.victims} victims, ${summary.observedVictims} on a list) to ${flags.out} in ${seconds.toFixed(2)} s\n`,
        );
        printTable(
          Object.entries(summary.lists).map(([list, counts]) => ({
            list,
            persons: counts.persons,
            records: counts.records,
          })),
        );
      },
    );
}
