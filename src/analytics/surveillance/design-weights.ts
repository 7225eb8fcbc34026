/**
 * Design weights of a sentinel round from its sampling plan, the field records of who was selected
 * and what happened (completed, refused, not eligible, not contacted, replacements), and the site's
 * official counts (never typed-in weights).
 *
 * Systematic plan, stratum h with interval k_h, S_h original selections of which I_h not eligible,
 * m_h completed interviews (originals and replacements), official count N_h:
 *   design weight 1/π = k_h;  eligibility ê_h = (S_h − I_h)/S_h;
 *   weight w_h = N_h ê_h / m_h   (the official count of the stratum spread over its respondents,
 *   i.e. k_h (S_h − I_h)/m_h calibrated to N_h: a nonresponse adjustment within the stratum).
 * Time–location plan, slot j of stratum h (s_h of S_h slots drawn, every k-th arrival intercepted),
 * M_j arrivals counted by the team in the slot, S_j selected of which I_j not eligible, m_j completed:
 *   design weight (S_h/s_h)·k;  w_j = (S_h/s_h) · M_j ê_j / m_j,  ê_j = (S_j − I_j)/S_j;
 *   with an official count N_h the weights of the stratum are then scaled to sum to N_h ê_h,
 *   ê_h = Σ_j M_j ê_j / Σ_j M_j (a ratio calibration to the site's count).
 * Replacements (the next arrival taken after a refusal or a non-eligible selection) stand for the
 * selection they replace: they count as respondents, not as selections. Response rate = completed
 * originals / eligible originals (AAPOR RR1 on the original sample).
 *
 * The result also gives the columns of a survey design (weights, strata, the slot as cluster,
 * population sizes for the finite population correction) for the design-based estimators.
 *
 * References: Kish, L. (1965), Survey Sampling, Wiley (weighting classes, §11.7); Kalton, G. &
 * Flores-Cervantes, I. (2003), "Weighting methods", J. Official Statistics 19(2), 81–97; The American
 * Association for Public Opinion Research (2023), Standard Definitions, 10th ed. (response rates).
 * Complexity: O(selections + strata).
 */
import { requireInput } from '../common/errors.ts';
import type { SystematicPlan } from './systematic-sampling.ts';
import type { TimeLocationPlan } from './time-location-sampling.ts';

export type SelectionOutcome = 'completed' | 'refused' | 'not_eligible' | 'not_contacted';

export interface SelectionRecord {
  stratum: string;
  /** Time–location plans: the slot of the interception. */
  slot?: string | null;
  outcome: SelectionOutcome;
  /** True when the person was taken in place of a refusal or a non-eligible selection. */
  replacement?: boolean;
  /** Required for completed interviews. */
  interviewId?: string | null;
}

export interface DesignWeightCounts {
  /** The site's official count of arrivals per stratum (e.g. deportees handed over that week). */
  official?: readonly { stratum: string; count: number }[];
  /** Time–location plans: arrivals the team counted in each drawn slot. */
  slotArrivals?: readonly { slot: string; arrivals: number }[];
}

export interface WeightedInterview {
  interviewId: string;
  stratum: string;
  slot: string | null;
  selectionProbability: number;
  designWeight: number;
  weight: number;
}

export interface StratumWeighting {
  stratum: string;
  officialCount: number | null;
  selected: number;
  replacements: number;
  completed: number;
  refused: number;
  notEligible: number;
  notContacted: number;
  responseRate: number | null;
  eligibilityRate: number | null;
  weightSum: number;
}

export interface DesignWeights {
  kind: 'systematic' | 'time-location';
  interviews: WeightedInterview[];
  strata: StratumWeighting[];
  /** Input columns of a survey design, one entry per weighted interview (same order). */
  designColumns: {
    weights: number[];
    strata: string[];
    clusters?: string[][];
    finitePopulation: number[][];
  };
  warnings: string[];
}

const WHERE = 'surveillance/design-weights';
const OUTCOMES: SelectionOutcome[] = ['completed', 'refused', 'not_eligible', 'not_contacted'];

interface Tally {
  selected: number;
  notEligibleOriginal: number;
  completedOriginal: number;
  replacements: number;
  completed: SelectionRecord[];
  refused: number;
  notEligible: number;
  notContacted: number;
}

function tally(records: readonly SelectionRecord[]): Tally {
  const result: Tally = {
    selected: 0,
    notEligibleOriginal: 0,
    completedOriginal: 0,
    replacements: 0,
    completed: [],
    refused: 0,
    notEligible: 0,
    notContacted: 0,
  };
  for (const record of records) {
    if (record.replacement) result.replacements++;
    else {
      result.selected++;
      if (record.outcome === 'not_eligible') result.notEligibleOriginal++;
      if (record.outcome === 'completed') result.completedOriginal++;
    }
    if (record.outcome === 'completed') result.completed.push(record);
    if (record.outcome === 'refused') result.refused++;
    if (record.outcome === 'not_eligible') result.notEligible++;
    if (record.outcome === 'not_contacted') result.notContacted++;
  }
  return result;
}

function checkRecords(
  records: readonly SelectionRecord[],
  strata: Set<string>,
  slots: Set<string> | null,
): void {
  const ids = new Set<string>();
  records.forEach((record, index) => {
    const place = `selection ${index + 1}`;
    requireInput(
      strata.has(record.stratum),
      WHERE,
      `${place}: stratum "${record.stratum}" is not in the plan`,
    );
    requireInput(OUTCOMES.includes(record.outcome), WHERE, `${place}: unknown outcome "${record.outcome}"`);
    if (slots !== null)
      requireInput(
        typeof record.slot === 'string' && slots.has(record.slot),
        WHERE,
        `${place}: slot "${String(record.slot)}" is not a drawn slot of the plan`,
      );
    if (record.outcome === 'completed') {
      requireInput(
        typeof record.interviewId === 'string' && record.interviewId.length > 0,
        WHERE,
        `${place}: a completed interview needs an interviewId`,
      );
      requireInput(
        !ids.has(record.interviewId),
        WHERE,
        `${place}: interviewId "${record.interviewId}" repeats`,
      );
      ids.add(record.interviewId);
    }
  });
}

function officialCounts(counts: DesignWeightCounts, strata: Set<string>): Map<string, number> {
  const map = new Map<string, number>();
  for (const { stratum, count } of counts.official ?? []) {
    requireInput(strata.has(stratum), WHERE, `official count for "${stratum}", a stratum not in the plan`);
    requireInput(!map.has(stratum), WHERE, `two official counts for stratum "${stratum}"`);
    requireInput(Number.isFinite(count) && count >= 0, WHERE, `official count of "${stratum}" must be >= 0`);
    map.set(stratum, count);
  }
  return map;
}

/** Computes the weights of a round (see the file header). */
export function computeDesignWeights(
  plan: SystematicPlan | TimeLocationPlan,
  selections: readonly SelectionRecord[],
  counts: DesignWeightCounts = {},
): DesignWeights {
  requireInput(plan?.kind === 'systematic' || plan?.kind === 'time-location', WHERE, 'unknown plan kind');
  return plan.kind === 'systematic'
    ? systematicWeights(plan, selections, counts)
    : timeLocationWeights(plan, selections, counts);
}

function summary(
  stratum: string,
  official: number | null,
  counted: Tally,
  weightSum: number,
): StratumWeighting {
  const eligibleOriginals = counted.selected - counted.notEligibleOriginal;
  return {
    stratum,
    officialCount: official,
    selected: counted.selected,
    replacements: counted.replacements,
    completed: counted.completed.length,
    refused: counted.refused,
    notEligible: counted.notEligible,
    notContacted: counted.notContacted,
    responseRate: eligibleOriginals > 0 ? counted.completedOriginal / eligibleOriginals : null,
    eligibilityRate: counted.selected > 0 ? eligibleOriginals / counted.selected : null,
    weightSum,
  };
}

function systematicWeights(
  plan: SystematicPlan,
  selections: readonly SelectionRecord[],
  counts: DesignWeightCounts,
): DesignWeights {
  const strataIds = new Set(plan.strata.map((stratum) => stratum.stratum));
  checkRecords(selections, strataIds, null);
  const official = officialCounts(counts, strataIds);
  const warnings: string[] = [];
  const interviews: WeightedInterview[] = [];
  const strata: StratumWeighting[] = [];
  for (const stratumPlan of plan.strata) {
    const id = stratumPlan.stratum;
    const counted = tally(selections.filter((record) => record.stratum === id));
    const count = official.get(id);
    requireInput(
      count !== undefined,
      WHERE,
      `stratum "${id}" has no official count (weights come from the site's counts)`,
    );
    let weight = 0;
    if (counted.completed.length === 0) {
      if (count > 0)
        warnings.push(`stratum ${id}: no completed interview; its ${count} arrivals are unrepresented`);
    } else {
      const eligibility = (counted.selected - counted.notEligibleOriginal) / counted.selected;
      weight = (count * eligibility) / counted.completed.length;
      const implied = stratumPlan.interval * counted.selected;
      if (count > 0 && (implied / count < 0.8 || implied / count > 1.25))
        warnings.push(
          `stratum ${id}: the plan implies about ${implied} arrivals (interval ${stratumPlan.interval} × ${counted.selected} selections) but the official count is ${count}`,
        );
    }
    for (const record of counted.completed)
      interviews.push({
        interviewId: record.interviewId as string,
        stratum: id,
        slot: null,
        selectionProbability: stratumPlan.selectionProbability,
        designWeight: stratumPlan.interval,
        weight,
      });
    strata.push(summary(id, count, counted, weight * counted.completed.length));
  }
  return {
    kind: 'systematic',
    interviews,
    strata,
    designColumns: {
      weights: interviews.map((item) => item.weight),
      strata: interviews.map((item) => item.stratum),
      finitePopulation: [interviews.map((item) => official.get(item.stratum) as number)],
    },
    warnings,
  };
}

function timeLocationWeights(
  plan: TimeLocationPlan,
  selections: readonly SelectionRecord[],
  counts: DesignWeightCounts,
): DesignWeights {
  const strataIds = new Set(plan.strata.map((stratum) => stratum.stratum));
  const slotPlans = new Map(plan.schedule.map((slot) => [slot.id, slot]));
  checkRecords(selections, strataIds, new Set(slotPlans.keys()));
  const official = officialCounts(counts, strataIds);
  const arrivals = new Map<string, number>();
  for (const { slot, arrivals: value } of counts.slotArrivals ?? []) {
    requireInput(slotPlans.has(slot), WHERE, `arrivals counted for "${slot}", which is not a drawn slot`);
    requireInput(
      Number.isInteger(value) && value >= 0,
      WHERE,
      `arrivals of slot "${slot}" must be an integer >= 0`,
    );
    arrivals.set(slot, value);
  }
  const warnings: string[] = [];
  const interviews: WeightedInterview[] = [];
  const strata: StratumWeighting[] = [];
  for (const stratumPlan of plan.strata) {
    const id = stratumPlan.stratum;
    const slotWeight = stratumPlan.slotsInFrame / stratumPlan.slotsSelected;
    const records = selections.filter((record) => record.stratum === id);
    const stratumInterviews: WeightedInterview[] = [];
    let countedArrivals = 0;
    let eligibleArrivals = 0;
    for (const slot of plan.schedule.filter((item) => item.stratum === id)) {
      const inSlot = records.filter((record) => record.slot === slot.id);
      const counted = tally(inSlot);
      const arrived = arrivals.get(slot.id);
      requireInput(
        arrived !== undefined || inSlot.length === 0,
        WHERE,
        `slot "${slot.id}" has interceptions but no count of arrivals`,
      );
      const slotArrivals = arrived ?? 0;
      requireInput(
        slotArrivals >= counted.selected,
        WHERE,
        `slot "${slot.id}": ${counted.selected} selections but only ${slotArrivals} arrivals counted`,
      );
      if (arrived === undefined)
        warnings.push(`slot ${slot.id}: not worked (no arrivals counted, no interceptions)`);
      const eligibility =
        counted.selected > 0 ? (counted.selected - counted.notEligibleOriginal) / counted.selected : 1;
      countedArrivals += slotArrivals;
      eligibleArrivals += slotArrivals * eligibility;
      if (counted.completed.length === 0) {
        if (slotArrivals > 0)
          warnings.push(`slot ${slot.id}: ${slotArrivals} arrivals but no completed interview`);
        continue;
      }
      const weight = (slotWeight * slotArrivals * eligibility) / counted.completed.length;
      for (const record of counted.completed)
        stratumInterviews.push({
          interviewId: record.interviewId as string,
          stratum: id,
          slot: slot.id,
          selectionProbability: slot.slotSelectionProbability / slot.withinSlotInterval,
          designWeight: slotWeight * slot.withinSlotInterval,
          weight,
        });
    }
    const count = official.get(id);
    const weightSum = stratumInterviews.reduce((sum, item) => sum + item.weight, 0);
    if (count !== undefined && weightSum > 0 && countedArrivals > 0) {
      const target = (count * eligibleArrivals) / countedArrivals;
      for (const item of stratumInterviews) item.weight *= target / weightSum;
    }
    interviews.push(...stratumInterviews);
    strata.push(
      summary(
        id,
        count ?? null,
        tally(records),
        stratumInterviews.reduce((sum, item) => sum + item.weight, 0),
      ),
    );
  }
  const slotsInFrame = new Map(plan.strata.map((stratum) => [stratum.stratum, stratum.slotsInFrame]));
  return {
    kind: 'time-location',
    interviews,
    strata,
    designColumns: {
      weights: interviews.map((item) => item.weight),
      strata: interviews.map((item) => item.stratum),
      clusters: [interviews.map((item) => item.slot as string)],
      finitePopulation: [interviews.map((item) => slotsInFrame.get(item.stratum) as number)],
    },
    warnings,
  };
}
