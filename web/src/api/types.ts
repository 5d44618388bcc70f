import type { paths } from './schema.d.ts';

// Names for the API's answers and bodies, derived from the generated OpenAPI types, so a page can
// say `ApiAnswer<'/api/v1/orders/{id}'>` instead of copying a DTO by hand.

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Op<P extends keyof paths, M extends Method> = paths[P][M];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;

// The JSON a successful call answers (200, else 201).
export type ApiAnswer<P extends keyof paths, M extends Method = 'get'> =
  Op<P, M> extends { responses: infer R } ? (R extends { 200: infer A } ? JsonOf<A> : R extends { 201: infer A } ? JsonOf<A> : never) : never;

// The JSON body a call sends.
export type ApiBody<P extends keyof paths, M extends Method = 'post'> = Op<P, M> extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

// The query parameters a call takes.
export type ApiQuery<P extends keyof paths, M extends Method = 'get'> = Op<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// One item of a paged list's answer ({ items, nextCursor }).
export type ApiItem<P extends keyof paths> = ApiAnswer<P> extends { items: (infer I)[] } ? I : never;

export type Me = ApiAnswer<'/api/v1/me'>;
export type OrgKind = Me['org']['kind'];
export type DemoLogins = ApiAnswer<'/api/v1/demo-logins'>;
