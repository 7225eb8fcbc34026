/** The synthetic Greater Mekong world: public surface. */

export type { Manifest } from './manifest.ts';
export { RECORD_NOISE } from './records.ts';
export {
  describeScenarios,
  LIST_NAMES,
  type ListName,
  SCENARIO_NAMES,
  SCENARIOS,
  type Scenario,
} from './scenarios.ts';
export type { Cell, Mapping, SourceSpec, TableSpec, WorldSink } from './tables.ts';
export {
  GENERATOR_VERSION,
  generateWorld,
  WORLD_DEFAULTS,
  type WorldOptions,
  type WorldSummary,
  worldLayout,
} from './world.ts';
export { FileSink, type WrittenWorld, writeWorld } from './write.ts';
