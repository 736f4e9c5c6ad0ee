// A use case returns an Outcome: the value, or an error a person can act on. Errors are values, never
// thrown past the service, so every caller (HTTP, CLI, tests) handles them the same way.

export type ErrorCode = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'locked';

export interface ServiceError {
  code: ErrorCode;
  message: string;
  /** The input field at fault, as a path ("patient.birthDate"). */
  field?: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ServiceError };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });

export function fail<T>(code: ErrorCode, message: string, field?: string): Outcome<T> {
  return { ok: false, error: { code, message, ...(field !== undefined ? { field } : {}) } };
}

export const notFound = <T>(what: string, id: string): Outcome<T> =>
  fail('not_found', `${what} ${id} not found`);
