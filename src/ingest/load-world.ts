import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../domain/errors.ts';
import { SOURCE_KINDS } from '../domain/fields.ts';
import type { Store } from '../store/index.ts';
import { createOrganisation, findOrganisationByName } from '../store/repositories/organisations.ts';
import { type ImportReport, importFiles } from './import-files.ts';
import { loadMapping } from './mapping.ts';

const manifestSchema = z.object({
  seed: z.number(),
  scenario: z.string(),
  sources: z.array(
    z.object({
      name: z.string().min(1),
      kind: z.enum(SOURCE_KINDS),
      organisation: z.string().min(1),
      files: z.array(z.string().min(1)).min(1),
      mapping: z.string().min(1),
    }),
  ),
});

/**
 * Imports every source of a folder described by a `manifest.json` (the synthetic world's layout: each
 * source's files, mapping and organisation) through the ordinary importer, creating the organisations
 * it names. How the demo data gets in on first start.
 */
export async function loadWorldDirectory(
  store: Store,
  directory: string,
  options: { actor: string; onSource?: (name: string, index: number, total: number) => void },
): Promise<ImportReport[]> {
  const manifestPath = join(directory, 'manifest.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(manifestPath, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read ${manifestPath}: ${(error as Error).message}`, 'not_found');
  }
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success)
    throw new UserError(
      `${manifestPath} is not a world manifest: ${manifest.error.issues[0]?.message}`,
      'invalid_input',
    );
  const reports: ImportReport[] = [];
  for (const [index, source] of manifest.data.sources.entries()) {
    options.onSource?.(source.name, index, manifest.data.sources.length);
    if (!(await findOrganisationByName(store.database, source.organisation)))
      await createOrganisation(store.database, source.organisation);
    const mapping = await loadMapping(join(directory, source.mapping), source.kind);
    reports.push(
      await importFiles(store.database, store.cipher, {
        files: source.files.map((file) => join(directory, file)),
        source: source.name,
        kind: source.kind,
        organisation: source.organisation,
        mapping,
        actor: options.actor,
      }),
    );
  }
  return reports;
}
