/**
 * The site data sheet as one self-contained HTML page (inline CSS and SVG charts, no scripts, no
 * external requests): key figures with intervals, trafficking by sex, age group and destination,
 * trend charts across rounds, the map of origin provinces, top routes, broker payments, the other
 * indicators, and the method and rule set. Renders a {@link DatasheetModel}, which is already
 * suppressed for readers.
 */
import { type ProvinceFeature, provinceMap, shareBarChart, trendChart } from './chart-shapes.ts';
import type { DatasheetModel } from './datasheet-model.ts';
import { formatCount, formatEstimate, formatMoney } from './format.ts';
import { escapeXml, renderChartSvg } from './render-svg.ts';

const STYLE = `body{font-family:Helvetica,Arial,sans-serif;color:#222;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.1rem;border-bottom:1px solid #ccc;padding-bottom:.2rem;margin-top:1.6rem}
.meta{color:#555}table{border-collapse:collapse;margin:.5rem 0}th,td{padding:.2rem .6rem;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}.grid{display:flex;flex-wrap:wrap;gap:1rem}.note{color:#555;font-size:.85rem}`;

const text = (value: string) => escapeXml(value);

function table(headers: string[], rows: string[][], numeric: number[] = []): string {
  const head = headers.map((header) => `<th scope="col">${text(header)}</th>`).join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${text(cell)}</th>` : `<td${numeric.includes(i) ? ' class="n"' : ''}>${text(cell)}</td>`)).join('')}</tr>`,
    )
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** The page; `provinces` are the admin-1 boundaries (the map is left out without them). */
export function renderDatasheetHtml(
  model: DatasheetModel,
  provinces: readonly ProvinceFeature[] = [],
): string {
  const threshold = model.disclosure.threshold;
  const round = model.round;
  const sections: string[] = [];
  sections.push(
    `<h1>${text(model.title)}</h1><p class="meta">${text(model.site.populationServed)} · ${text(round.startDate ?? '?')} to ${text(round.endDate ?? '?')} · ${round.interviews} interviews${round.targetSample ? ` (target ${round.targetSample})` : ''}${round.officialCount === null ? '' : ` · official count ${round.officialCount.toLocaleString('en')}`}</p>`,
  );
  sections.push(
    `<h2>Key figures</h2>${table(
      ['Indicator', 'Estimate'],
      model.keyFigures.map((item) => [item.label, formatEstimate(item, item.kind)]),
      [1],
    )}<p class="note">Determinations: ${model.determinations.trafficked} trafficked, ${model.determinations.notTrafficked} not trafficked, ${model.determinations.undetermined} undetermined. [Brackets]: fewer than ${model.disclosure.reliableBase} interviews.</p>`,
  );
  if (model.traffickedBy.length > 0)
    sections.push(
      `<h2>Share trafficked by group</h2><div class="grid">${model.traffickedBy
        .map(
          (breakdown) =>
            `<div><h3>${text(breakdown.variable.replace('_', ' '))}</h3>${table(
              [breakdown.variable.replace('_', ' '), 'Share trafficked', 'Interviews'],
              breakdown.rows.map((row) => [row.domain, formatEstimate(row), String(row.base)]),
              [1, 2],
            )}</div>`,
        )
        .join('')}</div>`,
    );
  if (model.trends.length > 0)
    sections.push(
      `<h2>Trends across rounds</h2><div class="grid">${model.trends
        .map((trend) => {
          const change = trend.change
            ? `<p class="note">Change from the previous round: ${(100 * trend.change.difference).toFixed(1)} points (95% CI ${(100 * trend.change.lower).toFixed(1)} to ${(100 * trend.change.upper).toFixed(1)}), p = ${trend.change.pValue.toFixed(3)}</p>`
            : '';
          return `<figure>${renderChartSvg(trendChart(trend.label, trend.points))}${change}</figure>`;
        })
        .join('')}</div>`,
    );
  sections.push(
    `<h2>Where people came from</h2><div class="grid">${provinces.length > 0 ? `<figure>${renderChartSvg(provinceMap(provinces, model.originProvinces))}</figure>` : ''}<div>${table(
      ['Origin province', 'Interviews'],
      model.originProvinces.slice(0, 12).map((item) => [item.name, formatCount(item.interviews, threshold)]),
      [1],
    )}<h3>Top routes</h3>${table(
      ['Route', 'Interviews'],
      model.routes.map((item) => [item.route, formatCount(item.interviews, threshold)]),
      [1],
    )}</div></div>`,
  );
  sections.push(
    `<h2>Broker payments</h2><p>Mean fee paid by those who paid a broker: ${text(formatEstimate(model.brokerFees, 'money'))}; median ${text(formatMoney(model.brokerFees.median))}.</p>${
      model.brokers.length > 0
        ? table(
            ['Broker (pseudonym)', 'Named by respondents', 'Median fee'],
            model.brokers.map((broker) => [
              broker.brokerId,
              String(broker.respondents),
              formatMoney(broker.medianFee),
            ]),
            [1, 2],
          )
        : `<p class="note">No broker was named by ${threshold} or more respondents.</p>`
    }`,
  );
  for (const group of model.indicatorGroups)
    sections.push(
      `<h2>${text(group.group)}</h2>${renderChartSvg(shareBarChart(group.figures))}${table(
        ['Indicator', 'Estimate'],
        group.figures.map((item) => [item.label, formatEstimate(item)]),
        [1],
      )}`,
    );
  sections.push(
    `<h2>Method</h2>${model.method.map((paragraph) => `<p>${text(paragraph)}</p>`).join('')}${
      model.ruleSet ? `<p class="note">Rule set fingerprint ${text(model.ruleSet.fingerprint)}.</p>` : ''
    }<p class="note">Generated ${text(model.generatedOn)} by SIREN.</p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${text(model.title)}</title><style>${STYLE}</style></head><body>${sections.join('\n')}</body></html>\n`;
}
