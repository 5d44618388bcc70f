import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n/index.ts';
import type { paths } from './schema.d.ts';

// The one place the console talks to the API: openapi-fetch typed by the server's own OpenAPI
// document (./schema.d.ts, `npm run gen:api`). Every call is same-origin (the session cookie goes
// with it) and asks for answers in the user's language. A page calls
//
//   const order = await call(client.GET('/api/v1/orders/{id}', { params: { path: { id } } }));
//
// and gets the typed body, or an ApiProblem (the server's problem+json) / NetworkError thrown.

// RFC 9457 problem, as the server sends it (src/platform/problem.ts).
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { path: string; in: string; code: string; message: string }[];
};

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

// The server could not be reached, or answered something that is not the API's.
export class NetworkError extends Error {}

const language: Middleware = {
  onRequest({ request }) {
    request.headers.set('accept-language', currentLanguage());
    return request;
  },
};

export const client = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
client.use(language);

export type Answer<T> = { data?: T; error?: unknown; response: Response };

// The typed body of a call, or the reason it failed as an exception (react-query's way).
export async function call<T>(pending: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await pending;
  } catch (e) {
    throw new NetworkError(String(e));
  }
  const { response } = answer;
  if (response.ok) return answer.data as T;
  const type = response.headers.get('content-type') ?? '';
  if (type.startsWith('application/problem+json') && answer.error && typeof answer.error === 'object') throw new ApiProblem(answer.error as Problem);
  throw new NetworkError(`${response.status} ${response.url}`);
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 401;
}

// A key for one user action (a form's submission): a retry of that action, after a lost answer or
// a double click, is then applied once by the server.
export function idempotencyKey(): { 'idempotency-key': string } {
  return { 'idempotency-key': crypto.randomUUID() };
}

// The key to send the next try under, after a failure: the same when no answer came (the server may
// have done it, and sending again must not do it twice), a new one after the server refused (it
// kept nothing under the key, and what is sent next, mended, is another request).
export function keyAfterFailure(error: unknown, key: { 'idempotency-key': string }): { 'idempotency-key': string } {
  return error instanceof ApiProblem ? idempotencyKey() : key;
}
