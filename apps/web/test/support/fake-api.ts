// A stand-in for the quantrad API in component tests: each call is answered by the handler for its method
// and path, and every request is kept so a test can check what the form sent.
import { vi } from 'vitest';

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

export type FakeAnswer = { status?: number; body: unknown };
export type FakeHandler = (request: SentRequest) => FakeAnswer;

/** Replaces fetch with the handlers, keyed "METHOD /path" (the path with its query). */
export function fakeApi(handlers: Record<string, FakeHandler>): { sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  vi.stubGlobal('fetch', (input: string, init: RequestInit = {}): Promise<Response> => {
    const method = init.method ?? 'GET';
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, path: input, body };
    sent.push(request);
    const handler = handlers[`${method} ${input}`];
    if (!handler) throw new Error(`the fake API has no answer for ${method} ${input}`);
    const answer = handler(request);
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return { sent };
}

/** The API's refusal body: `{ error: { code, message, field } }`. */
export function refusal(status: number, code: string, message: string, field?: string): FakeAnswer {
  return { status, body: { error: { code, message, ...(field !== undefined ? { field } : {}) } } };
}
