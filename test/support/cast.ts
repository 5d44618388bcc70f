import type { LightMyRequestResponse as Response } from 'fastify';
import { bearer, type TestApp } from './app.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The demo users a test signs in ("who" → email) and a way to call the API as any of them. Tokens,
// organisation and user ids are filled in by signIn and shared by reference, so a test may
// destructure them before its beforeAll has run.
export type Cast = {
  tokens: Record<string, string>;
  orgs: Record<string, string>;
  users: Record<string, string>;
  signIn(logins: Record<string, string>): Promise<void>;
  call(who: string, method: Method, url: string, payload?: unknown, headers?: Record<string, string>): Promise<Response>;
};

export function cast(app: () => TestApp, defaults: { headers?: Record<string, string> } = {}): Cast {
  const tokens: Record<string, string> = {};
  const orgs: Record<string, string> = {};
  const users: Record<string, string> = {};
  const call: Cast['call'] = (who, method, url, payload, headers = {}) =>
    app().app.inject({ method, url, payload: payload as object, headers: { ...bearer(tokens[who]!), ...defaults.headers, ...headers } });
  return {
    tokens,
    orgs,
    users,
    call,
    async signIn(logins) {
      for (const [who, email] of Object.entries(logins)) {
        tokens[who] = await app().login(email);
        const me = (await call(who, 'GET', '/api/v1/me')).json<{ org: { id: string }; user: { id: string } }>();
        orgs[who] = me.org.id;
        users[who] = me.user.id;
      }
    },
  };
}
