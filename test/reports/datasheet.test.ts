import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDatasheetHtml, renderDatasheetPdf } from '../../src/reports/index.ts';
import { provinceFeatures, syntheticDatasheet } from './datasheet-synthetic.ts';

const model = syntheticDatasheet();
const provinces = provinceFeatures();

describe('site data sheet', () => {
  it('carries the key figures with intervals and nothing a reader may not see', () => {
    const trafficked = model.keyFigures.find((item) => item.key === 'trafficked')!;
    expect(trafficked.estimate).toBeGreaterThan(0.1);
    expect(trafficked.lower).toBeLessThan(trafficked.estimate!);
    const number = model.keyFigures.find((item) => item.key === 'trafficked_number')!;
    expect(number.estimate).toBeCloseTo(trafficked.estimate! * model.round.officialCount!, 6);
    // Small counts: no province or route with 1–4 interviews is shown, and complements exist.
    for (const item of [...model.originProvinces, ...model.routes])
      if (item.interviews !== null) expect(item.interviews === 0 || item.interviews >= 5).toBe(true);
    expect(model.disclosure.suppressedCells).toBeGreaterThan(0);
    // Domains on fewer than 25 interviews are withheld.
    for (const breakdown of model.traffickedBy)
      for (const row of breakdown.rows) if (row.base < 25) expect(row.estimate).toBeNull();
    for (const broker of model.brokers) expect(broker.respondents).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(model)).not.toMatch(/"(names|phones|villages)"/);
  });

  it('renders HTML with the figures, the trend charts and the method', () => {
    const html = renderDatasheetHtml(model, provinces);
    expect(html).toContain('<h1>Poipet: sentinel surveillance, round R2</h1>');
    const trafficked = model.keyFigures.find((item) => item.key === 'trafficked')!;
    expect(html).toContain(`${(100 * trafficked.estimate!).toFixed(1)}% (95% CI`);
    expect(html.match(/<svg /g)!.length).toBeGreaterThanOrEqual(model.trends.length + 1);
    expect(html).toContain('ILO');
    expect(html).not.toMatch(/<script/);
  });

  it('renders a PDF of a few pages', async () => {
    const pdf = await renderDatasheetPdf(model, provinces);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(6);
    if (process.env.SIREN_DATASHEET_OUT) {
      writeFileSync(`${process.env.SIREN_DATASHEET_OUT}.pdf`, pdf);
      writeFileSync(`${process.env.SIREN_DATASHEET_OUT}.html`, renderDatasheetHtml(model, provinces));
    }
  });
});
