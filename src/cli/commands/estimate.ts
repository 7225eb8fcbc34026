import type { Command } from 'commander';
import { registerEstimateMse } from './estimate-mse.ts';
import { registerEstimateNsum } from './estimate-nsum.ts';
import { registerEstimateRds } from './estimate-rds.ts';
import { registerEstimateRuns } from './estimate-runs.ts';
import { registerEstimateSurvey } from './estimate-survey.ts';

/** Each estimator family adds its sub-command to `siren estimate`. */
const estimateFamilies: ((estimate: Command) => void)[] = [
  registerEstimateMse,
  registerEstimateRds,
  registerEstimateNsum,
  registerEstimateSurvey,
  registerEstimateRuns,
];

export function registerEstimateCommands(program: Command): void {
  const estimate = program
    .command('estimate')
    .description(
      'population and prevalence estimates: mse, rds, nsum, survey; stored runs: runs, show, reproduce',
    );
  for (const register of estimateFamilies) register(estimate);
}
