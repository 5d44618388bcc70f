import { currentLanguage } from '../i18n/index.ts';

// The one place the console talks to the API. Every call is same-origin (the session cookie goes
// with it) and asks for answers in the user's language. When the OpenAPI types arrive
// (./schema.d.ts), `request` becomes openapi-fetch's `createClient<paths>()` with the same headers
// and the same conversion of problems; callers keep using `api.get/post` and `ApiProblem`.

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
}

// The server could not be reached, or answered something that is not the API's.
export class NetworkError extends Error {}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': currentLanguage(), accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new NetworkError(String(e));
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('application/problem+json')) throw new ApiProblem((await res.json()) as Problem);
  if (!res.ok || !type.startsWith('application/json')) throw new NetworkError(`${method} ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body),
};

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiProblem && error.status === 401;
}
