import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { commandFamilies, familiesFor } from '../../src/cli/commands/index.ts';

describe('command families', () => {
  it('declare exactly the top-level commands they register', async () => {
    for (const family of commandFamilies) {
      const program = new Command('siren');
      (await family.load())(program);
      expect(program.commands.map((command) => command.name()).sort()).toEqual([...family.commands].sort());
    }
  });

  it('load only the family of the command run, and every family for help or an unknown command', () => {
    const families = (...argv: string[]) =>
      familiesFor(['node', 'siren', ...argv]).map((family) => family.commands[0]);
    expect(families('--quiet', 'status', '--json')).toEqual(['import']);
    expect(families('network', 'metrics', 'edges.csv')).toEqual(['network']);
    expect(families('--help')).toHaveLength(commandFamilies.length);
    expect(families('stauts')).toHaveLength(commandFamilies.length);
  });
});
