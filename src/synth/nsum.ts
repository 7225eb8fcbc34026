import type { Random } from '../analytics/common/random.ts';
import type { TableSpec, WorldSink } from './tables.ts';

/**
 * Network scale-up answers from a household survey in the origin provinces. The frame population is
 * N = 20 × people (the world's migrants are a twentieth of the adults of their home areas); the
 * hidden population is the world's victims who came back (returned, rescued, escaped, deported).
 * Respondents (n = min(2,000, max(200, ⌊people / 20⌋)), simple random sample, weight N / n) have
 * personal network sizes d ~ exp(N(ln 250, 0.6)) and report y_k ~ Poisson(d · N_k / N) people known in
 * each known population and y_H ~ Poisson(τ · d · H / N) in the hidden one, where τ = 0.6 is the
 * transmission rate (victims hide what happened: the classic NSUM underestimate when ignored).
 *
 * Files: samples/nsum.csv `id,weight,sex,age_group,<known populations…>,returned_trafficking_victims`
 * and samples/nsum_known.csv `known.popn,size` (the layout of the networkreporting example data).
 */
export const NSUM_TRANSMISSION = 0.6;

const KNOWN_POPULATIONS: [string, number][] = [
  ['teachers', 0.008],
  ['monks', 0.006],
  ['nurses_or_doctors', 0.003],
  ['women_gave_birth_last_year', 0.015],
  ['village_chiefs', 0.0015],
  ['motorbike_taxi_drivers', 0.012],
  ['widows', 0.018],
  ['people_named_sophea', 0.004],
  ['garment_workers', 0.02],
  ['police_officers', 0.002],
];

export const HIDDEN_COLUMN = 'returned_trafficking_victims';

export const NSUM_TABLES: TableSpec[] = [
  {
    id: 'samples:nsum',
    path: 'samples/nsum.csv',
    format: 'csv',
    columns: ['id', 'weight', 'sex', 'age_group', ...KNOWN_POPULATIONS.map(([name]) => name), HIDDEN_COLUMN],
  },
  {
    id: 'samples:nsum_known',
    path: 'samples/nsum_known.csv',
    format: 'csv',
    columns: ['known.popn', 'size'],
  },
];

export interface NsumSummary {
  frameSize: number;
  hiddenSize: number;
  transmission: number;
  respondents: number;
  knownPopulations: Record<string, number>;
}

export function writeNsum(
  people: number,
  returnedVictims: number,
  sink: WorldSink,
  random: Random,
): NsumSummary {
  const frame = 20 * people;
  const respondents = Math.min(2000, Math.max(200, Math.floor(people / 20)));
  const sizes = KNOWN_POPULATIONS.map(([, share]) => Math.round(share * frame));
  KNOWN_POPULATIONS.forEach(([name], k) => {
    sink.row('samples:nsum_known', [name, sizes[k]]);
  });
  const weight = Math.round((frame / respondents) * 1000) / 1000;
  for (let i = 0; i < respondents; i++) {
    const degree = Math.exp(random.normal(Math.log(250), 0.6));
    const known = sizes.map((size) => random.poisson((degree * size) / frame));
    const hidden = random.poisson((NSUM_TRANSMISSION * degree * returnedVictims) / frame);
    sink.row('samples:nsum', [
      `N${String(i + 1).padStart(5, '0')}`,
      weight,
      random.next() < 0.52 ? 'female' : 'male',
      random.pick(['18-24', '25-34', '35-44', '45-54', '55+']),
      ...known,
      hidden,
    ]);
  }
  return {
    frameSize: frame,
    hiddenSize: returnedVictims,
    transmission: NSUM_TRANSMISSION,
    respondents,
    knownPopulations: Object.fromEntries(KNOWN_POPULATIONS.map(([name], k) => [name, sizes[k]])),
  };
}
