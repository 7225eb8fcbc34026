/**
 * Domain (subpopulation) bookkeeping for the estimators: which rows belong to each domain, in
 * sorted order, and a domain's own degrees of freedom. Domains are estimated on the full design
 * with the scores of rows outside the domain set to zero, never by cutting the design down, so that
 * every stratum and unit keeps its sample size (Lumley 2010, §2.4; Cochran 1977 §2.13). This is what
 * R `survey` does when it subsets a design.
 * Complexity: O(n) per domain.
 */
import type { SurveyDesign, SurveyLabel } from './design.ts';

export interface DomainRows {
  label: string;
  /** 1 for rows of the domain. */
  member: Uint8Array;
}

/** Sorted domains (numerically when every label is a number, else as text); null or '' is in none. */
export function domainRows(domains: readonly (SurveyLabel | null)[]): DomainRows[] {
  const byLabel = new Map<string, Uint8Array>();
  for (let i = 0; i < domains.length; i++) {
    const value = domains[i];
    if (value === null || value === '' || (typeof value === 'number' && !Number.isFinite(value))) continue;
    const key = String(value);
    let member = byLabel.get(key);
    if (!member) {
      member = new Uint8Array(domains.length);
      byLabel.set(key, member);
    }
    member[i] = 1;
  }
  const labels = [...byLabel.keys()];
  const numeric = labels.every((label) => label.trim() !== '' && Number.isFinite(Number(label)));
  labels.sort(numeric ? (a, b) => Number(a) - Number(b) : (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return labels.map((label) => ({ label, member: byLabel.get(label)! }));
}

/** First-stage units − first-stage strata among the rows flagged in `used` (R's degf of a subset design). */
export function domainDegreesOfFreedom(design: SurveyDesign, used: Uint8Array): number {
  const stage = design.stages[0];
  const units = new Uint8Array(stage.unitCount);
  const strata = new Uint8Array(stage.stratumCount);
  let unitCount = 0;
  let strataCount = 0;
  for (let i = 0; i < used.length; i++) {
    if (!used[i]) continue;
    const unit = stage.unitOfRow[i];
    if (!units[unit]) {
      units[unit] = 1;
      unitCount++;
    }
    const stratum = stage.stratumOfUnit[unit];
    if (!strata[stratum]) {
      strata[stratum] = 1;
      strataCount++;
    }
  }
  return unitCount - strataCount;
}
