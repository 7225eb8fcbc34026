/**
 * The synthetic Greater Mekong world: demo data and the test oracle (public surface).
 *
 * `writeWorld({ seed, people, scenario, weeks }, dir)` (or `siren synth`) writes, streamed:
 *
 * | path | what |
 * |---|---|
 * | `manifest.json` | seed, scenario, sizes, generator version; every source (name, kind, organisation, files, mapping), series, network, samples and truth files |
 * | `sources/<name>/<file>` + `sources/<name>/mapping.json` | ten agency files in their own layouts with a mapping file each: police (CSV `;` BOM), ngo_shelter (XLSX), hotline (NDJSON), returns (Windows-874 CSV, Thai headers), labour_inspection (UTF-16LE tab), iom_cases (CSV), transactions (financial), border_events (`|` CSV), sentinel_poipet (interview), online_posts |
 * | `series/<crossing>-deportations.csv`, `-crossings.csv` | weekly `t,date,count` per crossing, for `siren surveillance alerts` |
 * | `network/calls.csv`, `network/nodes.csv` | calls between broker-network members `source,target,weight,time`; node countries |
 * | `samples/rds.csv` | RDS sample `id,recruiter_id,degree,trafficked,sex,nationality,sector,wave,seed` |
 * | `samples/nsum.csv`, `samples/nsum_known.csv` | network scale-up answers and known population sizes |
 * | `samples/sentinel_answers.ndjson`, `samples/sentinel_selection.csv` | canonical interview answers; the sampling log with selection probabilities and refusals |
 * | `sentinel/kobo_submissions.csv`, `sentinel/round_plans.ndjson` | the sentinel interviews as a KoBoToolbox export against the default instrument (instruments/sentinel-interview), and each systematic round's plan and official count, for `siren sentinel submissions import` |
 * | `samples/list_patterns_perfect_linkage.csv` | the MSE pattern table perfect linkage would give |
 * | `truth/…` | persons (true population with list membership and capture probabilities), records (person behind every record, noise applied), list_patterns (all 64 combinations incl. the unobserved), list_patterns_by_stratum (route × period), ties, organisations, members (roles), transactions (pattern of each), interviews, rds_population / rds_edges, posts (deceptive, operation), missing_border_reports, summary.json (sizes, prevalences, calendar, scenario) |
 *
 * Scenarios: see scenarios.ts (`describeScenarios()`). Same seed and options give the same bytes.
 */

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
