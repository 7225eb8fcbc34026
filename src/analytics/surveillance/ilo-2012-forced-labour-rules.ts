/**
 * Rule set "ILO 2012 forced labour": the operational definition of the ILO survey guidelines,
 * applied to the canonical sentinel answers.
 *
 * Three dimensions — unfree recruitment, work and life under duress, impossibility of leaving the
 * employer — each with indicators of involuntariness rated strong or medium; indicators of the
 * menace of penalty rated likewise. An adult is in forced labour when, in at least one dimension,
 * an indicator of involuntariness and an indicator of penalty are both present and at least one of
 * the two is strong. Children (under 18 at recruitment) are judged by the lower threshold: any
 * indicator of involuntariness with any indicator of penalty, medium ones sufficing. The rule set's
 * `trafficked` decision is forced labour after moving for work (crossed a border or was moved by
 * others), i.e. trafficking for forced labour in the guidelines' sense.
 *
 * Operationalisation choices (SIREN's, documented here since the guidelines leave the questionnaire
 * to the survey): the canonical answers do not record at which stage a penalty was applied, so the
 * penalty indicators count in every dimension; "excessive hours" is 12 or more hours a day or work
 * on all 7 days of the week; deception about the nature of the work is strong, about other terms
 * medium; debt linked to recruitment is strong involuntariness in recruitment.
 *
 * Source: International Labour Office (2012), "Hard to see, harder to count: Survey guidelines to
 * estimate forced labour of adults and children", ILO SAP-FL and IPEC, Geneva, ISBN
 * 978-92-2-126171-1, https://www.ilo.org/publications/hard-see-harder-count-survey-guidelines-estimate-forced-labour-adults-and
 * (ch. 2–3: the three dimensions, the strong/medium indicator lists and the child threshold).
 */
import type { Condition, DeterminationRuleSet, IndicatorDefinition } from './determination-rules.ts';

type Dimension = 'recruitment' | 'employment' | 'leaving';
type Strength = 'strong' | 'medium';

function involuntariness(
  id: string,
  label: string,
  dimension: Dimension,
  strength: Strength,
  condition: Condition,
): IndicatorDefinition {
  return { id, label, condition, tags: { dimension, element: 'involuntariness', strength } };
}

function penalty(id: string, label: string, strength: Strength, condition: Condition): IndicatorDefinition {
  return { id, label, condition, tags: { dimension: 'all', element: 'penalty', strength } };
}

const INDICATORS: IndicatorDefinition[] = [
  involuntariness('recruitment_by_force', 'recruited by abduction or force', 'recruitment', 'strong', {
    answer: 'recruitedByForce',
    is: true,
  }),
  involuntariness('recruitment_sold', 'sold or transferred for payment', 'recruitment', 'strong', {
    answer: 'soldOrTransferredForPayment',
    is: true,
  }),
  involuntariness('recruitment_debt', 'recruitment linked to a debt or advance', 'recruitment', 'strong', {
    answer: 'debtToBrokerOrEmployer',
    is: true,
  }),
  involuntariness(
    'deceived_nature_of_work',
    'deceived about the nature of the work',
    'recruitment',
    'strong',
    {
      answer: 'deceivedAbout',
      includesAny: ['nature_of_work'],
    },
  ),
  involuntariness(
    'deceived_terms',
    'deceived about wages, conditions, living conditions, employer, place, legal status or marriage',
    'recruitment',
    'medium',
    {
      answer: 'deceivedAbout',
      includesAny: [
        'wages',
        'working_conditions',
        'living_conditions',
        'employer_or_location',
        'legal_status_or_documents',
        'marriage',
      ],
    },
  ),
  involuntariness('forced_overtime', 'forced to work overtime', 'employment', 'strong', {
    answer: 'forcedOvertime',
    is: true,
  }),
  involuntariness('forced_tasks', 'forced to do tasks or serve clients not agreed', 'employment', 'strong', {
    answer: 'forcedTasksOrClients',
    is: true,
  }),
  involuntariness('forced_sexual_exploitation', 'forced into commercial sex', 'employment', 'strong', {
    answer: 'forcedSexualExploitation',
    is: true,
  }),
  involuntariness(
    'restricted_movement_or_communication',
    'limited freedom of movement or communication',
    'employment',
    'strong',
    {
      any: [
        { answer: 'movementRestricted', is: true },
        { answer: 'communicationRestricted', is: true },
      ],
    },
  ),
  involuntariness('degrading_living_conditions', 'degrading living conditions', 'employment', 'strong', {
    answer: 'degradingLivingConditions',
    is: true,
  }),
  involuntariness('excessive_hours', '12 hours a day or more, or 7 days a week', 'employment', 'medium', {
    any: [
      { answer: 'hoursPerDay', atLeast: 12 },
      { answer: 'daysPerWeek', atLeast: 7 },
    ],
  }),
  involuntariness('wages_below_promised', 'paid less than promised', 'employment', 'medium', {
    answer: 'wagesBelowPromised',
    is: true,
  }),
  involuntariness(
    'multiple_dependency',
    'dependent on the employer for housing or food',
    'employment',
    'medium',
    { answer: 'dependentOnEmployerForHousingOrFood', is: true },
  ),
  involuntariness('unable_to_leave', 'not free to leave the employer', 'leaving', 'strong', {
    answer: 'unableToLeaveEmployer',
    is: true,
  }),
  involuntariness('kept_for_debt', 'kept working to repay a debt or advance', 'leaving', 'strong', {
    answer: 'keptWorkingToRepayDebt',
    is: true,
  }),
  involuntariness('kept_for_wages_due', 'kept working to receive wages due', 'leaving', 'strong', {
    answer: 'keptWorkingForWagesDue',
    is: true,
  }),
  involuntariness('debt_repaid_through_work', 'debt repaid through work', 'leaving', 'medium', {
    answer: 'debtRepaidThroughWork',
    is: true,
  }),
  penalty('physical_violence', 'physical violence', 'strong', { answer: 'physicalViolence', is: true }),
  penalty('sexual_violence', 'sexual violence', 'strong', { answer: 'sexualViolence', is: true }),
  penalty('threats', 'threats of violence against the person or the family', 'strong', {
    any: [
      { answer: 'threatsAgainstSelf', is: true },
      { answer: 'threatsAgainstFamily', is: true },
    ],
  }),
  penalty('confinement', 'locked in or guarded', 'strong', { answer: 'lockedInOrGuarded', is: true }),
  penalty('documents_retained', 'identity or travel documents retained', 'strong', {
    answer: 'documentsRetained',
    is: true,
  }),
  penalty('wages_withheld', 'wages withheld', 'strong', { answer: 'wagesWithheld', is: true }),
  penalty('fines', 'fines or financial penalties', 'medium', { answer: 'finesOrPenalties', is: true }),
  penalty('threat_of_denunciation', 'threatened with denunciation to police or immigration', 'medium', {
    answer: 'threatOfDenunciationToAuthorities',
    is: true,
  }),
];

const ids = (filter: (tags: Record<string, string>) => boolean): Condition => ({
  any: INDICATORS.filter((indicator) => filter(indicator.tags ?? {})).map((indicator) => ({
    indicator: indicator.id,
  })),
});

const DIMENSIONS: Dimension[] = ['recruitment', 'employment', 'leaving'];

export const ILO_2012_FORCED_LABOUR_RULES: DeterminationRuleSet = {
  id: 'ilo-2012-forced-labour',
  version: '1.0.0',
  title: 'ILO 2012 survey guidelines: forced labour of adults and children',
  source:
    'International Labour Office (2012), Hard to see, harder to count: Survey guidelines to estimate forced labour of adults and children, Geneva, ISBN 978-92-2-126171-1',
  description:
    'In at least one of recruitment, employment and leaving: involuntariness and menace of penalty, one of them strong (adults); any of each (children under 18 at recruitment). Trafficked = forced labour after moving for work.',
  indicators: INDICATORS,
  decisions: [
    {
      id: 'penalty_any',
      label: 'any menace of penalty',
      condition: ids((tags) => tags.element === 'penalty'),
    },
    {
      id: 'penalty_strong',
      label: 'a strong menace of penalty',
      condition: ids((tags) => tags.element === 'penalty' && tags.strength === 'strong'),
    },
    ...DIMENSIONS.flatMap((dimension) => [
      {
        id: `${dimension}_involuntary_any`,
        label: `any involuntariness in ${dimension}`,
        condition: ids((tags) => tags.element === 'involuntariness' && tags.dimension === dimension),
      },
      {
        id: `${dimension}_involuntary_strong`,
        label: `strong involuntariness in ${dimension}`,
        condition: ids(
          (tags) =>
            tags.element === 'involuntariness' && tags.dimension === dimension && tags.strength === 'strong',
        ),
      },
      {
        id: `${dimension}_adult`,
        label: `adult threshold met in ${dimension}`,
        condition: {
          any: [
            { all: [{ decision: `${dimension}_involuntary_strong` }, { decision: 'penalty_any' }] },
            { all: [{ decision: `${dimension}_involuntary_any` }, { decision: 'penalty_strong' }] },
          ],
        },
      },
      {
        id: `${dimension}_child`,
        label: `child threshold met in ${dimension}`,
        condition: { all: [{ decision: `${dimension}_involuntary_any` }, { decision: 'penalty_any' }] },
      },
    ]),
    { id: 'child', label: 'under 18 at recruitment', condition: { answer: 'ageAtRecruitment', below: 18 } },
    {
      id: 'forced_labour',
      label: 'in forced labour',
      // The adult threshold implies the child one, so "adult rule, or child and child rule" equals
      // "child ? child rule : adult rule" and stays determined when the age is unknown.
      condition: {
        any: [
          { any: DIMENSIONS.map((dimension) => ({ decision: `${dimension}_adult` })) },
          {
            all: [
              { decision: 'child' },
              { any: DIMENSIONS.map((dimension) => ({ decision: `${dimension}_child` })) },
            ],
          },
        ],
      },
    },
    {
      id: 'moved_for_work',
      label: 'crossed a border or was moved by others',
      condition: {
        any: [
          { answer: 'crossedBorder', is: true },
          { answer: 'transportedByOthers', is: true },
        ],
      },
    },
    {
      id: 'trafficked',
      label: 'trafficked for forced labour',
      condition: { all: [{ decision: 'forced_labour' }, { decision: 'moved_for_work' }] },
    },
  ],
};
