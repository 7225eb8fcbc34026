import { EXTRA_VARIANTS, NATIVE_NAMES_ADDED, UNITS_WITHOUT_POLYGON } from './corrections.ts';
import { BORDER_CROSSINGS } from './crossings.ts';
import { NATURAL_EARTH_PROVINCES } from './provinces.generated.ts';
import type { BorderCrossing, ProvinceRow } from './types.ts';

/** A GMS admin-1 unit of SIREN's gazetteer. */
export interface Province extends ProvinceRow {
  /** False for units that exist but have no boundary polygon (their area lies within `within`). */
  hasPolygon: boolean;
  within?: string;
}

/** Every GMS admin-1 unit: Natural Earth's 197 (corrected) and the three it lacks. */
export const PROVINCES: readonly Province[] = [
  ...NATURAL_EARTH_PROVINCES.map((row) => ({
    ...row,
    nameNative: row.nameNative ?? NATIVE_NAMES_ADDED[row.code] ?? null,
    variants: [...row.variants, ...(EXTRA_VARIANTS[row.code] ?? [])],
    hasPolygon: true,
  })),
  ...UNITS_WITHOUT_POLYGON.map((unit) => ({
    code: unit.code,
    country: unit.country,
    name: unit.name,
    nameNative: NATIVE_NAMES_ADDED[unit.code] ?? null,
    type: unit.type,
    hasc: null,
    variants: [...unit.variants],
    hasPolygon: false,
    within: unit.within,
  })),
];

const GENERIC_WORDS =
  /\b(province|provinces|khett|khet|tinh|changwat|khoueng|khwaeng|state|region|division|prefecture|municipality|city|thanh pho|tp|sheng|autonomous|zhuang|capital|krong)\b/g;

/**
 * The key under which place names are compared: Unicode NFKC, diacritics folded (Vietnamese Đ → D),
 * lower case, generic words such as "province", "khett", "changwat" and "state" dropped, and
 * everything that is not a letter or digit removed, so that "Banteay Mean Chey Province",
 * "banteay-meanchey" and "Bântéay Méanchey" meet. Native scripts are kept as they are.
 */
export function placeKey(text: string): string {
  return exactPlaceKey(text).replace(GENERIC_WORDS, ' ').replace(/\s+/g, '');
}

/** Like {@link placeKey} but keeping generic words, so "Vientiane Province" and "Vientiane Prefecture" differ. */
function exactPlaceKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[Đđ]/g, (c) => (c === 'Đ' ? 'D' : 'd'))
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^(จังหวัด|อำเภอเมือง)/, '')
    .replace(/(ខេត្ត|ແຂວງ)/, '')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

const byCode = new Map(PROVINCES.map((province) => [province.code, province]));
const byExactKey = new Map<string, Province[]>();
const byKey = new Map<string, Province[]>();
function index(map: Map<string, Province[]>, key: string, province: Province): void {
  if (!key) return;
  const list = map.get(key) ?? [];
  if (!list.includes(province)) list.push(province);
  map.set(key, list);
}
for (const province of PROVINCES) {
  for (const name of [province.name, province.nameNative, ...province.variants, province.code]) {
    if (!name) continue;
    index(byExactKey, exactPlaceKey(name), province);
    index(byKey, placeKey(name), province);
  }
}

export function provinceByCode(code: string): Province | undefined {
  return byCode.get(code.toUpperCase());
}

export type PlaceResolution =
  | { status: 'resolved'; province: Province }
  | { status: 'ambiguous'; candidates: Province[] }
  | { status: 'unresolved' };

/**
 * Resolves a place name or ISO code to a province. A country (ISO alpha-2) narrows the search, which
 * settles names shared across countries; a name that still fits several is reported as ambiguous so
 * that an analyst decides, never guessed.
 */
export function resolveProvince(text: string, options: { country?: string } = {}): PlaceResolution {
  const trimmed = text.trim();
  if (!trimmed) return { status: 'unresolved' };
  const direct = byCode.get(trimmed.toUpperCase());
  if (direct) return { status: 'resolved', province: direct };
  const inCountry = (list: Province[]) =>
    options.country ? list.filter((province) => province.country === options.country?.toUpperCase()) : list;
  const exact = inCountry(byExactKey.get(exactPlaceKey(trimmed)) ?? []);
  if (exact.length === 1) return { status: 'resolved', province: exact[0] };
  const candidates = inCountry(byKey.get(placeKey(trimmed)) ?? []);
  if (candidates.length === 1) return { status: 'resolved', province: candidates[0] };
  if (candidates.length > 1) return { status: 'ambiguous', candidates };
  return { status: 'unresolved' };
}

const crossingById = new Map(BORDER_CROSSINGS.map((crossing) => [crossing.id, crossing]));
const crossingByKey = new Map<string, BorderCrossing>();
for (const crossing of BORDER_CROSSINGS) {
  for (const name of [
    crossing.id,
    crossing.name,
    crossing.placeA,
    crossing.placeB,
    ...crossing.name.split(/[–-]/),
  ]) {
    const key = placeKey(name.replace(/\(.*\)/, ''));
    if (key && !crossingByKey.has(key)) crossingByKey.set(key, crossing);
  }
}

/** Resolves a crossing by id (`KH-TH-01`) or by either town's name (`Poipet`, `Aranyaprathet`). */
export function resolveCrossing(text: string): BorderCrossing | undefined {
  return (
    crossingById.get(text.trim().toUpperCase()) ?? crossingByKey.get(placeKey(text.replace(/\(.*\)/, '')))
  );
}

export { BORDER_CROSSINGS };
