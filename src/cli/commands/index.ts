import type { Command } from 'commander';

/** Each command family registers its sub-commands on the root program. */
export type RegisterCommands = (program: Command) => void;

export const commandFamilies: RegisterCommands[] = [];
