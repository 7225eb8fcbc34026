import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import {
  cohensKappa,
  compareDeterminations,
  type DeterminationRuleSet,
  determineTrafficking,
  ILO_2012_FORCED_LABOUR_RULES,
  INTERVIEW_ANSWERS_SCHEMA,
  type InterviewAnswers,
  PALERMO_PROTOCOL_RULES,
  ruleSetFingerprint,
  validateRuleSet,
} from '../../../src/analytics/surveillance/index.ts';

const CLEAN_ADULT: InterviewAnswers = {
  interviewId: 'clean',
  ageAtRecruitment: 25,
  crossedBorder: true,
  recruitedBy: 'self',
  transportedByOthers: false,
  recruitedByForce: false,
  soldOrTransferredForPayment: false,
  debtToBrokerOrEmployer: false,
  debtRepaidThroughWork: false,
  deceivedAbout: [],
  hoursPerDay: 8,
  daysPerWeek: 6,
  forcedOvertime: false,
  forcedTasksOrClients: false,
  forcedSexualExploitation: false,
  degradingLivingConditions: false,
  dependentOnEmployerForHousingOrFood: false,
  lockedInOrGuarded: false,
  movementRestricted: false,
  communicationRestricted: false,
  documentsRetained: false,
  physicalViolence: false,
  sexualViolence: false,
  threatsAgainstSelf: false,
  threatsAgainstFamily: false,
  threatOfDenunciationToAuthorities: false,
  finesOrPenalties: false,
  wagesWithheld: false,
  wagesBelowPromised: false,
  unableToLeaveEmployer: false,
  keptWorkingToRepayDebt: false,
  keptWorkingForWagesDue: false,
};

const interview = (id: string, changes: Partial<InterviewAnswers>): InterviewAnswers => ({
  ...CLEAN_ADULT,
  ...changes,
  interviewId: id,
});

const statusOf = (ruleSet: DeterminationRuleSet, answers: InterviewAnswers) =>
  determineTrafficking([answers], ruleSet).determinations[0];

describe('ILO 2012 forced labour rule', () => {
  it('classifies a person with no indicator as not trafficked', () => {
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, CLEAN_ADULT).status).toBe('not_trafficked');
  });

  it('needs involuntariness and penalty in a dimension, one of them strong, for adults', () => {
    const strongAndMedium = interview('a', { deceivedAbout: ['nature_of_work'], finesOrPenalties: true });
    const result = statusOf(ILO_2012_FORCED_LABOUR_RULES, strongAndMedium);
    expect(result.status).toBe('trafficked');
    expect(result.firedIndicators).toEqual(['deceived_nature_of_work', 'fines']);
    expect(result.decisions.recruitment_adult).toBe(true);
    const mediumOnly = interview('b', { deceivedAbout: ['wages'], finesOrPenalties: true });
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, mediumOnly).status).toBe('not_trafficked');
    const involuntarinessOnly = interview('c', { forcedOvertime: true, unableToLeaveEmployer: true });
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, involuntarinessOnly).status).toBe('not_trafficked');
  });

  it('judges children by the lower threshold (medium indicators suffice)', () => {
    const child = interview('child', {
      ageAtRecruitment: 15,
      deceivedAbout: ['wages'],
      finesOrPenalties: true,
    });
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, child).status).toBe('trafficked');
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, { ...child, ageAtRecruitment: 18 }).status).toBe(
      'not_trafficked',
    );
  });

  it('is undetermined only when missing answers could change the outcome', () => {
    const open = interview('open', { deceivedAbout: ['nature_of_work'], finesOrPenalties: null });
    const result = statusOf(ILO_2012_FORCED_LABOUR_RULES, open);
    expect(result.status).toBe('undetermined');
    expect(result.unknownIndicators).toContain('fines');
    const settled = interview('settled', {
      deceivedAbout: ['nature_of_work'],
      physicalViolence: true,
      hoursPerDay: null,
    });
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, settled).status).toBe('trafficked');
    const unknownAgeButAdultRuleMet = interview('age', {
      ageAtRecruitment: null,
      forcedOvertime: true,
      documentsRetained: true,
    });
    expect(statusOf(ILO_2012_FORCED_LABOUR_RULES, unknownAgeButAdultRuleMet).status).toBe('trafficked');
  });
});

describe('Palermo act–means–purpose rule', () => {
  const exploited = { recruitedBy: 'broker' as const, wagesWithheld: true };

  it('needs act, means and purpose for adults', () => {
    expect(statusOf(PALERMO_PROTOCOL_RULES, interview('x', exploited)).status).toBe('not_trafficked');
    const deceived = interview('y', { ...exploited, deceivedAbout: ['working_conditions'] });
    const result = statusOf(PALERMO_PROTOCOL_RULES, deceived);
    expect(result.status).toBe('trafficked');
    expect(result.decisions).toMatchObject({ act: true, means: true, purpose: true, child: false });
  });

  it('needs no means for a child', () => {
    expect(
      statusOf(PALERMO_PROTOCOL_RULES, interview('z', { ...exploited, ageAtRecruitment: 16 })).status,
    ).toBe('trafficked');
  });
});

describe('rule sets as data', () => {
  it('round-trips through YAML with the same fingerprint and the same classifications', () => {
    const text = YAML.stringify(PALERMO_PROTOCOL_RULES);
    const parsed = YAML.parse(text) as DeterminationRuleSet;
    expect(ruleSetFingerprint(parsed)).toBe(ruleSetFingerprint(PALERMO_PROTOCOL_RULES));
    const interviews = [
      interview('1', { recruitedBy: 'broker', wagesWithheld: true, physicalViolence: true }),
    ];
    expect(determineTrafficking(interviews, parsed).determinations).toEqual(
      determineTrafficking(interviews, PALERMO_PROTOCOL_RULES).determinations,
    );
  });

  it('changes the fingerprint when a rule changes, so versions are never mixed silently', () => {
    const edited: DeterminationRuleSet = {
      ...PALERMO_PROTOCOL_RULES,
      decisions: PALERMO_PROTOCOL_RULES.decisions.map((decision) =>
        decision.id === 'child'
          ? { ...decision, condition: { answer: 'ageAtRecruitment', below: 16 } }
          : decision,
      ),
    };
    expect(ruleSetFingerprint(edited)).not.toBe(ruleSetFingerprint(PALERMO_PROTOCOL_RULES));
    const result = determineTrafficking([CLEAN_ADULT], edited);
    expect(result.determinations[0].ruleSet.fingerprint).toBe(ruleSetFingerprint(edited));
  });

  it('refuses rule sets with unknown answers, undefined indicators or forward references', () => {
    const base = PALERMO_PROTOCOL_RULES;
    expect(() =>
      validateRuleSet({
        ...base,
        indicators: [{ id: 'x', label: 'x', condition: { answer: 'shoeSize' as never, is: true } }],
      }),
    ).toThrow(/surveillance\/determination-rules: indicator x: unknown answer key "shoeSize"/);
    expect(() =>
      validateRuleSet({
        ...base,
        decisions: [{ id: 'trafficked', label: 't', condition: { indicator: 'nope' } }],
      }),
    ).toThrow(/unknown indicator "nope"/);
    expect(() =>
      validateRuleSet({
        ...base,
        decisions: [
          { id: 'trafficked', label: 't', condition: { decision: 'later' } },
          { id: 'later', label: 'l', condition: { indicator: 'transported' } },
        ],
      }),
    ).toThrow(/decision "later" is not defined before it/);
    expect(() => determineTrafficking([CLEAN_ADULT, CLEAN_ADULT], base)).toThrow(
      /interviewId "clean" repeats/,
    );
  });

  it('validates answers with the zod schema', () => {
    expect(INTERVIEW_ANSWERS_SCHEMA.safeParse(CLEAN_ADULT).success).toBe(true);
    expect(INTERVIEW_ANSWERS_SCHEMA.safeParse({ interviewId: 'x', hoursPerDay: 30 }).success).toBe(false);
    expect(INTERVIEW_ANSWERS_SCHEMA.safeParse({ interviewId: 'x', deceivedAbout: ['weather'] }).success).toBe(
      false,
    );
  });

  it('gives a determined status that no filling of the missing answers can change', () => {
    const keys = Object.keys(CLEAN_ADULT).filter(
      (key) => typeof CLEAN_ADULT[key as keyof InterviewAnswers] === 'boolean',
    ) as (keyof InterviewAnswers)[];
    const answerArbitrary = fc.constantFrom<boolean | null>(true, false, false, false, null);
    fc.assert(
      fc.property(
        fc.array(answerArbitrary, { minLength: keys.length, maxLength: keys.length }),
        fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
        fc.constantFrom(ILO_2012_FORCED_LABOUR_RULES, PALERMO_PROTOCOL_RULES),
        fc.option(fc.integer({ min: 8, max: 40 }), { nil: null }),
        (values, fills, ruleSet, age) => {
          const partial = interview('p', { ageAtRecruitment: age });
          const filled = interview('f', { ageAtRecruitment: age ?? 30 });
          keys.forEach((key, index) => {
            (partial as Record<string, unknown>)[key] = values[index];
            (filled as Record<string, unknown>)[key] = values[index] ?? fills[index];
          });
          const first = statusOf(ruleSet, partial).status;
          return first === 'undetermined' || first === statusOf(ruleSet, filled).status;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('comparing two rules', () => {
  it("computes Cohen's kappa of the textbook 2×2 example", () => {
    // Source: Cohen's kappa worked example (Wikipedia, "Cohen's kappa", 2×2 example): 20/5/10/15 → κ = 0.4.
    const summary = cohensKappa([
      [20, 5],
      [10, 15],
    ]);
    expect(summary.observedAgreement).toBeCloseTo(0.7, 12);
    expect(summary.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(summary.kappa).toBeCloseTo(0.4, 12);
  });

  it('tabulates the ILO and Palermo rules over the same interviews', () => {
    const interviews = [
      interview('1', { recruitedBy: 'broker', deceivedAbout: ['nature_of_work'], wagesWithheld: true }),
      interview('2', { recruitedBy: 'broker', wagesWithheld: true }),
      interview('3', {}),
      interview('4', { recruitedBy: 'broker', forcedOvertime: true, finesOrPenalties: null }),
    ];
    const ilo = determineTrafficking(interviews, ILO_2012_FORCED_LABOUR_RULES);
    const palermo = determineTrafficking(interviews, PALERMO_PROTOCOL_RULES);
    const comparison = compareDeterminations(ilo, palermo);
    expect(comparison.table.trafficked.trafficked).toBe(1);
    expect(comparison.table.not_trafficked.not_trafficked).toBe(2);
    expect(comparison.table.undetermined.not_trafficked).toBe(1);
    expect(comparison.allStatuses.observedAgreement).toBeCloseTo(0.75, 12);
    expect(comparison.determinedByBoth.kappa).toBeCloseTo(1, 12);
    expect(comparison.disagreements.map((item) => item.interviewId)).toEqual(['4']);
    const self = compareDeterminations(ilo, ilo);
    expect(self.allStatuses.kappa).toBeCloseTo(1, 12);
  });
});
