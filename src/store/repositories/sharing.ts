import type { Queryable } from '../database.ts';

export const SHARING_LEVELS = ['aggregate', 'pseudonymised', 'full'] as const;
export type SharingLevel = (typeof SHARING_LEVELS)[number];

/** An owner organisation lets a partner see its data (one source, or all when `sourceId` is null). */
export interface SharingAgreement {
  id: number;
  ownerOrganisationId: number;
  owner: string;
  partnerOrganisationId: number;
  partner: string;
  sourceId: number | null;
  source: string | null;
  level: SharingLevel;
  createdAt: string;
}

const COLUMNS = `a.id, a.owner_organisation_id AS "ownerOrganisationId", ow.name AS owner,
  a.partner_organisation_id AS "partnerOrganisationId", pa.name AS partner, a.source_id AS "sourceId",
  s.name AS source, a.level, a.created_at::text AS "createdAt"`;
const FROM = `sharing_agreements a JOIN organisations ow ON ow.id = a.owner_organisation_id
  JOIN organisations pa ON pa.id = a.partner_organisation_id LEFT JOIN sources s ON s.id = a.source_id`;

export async function createAgreement(
  db: Queryable,
  agreement: {
    ownerOrganisationId: number;
    partnerOrganisationId: number;
    sourceId: number | null;
    level: SharingLevel;
  },
): Promise<SharingAgreement> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sharing_agreements (owner_organisation_id, partner_organisation_id, source_id, level)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [agreement.ownerOrganisationId, agreement.partnerOrganisationId, agreement.sourceId, agreement.level],
  );
  const created = await db.query<SharingAgreement>(`SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1`, [
    rows[0].id,
  ]);
  return created.rows[0];
}

/** Agreements that let this organisation see others' data. */
export async function agreementsForPartner(
  db: Queryable,
  partnerOrganisationId: number,
): Promise<SharingAgreement[]> {
  const { rows } = await db.query<SharingAgreement>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.partner_organisation_id = $1 ORDER BY a.id`,
    [partnerOrganisationId],
  );
  return rows;
}

/** Agreements an organisation is a party to, as owner or as partner. */
export async function agreementsOfOrganisation(
  db: Queryable,
  organisationId: number,
): Promise<SharingAgreement[]> {
  const { rows } = await db.query<SharingAgreement>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.owner_organisation_id = $1 OR a.partner_organisation_id = $1 ORDER BY a.id`,
    [organisationId],
  );
  return rows;
}

/** Ends an agreement of this owner; returns it, or undefined when the owner has no such agreement. */
export async function deleteAgreement(
  db: Queryable,
  id: number,
  ownerOrganisationId: number,
): Promise<SharingAgreement | undefined> {
  const { rows } = await db.query<SharingAgreement>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE a.id = $1 AND a.owner_organisation_id = $2`,
    [id, ownerOrganisationId],
  );
  if (!rows[0]) return undefined;
  await db.query('DELETE FROM sharing_agreements WHERE id = $1', [id]);
  return rows[0];
}
