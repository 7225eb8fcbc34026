import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { fieldsOf } from '../../domain/fields.ts';
import { findSourceByName } from '../../store/repositories/sources.ts';
import { levelOfRecord } from '../access.ts';
import { notFound } from '../http-error.ts';
import type { AnyHandlerContext } from '../route-types.ts';
import { defineRoute } from '../route-types.ts';
import { exportQuery, idParams, recordsQuery, recordsResponse, recordView, searchQuery } from '../schemas.ts';
import {
  listRecordsFor,
  type RecordView,
  readRecord,
  recordsOfSourceFor,
  searchRecordsFor,
} from '../services/records.ts';

/** Every record returned with decrypted personal fields leaves an audit entry (ids, not values). */
async function auditPersonalReads(
  context: AnyHandlerContext,
  action: string,
  items: readonly RecordView[],
  details = {},
) {
  const ids = items.filter((item) => item.level === 'full').map((item) => item.id);
  if (ids.length === 0) return;
  await context.audit({
    action,
    targetType: ids.length === 1 ? 'record' : 'records',
    targetId: ids.length === 1 ? String(ids[0]) : null,
    details: { ...details, recordIds: ids, count: ids.length },
  });
}

/** A CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection). */
function inertCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const recordRoutes = [
  defineRoute({
    id: 'records.list',
    method: 'GET',
    url: '/api/records',
    tag: 'records',
    summary: 'The records the caller may see (optionally of one source), a page at a time',
    access: { kind: 'session', permission: 'records:read', scope: 'records' },
    query: recordsQuery,
    response: recordsResponse,
    handler: async (context) => {
      const { query, store, visibility } = context;
      const page = await listRecordsFor(store.database, store.cipher, visibility, {
        sourceName: query.source,
        afterId: query.after,
        limit: query.limit,
      });
      await auditPersonalReads(context, 'records.read_personal', page.items, {
        source: query.source ?? null,
      });
      return page;
    },
  }),
  defineRoute({
    id: 'records.search',
    method: 'GET',
    url: '/api/records/search',
    tag: 'records',
    summary:
      'Records with this value of a personal field (exact, by blind index), among those visible in full',
    access: { kind: 'session', permission: 'records:search', scope: 'records' },
    query: searchQuery,
    response: z.object({ items: z.array(recordView) }),
    handler: async (context) => {
      const { query, store, visibility } = context;
      const items = await searchRecordsFor(store.database, store.cipher, visibility, query);
      await context.audit({
        action: 'records.search',
        targetType: 'field',
        targetId: query.field,
        details: { matches: items.length },
      });
      await auditPersonalReads(context, 'records.read_personal', items, { via: 'search' });
      return { items };
    },
  }),
  defineRoute({
    id: 'records.export',
    method: 'GET',
    url: '/api/records/export',
    tag: 'records',
    summary:
      'Every record of a source the caller may see, streamed as CSV (personal columns only at the full level; cells that a spreadsheet would run as formulas are prefixed with an apostrophe)',
    access: { kind: 'session', permission: 'records:export', scope: 'records' },
    rateLimit: 'heavy',
    query: exportQuery,
    response: z.string().describe('CSV, one row per record'),
    contentType: 'text/csv; charset=utf-8',
    handler: async (context) => {
      const { query, store, visibility, reply } = context;
      const source = await findSourceByName(store.database, query.source);
      const level = source
        ? levelOfRecord(visibility, {
            organisationId: source.organisationId,
            sourceId: source.id,
            kind: source.kind,
            fields: { site: visibility.site },
          })
        : null;
      const fields = source ? fieldsOf(source.kind) : [];
      const plainNames = fields.filter((field) => !field.personal).map((field) => field.name);
      const personalNames =
        level === 'full' ? fields.filter((field) => field.personal).map((field) => field.name) : [];
      const header = [
        'id',
        'pseudonym',
        'level',
        'source',
        'kind',
        'place_code',
        'event_date',
        ...plainNames,
        ...personalNames,
      ];
      await context.audit({
        action: 'records.export',
        targetType: 'source',
        targetId: query.source,
        details: { level: level === 'aggregate' ? null : level },
      });
      async function* csv(): AsyncGenerator<string> {
        yield stringify([header]);
        if (!source || level === null || level === 'aggregate') return;
        for await (const page of recordsOfSourceFor(store.database, store.cipher, visibility, query.source)) {
          await auditPersonalReads(context, 'records.read_personal', page, { via: 'export' });
          yield stringify(
            page.map((item) =>
              [
                item.id,
                item.pseudonym,
                item.level,
                item.source,
                item.kind,
                item.placeCode,
                item.eventDate,
                ...plainNames.map((name) => item.fields[name]),
                ...personalNames.map((name) => item.personal?.[name]),
              ].map(inertCell),
            ),
          );
        }
      }
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="records.csv"')
        .send(Readable.from(csv()));
      return undefined;
    },
  }),
  defineRoute({
    id: 'records.read',
    method: 'GET',
    url: '/api/records/:id',
    tag: 'records',
    summary: 'One record, or 404 when it does not exist or the caller may not see it',
    access: { kind: 'session', permission: 'records:read', scope: 'records' },
    params: idParams,
    response: recordView,
    handler: async (context) => {
      const { params, store, visibility } = context;
      const view = await readRecord(store.database, store.cipher, visibility, params.id);
      if (!view) {
        await context.audit({
          action: 'records.not_visible',
          targetType: 'record',
          targetId: String(params.id),
        });
        throw notFound('record');
      }
      await auditPersonalReads(context, 'records.read_personal', [view]);
      return view;
    },
  }),
];
