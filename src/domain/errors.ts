/**
 * Errors a user can act on. Each carries a kind that the CLI maps to an exit code and the server to
 * an HTTP status, and, for bad data, the place of every problem (file, row, column).
 */
export type UserErrorKind = 'invalid_input' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated';

/** One problem in an input file or request: where it is and why it is wrong. */
export interface InputProblem {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
  reason: string;
}

/** Formats a problem the way users read it: `cases.csv row 1501, column date_of_birth: "x" is not a date`. */
export function describeProblem(problem: InputProblem): string {
  const place = [
    problem.file,
    problem.row === undefined ? undefined : `row ${problem.row}`,
    problem.column === undefined ? undefined : `column ${problem.column}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  const value = problem.value === undefined ? '' : `${JSON.stringify(problem.value)} `;
  return place ? `${place}: ${value}${problem.reason}` : `${value}${problem.reason}`;
}

export class UserError extends Error {
  override readonly name = 'UserError';
  constructor(
    message: string,
    readonly kind: UserErrorKind = 'invalid_input',
    readonly problems: readonly InputProblem[] = [],
    readonly totalProblems: number = problems.length,
  ) {
    super(message);
  }
}

/** The largest number of problems listed in one error; the total is always reported. */
export const PROBLEM_LIST_CAP = 100;

/** Builds one error from a list of problems, listing at most {@link PROBLEM_LIST_CAP} of them. */
export function invalidInput(
  summary: string,
  problems: readonly InputProblem[],
  total = problems.length,
): UserError {
  const listed = problems.slice(0, PROBLEM_LIST_CAP);
  const lines = listed.map((problem) => `  ${describeProblem(problem)}`);
  if (total > listed.length) lines.push(`  … and ${total - listed.length} more (${total} in all)`);
  return new UserError([summary, ...lines].join('\n'), 'invalid_input', listed, total);
}
