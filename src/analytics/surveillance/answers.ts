/**
 * The canonical interview answers that trafficking determination rules read: one flat record per
 * interview with stable keys, whatever instrument version collected it (the instrument import maps
 * its questions onto these keys). A missing key, `null` or `undefined` means "not answered / not
 * known" and is never read as "no": rules evaluate it as unknown (three-valued logic), so an
 * interview can come out undetermined.
 *
 * Groups follow the sentinel questionnaire: person; journey and route; broker and payments; debts;
 * deception; work and living conditions; confinement and documents; violence and threats; wages;
 * leaving the employer; remittances and family; how the person came back. Booleans are "did this
 * happen to you" answers. Rules read only some keys; the indicators and the data sheet read them all
 * (origin province, remittances and school drop-out as well), so that an instrument's `canonical`
 * column is the one mapping from its questions to every key the analyses read.
 */
import { z } from 'zod';

const flag = z.boolean().nullish();
const count = z.number().int().min(0).nullish();

/** Things the person was deceived about at recruitment. */
export const DECEPTION_TOPICS = [
  'nature_of_work',
  'wages',
  'working_conditions',
  'living_conditions',
  'employer_or_location',
  'legal_status_or_documents',
  'marriage',
] as const;

/** Who recruited the person. */
export const RECRUITERS = ['broker', 'employer', 'relative', 'friend', 'self', 'other'] as const;

/** How the person came back. */
export const RETURN_MODES = ['deported', 'rescued', 'escaped', 'returned_voluntarily', 'other'] as const;

/** Sector of the work at destination. */
export const SECTORS = [
  'agriculture',
  'fishing',
  'construction',
  'manufacturing',
  'domestic_work',
  'hospitality',
  'sex_work',
  'begging',
  'other',
] as const;

export const INTERVIEW_ANSWERS_SCHEMA = z.object({
  interviewId: z.string().min(1),
  // person
  sex: z.enum(['female', 'male', 'other']).nullish(),
  ageAtInterview: z.number().int().min(0).max(120).nullish(),
  ageAtRecruitment: z.number().int().min(0).max(120).nullish(),
  /** Province of origin, an ISO 3166-2 code where the gazetteer has it (the data sheet's map). */
  originProvince: z.string().nullish(),
  /** Left school early to migrate or to work. */
  droppedOutOfSchool: flag,
  // journey and route
  crossedBorder: flag,
  irregularMigration: flag,
  destinationCountry: z.string().nullish(),
  transportedByOthers: flag,
  // broker and payments
  recruitedBy: z.enum(RECRUITERS).nullish(),
  brokerFeePaid: z.number().min(0).nullish(),
  recruitedByForce: flag,
  soldOrTransferredForPayment: flag,
  // debts
  debtToBrokerOrEmployer: flag,
  debtRepaidThroughWork: flag,
  // deception: topics lied about (empty array = asked, not deceived)
  deceivedAbout: z.array(z.enum(DECEPTION_TOPICS)).nullish(),
  // work and living conditions
  sector: z.enum(SECTORS).nullish(),
  hoursPerDay: z.number().min(0).max(24).nullish(),
  daysPerWeek: z.number().int().min(0).max(7).nullish(),
  forcedOvertime: flag,
  forcedTasksOrClients: flag,
  forcedSexualExploitation: flag,
  degradingLivingConditions: flag,
  dependentOnEmployerForHousingOrFood: flag,
  // confinement and documents
  lockedInOrGuarded: flag,
  movementRestricted: flag,
  communicationRestricted: flag,
  documentsRetained: flag,
  // violence and threats
  physicalViolence: flag,
  sexualViolence: flag,
  threatsAgainstSelf: flag,
  threatsAgainstFamily: flag,
  threatOfDenunciationToAuthorities: flag,
  finesOrPenalties: flag,
  // wages
  wagesWithheld: flag,
  wagesBelowPromised: flag,
  monthsUnpaid: count,
  // leaving the employer
  unableToLeaveEmployer: flag,
  keptWorkingToRepayDebt: flag,
  keptWorkingForWagesDue: flag,
  // remittances and family
  remittancesSent: flag,
  // coming back
  returnMode: z.enum(RETURN_MODES).nullish(),
  identifiedAsVictimByOfficials: flag,
});

/** One interview's canonical answers (see {@link INTERVIEW_ANSWERS_SCHEMA}). */
export type InterviewAnswers = z.infer<typeof INTERVIEW_ANSWERS_SCHEMA>;

/** Every answer key a rule may read. */
export type AnswerKey = Exclude<keyof InterviewAnswers, 'interviewId'>;

export const ANSWER_KEYS = Object.keys(INTERVIEW_ANSWERS_SCHEMA.shape).filter(
  (key) => key !== 'interviewId',
) as AnswerKey[];
