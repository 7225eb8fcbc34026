import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { type ProvinceFeature, renderDatasheetHtml, renderDatasheetPdf } from '../../reports/index.ts';
import { type AnyHandlerContext, defineRoute } from '../route-types.ts';
import {
  roundIndicatorsBody,
  sentinelDatasheet,
  sentinelRoundIndicators,
} from '../services/sentinel-reports.ts';

/**
 * Sentinel reports over HTTP. Indicators (every estimate with its interval, by every breakdown) are
 * for analysts and administrators of the organisation that runs the site; the data sheet, which
 * passes disclosure control (small cells suppressed, estimates on few interviews withheld, brokers
 * by pseudonym), is what every role may read, readers included. A round of another organisation (or,
 * for a field researcher, of another site) does not exist for the caller (404).
 */
const roundParams = z.object({ id: z.string().regex(/^\d+$/, 'a round id').max(20) });
const indicatorsQuery = z.object({
  by: z
    .string()
    .max(200)
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(z.enum(['site', 'sex', 'age_group', 'destination'])))
    .optional(),
  rules: z.string().max(200).optional().describe('rule set id or fingerprint'),
});
const datasheetQuery = z.object({
  format: z.enum(['html', 'pdf', 'json']).default('html'),
  rules: z.string().max(200).optional().describe('rule set id or fingerprint'),
});
const indicatorsResponse = z.object({
  site: z.string(),
  round: z.string(),
  ruleSet: z
    .object({ id: z.string(), version: z.string(), title: z.string(), fingerprint: z.string() })
    .nullable(),
  interviews: z.number(),
  determinations: z.record(z.string(), z.number()),
  indicators: z.array(z.record(z.string(), z.unknown())),
  brokerFees: z.record(z.string(), z.unknown()),
  officialCount: z.number().nullable(),
  extrapolated: z.record(z.string(), z.unknown()).nullable(),
  trends: z.array(z.record(z.string(), z.unknown())),
  warnings: z.array(z.string()),
});

let boundaries: { path: string; features: ProvinceFeature[] } | undefined;

/** The admin-1 boundaries for the origin map; none (no map) until the build step has made them. */
async function provinceFeatures(path: string): Promise<ProvinceFeature[]> {
  if (boundaries?.path === path) return boundaries.features;
  try {
    boundaries = { path, features: JSON.parse(await readFile(path, 'utf8')).features };
  } catch {
    return [];
  }
  return boundaries.features;
}

function scopeOf(context: AnyHandlerContext) {
  const user = context.user;
  return { organisationId: Number(user?.organisationId), site: user?.site ?? null };
}

export const sentinelReportRoutes = [
  defineRoute({
    id: 'sentinel.indicators',
    method: 'GET',
    url: '/api/sentinel/rounds/:id/indicators',
    tag: 'sentinel',
    summary:
      "A round's indicators: design-based shares with 95% intervals overall and by site, sex, age group and destination, broker fees, the extrapolation to the site's official count, trends and the change from the previous round (not suppressed: analysts and administrators)",
    access: { kind: 'session', permission: 'sentinel:indicators', scope: 'records' },
    rateLimit: 'heavy',
    params: roundParams,
    query: indicatorsQuery,
    response: indicatorsResponse,
    handler: async (context) => {
      const { params, query, store } = context;
      const report = await sentinelRoundIndicators(
        store.database,
        { scope: scopeOf(context), round: params.id, ...(query.rules ? { ruleSet: query.rules } : {}) },
        query.by,
      );
      return JSON.parse(JSON.stringify(roundIndicatorsBody(report)));
    },
  }),
  defineRoute({
    id: 'sentinel.datasheet',
    method: 'GET',
    url: '/api/sentinel/rounds/:id/datasheet',
    tag: 'sentinel',
    summary:
      "The round's site data sheet for readers (HTML, PDF, or its model as JSON): key figures with intervals, trends, origin map, routes, broker payments, method; small cells suppressed",
    access: { kind: 'session', permission: 'sentinel:datasheet', scope: 'records' },
    rateLimit: 'heavy',
    params: roundParams,
    query: datasheetQuery,
    response: z.string().describe('the data sheet (text/html, application/pdf or application/json)'),
    contentType: 'text/html; charset=utf-8',
    handler: async (context) => {
      const { params, query, store, reply, user, request, resources } = context;
      const provinces = await provinceFeatures(resources.geoFile);
      const model = await sentinelDatasheet(
        store.database,
        store.cipher,
        { scope: scopeOf(context), round: params.id, ...(query.rules ? { ruleSet: query.rules } : {}) },
        {
          provinces,
          generatedOn: new Date().toISOString().slice(0, 10),
          audit: {
            actor: user?.email ?? 'unknown',
            organisationId: user?.organisationId ?? null,
            address: request.ip,
          },
        },
      );
      if (query.format === 'json')
        reply.header('content-type', 'application/json').send(JSON.stringify(model));
      else if (query.format === 'pdf')
        reply
          .header('content-type', 'application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="datasheet-${model.site.code}-${model.round.label}.pdf"`,
          )
          .send(await renderDatasheetPdf(model, provinces));
      else
        reply.header('content-type', 'text/html; charset=utf-8').send(renderDatasheetHtml(model, provinces));
      return undefined;
    },
  }),
];
