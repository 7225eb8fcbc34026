import type { SECTOR_CODES } from '../domain/fields.ts';
import type { Country } from './places.ts';

export type Sector = (typeof SECTOR_CODES)[number];

/**
 * Migration routes of the synthetic world: origin country, destination, the border crossing used
 * (null: by air or sea without a land crossing), where migrants end up, which sectors the route
 * feeds and how much riskier than average it is. Shares are of the origin country's migrants.
 */
export interface Route {
  id: string;
  origin: Country;
  destination: Country;
  crossing: string | null;
  share: number;
  destinationProvinces: readonly string[];
  /** Multipliers of the sector weights for migrants on this route. */
  sectorBoost: Partial<Record<Sector, number>>;
  /** Added to the log-odds of being trafficked. */
  victimEffect: number;
}

export const ORIGIN_SHARES: Record<Country, number> = {
  KH: 0.34,
  MM: 0.27,
  LA: 0.14,
  VN: 0.13,
  CN: 0.06,
  TH: 0.06,
};

export const ORIGIN_PROVINCES: Record<Country, readonly string[]> = {
  KH: ['KH-1', 'KH-2', 'KH-3', 'KH-6', 'KH-14', 'KH-17', 'KH-20', 'KH-21', 'KH-22'],
  MM: ['MM-02', 'MM-05', 'MM-06', 'MM-07', 'MM-13', 'MM-15', 'MM-17'],
  LA: ['LA-BK', 'LA-CH', 'LA-KH', 'LA-LP', 'LA-SL', 'LA-SV', 'LA-VI'],
  VN: ['VN-02', 'VN-09', 'VN-13', 'VN-21', 'VN-22', 'VN-23', 'VN-44'],
  CN: ['CN-YN', 'CN-GX'],
  TH: ['TH-30', 'TH-34', 'TH-40', 'TH-57'],
};

export const ROUTES: readonly Route[] = [
  r('KH-TH-poipet', 'KH', 'TH', 'KH-TH-01', 0.55, ['TH-10', 'TH-20', 'TH-27', 'TH-74', 'TH-90'], {}, 0),
  r('KH-TH-osmach', 'KH', 'TH', 'KH-TH-03', 0.12, ['TH-30', 'TH-10', 'TH-34'], { agriculture: 2 }, -0.2),
  r('KH-TH-chamyeam', 'KH', 'TH', 'KH-TH-02', 0.13, ['TH-20', 'TH-90', 'TH-74'], { fishing: 3 }, 0.2),
  r('KH-VN-bavet', 'KH', 'VN', 'KH-VN-01', 0.08, ['VN-SG'], { factory: 2, begging: 2 }, 0),
  r('KH-CN-air', 'KH', 'CN', null, 0.12, ['CN-GX', 'CN-YN'], { other: 4, domestic_work: 2 }, 0.5),
  r('MM-TH-maesot', 'MM', 'TH', 'TH-MM-01', 0.45, ['TH-63', 'TH-10', 'TH-74'], { factory: 2 }, 0),
  r('MM-TH-ranong', 'MM', 'TH', 'TH-MM-03', 0.2, ['TH-85', 'TH-90', 'TH-74'], { fishing: 4 }, 0.3),
  r('MM-TH-maesai', 'MM', 'TH', 'TH-MM-02', 0.15, ['TH-57', 'TH-10'], { entertainment_sex_work: 2 }, 0.1),
  r('MM-CN-ruili', 'MM', 'CN', 'CN-MM-01', 0.2, ['CN-YN'], { other: 3, factory: 1.5 }, 0.4),
  r(
    'LA-TH-nongkhai',
    'LA',
    'TH',
    'TH-LA-02',
    0.45,
    ['TH-10', 'TH-40', 'TH-20'],
    { domestic_work: 2, entertainment_sex_work: 2 },
    0,
  ),
  r('LA-TH-mukdahan', 'LA', 'TH', 'TH-LA-01', 0.25, ['TH-10', 'TH-20', 'TH-30'], {}, -0.1),
  r('LA-TH-chongmek', 'LA', 'TH', 'TH-LA-05', 0.15, ['TH-34', 'TH-10'], { agriculture: 2 }, -0.2),
  r('LA-CN-boten', 'LA', 'CN', 'LA-CN-01', 0.15, ['CN-YN'], { other: 3 }, 0.4),
  r('VN-CN-laocai', 'VN', 'CN', 'VN-CN-01', 0.4, ['CN-YN'], { other: 2, factory: 2 }, 0.3),
  r('VN-CN-mongcai', 'VN', 'CN', 'VN-CN-02', 0.4, ['CN-GX'], { other: 2, factory: 2 }, 0.3),
  r(
    'VN-KH-bavet',
    'VN',
    'KH',
    'KH-VN-01',
    0.2,
    ['KH-12', 'KH-18'],
    { other: 3, entertainment_sex_work: 2 },
    0.6,
  ),
  r('CN-MM-ruili', 'CN', 'MM', 'CN-MM-01', 0.5, ['MM-17'], { other: 6 }, 1),
  r('CN-KH-air', 'CN', 'KH', null, 0.5, ['KH-18', 'KH-12'], { other: 6 }, 0.9),
  r('TH-MM-maesot', 'TH', 'MM', 'TH-MM-01', 0.5, ['MM-13'], { other: 6 }, 1),
  r(
    'TH-KH-poipet',
    'TH',
    'KH',
    'KH-TH-01',
    0.5,
    ['KH-1', 'KH-12'],
    { entertainment_sex_work: 2, other: 3 },
    0.5,
  ),
];

function r(
  id: string,
  origin: Country,
  destination: Country,
  crossing: string | null,
  share: number,
  destinationProvinces: string[],
  sectorBoost: Partial<Record<Sector, number>>,
  victimEffect: number,
): Route {
  return { id, origin, destination, crossing, share, destinationProvinces, sectorBoost, victimEffect };
}

export const ROUTES_BY_ORIGIN: ReadonlyMap<Country, readonly Route[]> = (() => {
  const map = new Map<Country, Route[]>();
  for (const route of ROUTES) {
    const list = map.get(route.origin) ?? [];
    list.push(route);
    map.set(route.origin, list);
  }
  return map;
})();

export const ROUTE_INDEX: ReadonlyMap<string, number> = new Map(ROUTES.map((route, i) => [route.id, i]));
