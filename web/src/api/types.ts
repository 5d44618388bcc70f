import type { paths } from './schema.d.ts';
import type { components } from './schema.d.ts';

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

// The API's named schemas (its OpenAPI components): `Schema<'Order'>`, or the names below. A
// request-only schema is named as the server names it (`CreateClaimInput`).
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

// The problem+json body of every 4xx and 5xx, and the codes it can carry.
export type Problem = Schema<'Problem'>;
export type ProblemCode = Problem['code'];
export type FieldErrorCode = NonNullable<Problem['errors']>[number]['code'];

export type Org = Schema<'Org'>;
export type User = Schema<'User'>;
export type Claim = Schema<'Claim'>;
export type ClaimDetail = Schema<'ClaimDetail'>;
export type Assessment = Schema<'Assessment'>;
export type AssessmentLine = Schema<'AssessmentLine'>;
export type Quote = Schema<'Quote'>;
export type QuoteLine = Schema<'QuoteLine'>;
export type QuoteCandidate = Schema<'QuoteCandidate'>;
export type Offer = Schema<'Offer'>;
export type PartHit = Schema<'PartHit'>;
export type PartDetail = Schema<'PartDetail'>;
export type VehicleModel = Schema<'VehicleModel'>;
export type VinDecode = Schema<'VinDecode'>;
export type Inquiry = Schema<'Inquiry'>;
export type InquirySummary = Schema<'InquirySummary'>;
export type Bid = Schema<'Bid'>;
export type Order = Schema<'Order'>;
export type OrderLine = Schema<'OrderLine'>;
export type Shipment = Schema<'Shipment'>;
export type ShipmentDetail = Schema<'ShipmentDetail'>;
export type Return = Schema<'Return'>;
export type TraceAnswer = Schema<'TraceAnswer'>;
export type Region = Schema<'Region'>;
export type Grade = Schema<'Grade'>;
