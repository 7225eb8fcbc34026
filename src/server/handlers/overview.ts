import { DEFAULT_SUPPRESSION_THRESHOLD, suppressLinkedCells } from '../../analytics/privacy/index.ts';
import type { SourceKind } from '../../domain/fields.ts';
import {
  countVisibleByPlace,
  countVisibleBySource,
  listVisibleImports,
  type VisibleSourceCount,
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
      'What is loaded, limited to what the caller may see: sources, records by kind and by province (counts include sources shared at any level; counts resting on records shared only at the aggregate level pass small-cell suppression), and the imports (file names) of sources visible in full',
    access: { kind: 'session', permission: 'overview:read', scope: 'records' },
    query: empty,
    response: overviewResponse,
    handler: async ({ store, visibility }) => {
      const [sources, places, listedPlaces, imports] = await Promise.all([
        countVisibleBySource(store.database, recordScope(visibility, 'aggregate')),
        countVisibleByPlace(store.database, recordScope(visibility, 'aggregate')),
        countVisibleByPlace(store.database, recordScope(visibility, 'pseudonymised')),
        listVisibleImports(store.database, recordScope(visibility, 'full'), 50),
      ]);
      const levels = sources.map(
        (source) =>
          levelOfRecord(
            { grants: visibility.grants, site: null },
            {
              organisationId: source.organisationId,
              sourceId: source.sourceId,
              kind: source.kind,
              fields: {},
            },
          ) ?? 'aggregate',
      );
      const { sourceRecords, kindRecords } = suppressSourceCounts(sources, levels);
      // A province's count is suppressed when the part of it the caller cannot list record by
      // record (sources shared at the aggregate level only) is a small count. Provinces sum to no
      // published total (records without a province are not counted), so no complement is needed.
      const listed = new Map(listedPlaces.map((place) => [place.placeCode, place.records]));
      const recordsByPlace: Record<string, number> = {};
      const suppressedPlaces: string[] = [];
      for (const place of places) {
        const aggregateOnly = place.records - (listed.get(place.placeCode) ?? 0);
        if (aggregateOnly > 0 && aggregateOnly < DEFAULT_SUPPRESSION_THRESHOLD)
          suppressedPlaces.push(place.placeCode);
        else recordsByPlace[place.placeCode] = place.records;
      }
      return {
        sources: sources.map((source, i) => ({
          name: source.name,
          kind: source.kind as SourceKind,
          organisation: source.organisation,
          records: sourceRecords[i],
          level: levels[i],
        })),
        recordsByKind: kindRecords,
        imports: imports.map((batch) => ({ ...batch, id: Number(batch.id) })),
        recordsByPlace,
        suppressedPlaces,
        suppressionThreshold: DEFAULT_SUPPRESSION_THRESHOLD,
      };
    },
  }),
];

/**
 * Small-cell suppression of the per-source counts and their subtotals by kind: a source shared at
 * the aggregate level only with a small count is suppressed, and then enough other
 * aggregate-level sources of its kind, or the kind's subtotal, that it cannot be recovered.
 * Sources the caller may list record by record are known to the caller, so they neither need
 * protection nor can serve as complements (they are subtracted from the subtotal's relation).
 */
function suppressSourceCounts(
  sources: readonly VisibleSourceCount[],
  levels: readonly string[],
): { sourceRecords: (number | null)[]; kindRecords: Record<string, number | null> } {
  const kinds = [...new Set(sources.map((source) => source.kind))];
  const values = sources.map((source, i) => (levels[i] === 'aggregate' ? source.records : 0));
  const totals = kinds.map((kind) =>
    sources.reduce((sum, source) => sum + (source.kind === kind ? source.records : 0), 0),
  );
  const relations = kinds.map((kind, k) => [
    ...sources.flatMap((source, i) => (source.kind === kind && levels[i] === 'aggregate' ? [i] : [])),
    sources.length + k,
  ]);
  const { suppressed } = suppressLinkedCells({
    values: [...values, ...totals.map((total, k) => total - knownPart(sources, levels, kinds[k]))],
    isTotal: [...values.map(() => false), ...totals.map(() => true)],
    relations,
  });
  return {
    sourceRecords: sources.map((source, i) => (suppressed[i] ? null : source.records)),
    kindRecords: Object.fromEntries(
      kinds.map((kind, k) => [kind, suppressed[sources.length + k] ? null : totals[k]]),
    ),
  };
}

function knownPart(sources: readonly VisibleSourceCount[], levels: readonly string[], kind: string): number {
  return sources.reduce(
    (sum, source, i) => sum + (source.kind === kind && levels[i] !== 'aggregate' ? source.records : 0),
    0,
  );
}
