/**
 * An XLSForm questionnaire as SIREN keeps it (XLSForm specification, https://xlsform.org/en/): the
 * `survey` rows in order (groups and repeats as begin/end rows), the `choices` lists and the
 * `settings`. Labels, hints and messages are kept per language, keyed by the column suffix
 * (`label::English (en)` → `English (en)`; a plain `label` → `default`).
 *
 * SIREN columns beyond the standard: `id` (the question's stable identity across versions; default
 * its name), `personal` (yes: the answer is personal data, sealed at rest and audited when read) and
 * `canonical` (the canonical interview answer key the question feeds, for determination rules).
 */
export const QUESTION_TYPES = [
  'integer',
  'decimal',
  'text',
  'select_one',
  'select_multiple',
  'select_one_from_file',
  'date',
  'time',
  'datetime',
  'geopoint',
  'note',
  'calculate',
  'acknowledge',
  'begin_group',
  'end_group',
  'begin_repeat',
  'end_repeat',
  'start',
  'end',
  'today',
  'deviceid',
  'username',
] as const;

export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Metadata the form fills itself (no label, never asked). */
export const METADATA_TYPES: readonly QuestionType[] = ['start', 'end', 'today', 'deviceid', 'username'];

/** Rows that open or close a group or a repeat. */
export const STRUCTURE_TYPES: readonly QuestionType[] = [
  'begin_group',
  'end_group',
  'begin_repeat',
  'end_repeat',
];

export type Texts = Record<string, string>;

export interface SurveyRow {
  /** The row of the survey sheet it came from (header = 1). */
  row: number;
  type: QuestionType;
  /** select_one / select_multiple: the choice list. */
  listName: string | null;
  /** select_one_from_file: the file. */
  file: string | null;
  /** Empty on end_group / end_repeat rows. */
  name: string;
  /** Stable identity across versions: the `id` column, else the name. */
  id: string;
  /** True when the id came from the `id` column (or from rename detection), not from the name. */
  idFromColumn: boolean;
  labels: Texts;
  hints: Texts;
  /** true, false or an expression. */
  required: boolean | string;
  requiredMessages: Texts;
  constraint: string | null;
  constraintMessages: Texts;
  relevant: string | null;
  choiceFilter: string | null;
  default: string | null;
  calculation: string | null;
  appearance: string | null;
  parameters: string | null;
  personal: boolean;
  canonical: string | null;
  /** Columns SIREN does not interpret (e.g. `media::image`, KoBo's `$kuid`), kept as they are. */
  extra: Record<string, string>;
}

export interface Choice {
  listName: string;
  name: string;
  labels: Texts;
  /** Further columns (used by choice filters), by column name. */
  extra: Record<string, string>;
}

export interface FormSettings {
  formId: string;
  version: string;
  title: string;
  defaultLanguage: string | null;
  /** Other settings columns (e.g. `instance_name`, `style`), kept as they are. */
  extra: Record<string, string>;
}

export interface XlsForm {
  settings: FormSettings;
  /** Languages in the order their columns first appear. */
  languages: string[];
  survey: SurveyRow[];
  choices: Choice[];
}

/** A question with where it sits: the groups and repeats around it, and their relevance. */
export interface PlacedQuestion {
  question: SurveyRow;
  /** Names of the enclosing groups and repeats, outermost first. */
  groups: string[];
  /** `relevant` expressions of the enclosing groups and repeats. */
  groupRelevants: string[];
  insideRepeat: boolean;
}

/** Every row that holds an answer (not structure rows, not notes), with its place in the form. */
export function placedQuestions(form: XlsForm): PlacedQuestion[] {
  const stack: SurveyRow[] = [];
  const placed: PlacedQuestion[] = [];
  for (const row of form.survey) {
    if (row.type === 'begin_group' || row.type === 'begin_repeat') {
      stack.push(row);
      continue;
    }
    if (row.type === 'end_group' || row.type === 'end_repeat') {
      stack.pop();
      continue;
    }
    placed.push({
      question: row,
      groups: stack.map((group) => group.name),
      groupRelevants: stack.flatMap((group) => (group.relevant ? [group.relevant] : [])),
      insideRepeat: stack.some((group) => group.type === 'begin_repeat'),
    });
  }
  return placed;
}

/** The choices of a list, in order. */
export function choicesOf(form: XlsForm, listName: string): Choice[] {
  return form.choices.filter((choice) => choice.listName === listName);
}

/** The label of a row or choice in the preferred language, else the first one it has. */
export function labelIn(texts: Texts, language?: string | null): string {
  if (language && texts[language]) return texts[language];
  return Object.values(texts)[0] ?? '';
}
