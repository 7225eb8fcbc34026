import { z } from 'zod';
import { BLIND_INDEXED_FIELDS, SOURCE_KINDS } from '../domain/fields.ts';
import { SHARING_LEVELS } from '../store/repositories/sharing.ts';
import { ROLES } from '../store/repositories/users.ts';
import { PERMISSIONS } from './access.ts';

/** The schemas of the HTTP API: they validate requests and responses and make /api/docs. */

export const errorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional().describe('the request field at fault, e.g. body.email'),
  }),
});

export const empty = z.object({}).strict();
export const okResponse = z.object({ ok: z.literal(true) });

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const idParams = z.object({ id }).strict();
const name = z.string().trim().min(1).max(200);
export const MINIMUM_PASSWORD_LENGTH = 12;
const newPassword = z
  .string()
  .min(MINIMUM_PASSWORD_LENGTH, `must be at least ${MINIMUM_PASSWORD_LENGTH} characters`)
  .max(1024);

export const healthResponse = z.object({
  status: z.literal('ok'),
  database: z.object({ kind: z.enum(['pglite', 'postgresql']), version: z.string() }),
  migration: z.string().nullable(),
});

export const userView = z.object({
  id: z.number().int(),
  email: z.string(),
  role: z.enum(ROLES),
  organisation: z.string(),
  site: z.string().nullable(),
});

export const loginBody = z
  .object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) })
  .strict();

export const sessionResponse = z.object({
  user: userView,
  role: z.enum(ROLES),
  organisation: z.string(),
  csrfToken: z.string(),
  expiresAt: z.string(),
  permissions: z
    .array(z.enum(PERMISSIONS))
    .describe("what the caller's role may do (the web app shows only the pages these allow)"),
});

export const passwordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword }).strict();

export const recordView = z.object({
  id: z.number().int(),
  source: z.string(),
  kind: z.enum(SOURCE_KINDS),
  level: z.enum(['full', 'pseudonymised']).describe('full: personal fields decrypted; pseudonymised: never'),
  pseudonym: z.string(),
  recordKey: z.string().nullable(),
  placeCode: z.string().nullable(),
  eventDate: z.string().nullable(),
  fields: z.record(z.string(), z.unknown()).describe('typed non-personal fields'),
  personal: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('decrypted personal fields (full level only)'),
  provenance: z
    .object({
      batchId: z.number().int(),
      fileName: z.string(),
      fileHash: z.string(),
      rowNumber: z.number().int(),
    })
    .optional()
    .describe('where the record came from (full level only)'),
  raw: z.record(z.string(), z.string()).optional().describe('the raw imported row (full level only)'),
});

export const recordsQuery = z
  .object({
    source: name.optional(),
    after: z.coerce.number().int().min(0).optional().describe('return records with a larger id (paging)'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const recordsResponse = z.object({
  items: z.array(recordView),
  next: z.number().int().nullable().describe('pass as `after` for the next page; null at the end'),
});

export const searchQuery = z
  .object({
    field: z.enum(BLIND_INDEXED_FIELDS).describe('a field with a blind index'),
    value: z.string().min(1).max(200),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const exportQuery = z.object({ source: name }).strict();

export const overviewResponse = z.object({
  sources: z.array(
    z.object({
      name: z.string(),
      kind: z.enum(SOURCE_KINDS),
      organisation: z.string(),
      records: z
        .number()
        .int()
        .nullable()
        .describe('null: suppressed (a small count shared at the aggregate level)'),
      level: z.enum(SHARING_LEVELS),
    }),
  ),
  recordsByKind: z.record(z.string(), z.number().int().nullable()).describe('null: suppressed'),
  imports: z.array(
    z.object({
      id: z.number().int(),
      source: z.string(),
      kind: z.string(),
      fileName: z.string(),
      rowCount: z.number().int(),
      finishedAt: z.string(),
      unresolvedPlaces: z.number().int(),
    }),
  ),
  recordsByPlace: z.record(z.string(), z.number().int()).describe('ISO 3166-2 code to record count'),
  suppressedPlaces: z
    .array(z.string())
    .describe('provinces whose count rests on a small count of records shared at the aggregate level only'),
  suppressionThreshold: z.number().int().describe('counts below this (and above 0) are suppressed'),
});

export const auditQuery = z
  .object({
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    action: z.string().max(100).optional(),
    organisation: name.optional().describe("default: the caller's organisation (the only one allowed)"),
  })
  .strict();

export const organisationQuery = z
  .object({
    organisation: name.optional().describe("default: the caller's organisation (the only one allowed)"),
  })
  .strict();

export const auditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  address: z.string().nullable(),
  hash: z.string(),
});

export const auditResponse = z.object({ items: z.array(auditEntryView), next: z.number().int().nullable() });

export const usersResponse = z.object({ items: z.array(userView) });

export const createUserBody = z
  .object({
    email: z.email().max(254),
    role: z.enum(ROLES),
    password: newPassword,
    organisation: name.optional().describe("default: the caller's organisation (the only one allowed)"),
    site: name.optional().describe('sentinel site (field researchers)'),
  })
  .strict();

export const agreementView = z.object({
  id: z.number().int(),
  owner: z.string(),
  partner: z.string(),
  source: z.string().nullable(),
  level: z.enum(SHARING_LEVELS),
  createdAt: z.string(),
});

export const agreementsResponse = z.object({ items: z.array(agreementView) });

export const createAgreementBody = z
  .object({
    owner: name
      .optional()
      .describe("the organisation that shares: default the caller's (the only one allowed)"),
    partner: name,
    source: name.optional().describe('one source; default every source of the owner'),
    level: z.enum(SHARING_LEVELS),
  })
  .strict();

export const publicationSummary = z.object({
  id: z.number().int(),
  organisation: z.string(),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  publishedAt: z.string(),
});
export const publicationsResponse = z.object({ items: z.array(publicationSummary) });
export const publicationResponse = publicationSummary.extend({ body: z.unknown() });

export const geoJsonResponse = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) })
  .describe('GeoJSON FeatureCollection of GMS admin-1 boundaries (ISO 3166-2 codes)');

export const openApiResponse = z.record(z.string(), z.unknown()).describe('this OpenAPI 3.1 document');
