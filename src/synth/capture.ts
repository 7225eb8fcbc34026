import type { Random } from '../analytics/common/random.ts';
import type { TruePerson } from './population.ts';
import { LIST_NAMES, type ListName, type Scenario } from './scenarios.ts';

/**
 * Which victim lists capture a victim (see the capture model in scenarios.ts). Covariate effects on
 * the logit scale, multiplied by the scenario's covariate scale:
 *   police            female +0.3, child +0.4, entertainment/sex work +0.8, other (scam) +0.3, rescued +1.0, not returned −0.8
 *   ngo_shelter       female +0.6, child +0.8, rescued +0.8, escaped +0.5, fishing −0.5
 *   hotline           female +0.4, under 25 +0.3, entertainment or domestic work +0.4, not returned +0.3, China −0.5
 *   returns           deported +1.2, rescued +0.5, not returned −2.5, Thailand +0.5 else −0.5
 *   labour_inspection fishing +1.2, factory +0.8, construction +0.5, agriculture +0.3, entertainment −1.5,
 *                     domestic work −1.2, other −0.5, Thailand +0.7, China −1.0, male +0.3
 *   iom_cases         returned +0.4, not returned −1.5, China or Myanmar +0.3, child +0.3
 * The latent visibility loads 1 on every list.
 */
export interface Capture {
  /** One flag per list in LIST_NAMES order. */
  onList: boolean[];
  /** The capture probability each list had for this person (after referrals). */
  probability: number[];
  /** For each list, the list that referred the person there (the referral fired), or null. */
  referredBy: (ListName | null)[];
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}

function covariateEffect(list: ListName, person: TruePerson): number {
  const female = person.sex === 'female';
  const child = person.ageAtMigration < 18;
  const how = person.returnedHow;
  const destination = person.route.destination;
  const sector = person.sector;
  switch (list) {
    case 'police':
      return (
        (female ? 0.3 : 0) +
        (child ? 0.4 : 0) +
        (sector === 'entertainment_sex_work' ? 0.8 : 0) +
        (sector === 'other' ? 0.3 : 0) +
        (how === 'rescued' ? 1 : 0) +
        (how === 'not_returned' ? -0.8 : 0)
      );
    case 'ngo_shelter':
      return (
        (female ? 0.6 : 0) +
        (child ? 0.8 : 0) +
        (how === 'rescued' ? 0.8 : 0) +
        (how === 'escaped' ? 0.5 : 0) +
        (sector === 'fishing' ? -0.5 : 0)
      );
    case 'hotline':
      return (
        (female ? 0.4 : 0) +
        (person.ageAtMigration < 25 ? 0.3 : 0) +
        (sector === 'entertainment_sex_work' || sector === 'domestic_work' ? 0.4 : 0) +
        (how === 'not_returned' ? 0.3 : 0) +
        (destination === 'CN' ? -0.5 : 0)
      );
    case 'returns':
      return (
        (how === 'deported' ? 1.2 : 0) +
        (how === 'rescued' ? 0.5 : 0) +
        (how === 'not_returned' ? -2.5 : 0) +
        (destination === 'TH' ? 0.5 : -0.5)
      );
    case 'labour_inspection': {
      const bySector: Record<string, number> = {
        fishing: 1.2,
        factory: 0.8,
        construction: 0.5,
        agriculture: 0.3,
        entertainment_sex_work: -1.5,
        domestic_work: -1.2,
        other: -0.5,
      };
      return (
        (bySector[sector] ?? 0) +
        (destination === 'TH' ? 0.7 : 0) +
        (destination === 'CN' ? -1 : 0) +
        (female ? 0 : 0.3)
      );
    }
    case 'iom_cases':
      return (
        (how === 'not_returned' ? -1.5 : 0.4) +
        (destination === 'CN' || destination === 'MM' ? 0.3 : 0) +
        (child ? 0.3 : 0)
      );
  }
}

/** Draws the lists that capture one victim. */
export function captureVictim(person: TruePerson, scenario: Scenario, random: Random): Capture {
  const visibility = scenario.visibilitySd > 0 ? random.normal(0, scenario.visibilitySd) : 0;
  const onList: boolean[] = [];
  const probability: number[] = [];
  const referredBy: (ListName | null)[] = [];
  for (let l = 0; l < LIST_NAMES.length; l++) {
    const list = LIST_NAMES[l];
    const eta =
      logit(scenario.baseCapture[list]) +
      scenario.covariateScale * covariateEffect(list, person) +
      visibility;
    const p = 1 / (1 + Math.exp(-eta));
    let captured = random.next() < p;
    let referrer: ListName | null = null;
    let pAfter = p;
    for (const referral of scenario.referrals) {
      if (referral.to !== list) continue;
      const from = LIST_NAMES.indexOf(referral.from);
      if (!onList[from]) continue;
      pAfter = 1 - (1 - pAfter) * (1 - referral.probability);
      if (random.next() < referral.probability) {
        if (!captured) referrer = referral.from;
        captured = true;
      }
    }
    onList.push(captured);
    probability.push(pAfter);
    referredBy.push(referrer);
  }
  return { onList, probability, referredBy };
}
