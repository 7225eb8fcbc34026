import { join } from 'node:path';
import type { Store } from '../store/index.ts';
import {
  createOrganisation,
  findOrganisationByName,
  listOrganisations,
} from '../store/repositories/organisations.ts';
import { createAgreement } from '../store/repositories/sharing.ts';
import { findSourceByName } from '../store/repositories/sources.ts';
import { writeWorld } from '../synth/index.ts';
import type { ImportReport } from './import-files.ts';
import { loadWorldDirectory } from './load-world.ts';

/** The organisation the demo accounts belong to: a regional analysis unit that partners share with. */
export const DEMO_ANALYSIS_UNIT = 'SIREN regional analysis unit (demo)';
export const DEMO_SEED = 20_091_109;

/**
 * The demo: a seeded synthetic world written to `<dataDirectory>/demo-world`, imported source by
 * source under its agencies' organisations, each of which shares its data with the analysis unit at
 * the pseudonymised level (personal fields never decrypted for the unit's staff). The agencies'
 * case files are the exception: each case-management source is shared in full, as under a
 * case-referral agreement, so that the unit's analysts can review linkage between case files
 * (deciding on a pair needs both records in full) while hotline calls, interviews, transactions,
 * border events and posts stay pseudonymised.
 */
export async function loadDemoWorld(
  store: Store,
  options: {
    dataDirectory: string;
    people: number;
    weeks?: number;
    onSource?: (name: string, index: number, total: number) => void;
  },
): Promise<ImportReport[]> {
  const unit =
    (await findOrganisationByName(store.database, DEMO_ANALYSIS_UNIT)) ??
    (await createOrganisation(store.database, DEMO_ANALYSIS_UNIT));
  const directory = join(options.dataDirectory, 'demo-world');
  await writeWorld(
    { seed: DEMO_SEED, people: options.people, scenario: 'baseline', weeks: options.weeks ?? 156 },
    directory,
  );
  const reports = await loadWorldDirectory(store, directory, {
    actor: 'siren start (demo)',
    onSource: options.onSource,
  });
  for (const organisation of await listOrganisations(store.database))
    if (organisation.id !== unit.id)
      await createAgreement(store.database, {
        ownerOrganisationId: organisation.id,
        partnerOrganisationId: unit.id,
        sourceId: null,
        level: 'pseudonymised',
      });
  for (const report of reports.filter((imported) => imported.kind === 'case_management')) {
    const source = await findSourceByName(store.database, report.source);
    if (source)
      await createAgreement(store.database, {
        ownerOrganisationId: source.organisationId,
        partnerOrganisationId: unit.id,
        sourceId: source.id,
        level: 'full',
      });
  }
  return reports;
}
