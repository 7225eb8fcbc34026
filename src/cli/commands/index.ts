import type { Command } from 'commander';
import { registerEstimateCommands } from './estimate.ts';
import { registerLinkCommands } from './link.ts';
import { registerMoneyCommands } from './money.ts';
import { registerNetworkCommands } from './network.ts';
import { registerPlatformCommands } from './platform.ts';
import { registerSecurityCommands } from './security.ts';
import { registerSentinelCommands } from './sentinel.ts';
import { registerStartCommand } from './start.ts';
import { registerSurveillanceCommands } from './surveillance.ts';
import { registerSynthCommands } from './synth.ts';

/** Each command family registers its sub-commands on the root program. */
export type RegisterCommands = (program: Command) => void;

export const commandFamilies: RegisterCommands[] = [
  registerStartCommand,
  registerPlatformCommands,
  registerSecurityCommands,
  registerEstimateCommands,
  registerSurveillanceCommands,
  registerSentinelCommands,
  registerSynthCommands,
  registerNetworkCommands,
  registerMoneyCommands,
  registerLinkCommands,
];
