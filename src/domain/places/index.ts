export { BORDER_CROSSINGS } from './crossings.ts';
export {
  type PlaceResolution,
  PROVINCES,
  type Province,
  placeKey,
  provinceByCode,
  resolveCrossing,
  resolveProvince,
} from './gazetteer.ts';
export { GMS_COUNTRIES, type GmsCountry, isGmsUnit } from './gms.ts';
export type { BorderCrossing } from './types.ts';
