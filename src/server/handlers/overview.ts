import type { SourceKind } from '../../domain/fields.ts';
import {
  countVisibleByPlace,
  countVisibleBySource,
  listVisibleImports,
} from '../../store/repositories/visible-records.ts';
import { levelOfRecord, recordScope } from '../access.ts';
import { defineRoute } from '../route-types.ts';
import { empty, overviewResponse } from '../schemas.ts';

export const overviewRoutes = [
  defineRoute({
    id: 'overview.read',
    method: 'GET',
    url: '/api/overview',
    tag: 'overview',
    summary:
      'What is loaded, limited to what the caller may see: sources, records by kind and by province (counts include sources shared at any level), and the imports (file names) of sources visible in full',
    access: { kind: 'session', permission: 'overview:read', scope: 'records' },
    query: empty,
    response: overviewResponse,
    handler: async ({ store, visibility }) => {
      const scope = recordScope(visibility, 'aggregate');
      const [sources, places, imports] = await Promise.all([
        countVisibleBySource(store.database, scope),
        countVisibleByPlace(store.database, scope),
        listVisibleImports(store.database, recordScope(visibility, 'full'), 50),
      ]);
      const recordsByKind: Record<string, number> = {};
      for (const source of sources)
        recordsByKind[source.kind] = (recordsByKind[source.kind] ?? 0) + source.records;
      return {
        sources: sources.map((source) => ({
          name: source.name,
          kind: source.kind as SourceKind,
          organisation: source.organisation,
          records: source.records,
          level:
            levelOfRecord(
              { grants: visibility.grants, site: null },
              {
                organisationId: source.organisationId,
                sourceId: source.sourceId,
                kind: source.kind,
                fields: {},
              },
            ) ?? 'aggregate',
        })),
        recordsByKind,
        imports: imports.map((batch) => ({ ...batch, id: Number(batch.id) })),
        recordsByPlace: Object.fromEntries(places.map((place) => [place.placeCode, place.records])),
      };
    },
  }),
];
