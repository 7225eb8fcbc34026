import { geoMercator, geoPath } from 'd3-geo';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { fetchProvinces } from '../api.ts';

const WIDTH = 560;
const HEIGHT = 640;
const COLOURS = ['#f1eef6', '#d0d1e6', '#a6bddb', '#74a9cf', '#2b8cbe', '#045a8d'];

/** Class breaks for a choropleth: 0, then five quantile-like steps up to the largest count. */
function breaks(values: number[]): number[] {
  const positive = values.filter((value) => value > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [];
  const steps: number[] = [];
  for (let i = 1; i <= 5; i++)
    steps.push(positive[Math.min(positive.length - 1, Math.ceil((i / 5) * positive.length) - 1)]);
  return [...new Set(steps)];
}

function colourOf(count: number, steps: number[]): string {
  if (!count) return COLOURS[0];
  const index = steps.findIndex((step) => count <= step);
  return COLOURS[index === -1 ? COLOURS.length - 1 : index + 1];
}

/**
 * d3-geo draws on the sphere and takes a ring's winding as which side is inside: it wants exteriors
 * clockwise, the opposite of RFC 7946 GeoJSON, so every ring is reversed before drawing.
 */
function forSphericalDrawing(collection: GeoJSON.FeatureCollection): GeoJSON.FeatureCollection {
  const reverseRings = (polygon: GeoJSON.Position[][]) => polygon.map((ring) => [...ring].reverse());
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature) => {
      const geometry = feature.geometry;
      if (geometry.type === 'Polygon')
        return { ...feature, geometry: { type: 'Polygon', coordinates: reverseRings(geometry.coordinates) } };
      if (geometry.type === 'MultiPolygon')
        return {
          ...feature,
          geometry: { type: 'MultiPolygon', coordinates: geometry.coordinates.map(reverseRings) },
        };
      return feature;
    }),
  };
}

/**
 * The Greater Mekong Sub-region's provinces coloured by records per province, drawn as SVG from the
 * server's boundary file (no tile server).
 */
export function ProvinceMap({ counts }: { counts: Record<string, number> }) {
  const [provinces, setProvinces] = useState<GeoJSON.FeatureCollection | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  useEffect(() => {
    fetchProvinces()
      .then(setProvinces)
      .catch((error: Error) => setFailure(error.message));
  }, []);
  const drawn = useMemo(() => {
    if (!provinces) return undefined;
    const spherical = forSphericalDrawing(provinces);
    const projection = geoMercator().fitSize([WIDTH, HEIGHT], spherical);
    const path = geoPath(projection);
    return spherical.features.map((feature) => ({
      code: String(feature.properties?.code),
      name: String(feature.properties?.name),
      d: path(feature) ?? '',
    }));
  }, [provinces]);
  const steps = breaks(Object.values(counts));
  if (failure) return <p role="alert">The map could not be drawn: {failure}</p>;
  if (!drawn) return <p>Loading the map…</p>;
  return (
    <figure class="map">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label="Map of the Greater Mekong Sub-region: provinces coloured by number of records"
      >
        {drawn.map((province) => (
          <path
            key={province.code}
            d={province.d}
            fill={colourOf(counts[province.code] ?? 0, steps)}
            stroke="#666"
            stroke-width={0.4}
          >
            <title>
              {province.name} ({province.code}): {counts[province.code] ?? 0} records
            </title>
          </path>
        ))}
      </svg>
      <figcaption>
        <span>Records per province (hover a province for its count)</span>
        <ul class="legend" aria-label="Legend">
          <li>
            <span class="swatch" style={{ background: COLOURS[0] }} /> none
          </li>
          {steps.map((step, index) => (
            <li key={step}>
              <span class="swatch" style={{ background: COLOURS[index + 1] }} /> ≤ {step}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
