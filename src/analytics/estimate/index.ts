/** Population and prevalence estimators: each family's public surface. */
export * from './mse/index.ts';
export * from './nsum/index.ts';
export * from './rds/index.ts';
export * from './survey/index.ts';
