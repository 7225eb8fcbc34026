/**
 * The sentinel indicators: each a 0/1 value per interview (null when it cannot be told from the
 * answers), read from the canonical answers (answers.ts) and the interview's trafficking
 * determination. Definitions:
 * - trafficked: the rule set's determination (undetermined interviews are missing, not "no");
 * - misidentified and deported: trafficked, came back deported, and not identified as a victim by
 *   officials (the Poipet finding of issue 8: every trafficked deportee treated as an illegal migrant);
 * - broker: recruited by a broker; paid a fee: a fee above 0;
 * - in debt; debt bondage (kept working to repay a debt);
 * - deceived (about anything), and deceived about each topic of DECEPTION_TOPICS;
 * - sector: worked in each sector of SECTORS;
 * - remitted: sent money home (`remittancesSent`);
 * - dropped out of school to migrate (`droppedOutOfSchool`);
 * - child labour (ILO Convention 138 and 182 thresholds, the convention of ILO (2012) *Hard to see,
 *   harder to count*, §2): recruited below age 15 into any work, or at 15–17 into hazardous work
 *   (more than 8 hours a day, or fishing, construction, sex work, begging, or confinement);
 * - unsafe migration: migrated irregularly (without documents or outside official channels), or
 *   was transported by others across the border.
 * Complexity: O(indicators) per interview.
 */
import { DECEPTION_TOPICS, type InterviewAnswers, SECTORS } from './answers.ts';
import type { DeterminationStatus } from './determination-rules.ts';

/** One interview as the indicators read it. */
export interface IndicatorInterview {
  answers: InterviewAnswers;
  determination: DeterminationStatus;
}

export type IndicatorGroup =
  | 'trafficking'
  | 'broker'
  | 'debt'
  | 'deception'
  | 'sector'
  | 'remittances'
  | 'education'
  | 'child_labour'
  | 'migration';

export interface SentinelIndicatorDefinition {
  key: string;
  label: string;
  group: IndicatorGroup;
  value: (interview: IndicatorInterview) => boolean | null;
}

const HAZARDOUS_SECTORS = new Set(['fishing', 'construction', 'sex_work', 'begging']);

function traffickedValue(interview: IndicatorInterview): boolean | null {
  if (interview.determination === 'undetermined') return null;
  return interview.determination === 'trafficked';
}

function childLabour(answers: InterviewAnswers): boolean | null {
  const age = answers.ageAtRecruitment;
  if (age === null || age === undefined) return null;
  if (age >= 18) return false;
  if (age < 15) return true;
  const signs = [
    answers.hoursPerDay === null || answers.hoursPerDay === undefined ? null : answers.hoursPerDay > 8,
    answers.sector === null || answers.sector === undefined ? null : HAZARDOUS_SECTORS.has(answers.sector),
    answers.lockedInOrGuarded ?? null,
  ];
  if (signs.includes(true)) return true;
  return signs.includes(null) ? null : false;
}

function anyOf(...values: (boolean | null | undefined)[]): boolean | null {
  if (values.includes(true)) return true;
  return values.some((value) => value === null || value === undefined) ? null : false;
}

/** The indicators in the order reports show them. */
export const SENTINEL_INDICATORS: readonly SentinelIndicatorDefinition[] = [
  { key: 'trafficked', label: 'Trafficked', group: 'trafficking', value: traffickedValue },
  {
    key: 'misidentified_deported',
    label: 'Trafficked, deported as an illegal migrant, not identified as a victim',
    group: 'trafficking',
    value: (interview) => {
      const trafficked = traffickedValue(interview);
      if (trafficked === false) return false;
      const { returnMode, identifiedAsVictimByOfficials } = interview.answers;
      if (returnMode !== null && returnMode !== undefined && returnMode !== 'deported') return false;
      if (identifiedAsVictimByOfficials === true) return false;
      if (trafficked === null || returnMode == null || identifiedAsVictimByOfficials == null) return null;
      return true;
    },
  },
  {
    key: 'used_broker',
    label: 'Recruited by a broker',
    group: 'broker',
    value: ({ answers }) => (answers.recruitedBy == null ? null : answers.recruitedBy === 'broker'),
  },
  {
    key: 'paid_broker',
    label: 'Paid a recruitment fee',
    group: 'broker',
    value: ({ answers }) => (answers.brokerFeePaid == null ? null : answers.brokerFeePaid > 0),
  },
  {
    key: 'in_debt',
    label: 'In debt to a broker or employer',
    group: 'debt',
    value: ({ answers }) => answers.debtToBrokerOrEmployer ?? null,
  },
  {
    key: 'debt_bondage',
    label: 'Kept working to repay a debt',
    group: 'debt',
    value: ({ answers }) => answers.keptWorkingToRepayDebt ?? null,
  },
  {
    key: 'deceived',
    label: 'Deceived at recruitment',
    group: 'deception',
    value: ({ answers }) => (answers.deceivedAbout == null ? null : answers.deceivedAbout.length > 0),
  },
  ...DECEPTION_TOPICS.map(
    (topic): SentinelIndicatorDefinition => ({
      key: `deceived_${topic}`,
      label: `Deceived about ${topic.replaceAll('_', ' ')}`,
      group: 'deception',
      value: ({ answers }) => (answers.deceivedAbout == null ? null : answers.deceivedAbout.includes(topic)),
    }),
  ),
  ...SECTORS.map(
    (sector): SentinelIndicatorDefinition => ({
      key: `sector_${sector}`,
      label: `Worked in ${sector.replaceAll('_', ' ')}`,
      group: 'sector',
      value: ({ answers }) => (answers.sector == null ? null : answers.sector === sector),
    }),
  ),
  {
    key: 'remitted',
    label: 'Sent money home',
    group: 'remittances',
    value: ({ answers }) => answers.remittancesSent ?? null,
  },
  {
    key: 'dropped_out_of_school',
    label: 'Dropped out of school to migrate',
    group: 'education',
    value: ({ answers }) => answers.droppedOutOfSchool ?? null,
  },
  {
    key: 'child_labour',
    label: 'Child labour (ILO C138/C182)',
    group: 'child_labour',
    value: ({ answers }) => childLabour(answers),
  },
  {
    key: 'unsafe_migration',
    label: 'Unsafe migration (irregular or smuggled)',
    group: 'migration',
    value: ({ answers }) => anyOf(answers.irregularMigration, answers.transportedByOthers),
  },
];

/** Age group at interview for the breakdowns: under 18, 18–24, 25–34, 35 and over. */
export function ageGroupOf(age: number | null | undefined): string | null {
  if (age === null || age === undefined) return null;
  if (age < 18) return 'under 18';
  if (age < 25) return '18-24';
  if (age < 35) return '25-34';
  return '35+';
}
