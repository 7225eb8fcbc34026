/**
 * Shared shapes of the linkage family: the records to link, the comparisons made between two
 * records, the blocking rules that choose which pairs are compared, and the trained model.
 * Everything here is plain data (JSON-serialisable), so a model or a configuration can be stored,
 * shown and reloaded.
 */

/** What a column holds; decides its normalisation and default comparison levels. */
export type FieldKind =
  | 'name'
  | 'text'
  | 'code'
  | 'date'
  | 'number'
  | 'phone'
  | 'category'
  | 'email'
  | 'place'
  | 'age';

/** Records to link, by column: `columns[field][record]`; empty string or null = missing. */
export interface LinkageRecords {
  columns: Record<string, readonly (string | null)[]>;
  /** Source (file or list) of each record, 0-based; absent = one source. */
  sources?: ArrayLike<number>;
}

/**
 * One level of a comparison, from best to worst. Levels are tried in order; the first whose test
 * passes is the pair's level; a pair passing none falls to the implicit last level "else".
 */
export type ComparisonLevel =
  | { type: 'exact' }
  | { type: 'swapped'; with: string }
  | { type: 'tokenSet' }
  | { type: 'phonetic' }
  | { type: 'joinedPhonetic' }
  | { type: 'jaroWinkler'; threshold: number; sorted?: boolean }
  | { type: 'damerauLevenshtein'; maxDistance: number }
  | { type: 'tokenOverlap'; minimum: number }
  | { type: 'withinDays'; days: number }
  | { type: 'dayMonthSwapped' }
  | { type: 'sameYear' }
  | { type: 'withinYears'; years: number }
  | { type: 'withinTolerance'; absolute?: number; relative?: number }
  | { type: 'nationalNumber' }
  | { type: 'suffix'; length: number }
  | { type: 'samePlaceKey' }
  | { type: 'birthConsistent' }
  | { type: 'birthWithinYears'; years: number };

/** A comparison of one column between two records. */
export interface ComparisonSpec {
  /** The column compared. */
  field: string;
  kind: FieldKind;
  /** Label in outputs; defaults to the field. */
  name?: string;
  /** Levels best to worst (the "else" level is implicit); defaults depend on the kind. */
  levels?: ComparisonLevel[];
  /** Term-frequency adjustment of the exact level (rare values weigh more). Default: on for names. */
  termFrequency?: boolean;
  /** Places: the field holding the containing place (a village's province), passed to the place resolver. */
  within?: string;
  /**
   * Ages (kind `age`): the field holding the date the record was made (the age's reference), and the
   * date-of-birth field used where a record has a birth date instead of an age.
   */
  recordedOn?: string;
  birthDate?: string;
}

/**
 * A blocking rule: pairs whose keys are all equal are compared. Written `term & term`, each term a
 * field or a function of one: `surname`, `first3(surname)`, `phonetic(given_name)`,
 * `sorted(full_name)`, `year(date_of_birth)`, `last4(phone)`.
 */
export type BlockingRule = string;

/** Which pairs count: within one list, across lists only, or both. */
export type LinkType = 'dedupe' | 'link' | 'linkAndDedupe';

/** One trained comparison: its levels' labels with m and u probabilities. */
export interface TrainedComparison {
  name: string;
  field: string;
  kind: FieldKind;
  levels: ComparisonLevel[];
  /** Labels of the levels including the last "else". */
  labels: string[];
  /** P(level | match), one per label. */
  m: number[];
  /** P(level | non-match), one per label. */
  u: number[];
  termFrequency: boolean;
}

/** A Fellegi–Sunter model: the comparisons with their parameters and the prior match probability. */
export interface LinkageModel {
  comparisons: TrainedComparison[];
  /** Probability that two records drawn at random from the compared space are a match. */
  priorMatchProbability: number;
  linkType: LinkType;
}
