import type { Command } from 'commander';

/** Each command family registers its sub-commands on the root program. */
export type RegisterCommands = (program: Command) => void;

/**
 * A command family: the top-level commands it registers, and how to load it. Families are loaded
 * only when their command is run (or for the overall help), so that a command does not pay for
 * loading the server, the synthetic world and every analytics family at start-up.
 */
export interface CommandFamily {
  commands: readonly string[];
  load(): Promise<RegisterCommands>;
}

export const commandFamilies: readonly CommandFamily[] = [
  { commands: ['start'], load: async () => (await import('./start.ts')).registerStartCommand },
  {
    commands: ['import', 'status', 'export'],
    load: async () => (await import('./platform.ts')).registerPlatformCommands,
  },
  {
    commands: ['serve', 'org', 'user', 'keys', 'audit', 'sharing'],
    load: async () => (await import('./security.ts')).registerSecurityCommands,
  },
  { commands: ['estimate'], load: async () => (await import('./estimate.ts')).registerEstimateCommands },
  {
    commands: ['surveillance'],
    load: async () => (await import('./surveillance.ts')).registerSurveillanceCommands,
  },
  { commands: ['sentinel'], load: async () => (await import('./sentinel.ts')).registerSentinelCommands },
  { commands: ['synth'], load: async () => (await import('./synth.ts')).registerSynthCommands },
  { commands: ['network'], load: async () => (await import('./network.ts')).registerNetworkCommands },
  { commands: ['money'], load: async () => (await import('./money.ts')).registerMoneyCommands },
  { commands: ['link'], load: async () => (await import('./link.ts')).registerLinkCommands },
];

/**
 * The families a command line needs: the one that owns its command, or every family when there is
 * no command (overall help, version) or an unknown one (so that the error can suggest the right name).
 */
export function familiesFor(argv: readonly string[]): readonly CommandFamily[] {
  const command = argv.slice(2).find((argument) => !argument.startsWith('-'));
  const owner = commandFamilies.find((family) => command !== undefined && family.commands.includes(command));
  return owner ? [owner] : commandFamilies;
}
