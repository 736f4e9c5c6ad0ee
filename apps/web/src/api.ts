// Calls to the quantrad API with the session's bearer token; a refusal becomes an ApiError carrying the
// API's code, message and the field at fault, so a form can show it beside that field.

const TOKEN_KEY = 'quantrad.session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message);
  }
}

export function sessionToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function keepSessionToken(token: string | null): void {
  if (token === null) sessionStorage.removeItem(TOKEN_KEY);
  else sessionStorage.setItem(TOKEN_KEY, token);
}

interface ErrorBody {
  error?: { code?: string; message?: string; field?: string };
}

async function call(path: string, init: RequestInit, token: string | null): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token !== null) headers.set('authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('content-type', 'application/json');
  const response = await fetch(path, { ...init, headers });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    throw new ApiError(
      response.status,
      body.error?.code ?? 'error',
      body.error?.message ?? `${String(response.status)} ${response.statusText}`,
      body.error?.field ?? null,
    );
  }
  return response;
}

/** A JSON request; the session token is sent unless one is given (the sign-in steps). */
export async function apiJson<T>(
  path: string,
  options: {
    method?: 'GET' | 'POST' | 'PUT';
    body?: unknown;
    token?: string | null;
    /** Extra request headers (an Idempotency-Key). */
    headers?: Record<string, string>;
  } = {},
): Promise<T> {
  const response = await call(
    path,
    {
      method: options.method ?? 'GET',
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      ...(options.headers !== undefined ? { headers: options.headers } : {}),
    },
    options.token === undefined ? sessionToken() : options.token,
  );
  return (await response.json()) as T;
}

/** A file from the API (a CSV export), as text. */
export async function apiText(path: string): Promise<string> {
  return (await call(path, { method: 'GET' }, sessionToken())).text();
}
