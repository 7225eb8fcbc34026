import type { z } from 'zod';
import type { UserErrorKind } from '../domain/errors.ts';

/** An error the server answers with its own status and a JSON body naming the field at fault. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

export const STATUS_BY_KIND: Readonly<Record<UserErrorKind, number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/** The record (or anything else) the caller asked for does not exist for them. */
export function notFound(what: string): HttpError {
  return new HttpError(404, 'not_found', `${what} not found`);
}

/** Validates one part of a request; the error names the first field at fault (e.g. `body.email`). */
export function parseRequestPart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  part: 'query' | 'params' | 'body',
): z.infer<Schema> {
  const parsed = schema.safeParse(value ?? (part === 'body' ? undefined : {}));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const path = [...issue.path.map(String), ...unknownKeys.slice(0, 1)];
  const field = [part, ...path].join('.');
  const message =
    issue.code === 'unrecognized_keys'
      ? `${field}: is not a field this request takes`
      : `${field}: ${issue.message}`;
  throw new HttpError(400, 'invalid_input', message, field);
}
