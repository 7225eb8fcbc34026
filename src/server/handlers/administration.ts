import { UserError } from '../../domain/errors.ts';
import { listAudit } from '../../store/repositories/audit.ts';
import { findOrganisationByName } from '../../store/repositories/organisations.ts';
import {
  agreementsOfOrganisation,
  createAgreement,
  deleteAgreement,
} from '../../store/repositories/sharing.ts';
import { findSourceByName } from '../../store/repositories/sources.ts';
import { createUser, listUsers } from '../../store/repositories/users.ts';
import { notFound } from '../http-error.ts';
import { hashPassword } from '../passwords.ts';
import { defineRoute } from '../route-types.ts';
import {
  agreementsResponse,
  agreementView,
  auditQuery,
  auditResponse,
  createAgreementBody,
  createUserBody,
  idParams,
  okResponse,
  organisationQuery,
  userView as userSchema,
  usersResponse,
} from '../schemas.ts';
import { userView } from './session.ts';

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

function presentAgreement(agreement: {
  id: number;
  owner: string;
  partner: string;
  source: string | null;
  level: 'aggregate' | 'pseudonymised' | 'full';
  createdAt: string;
}) {
  return {
    id: Number(agreement.id),
    owner: agreement.owner,
    partner: agreement.partner,
    source: agreement.source,
    level: agreement.level,
    createdAt: agreement.createdAt,
  };
}

/** The audit entry of a change to a sharing agreement. */
function describeAgreement(action: string) {
  return (agreement: { id: number; partner: string; source: string | null; level: string }) => ({
    action,
    targetType: 'sharing_agreement',
    targetId: String(agreement.id),
    details: { partner: agreement.partner, source: agreement.source, level: agreement.level },
  });
}

export const administrationRoutes = [
  defineRoute({
    id: 'audit.list',
    method: 'GET',
    url: '/api/audit',
    tag: 'administration',
    summary: "Audit entries of the caller's organisation (actions by its users), newest first",
    access: { kind: 'session', permission: 'audit:read', scope: 'organisation' },
    query: auditQuery,
    organisationOf: ({ query }) => query.organisation,
    response: auditResponse,
    handler: async ({ query, store, user }) => {
      const entries = await listAudit(store.database, {
        organisationId: user?.organisationId,
        beforeId: query.before,
        limit: query.limit,
        action: query.action,
      });
      return {
        items: entries.map((entry) => ({
          id: Number(entry.id),
          at: entry.at,
          actor: entry.actor,
          action: entry.action,
          targetType: entry.targetType,
          targetId: entry.targetId,
          details: entry.details,
          address: entry.address,
          hash: entry.hash,
        })),
        next: entries.length === query.limit ? Number(entries.at(-1)?.id) : null,
      };
    },
  }),
  defineRoute({
    id: 'users.list',
    method: 'GET',
    url: '/api/users',
    tag: 'administration',
    summary: "The users of the caller's organisation",
    access: { kind: 'session', permission: 'users:manage', scope: 'organisation' },
    query: organisationQuery,
    organisationOf: ({ query }) => query.organisation,
    response: usersResponse,
    handler: async ({ store, user }) => ({
      items: (await listUsers(store.database, user?.organisationId)).map(userView),
    }),
  }),
  defineRoute({
    id: 'users.create',
    method: 'POST',
    url: '/api/users',
    tag: 'administration',
    summary: "Add a user to the caller's organisation",
    access: { kind: 'session', permission: 'users:manage', scope: 'organisation' },
    bodyLimit: 4_096,
    body: createUserBody,
    organisationOf: ({ body }) => body.organisation,
    response: userSchema,
    handler: async ({ body, user, auditedChange }) => {
      if (!user) return undefined;
      if (body.role === 'field_researcher' && !body.site)
        throw new UserError('a field researcher needs a site', 'invalid_input');
      const passwordHash = await hashPassword(body.password);
      try {
        const created = await auditedChange(
          (transaction) =>
            createUser(transaction, {
              email: body.email,
              passwordHash,
              role: body.role,
              organisationId: user.organisationId,
              site: body.site ?? null,
            }),
          (made) => ({
            action: 'user.create',
            targetType: 'user',
            targetId: String(made.id),
            details: { email: made.email, role: made.role, site: made.site },
          }),
        );
        return userView(created);
      } catch (error) {
        if (isUniqueViolation(error))
          throw new UserError(`a user with email ${body.email} exists already`, 'conflict');
        throw error;
      }
    },
  }),
  defineRoute({
    id: 'sharing.list',
    method: 'GET',
    url: '/api/sharing',
    tag: 'administration',
    summary: "Data-sharing agreements the caller's organisation is a party to",
    access: { kind: 'session', permission: 'sharing:manage', scope: 'organisation' },
    query: organisationQuery,
    organisationOf: ({ query }) => query.organisation,
    response: agreementsResponse,
    handler: async ({ store, user }) => ({
      items: user
        ? (await agreementsOfOrganisation(store.database, user.organisationId)).map(presentAgreement)
        : [],
    }),
  }),
  defineRoute({
    id: 'sharing.create',
    method: 'POST',
    url: '/api/sharing',
    tag: 'administration',
    summary: "Share the caller's organisation's data (one source or all) with a partner at a level",
    access: { kind: 'session', permission: 'sharing:manage', scope: 'organisation' },
    bodyLimit: 4_096,
    body: createAgreementBody,
    organisationOf: ({ body }) => body.owner,
    response: agreementView,
    handler: async ({ body, store, user, auditedChange }) => {
      if (!user) return undefined;
      const partner = await findOrganisationByName(store.database, body.partner);
      if (!partner) throw new UserError(`organisation "${body.partner}" does not exist`, 'not_found');
      if (Number(partner.id) === Number(user.organisationId))
        throw new UserError('an organisation cannot share with itself', 'invalid_input');
      let sourceId: number | null = null;
      if (body.source !== undefined) {
        const source = await findSourceByName(store.database, body.source);
        if (!source || Number(source.organisationId) !== Number(user.organisationId))
          throw new UserError(`${user.organisation} has no source "${body.source}"`, 'not_found');
        sourceId = source.id;
      }
      const agreement = await auditedChange(
        (transaction) =>
          createAgreement(transaction, {
            ownerOrganisationId: user.organisationId,
            partnerOrganisationId: partner.id,
            sourceId,
            level: body.level,
          }),
        describeAgreement('sharing.create'),
      );
      return presentAgreement(agreement);
    },
  }),
  defineRoute({
    id: 'sharing.delete',
    method: 'DELETE',
    url: '/api/sharing/:id',
    tag: 'administration',
    summary: "End one of the caller's organisation's agreements (404 for anyone else's)",
    access: { kind: 'session', permission: 'sharing:manage', scope: 'organisation' },
    params: idParams,
    response: okResponse,
    handler: async ({ params, user, auditedChange }) => {
      if (!user) return undefined;
      await auditedChange(async (transaction) => {
        const ended = await deleteAgreement(transaction, params.id, user.organisationId);
        if (!ended) throw notFound('sharing agreement');
        return ended;
      }, describeAgreement('sharing.delete'));
      return { ok: true as const };
    },
  }),
];
