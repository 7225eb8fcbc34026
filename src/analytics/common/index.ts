export { AnalyticsInputError, requireInput } from './errors.ts';
export { createRandom, type Random } from './random.ts';
