import type { SentinelScope } from '../store/repositories/sentinel-sites.ts';
import type { SharingAgreement, SharingLevel } from '../store/repositories/sharing.ts';
import type { Role, User } from '../store/repositories/users.ts';
import type { RecordScope } from '../store/repositories/visible-records.ts';

/**
 * Every access decision of the server, in one place. Routes declare what they need (see
 * `routes.ts`); the request pipeline asks this module, and record queries take their scope from
 * {@link recordVisibility} so that no handler can build its own.
 *
 * Rules:
 * - Public routes: anyone. Every other route needs a live session and the route's permission,
 *   given by the caller's role ({@link ROLE_PERMISSIONS}); otherwise 401 (no session) or 403.
 * - Organisation-scoped routes (they name an organisation in the request) act only on the caller's
 *   own organisation; another organisation is 403.
 * - Records: administrators, analysts and investigators see their own organisation's records in
 *   full; a partner organisation's records at the level its sharing agreements give (the highest
 *   that applies: one for the source, or one for all the owner's sources): `full`, `pseudonymised`
 *   (typed non-personal fields and a pseudonym, personal fields never decrypted) or `aggregate`
 *   (counts only). Field researchers see only their own organisation's interviews at their own
 *   site. Readers see no records, only published outputs. A record the caller may not see does not
 *   exist for them (404).
 * - Estimates: analysts and administrators start, read and reproduce the runs of their own
 *   organisation; another organisation's runs and jobs do not exist for them (404).
 * - Sentinel surveillance (`sentinel:read`: administrators, analysts, investigators, field
 *   researchers; `sentinel:collect`, uploading submissions: the same but investigators;
 *   `sentinel:manage`, sites, rounds, instruments, classification: administrators and analysts):
 *   sites of the caller's own organisation ({@link sentinelScope}), and for field researchers only
 *   the site on their account; any other site does not exist for them (404).
 * - Linkage review (`linkage:review`: administrators, analysts, investigators): candidate pairs and
 *   entities show only records the caller may see, each at its level; deciding on a pair or undoing
 *   a change needs every record concerned visible in full (the caller's own organisation, or a
 *   `full` sharing agreement); otherwise the pair or change does not exist for them (404).
 * - Sentinel reports: analysts and administrators read a round's indicators (every estimate, not
 *   suppressed); every role, readers included, reads the round's data sheet, which passes small-cell
 *   suppression. Rounds of another organisation (or another site, for field researchers) do not
 *   exist for the caller (404).
 */
export const PERMISSIONS = [
  'session',
  'password:change',
  'records:read',
  'records:search',
  'records:export',
  'overview:read',
  'linkage:review',
  'audit:read',
  'users:manage',
  'sharing:manage',
  'network:read',
  'estimates:run',
  'estimates:read',
  'sentinel:indicators',
  'sentinel:datasheet',
  'sentinel:read',
  'sentinel:collect',
  'sentinel:manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  administrator: PERMISSIONS,
  analyst: [
    'session',
    'password:change',
    'records:read',
    'records:search',
    'records:export',
    'overview:read',
    'network:read',
    'estimates:run',
    'estimates:read',
    'linkage:review',
    'sentinel:indicators',
    'sentinel:datasheet',
    'sentinel:read',
    'sentinel:collect',
    'sentinel:manage',
  ],
  investigator: [
    'session',
    'password:change',
    'records:read',
    'records:search',
    'records:export',
    'overview:read',
    'network:read',
    'linkage:review',
    'sentinel:datasheet',
    'sentinel:read',
  ],
  field_researcher: [
    'session',
    'password:change',
    'records:read',
    'overview:read',
    'sentinel:datasheet',
    'sentinel:read',
    'sentinel:collect',
  ],
  reader: ['session', 'password:change', 'sentinel:datasheet'],
};

/** What a route requires. `scope` says what else the pipeline must check for the caller. */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'session'; permission: Permission; scope: 'none' | 'organisation' | 'records' };

export type AccessDecision =
  | { allowed: true }
  | { allowed: false; status: 401 | 403; code: 'unauthenticated' | 'forbidden'; message: string };

const ALLOWED: AccessDecision = { allowed: true };

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** May this caller (or nobody signed in) use a route with this access? */
export function decideRoute(access: RouteAccess, user: User | undefined): AccessDecision {
  if (access.kind === 'public') return ALLOWED;
  if (!user) return { allowed: false, status: 401, code: 'unauthenticated', message: 'sign in first' };
  if (!hasPermission(user.role, access.permission))
    return {
      allowed: false,
      status: 403,
      code: 'forbidden',
      message: `the ${user.role} role may not do this (needs ${access.permission})`,
    };
  return ALLOWED;
}

/** An organisation-scoped request may only act on the caller's own organisation. */
export function decideOrganisation(user: User, organisationName: string | undefined): AccessDecision {
  if (organisationName === undefined || organisationName === user.organisation) return ALLOWED;
  return {
    allowed: false,
    status: 403,
    code: 'forbidden',
    message: `you act for ${user.organisation} only, not for another organisation`,
  };
}

const LEVEL_RANK: Readonly<Record<SharingLevel, number>> = { aggregate: 1, pseudonymised: 2, full: 3 };

export interface RecordGrant {
  organisationId: number;
  /** One source, or null for every source of the organisation. */
  sourceId: number | null;
  level: SharingLevel;
}

/** Which records a caller may see, and how much of each. */
export interface RecordVisibility {
  grants: readonly RecordGrant[];
  /** Field researchers: only interviews at this site. */
  site: string | null;
}

const ORGANISATION_WIDE_ROLES: readonly Role[] = ['administrator', 'analyst', 'investigator'];

/** The record visibility of a user, given the agreements in which their organisation is the partner. */
export function recordVisibility(
  user: User,
  agreementsAsPartner: readonly SharingAgreement[],
): RecordVisibility {
  if (user.role === 'field_researcher')
    return user.site
      ? { grants: [{ organisationId: user.organisationId, sourceId: null, level: 'full' }], site: user.site }
      : { grants: [], site: null };
  if (!ORGANISATION_WIDE_ROLES.includes(user.role)) return { grants: [], site: null };
  const grants: RecordGrant[] = [{ organisationId: user.organisationId, sourceId: null, level: 'full' }];
  for (const agreement of agreementsAsPartner)
    if (
      agreement.partnerOrganisationId === user.organisationId &&
      agreement.ownerOrganisationId !== user.organisationId
    )
      grants.push({
        organisationId: agreement.ownerOrganisationId,
        sourceId: agreement.sourceId,
        level: agreement.level,
      });
  return { grants, site: null };
}

/** The level at which a record is visible, or null when it is not (the highest grant that applies). */
export function levelOfRecord(
  visibility: RecordVisibility,
  record: { organisationId: number; sourceId: number; kind: string; fields: Record<string, unknown> },
): SharingLevel | null {
  if (visibility.site !== null && (record.kind !== 'interview' || record.fields.site !== visibility.site))
    return null;
  let best: SharingLevel | null = null;
  for (const grant of visibility.grants)
    if (
      Number(grant.organisationId) === Number(record.organisationId) &&
      (grant.sourceId === null || Number(grant.sourceId) === Number(record.sourceId)) &&
      (best === null || LEVEL_RANK[grant.level] > LEVEL_RANK[best])
    )
      best = grant.level;
  return best;
}

/**
 * The query scope of the records visible at `minimum` level or above. Listing and reading records
 * use `pseudonymised`; lookups by a personal value use `full` (confirming that a phone number
 * exists in a partner's data would disclose it); counts use `aggregate`.
 */
export function recordScope(visibility: RecordVisibility, minimum: SharingLevel): RecordScope {
  return {
    grants: visibility.grants
      .filter((grant) => LEVEL_RANK[grant.level] >= LEVEL_RANK[minimum])
      .map(({ organisationId, sourceId }) => ({ organisationId, sourceId })),
    site: visibility.site,
  };
}

/** Whether a role may ever see decrypted personal fields (subject to the record's level). */
export function mayDecrypt(level: SharingLevel | null): boolean {
  return level === 'full';
}

/** The sentinel sites a user reaches: their organisation's, and a field researcher's own site only. */
export function sentinelScope(user: User): SentinelScope {
  if (user.role === 'field_researcher') return { organisationId: user.organisationId, site: user.site ?? '' };
  return { organisationId: user.organisationId, site: null };
}
