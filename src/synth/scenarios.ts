/**
 * Named scenarios of the synthetic world. Each fixes how victims are captured by the six victim
 * lists and how the hidden population recruits itself in the RDS sample, so that an estimator's
 * assumptions can be kept or broken on purpose and its error scored against the truth.
 *
 * Capture model of list l for victim i (lists processed in the order of {@link LIST_NAMES}):
 *   logit p_il = logit(base_l) + covariates_l(i) · covariateScale + visibilitySd · z_i · loading_l
 *   then, for every referral (from k to l) with i on list k: p_il ← 1 − (1 − p_il)(1 − r_kl)
 * where z_i ~ N(0, 1) is a person's latent visibility shared by all lists.
 */
export const LIST_NAMES = [
  'police',
  'ngo_shelter',
  'hotline',
  'returns',
  'labour_inspection',
  'iom_cases',
] as const;
export type ListName = (typeof LIST_NAMES)[number];

export interface Referral {
  from: ListName;
  to: ListName;
  /** Chance that being on `from` puts the person on `to` whatever else happens. */
  probability: number;
}

export interface Scenario {
  name: string;
  summary: string;
  /** Which estimator assumption the scenario keeps or breaks. */
  assumptions: string;
  /** Capture probability of each list for a victim at the reference covariates. */
  baseCapture: Record<ListName, number>;
  /** 0 switches the covariate effects (sex, age, sector, route, return) off; 1 is the realistic strength. */
  covariateScale: number;
  /** Standard deviation of the shared latent visibility on the logit scale. */
  visibilitySd: number;
  referrals: readonly Referral[];
  /** RDS: probability that a tie of a hidden-population member stays within its own group. */
  homophily: number;
  /** RDS: number of seeds and whether they all come from one group (victims). */
  rdsSeeds: number;
  rdsSeedsFromOneGroup: boolean;
}

const BASE_CAPTURE: Record<ListName, number> = {
  police: 0.1,
  ngo_shelter: 0.08,
  hotline: 0.06,
  returns: 0.14,
  labour_inspection: 0.05,
  iom_cases: 0.07,
};

export const SCENARIOS: Record<string, Scenario> = {
  baseline: {
    name: 'baseline',
    summary:
      'realistic mixture: capture varies with sex, age, sector, route and latent visibility; mild referrals',
    assumptions:
      'breaks homogeneity and independence moderately, as real lists do; log-linear models with interactions and latent-class (LCMCR) models should come close, the independence model will not',
    baseCapture: BASE_CAPTURE,
    covariateScale: 1,
    visibilitySd: 0.5,
    referrals: [
      { from: 'police', to: 'ngo_shelter', probability: 0.15 },
      { from: 'hotline', to: 'police', probability: 0.1 },
      { from: 'ngo_shelter', to: 'iom_cases', probability: 0.15 },
    ],
    homophily: 0.5,
    rdsSeeds: 10,
    rdsSeedsFromOneGroup: false,
  },
  'independent-lists': {
    name: 'independent-lists',
    summary: 'every victim has the same capture probability on each list and lists are independent',
    assumptions:
      'keeps every assumption of the independence log-linear model (closed population, homogeneous capture, independent lists); MSE intervals should cover the truth at their nominal rate; RDS as baseline',
    baseCapture: BASE_CAPTURE,
    covariateScale: 0,
    visibilitySd: 0,
    referrals: [],
    homophily: 0.5,
    rdsSeeds: 10,
    rdsSeedsFromOneGroup: false,
  },
  'heterogeneous-capture': {
    name: 'heterogeneous-capture',
    summary:
      'capture depends strongly on sex, age, sector, route and a latent visibility shared by all lists',
    assumptions:
      'breaks homogeneity (apparent positive dependence between all lists): the independence model underestimates; latent-class models (LCMCR) are built for this case',
    baseCapture: BASE_CAPTURE,
    covariateScale: 1.5,
    visibilitySd: 1.2,
    referrals: [],
    homophily: 0.5,
    rdsSeeds: 10,
    rdsSeedsFromOneGroup: false,
  },
  'referral-dependence': {
    name: 'referral-dependence',
    summary:
      'homogeneous capture, but police refer to the shelter, the hotline to the police, the shelter to IOM',
    assumptions:
      'breaks list independence directly (positive pairwise dependence): the independence model underestimates; log-linear models with the police×shelter, hotline×police and shelter×IOM interactions recover the truth',
    baseCapture: BASE_CAPTURE,
    covariateScale: 0,
    visibilitySd: 0,
    referrals: [
      { from: 'police', to: 'ngo_shelter', probability: 0.6 },
      { from: 'hotline', to: 'police', probability: 0.4 },
      { from: 'ngo_shelter', to: 'iom_cases', probability: 0.5 },
    ],
    homophily: 0.5,
    rdsSeeds: 10,
    rdsSeedsFromOneGroup: false,
  },
  'strong-homophily': {
    name: 'strong-homophily',
    summary:
      'lists as baseline; in the hidden population 90% of ties stay within trafficked / not trafficked and all RDS seeds are victims',
    assumptions:
      'breaks the RDS assumption that the recruitment chain forgets its seeds (slow mixing, bottlenecks): RDS-I/II estimates stay near the seeds’ group and intervals undercover',
    baseCapture: BASE_CAPTURE,
    covariateScale: 1,
    visibilitySd: 0.5,
    referrals: [
      { from: 'police', to: 'ngo_shelter', probability: 0.15 },
      { from: 'hotline', to: 'police', probability: 0.1 },
      { from: 'ngo_shelter', to: 'iom_cases', probability: 0.15 },
    ],
    homophily: 0.9,
    rdsSeeds: 6,
    rdsSeedsFromOneGroup: true,
  },
};

export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** One line per scenario, for `siren synth --help`. */
export function describeScenarios(): string {
  return Object.values(SCENARIOS)
    .map(
      (scenario) =>
        `  ${scenario.name.padEnd(22)} ${scenario.summary}\n  ${' '.repeat(22)} ${scenario.assumptions}`,
    )
    .join('\n');
}
