import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSiren } from '../../support/cli.ts';
import { describeWithReferenceData, referencePath } from '../../support/reference-data.ts';

// End-to-end tests of `siren link` (kept beside the linkage tests, the folder this work owns).
// Each spawns the command; on a shared two-core machine under load one spawn can take a minute.
const SLOW = 240_000;
const siren = (...args: string[]) => runSiren(args);

describeWithReferenceData('linkage', 'siren link', () => {
  it(
    'deduplicates fake_1000 and reports precision, recall, F1, clusters, comparisons and seconds',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'siren-link-'));
      const out = join(folder, 'clusters.csv');
      const run = await siren(
        'link',
        referencePath('linkage', 'fake_1000.csv'),
        '--truth',
        'cluster',
        '--out',
        out,
        '--json',
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.linkType).toBe('dedupe');
      expect(report.pairwise.precision).toBeGreaterThan(0.95);
      expect(report.pairwise.f1).toBeGreaterThan(0.8);
      expect(report.cluster.bCubed.f1).toBeGreaterThan(0.9);
      expect(report.comparisons).toBeGreaterThan(1000);
      expect(report.blocking.length).toBeGreaterThan(0);
      expect(report.seconds).toBeGreaterThan(0);
      const explanation = report.explanations[0];
      const sum = explanation.steps.reduce(
        (total: number, step: { weight: number }) => total + step.weight,
        0,
      );
      expect(sum).toBeCloseTo(explanation.weight, 9);
      const lines = readFileSync(out, 'utf8').trim().split('\n');
      expect(lines[0]).toBe('file,row,entity,entity_size,entity_coherence');
      expect(lines).toHaveLength(1001);
    },
    SLOW,
  );

  it(
    'links two files with a YAML configuration',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'siren-link-'));
      const a = join(folder, 'a.csv');
      const b = join(folder, 'b.csv');
      const all = readFileSync(referencePath('linkage', 'fake_1000.csv'), 'utf8').trim().split('\n');
      writeFileSync(a, [all[0], ...all.slice(1, 501)].join('\n'));
      writeFileSync(b, [all[0], ...all.slice(501)].join('\n'));
      const config = join(folder, 'link.yaml');
      writeFileSync(
        config,
        [
          'comparisons:',
          '  - { field: first_name, kind: name }',
          '  - { field: surname, kind: name }',
          '  - { field: dob, kind: date }',
          '  - { field: email, kind: email }',
          'blocking: [dob, surname, first_name, email]',
          'threshold: 0.6',
        ].join('\n'),
      );
      const run = await siren(
        'link',
        a,
        b,
        '--config',
        config,
        '--truth',
        'cluster',
        '--threads',
        '2',
        '--json',
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.linkType).toBe('link');
      expect(report.threshold).toBe(0.6);
      expect(report.threads).toBe(2);
      expect(report.pairwise.precision).toBeGreaterThan(0.9);
    },
    SLOW,
  );
});

describe('siren link with bad input', () => {
  it(
    'exits 3 naming the row of a ragged line',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'siren-link-'));
      const file = join(folder, 'bad.csv');
      writeFileSync(file, 'name,dob\nAnna,1990-01-01\nBen,1991-02-02,extra\n');
      const run = await siren('link', file, '--json');
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('bad.csv, row 3');
    },
    SLOW,
  );

  it(
    'exits 3 naming the column of a missing truth column and of a bad configuration',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'siren-link-'));
      const file = join(folder, 'people.csv');
      writeFileSync(file, 'name,dob\nAnna,1990-01-01\nAnne,1990-01-01\nBen,1991-02-02\n');
      const missing = await siren('link', file, '--truth', 'person_id', '--json');
      expect(missing.code).toBe(3);
      expect(missing.stderr).toContain('column person_id');
      const config = join(folder, 'bad.json');
      writeFileSync(config, JSON.stringify({ comparisons: [{ field: 'name', kind: 'nickname' }] }));
      const bad = await siren('link', file, '--config', config, '--json');
      expect(bad.code).toBe(3);
      expect(bad.stderr).toContain('comparisons.0.kind');
      const ages = join(folder, 'ages.json');
      writeFileSync(
        ages,
        JSON.stringify({
          comparisons: [
            { field: 'name', kind: 'name' },
            { field: 'dob', kind: 'age', recordedOn: 'seen_on' },
          ],
          blocking: ['dob'],
        }),
      );
      const unrecorded = await siren('link', file, '--config', ages, '--json');
      expect(unrecorded.code).toBe(3);
      expect(unrecorded.stderr).toContain('seen_on');
    },
    SLOW,
  );
});
