/**
 * Charts as lists of plain shapes (SVG path data, text), drawn once and rendered twice: to SVG for
 * the HTML data sheet and to PDF vector graphics (pdfkit takes the same path data), so the two
 * versions show the same figure. Coordinates are in points, origin top left.
 * Complexity: O(points) per chart; the map O(boundary vertices).
 */
import { type GeoPermissibleObjects, geoMercator, geoPath } from 'd3-geo';

export type Shape =
  | { kind: 'path'; d: string; fill?: string; stroke?: string; strokeWidth?: number; title?: string }
  | {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      size: number;
      anchor?: 'start' | 'middle' | 'end';
      fill?: string;
      bold?: boolean;
    };

export interface Chart {
  width: number;
  height: number;
  shapes: Shape[];
  /** What the chart shows, for screen readers. */
  description: string;
}

export const PALETTE = {
  ink: '#222222',
  muted: '#666666',
  grid: '#dddddd',
  accent: '#2b6cb0',
  interval: '#90b4dc',
  map: ['#f1eef6', '#d0d1e6', '#a6bddb', '#74a9cf', '#2b8cbe', '#045a8d'],
  suppressed: '#bbbbbb',
};

const format = (value: number) => Number(value.toFixed(2));

function rectangle(x: number, y: number, width: number, height: number): string {
  return `M${format(x)},${format(y)}h${format(width)}v${format(height)}h${format(-width)}Z`;
}

function line(x1: number, y1: number, x2: number, y2: number): string {
  return `M${format(x1)},${format(y1)}L${format(x2)},${format(y2)}`;
}

const percent = (value: number) => `${Math.round(100 * value)}%`;

/** Shares across rounds: a dot per round, its 95% interval as a bar, rounds joined by a line. */
export function trendChart(
  label: string,
  points: readonly { round: string; estimate: number | null; lower: number | null; upper: number | null }[],
  width = 240,
  height = 150,
): Chart {
  const margin = { left: 34, right: 8, top: 18, bottom: 22 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const top = Math.max(0.05, ...points.map((point) => point.upper ?? 0));
  const step = top <= 0.5 ? 0.1 : 0.2;
  const ceiling = Math.min(1, Math.ceil(top / step - 1e-9) * step);
  const y = (value: number) => margin.top + plotHeight * (1 - value / ceiling);
  const x = (i: number) =>
    margin.left + (points.length === 1 ? plotWidth / 2 : (plotWidth * i) / (points.length - 1));
  const shapes: Shape[] = [
    { kind: 'text', x: 0, y: 11, text: label, size: 9, bold: true, fill: PALETTE.ink },
  ];
  for (let tick = 0; tick <= Math.round(ceiling / step); tick++) {
    const value = tick * step;
    shapes.push({
      kind: 'path',
      d: line(margin.left, y(value), width - margin.right, y(value)),
      stroke: PALETTE.grid,
      strokeWidth: 0.5,
    });
    shapes.push({
      kind: 'text',
      x: margin.left - 4,
      y: y(value) + 3,
      text: percent(value),
      size: 7,
      anchor: 'end',
      fill: PALETTE.muted,
    });
  }
  const shown = points.map((point, i) => ({ ...point, i })).filter((point) => point.estimate !== null);
  if (shown.length > 1)
    shapes.push({
      kind: 'path',
      d: shown
        .map(
          (point, k) => `${k === 0 ? 'M' : 'L'}${format(x(point.i))},${format(y(point.estimate as number))}`,
        )
        .join(''),
      stroke: PALETTE.accent,
      strokeWidth: 1,
    });
  points.forEach((point, i) => {
    shapes.push({
      kind: 'text',
      x: x(i),
      y: height - 8,
      text: point.round,
      size: 7,
      anchor: 'middle',
      fill: PALETTE.muted,
    });
    if (point.estimate === null) {
      shapes.push({
        kind: 'text',
        x: x(i),
        y: y(0) - 4,
        text: 'n/a',
        size: 7,
        anchor: 'middle',
        fill: PALETTE.suppressed,
      });
      return;
    }
    if (point.lower !== null && point.upper !== null)
      shapes.push({
        kind: 'path',
        d: line(x(i), y(point.lower), x(i), y(point.upper)),
        stroke: PALETTE.interval,
        strokeWidth: 3,
      });
    shapes.push({
      kind: 'path',
      d: rectangle(x(i) - 2.5, y(point.estimate) - 2.5, 5, 5),
      fill: PALETTE.accent,
      title: `${point.round}: ${percent(point.estimate)}`,
    });
  });
  return {
    width,
    height,
    shapes,
    description: `${label} by round: ${points.map((point) => `${point.round} ${point.estimate === null ? 'not shown' : percent(point.estimate)}`).join(', ')}`,
  };
}

/** Shares as horizontal bars with their 95% intervals as whiskers. */
export function shareBarChart(
  bars: readonly { label: string; estimate: number | null; lower: number | null; upper: number | null }[],
  width = 500,
): Chart {
  const rowHeight = 16;
  const labelWidth = 210;
  const plotWidth = width - labelWidth - 40;
  const height = bars.length * rowHeight + 16;
  const x = (value: number) => labelWidth + plotWidth * Math.min(1, Math.max(0, value));
  const shapes: Shape[] = [];
  for (const value of [0, 0.25, 0.5, 0.75, 1]) {
    shapes.push({
      kind: 'path',
      d: line(x(value), 0, x(value), height - 14),
      stroke: PALETTE.grid,
      strokeWidth: 0.5,
    });
    shapes.push({
      kind: 'text',
      x: x(value),
      y: height - 3,
      text: percent(value),
      size: 7,
      anchor: 'middle',
      fill: PALETTE.muted,
    });
  }
  bars.forEach((bar, i) => {
    const top = i * rowHeight + 2;
    shapes.push({
      kind: 'text',
      x: labelWidth - 6,
      y: top + 10,
      text: bar.label,
      size: 8,
      anchor: 'end',
      fill: PALETTE.ink,
    });
    if (bar.estimate === null) {
      shapes.push({
        kind: 'text',
        x: labelWidth + 4,
        y: top + 10,
        text: 'withheld (too few interviews)',
        size: 7,
        fill: PALETTE.suppressed,
      });
      return;
    }
    shapes.push({
      kind: 'path',
      d: rectangle(labelWidth, top + 2, x(bar.estimate) - labelWidth, rowHeight - 6),
      fill: PALETTE.interval,
    });
    if (bar.lower !== null && bar.upper !== null)
      shapes.push({
        kind: 'path',
        d: line(x(bar.lower), top + 7, x(bar.upper), top + 7),
        stroke: PALETTE.ink,
        strokeWidth: 1,
      });
    shapes.push({
      kind: 'text',
      x: x(bar.upper ?? bar.estimate) + 4,
      y: top + 10,
      text: percent(bar.estimate),
      size: 7,
      fill: PALETTE.ink,
    });
  });
  return {
    width,
    height,
    shapes,
    description: bars
      .map((bar) => `${bar.label}: ${bar.estimate === null ? 'withheld' : percent(bar.estimate)}`)
      .join('; '),
  };
}

export interface ProvinceFeature {
  type: 'Feature';
  properties: { code: string; name: string } & Record<string, unknown>;
  geometry: GeoPermissibleObjects & { type: string; coordinates: unknown };
}

/**
 * d3-geo takes a ring's winding as which side is inside and wants exteriors clockwise, the reverse
 * of RFC 7946 GeoJSON: rings are reversed before drawing (as the web overview map does).
 */
function forSphericalDrawing(feature: ProvinceFeature): ProvinceFeature {
  type Ring = [number, number][];
  const reverse = (polygon: Ring[]) => polygon.map((ring) => [...ring].reverse());
  const geometry = feature.geometry as { type: string; coordinates: unknown };
  if (geometry.type === 'Polygon')
    return {
      ...feature,
      geometry: { type: 'Polygon', coordinates: reverse(geometry.coordinates as Ring[]) },
    } as ProvinceFeature;
  if (geometry.type === 'MultiPolygon')
    return {
      ...feature,
      geometry: { type: 'MultiPolygon', coordinates: (geometry.coordinates as Ring[][]).map(reverse) },
    } as ProvinceFeature;
  return feature;
}

/**
 * Origin provinces coloured by interviews (suppressed provinces hatched grey), on the provinces of
 * the countries where any interview came from, in a Mercator projection fitted to them.
 */
export function provinceMap(
  features: readonly ProvinceFeature[],
  counts: readonly { code: string; interviews: number | null }[],
  width = 260,
  height = 240,
): Chart {
  const byCode = new Map(counts.map((item) => [item.code, item.interviews]));
  const countries = new Set(counts.map((item) => item.code.slice(0, 2)));
  const drawn = features
    .filter((feature) => countries.has(String(feature.properties.code).slice(0, 2)))
    .map(forSphericalDrawing);
  const shapes: Shape[] = [];
  if (drawn.length === 0)
    return {
      width,
      height,
      shapes: [{ kind: 'text', x: 4, y: 14, text: 'No origin provinces recorded', size: 8 }],
      description: 'no map',
    };
  const collection = { type: 'FeatureCollection', features: drawn } as unknown as GeoPermissibleObjects;
  const projection = geoMercator().fitSize([width, height - 24], collection);
  const path = geoPath(projection);
  const values = counts.flatMap((item) => (item.interviews === null ? [] : [item.interviews]));
  const maximum = Math.max(1, ...values);
  const colour = (value: number | null | undefined) => {
    if (value === null) return PALETTE.suppressed;
    if (!value) return PALETTE.map[0];
    return PALETTE.map[Math.min(5, 1 + Math.floor((4.999 * value) / maximum))];
  };
  for (const feature of drawn) {
    const d = path(feature as unknown as GeoPermissibleObjects);
    if (!d) continue;
    const value = byCode.get(feature.properties.code);
    shapes.push({
      kind: 'path',
      d,
      fill: colour(value),
      stroke: '#777777',
      strokeWidth: 0.3,
      title: `${feature.properties.name}: ${value === null ? `fewer than the threshold` : (value ?? 0)}`,
    });
  }
  const legend = [
    { colour: PALETTE.map[0], text: 'none' },
    { colour: PALETTE.map[3], text: `up to ${maximum}` },
    { colour: PALETTE.suppressed, text: 'suppressed (small)' },
  ];
  legend.forEach((item, i) => {
    const x = 4 + i * 85;
    shapes.push({
      kind: 'path',
      d: rectangle(x, height - 14, 10, 10),
      fill: item.colour,
      stroke: '#777777',
      strokeWidth: 0.3,
    });
    shapes.push({ kind: 'text', x: x + 14, y: height - 6, text: item.text, size: 7, fill: PALETTE.muted });
  });
  return {
    width,
    height,
    shapes,
    description: `Map of interviews by origin province: ${counts
      .slice(0, 8)
      .map((item) => `${item.code} ${item.interviews ?? 'suppressed'}`)
      .join(', ')}`,
  };
}
