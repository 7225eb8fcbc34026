import { AnalyticsInputError } from '../analytics/common/errors.ts';
import { UserError, type UserErrorKind } from '../domain/errors.ts';

/** Exit codes scripts can rely on; listed in `siren --help` and the README. */
export const EXIT = {
  ok: 0,
  internalError: 1,
  usage: 2,
  invalidInput: 3,
  conflict: 4,
  notFound: 5,
  forbidden: 6,
} as const;

const BY_KIND: Record<UserErrorKind, number> = {
  invalid_input: EXIT.invalidInput,
  conflict: EXIT.conflict,
  not_found: EXIT.notFound,
  forbidden: EXIT.forbidden,
  unauthenticated: EXIT.forbidden,
};

/** Maps an error to its exit code and the message a user sees (never a stack trace for their mistakes). */
export function describeFailure(error: unknown): { code: number; message: string } {
  if (error instanceof UserError) return { code: BY_KIND[error.kind], message: error.message };
  if (error instanceof AnalyticsInputError) return { code: EXIT.invalidInput, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  const detail = process.env.SIREN_DEBUG && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return { code: EXIT.internalError, message: `internal error: ${message}${detail}` };
}
