import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSirenInProcess } from '../support/cli.ts';

const folder = mkdtempSync(join(tmpdir(), 'siren-sentinel-reports-'));
const environment = { SIREN_DATA: join(folder, 'data'), SIREN_DEMO: 'off' };

describe('siren sentinel indicators and datasheet', () => {
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('documents both commands', { timeout: 60_000 }, async () => {
    const indicators = await runSirenInProcess(['sentinel', 'indicators', '--help'], environment);
    expect(indicators.code).toBe(0);
    expect(indicators.stdout).toContain('--round <round>');
    expect(indicators.stdout).toContain('--by <list>');
    const datasheet = await runSirenInProcess(['sentinel', 'datasheet', '--help'], environment);
    expect(datasheet.stdout).toContain('--out <file>');
  });

  it('refuses an unknown breakdown and a file that is neither HTML nor PDF before opening the store', async () => {
    const by = await runSirenInProcess(
      ['sentinel', 'indicators', '--round', 'R1', '--by', 'colour'],
      environment,
    );
    expect(by.code).toBe(3);
    expect(by.stderr).toContain('unknown breakdown "colour"');
    const out = await runSirenInProcess(
      ['sentinel', 'datasheet', '--round', 'R1', '--out', 'sheet.docx'],
      environment,
    );
    expect(out.code).toBe(3);
    expect(out.stderr).toContain('--out must end in .html or .pdf');
  }, 60_000);
});
