import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The reference data root: `SIREN_REFERENCE_DATA`, or `../shared/data` beside the repository. */
export const referenceDataRoot =
  process.env.SIREN_REFERENCE_DATA ?? resolve(repositoryRoot, '../shared/data');

/** Absolute path of a file inside the reference data folder. */
export function referencePath(...parts: string[]): string {
  return join(referenceDataRoot, ...parts);
}

const announced = new Set<string>();

/**
 * A `describe` that runs only when the reference data folder (or one of its sub-folders) is present;
 * otherwise the suite is skipped with one line saying so (its body, which may read the data while
 * collecting tests, is not run).
 */
export function describeWithReferenceData(folder: string, name: string, body: () => void): void {
  const path = referencePath(folder);
  if (existsSync(path)) {
    describe(name, body);
    return;
  }
  if (!announced.has(path)) {
    announced.add(path);
    console.log(`skipped: reference data ${path} is absent (set SIREN_REFERENCE_DATA)`);
  }
  describe.skip(name, () => {
    it.skip(`needs ${path}`, () => {});
  });
}
