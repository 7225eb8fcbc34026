/**
 * The site data sheet as a PDF (pdfkit, vector charts from the same shapes as the HTML version):
 * A4 pages of key figures, trafficking by group, trend charts, the origin map with top provinces and
 * routes, broker payments, the other indicators and the method. Renders a {@link DatasheetModel},
 * which is already suppressed for readers. Text uses the PDF standard Helvetica (WinAnsi), so
 * characters outside it (arrows, ≥) are written in ASCII.
 */
import PDFDocument from 'pdfkit';
import { type Chart, type ProvinceFeature, provinceMap, shareBarChart, trendChart } from './chart-shapes.ts';
import type { DatasheetModel } from './datasheet-model.ts';
import { formatCount, formatEstimate, formatMoney } from './format.ts';

type Document = InstanceType<typeof PDFDocument>;

const MARGIN = 42;
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN;

function winAnsi(text: string): string {
  return text
    .replace(/→/g, '->')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[^\x20-\x7e\u00a0-\u00ff–—‘’“”•…·]/g, '?');
}

function ensureSpace(doc: Document, height: number): void {
  if (doc.y + height > PAGE_HEIGHT - MARGIN) doc.addPage();
}

function heading(doc: Document, title: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(12).fillColor('#222222').text(winAnsi(title), MARGIN, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(PAGE_WIDTH - MARGIN, y)
    .lineWidth(0.5)
    .stroke('#bbbbbb');
  doc.y = y + 6;
}

function paragraph(doc: Document, text: string, size = 9, colour = '#222222'): void {
  ensureSpace(doc, size * 3);
  doc
    .font('Helvetica')
    .fontSize(size)
    .fillColor(colour)
    .text(winAnsi(text), MARGIN, doc.y, { width: CONTENT_WIDTH });
  doc.moveDown(0.3);
}

/** A table of rows; columns as fractions of `width`, numeric columns right-aligned. */
function table(
  doc: Document,
  headers: string[],
  rows: string[][],
  columns: number[],
  options: { x?: number; width?: number; numeric?: number[] } = {},
): void {
  const x0 = options.x ?? MARGIN;
  const width = options.width ?? CONTENT_WIDTH;
  const numeric = options.numeric ?? [];
  const rowHeight = 13;
  const draw = (cells: string[], bold: boolean) => {
    ensureSpace(doc, rowHeight);
    const y = doc.y;
    let x = x0;
    cells.forEach((cell, i) => {
      const cellWidth = columns[i] * width;
      doc
        .font(bold || i === 0 ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(8)
        .fillColor('#222222')
        .text(winAnsi(cell), x + 2, y + 3, {
          width: cellWidth - 4,
          align: numeric.includes(i) ? 'right' : 'left',
          lineBreak: false,
          ellipsis: true,
        });
      x += cellWidth;
    });
    doc
      .moveTo(x0, y + rowHeight)
      .lineTo(x0 + width, y + rowHeight)
      .lineWidth(0.3)
      .stroke(bold ? '#999999' : '#e5e5e5');
    doc.y = y + rowHeight;
  };
  draw(headers, true);
  for (const row of rows) draw(row, false);
  doc.x = MARGIN;
  doc.moveDown(0.4);
}

/** Draws a chart's shapes with its top left corner at (x, y). */
function drawChart(doc: Document, chart: Chart, x: number, y: number): void {
  const [cursorX, cursorY] = [doc.x, doc.y];
  doc.save();
  doc.translate(x, y);
  for (const shape of chart.shapes) {
    if (shape.kind === 'path') {
      doc.path(shape.d);
      if (shape.fill && shape.stroke)
        doc.lineWidth(shape.strokeWidth ?? 1).fillAndStroke(shape.fill, shape.stroke);
      else if (shape.fill) doc.fill(shape.fill);
      else if (shape.stroke) doc.lineWidth(shape.strokeWidth ?? 1).stroke(shape.stroke);
      continue;
    }
    const content = winAnsi(shape.text);
    doc
      .font(shape.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(shape.size)
      .fillColor(shape.fill ?? '#222222');
    const textWidth = doc.widthOfString(content);
    const left =
      shape.anchor === 'middle'
        ? shape.x - textWidth / 2
        : shape.anchor === 'end'
          ? shape.x - textWidth
          : shape.x;
    doc.text(content, left, shape.y - shape.size * 0.78, { lineBreak: false });
  }
  doc.restore();
  // Text moves pdfkit's cursor (in the chart's coordinates): put it back.
  doc.x = cursorX;
  doc.y = cursorY;
}

/** Renders the data sheet; `provinces` are the admin-1 boundaries (the map is left out without them). */
export function renderDatasheetPdf(
  model: DatasheetModel,
  provinces: readonly ProvinceFeature[] = [],
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: winAnsi(model.title),
      Author: 'SIREN',
      Subject: 'Sentinel surveillance data sheet',
      CreationDate: new Date(`${model.generatedOn.slice(0, 10)}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const threshold = model.disclosure.threshold;
  const round = model.round;

  doc.font('Helvetica-Bold').fontSize(17).fillColor('#222222').text(winAnsi(model.title), MARGIN, MARGIN);
  paragraph(
    doc,
    `${model.site.populationServed} · ${round.startDate ?? '?'} to ${round.endDate ?? '?'} · ${round.interviews} interviews${round.targetSample ? ` (target ${round.targetSample})` : ''}${round.officialCount === null ? '' : ` · official count ${round.officialCount.toLocaleString('en')}`}`,
    9,
    '#555555',
  );

  heading(doc, 'Key figures');
  table(
    doc,
    ['Indicator', 'Estimate'],
    model.keyFigures.map((item) => [item.label, formatEstimate(item, item.kind)]),
    [0.6, 0.4],
    { numeric: [1] },
  );
  paragraph(
    doc,
    `Determinations: ${model.determinations.trafficked} trafficked, ${model.determinations.notTrafficked} not trafficked, ${model.determinations.undetermined} undetermined. [Brackets]: fewer than ${model.disclosure.reliableBase} interviews.`,
    8,
    '#555555',
  );

  if (model.traffickedBy.length > 0) {
    heading(doc, 'Share trafficked by group');
    for (const breakdown of model.traffickedBy) {
      const name = breakdown.variable.replace('_', ' ');
      table(
        doc,
        [name, 'Share trafficked (95% CI)', 'Interviews'],
        breakdown.rows.map((row) => [row.domain, formatEstimate(row), String(row.base)]),
        [0.3, 0.5, 0.2],
        { numeric: [1, 2], width: CONTENT_WIDTH * 0.75 },
      );
    }
  }

  if (model.trends.length > 0) {
    heading(doc, 'Trends across rounds');
    const chartWidth = CONTENT_WIDTH / 2 - 8;
    for (let i = 0; i < model.trends.length; i += 2) {
      ensureSpace(doc, 185);
      const top = doc.y;
      model.trends.slice(i, i + 2).forEach((trend, k) => {
        const x = MARGIN + k * (chartWidth + 16);
        drawChart(doc, trendChart(trend.label, trend.points, chartWidth, 150), x, top);
        if (trend.change)
          doc
            .font('Helvetica')
            .fontSize(7)
            .fillColor('#555555')
            .text(
              winAnsi(
                `Change from the previous round: ${(100 * trend.change.difference).toFixed(1)} points (95% CI ${(100 * trend.change.lower).toFixed(1)} to ${(100 * trend.change.upper).toFixed(1)}), p = ${trend.change.pValue.toFixed(3)}`,
              ),
              x,
              top + 154,
              { width: chartWidth },
            );
      });
      doc.x = MARGIN;
      doc.y = top + 180;
    }
  }

  heading(doc, 'Where people came from');
  ensureSpace(doc, 250);
  const mapTop = doc.y;
  if (provinces.length > 0)
    drawChart(doc, provinceMap(provinces, model.originProvinces, 250, 240), MARGIN, mapTop);
  const tableX = provinces.length > 0 ? MARGIN + 265 : MARGIN;
  const tableWidth = PAGE_WIDTH - MARGIN - tableX;
  table(
    doc,
    ['Origin province', 'Interviews'],
    model.originProvinces.slice(0, 8).map((item) => [item.name, formatCount(item.interviews, threshold)]),
    [0.7, 0.3],
    { x: tableX, width: tableWidth, numeric: [1] },
  );
  doc.y = Math.max(doc.y, mapTop);
  table(
    doc,
    ['Top routes', 'Interviews'],
    model.routes.slice(0, 6).map((item) => [item.route, formatCount(item.interviews, threshold)]),
    [0.7, 0.3],
    { x: tableX, width: tableWidth, numeric: [1] },
  );
  doc.y = Math.max(doc.y, mapTop + 250);

  heading(doc, 'Broker payments');
  paragraph(
    doc,
    `Mean fee paid by those who paid a broker: ${formatEstimate(model.brokerFees, 'money')}; median ${formatMoney(model.brokerFees.median)}.`,
  );
  if (model.brokers.length > 0)
    table(
      doc,
      ['Broker (pseudonym)', 'Named by respondents', 'Median fee'],
      model.brokers.map((broker) => [
        broker.brokerId,
        String(broker.respondents),
        formatMoney(broker.medianFee),
      ]),
      [0.4, 0.3, 0.3],
      { numeric: [1, 2], width: CONTENT_WIDTH * 0.7 },
    );
  else paragraph(doc, `No broker was named by ${threshold} or more respondents.`, 8, '#555555');

  for (const group of model.indicatorGroups) {
    const chart = shareBarChart(group.figures, CONTENT_WIDTH);
    ensureSpace(doc, chart.height + 50);
    heading(doc, group.group);
    drawChart(doc, chart, MARGIN, doc.y);
    doc.y += chart.height + 6;
    doc.x = MARGIN;
  }

  heading(doc, 'Method');
  for (const text of model.method) paragraph(doc, text);
  if (model.ruleSet) paragraph(doc, `Rule set fingerprint ${model.ruleSet.fingerprint}.`, 7, '#555555');
  paragraph(doc, `Generated ${model.generatedOn} by SIREN.`, 7, '#555555');
  doc.end();
  return finished;
}
