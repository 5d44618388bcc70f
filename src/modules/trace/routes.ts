import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { localeOf } from '../../platform/problem.ts';
import { LotParams, LotRecipientsDto, LotRecipientsQuery, TraceCodeParams, TraceLookupDto } from './dto.ts';
import { lookupTraceCode } from './lookup-trace-code.ts';
import { lotRecipients } from './lot-recipients.ts';

// The public lookup is open to the internet (car owners scan the label's QR code), so each client
// address may ask this many times per window; beyond that it gets a 429 problem with Retry-After.
// Thirty a minute is far above what a person scanning parts needs and far below what enumerating
// codes would.
export const TRACE_LOOKUPS_PER_WINDOW = 30;
export const TRACE_LOOKUP_WINDOW_MS = 60_000;

export function traceRoutes(app: FastifyInstance): void {
  const { db } = app.services.database;

  // The rate limiter lives in its own encapsulated scope, with `global: false` and a per-route
  // configuration, so it can only ever apply to the lookup and never to the signed-in API (nor
  // clash with another registration elsewhere). Its error (statusCode 429, after it has set
  // Retry-After) reaches the app's error handler, inherited by this scope, which answers the
  // `rate_limited` problem. Counts are kept in this process's memory (an LRU of client addresses):
  // behind several app processes each counts on its own, which only makes the limit looser.
  void app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    scope.withTypeProvider<ZodTypeProvider>().get('/api/v1/trace/:code', {
      config: { rateLimit: { max: TRACE_LOOKUPS_PER_WINDOW, timeWindow: TRACE_LOOKUP_WINDOW_MS } },
      schema: {
        tags: ['trace'],
        summary: `Public, no sign-in: what a trace code (追溯码, one per certified unit) says — product, grade, certificate and whether it is in force today, maker, lot, status in plain words (Accept-Language), installation date and the VIN with all but its last six characters masked. A revoked code answers 200 with revoked: true and a warning. ${TRACE_LOOKUPS_PER_WINDOW} lookups per minute per client address.`,
        security: [],
        params: TraceCodeParams,
        response: { 200: TraceLookupDto },
      },
    }, async (req, reply) => {
      // No ctxOf(req) here: that requires a signed-in actor, and this route must work without one.
      const body = await lookupTraceCode(db, req.params.code, localeOf(req), new Date());
      // The answer depends on the caller's language and changes as the unit moves.
      reply.header('vary', 'accept-language').header('cache-control', 'no-store');
      return body;
    });
  });

  app.withTypeProvider<ZodTypeProvider>().get('/api/v1/lots/:lotNo/recipients', {
    schema: {
      tags: ['trace'],
      summary: 'Recall (召回): every order line that received, or has reserved, units of a lot — order, line, quantities from the lot, status, shop, claim no. and full VIN, insurer, shipped and installed dates, and the lot’s trace codes on the line. For the platform, and for a supplier its own lots only (others are 404). Lot numbers are unique per product: without productId every visible product’s lot of that number is listed.',
      security: secured,
      params: LotParams,
      querystring: LotRecipientsQuery,
      response: { 200: LotRecipientsDto },
    },
  }, (req) => lotRecipients(db, ctxOf(req), req.params.lotNo, req.query));
}
