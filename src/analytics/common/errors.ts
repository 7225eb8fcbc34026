/**
 * An input an analytic cannot work with (a list with no records, recruiter ids that point nowhere,
 * a graph with no edges). The message starts with the function's path and says what was wrong, so
 * the CLI and the API can show it to a user as it is, never as a crash.
 */
export class AnalyticsInputError extends Error {
  override readonly name = 'AnalyticsInputError';
}

/** Throws an {@link AnalyticsInputError} naming the function when the condition fails. */
export function requireInput(condition: unknown, where: string, message: string): asserts condition {
  if (!condition) throw new AnalyticsInputError(`${where}: ${message}`);
}
