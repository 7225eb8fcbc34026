/**
 * Publications: models of what readers see (already through disclosure control) and their
 * renderers to HTML and PDF. Imports analytics and domain only; the data is gathered by services.
 */
export {
  type Chart,
  type ProvinceFeature,
  provinceMap,
  type Shape,
  shareBarChart,
  trendChart,
} from './chart-shapes.ts';
export {
  buildDatasheetModel,
  type DatasheetBreakdown,
  type DatasheetEstimate,
  type DatasheetFigure,
  type DatasheetInput,
  type DatasheetModel,
  type DatasheetTrend,
} from './datasheet-model.ts';
export { renderDatasheetHtml } from './render-datasheet-html.ts';
export { renderDatasheetPdf } from './render-datasheet-pdf.ts';
export { renderChartSvg } from './render-svg.ts';
