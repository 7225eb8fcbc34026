import { administrationRoutes } from './handlers/administration.ts';
import { estimateRoutes } from './handlers/estimates.ts';
import { linkageRoutes } from './handlers/linkage.ts';
import { networkRoutes } from './handlers/network.ts';
import { overviewRoutes } from './handlers/overview.ts';
import { publicRoutes } from './handlers/public.ts';
import { recordRoutes } from './handlers/records.ts';
import { sentinelRoutes } from './handlers/sentinel.ts';
import { sentinelReportRoutes } from './handlers/sentinel-reports.ts';
import { sessionRoutes } from './handlers/session.ts';
import type { AnyRoute } from './route-types.ts';

/**
 * The route table: every route of the API with the access it requires (see `access.ts`). The
 * request pipeline enforces it for every route, the OpenAPI description is generated from it, and
 * the authorisation-matrix test walks it, so a route cannot be added without saying who may call it.
 */
export const ROUTES: readonly AnyRoute[] = [
  ...publicRoutes,
  ...sessionRoutes,
  ...overviewRoutes,
  ...recordRoutes,
  ...linkageRoutes,
  ...administrationRoutes,
  ...networkRoutes,
  ...estimateRoutes,
  ...sentinelReportRoutes,
  ...sentinelRoutes,
];
