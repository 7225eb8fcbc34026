/** A chart's shapes as a standalone, accessible SVG element (role img, with a title). */
import type { Chart } from './chart-shapes.ts';

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderChartSvg(chart: Chart): string {
  const body = chart.shapes
    .map((shape) => {
      if (shape.kind === 'text')
        return `<text x="${shape.x}" y="${shape.y}" font-size="${shape.size}" text-anchor="${shape.anchor ?? 'start'}" fill="${shape.fill ?? '#222'}"${shape.bold ? ' font-weight="bold"' : ''}>${escapeXml(shape.text)}</text>`;
      const title = shape.title ? `<title>${escapeXml(shape.title)}</title>` : '';
      return `<path d="${shape.d}" fill="${shape.fill ?? 'none'}"${shape.stroke ? ` stroke="${shape.stroke}" stroke-width="${shape.strokeWidth ?? 1}"` : ''}>${title}</path>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${chart.width} ${chart.height}" width="${chart.width}" height="${chart.height}" role="img" aria-label="${escapeXml(chart.description)}" font-family="Helvetica, Arial, sans-serif">${body}</svg>`;
}
