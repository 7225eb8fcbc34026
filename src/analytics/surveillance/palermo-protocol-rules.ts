/**
 * Rule set "Palermo act–means–purpose": the definition of trafficking in persons of the UN
 * Trafficking Protocol (2000), art. 3, applied to the canonical sentinel answers.
 *
 * Trafficked = an ACT (recruitment, transportation, transfer, harbouring or receipt of the person)
 * by MEANS (threat or use of force, coercion, abduction, fraud, deception, abuse of power or of a
 * position of vulnerability, payments to a person having control) for the PURPOSE of exploitation
 * (forced labour or services, sexual exploitation, slavery-like practices, servitude). For a child
 * (under 18 at recruitment, art. 3(c)–(d)) no means are needed: act and purpose suffice.
 *
 * Operationalisation choices (SIREN's): the purpose is read from exploitation the person went
 * through (an intention cannot be asked); a recruiter other than the person, a relative or a
 * friend counts as recruitment by a third party; debt, document retention and threats of
 * denunciation count as abuse of a position of vulnerability.
 *
 * Source: United Nations (2000), "Protocol to Prevent, Suppress and Punish Trafficking in Persons,
 * Especially Women and Children, supplementing the United Nations Convention against Transnational
 * Organized Crime", General Assembly resolution 55/25, art. 3,
 * https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons
 */
import type { Condition, DeterminationRuleSet, IndicatorDefinition } from './determination-rules.ts';

function indicator(
  id: string,
  label: string,
  element: 'act' | 'means' | 'purpose',
  condition: Condition,
): IndicatorDefinition {
  return { id, label, condition, tags: { element } };
}

const yes = (answer: Extract<Condition, { is: boolean }>['answer']): Condition => ({ answer, is: true });

const INDICATORS: IndicatorDefinition[] = [
  indicator('recruited_by_third_party', 'recruited by a broker, employer or other third party', 'act', {
    answer: 'recruitedBy',
    in: ['broker', 'employer', 'other'],
  }),
  indicator('transported', 'transported or moved by others', 'act', yes('transportedByOthers')),
  indicator('transferred', 'sold or transferred', 'act', yes('soldOrTransferredForPayment')),
  indicator('harboured', 'harboured: kept locked in or guarded', 'act', yes('lockedInOrGuarded')),
  indicator('force_or_threats', 'threat or use of force', 'means', {
    any: [
      yes('physicalViolence'),
      yes('sexualViolence'),
      yes('threatsAgainstSelf'),
      yes('threatsAgainstFamily'),
    ],
  }),
  indicator('abduction', 'abduction', 'means', yes('recruitedByForce')),
  indicator('deception', 'fraud or deception', 'means', {
    answer: 'deceivedAbout',
    includesAny: [
      'nature_of_work',
      'wages',
      'working_conditions',
      'living_conditions',
      'employer_or_location',
      'legal_status_or_documents',
      'marriage',
    ],
  }),
  indicator(
    'abuse_of_vulnerability',
    'abuse of a position of vulnerability (debt, documents, denunciation)',
    'means',
    {
      any: [
        yes('debtToBrokerOrEmployer'),
        yes('documentsRetained'),
        yes('threatOfDenunciationToAuthorities'),
      ],
    },
  ),
  indicator(
    'payment_to_controller',
    'payments to a person having control',
    'means',
    yes('soldOrTransferredForPayment'),
  ),
  indicator('sexual_exploitation', 'sexual exploitation', 'purpose', yes('forcedSexualExploitation')),
  indicator('forced_labour_or_services', 'forced labour or services', 'purpose', {
    any: [
      yes('unableToLeaveEmployer'),
      yes('keptWorkingToRepayDebt'),
      yes('keptWorkingForWagesDue'),
      yes('wagesWithheld'),
      yes('forcedOvertime'),
      yes('forcedTasksOrClients'),
      yes('movementRestricted'),
    ],
  }),
  indicator('servitude', 'servitude or debt bondage', 'purpose', yes('debtRepaidThroughWork')),
];

const anyOf = (element: string): Condition => ({
  any: INDICATORS.filter((item) => item.tags?.element === element).map((item) => ({ indicator: item.id })),
});

export const PALERMO_PROTOCOL_RULES: DeterminationRuleSet = {
  id: 'palermo-act-means-purpose',
  version: '1.0.0',
  title: 'UN Trafficking Protocol (Palermo 2000), art. 3: act, means, purpose',
  source:
    'United Nations (2000), Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, GA res. 55/25, art. 3',
  description: 'Trafficked = act and purpose, and means unless the person was under 18 at recruitment.',
  indicators: INDICATORS,
  decisions: [
    { id: 'act', label: 'an act (recruitment, transport, transfer, harbouring)', condition: anyOf('act') },
    {
      id: 'means',
      label: 'a means (force, abduction, deception, abuse of vulnerability)',
      condition: anyOf('means'),
    },
    { id: 'purpose', label: 'a purpose of exploitation', condition: anyOf('purpose') },
    { id: 'child', label: 'under 18 at recruitment', condition: { answer: 'ageAtRecruitment', below: 18 } },
    {
      id: 'trafficked',
      label: 'trafficked (act, means unless a child, purpose)',
      condition: {
        all: [
          { decision: 'act' },
          { decision: 'purpose' },
          { any: [{ decision: 'child' }, { decision: 'means' }] },
        ],
      },
    },
  ],
};
