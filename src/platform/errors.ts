import { type objectNames, problemCatalog, type FieldCode, type ProblemCode } from './messages.ts';

export type FieldError = {
  // Dotted path into the request part, e.g. `lines.0.qty`.
  path: string;
  // Which part of the request: body, querystring, params or headers.
  in: 'body' | 'querystring' | 'params' | 'headers';
  code: FieldCode;
  params?: Record<string, unknown>;
};

// The one error type that reaches the HTTP edge as application/problem+json. Commands throw it for
// expected refusals so that the surrounding transaction rolls back and nothing changes; anything
// else that is thrown is a bug and answers 500.
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ProblemCode,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(code);
    this.status = problemCatalog[code].status;
  }
}

// Names of objects in messages; kept here so a not-found reads naturally in both languages.
export type ObjectName = keyof typeof objectNames;

export function notFound(what: ObjectName): AppError {
  return new AppError('not_found', { what });
}

export function forbidden(permission: string): AppError {
  return new AppError('forbidden', { permission });
}

export function invalidField(path: string, code: FieldCode, params?: Record<string, unknown>): AppError {
  return new AppError('validation_failed', { count: 1 }, [{ path, in: 'body', code, params }]);
}
