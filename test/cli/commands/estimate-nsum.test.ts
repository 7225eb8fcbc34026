import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

/** The command in this process (bin/siren.js itself is run by the spawned CLI tests). */
const siren = (...args: string[]) => runSirenInProcess(args);

describeWithReferenceData('nsum', 'siren estimate nsum', () => {
  it('prints the weighted Killworth estimate equal to networkreporting as JSON', async () => {
    const run = await siren(
      'estimate',
      'nsum',
      referencePath('nsum', 'example_survey.csv'),
      '--known',
      referencePath('nsum', 'example_knownpop.csv'),
      '--hidden',
      'clients',
      '--total',
      '10000000',
      '--top-code',
      '30',
      '--weights',
      'indweight',
      '--json',
    );
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    // Reference: ../shared/data/nsum/reference.json topcoded30.hidden_population_estimates.clients.weighted_indweight
    expect(result.hidden.clients.estimate).toBeCloseTo(35100.0379454774, 6);
    expect(result.hidden.clients.killworthSe).toBeCloseTo(1191.43537338963, 6);
    expect(result.internalConsistency.populations).toHaveLength(22);
  });
});

describe('siren estimate nsum with bad input', () => {
  it('exits 3 naming the row and column of a negative count', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'siren-nsum-'));
    writeFileSync(join(folder, 'known.csv'), 'known.popn,size\nteachers,5000\nnurses,2000\n');
    writeFileSync(join(folder, 'survey.csv'), 'teachers,nurses,victims\n2,1,0\n3,-2,1\n');
    const run = await siren(
      'estimate',
      'nsum',
      join(folder, 'survey.csv'),
      '--known',
      join(folder, 'known.csv'),
      '--hidden',
      'victims',
      '--total',
      '100000',
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('survey.csv, row 3, column nurses: "-2" is not a count >= 0');
  });
});
