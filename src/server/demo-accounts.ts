import type { Store } from '../store/index.ts';
import { appendAuditIn } from '../store/repositories/audit.ts';
import { createOrganisation, firstOrganisation } from '../store/repositories/organisations.ts';
import { createUser, findCredentialsByEmail, ROLES, type Role } from '../store/repositories/users.ts';
import { generatePassword, hashPassword } from './passwords.ts';

export interface DemoAccount {
  email: string;
  role: Role;
  organisation: string;
  password: string;
}

const DEMO_DOMAIN = 'demo.siren.invalid';
const DEFAULT_SITE = 'Poipet';

/**
 * One account per role in the first organisation, each with a freshly generated password (never a
 * hard-coded one), returned once so that `siren start` can print them. Accounts that exist already
 * are left alone and not returned. The field researcher gets the site with the most interviews.
 */
export async function createDemoAccounts(store: Store): Promise<DemoAccount[]> {
  const { database } = store;
  const organisation =
    (await firstOrganisation(database)) ?? (await createOrganisation(database, 'Local organisation'));
  const { rows } = await database.query<{ site: string }>(
    `SELECT fields->>'site' AS site FROM records WHERE kind = 'interview' AND organisation_id = $1
       AND fields->>'site' IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
    [organisation.id],
  );
  const site = rows[0]?.site ?? DEFAULT_SITE;
  const created: DemoAccount[] = [];
  for (const role of ROLES) {
    const email = `${role.replace('_', '-')}@${DEMO_DOMAIN}`;
    if (await findCredentialsByEmail(database, email)) continue;
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    await database.transaction(async (transaction) => {
      const user = await createUser(transaction, {
        email,
        passwordHash,
        role,
        organisationId: organisation.id,
        site: role === 'field_researcher' ? site : null,
      });
      await appendAuditIn(transaction, {
        actor: 'system:demo',
        action: 'user.create',
        targetType: 'user',
        targetId: String(user.id),
        details: { email, role, demo: true },
        organisationId: organisation.id,
      });
    });
    created.push({ email, role, organisation: organisation.name, password });
  }
  return created;
}
