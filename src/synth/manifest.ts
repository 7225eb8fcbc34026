import { GENERATOR_VERSION, type WorldLayout, type WorldOptions } from './world.ts';

/** `manifest.json`: what a world holds and where, for the platform's demo loader and for tests. */
export interface Manifest {
  seed: number;
  scenario: string;
  people: number;
  weeks: number;
  generator_version: string;
  sources: { name: string; kind: string; organisation: string; files: string[]; mapping: string }[];
  series: { name: string; crossing: string; event_type: string; file: string }[];
  network: Record<string, string>;
  samples: Record<string, string>;
  truth: Record<string, string>;
}

export function buildManifest(options: WorldOptions, layout: WorldLayout): Manifest {
  const truth: Record<string, string> = { summary: 'truth/summary.json' };
  const network: Record<string, string> = {};
  const samples: Record<string, string> = {};
  const series: Manifest['series'] = [];
  for (const table of layout.tables) {
    const [group, name, event] = table.id.split(':');
    if (group === 'truth') truth[name] = table.path;
    if (group === 'network') network[name] = table.path;
    if (group === 'samples') samples[name] = table.path;
    if (group === 'series')
      series.push({ name: `${name} ${event}s`, crossing: name, event_type: event, file: table.path });
  }
  return {
    seed: options.seed,
    scenario: options.scenario,
    people: options.people,
    weeks: options.weeks,
    generator_version: GENERATOR_VERSION,
    sources: layout.sources.map((source) => ({
      name: source.name,
      kind: source.kind,
      organisation: source.organisation,
      files: [source.table.path],
      mapping: source.mappingPath,
    })),
    series,
    network,
    samples,
    truth,
  };
}
