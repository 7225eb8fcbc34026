export {
  type AberrationPeriod,
  type CountSeries,
  dayToIsoDate,
  isoDateToDay,
  type PeriodRange,
} from './count-series.ts';
export {
  detectAberrationsEarsC,
  EARS_DEFAULTS,
  type EarsMethod,
  type EarsOptions,
  type EarsPeriod,
  type EarsResult,
} from './ears-c.ts';
export {
  detectAberrationsFarringtonFlexible,
  FARRINGTON_FLEXIBLE_DEFAULTS,
  type FarringtonFlexibleOptions,
  type FarringtonFlexibleResult,
  type FarringtonFlexibleSettings,
  type FarringtonPeriod,
  type FarringtonPowerTransformation,
  type FarringtonThresholdMethod,
  NOUFAILY_2013_PRESET,
} from './farrington-flexible.ts';
export { fitQuasiPoissonGlm, predictLink, type QuasiPoissonFit } from './quasi-poisson-glm.ts';
