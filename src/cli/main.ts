import { Command, CommanderError } from 'commander';
import { commandFamilies, familiesFor } from './commands/index.ts';
import { describeFailure, EXIT } from './exit-codes.ts';

const EXIT_CODE_HELP = `
Exit codes:
  0  success
  1  internal error (a bug: please report it with SIREN_DEBUG=1 output)
  2  usage error (unknown command or flag, missing argument)
  3  invalid input (the message names file, row and column)
  4  conflict (e.g. the same file was already imported; use --force)
  5  not found (file, source, record)
  6  not allowed for this user or role`;

/** Builds the `siren` program with the given command families (by default every one) registered. */
export async function buildProgram(families = commandFamilies): Promise<Command> {
  const program = new Command('siren')
    .description(
      'SIREN: trafficking information, estimates and crime analytics for the Greater Mekong Sub-region',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .addHelpText('after', EXIT_CODE_HELP);
  for (const register of await Promise.all(families.map((family) => family.load()))) register(program);
  return program;
}

/** Runs the CLI; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(familiesFor(argv));
  const overrideExit = (command: Command): void => {
    command.exitOverride();
    for (const child of command.commands) overrideExit(child);
  };
  overrideExit(program);
  try {
    await program.parseAsync([...argv]);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    const failure = describeFailure(error);
    process.stderr.write(`siren: ${failure.message}\n`);
    return failure.code;
  }
}
