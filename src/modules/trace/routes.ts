import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { localeOf } from '../../platform/problem.ts';
import { LotParams, LotRecipientsDto, LotRecipientsQuery, RecallDto, RecallLotInput, TraceCodeParams, TraceLookupDto, TraceVehicleDto, TraceVehicleInput } from './dto.ts';
import { TRACE_LOOKUPS_ALL_PER_WINDOW, TRACE_LOOKUPS_PER_WINDOW, TRACE_VEHICLE_LOOKUPS_PER_WINDOW } from './lookup-limit.ts';
import { lookupTraceCode } from './lookup-trace-code.ts';
import { lookupVehicle, MAX_VEHICLE_CLAIMS, MAX_VEHICLE_PARTS } from './lookup-vehicle.ts';
import { lotRecipients } from './lot-recipients.ts';
import { recallLot } from './recall-lot.ts';

export function traceRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  // Public: no ctxOf(req), which requires a signed-in actor. The limits are counted in the
  // database, per client address (req.ip, which honours ANPEI_TRUST_PROXY) and for everyone.
  r.get(
    '/api/v1/trace/:code',
    {
      schema: {
        tags: ['trace'],
        summary: `Public, no sign-in: what a trace code (追溯码, one per certified unit; e.g. AP7K3-M9QXD-T2FWP, case, dashes and spaces free, I/L read as 1 and O as 0) says — product and brand, grade, certificate and whether it is in force today, maker and lot (批次号), status in plain words (Accept-Language), the days (China time) it was shipped and installed and the VIN with all but its last four characters masked. A revoked code answers 200 with revoked: true and a warning. A code whose check character does not match is 422 trace_code_mistyped, without a lookup. ${TRACE_LOOKUPS_PER_WINDOW} lookups per minute per client address (an IPv6 /64), ${TRACE_LOOKUPS_ALL_PER_WINDOW} for all clients together; beyond, 429 with Retry-After.`,
        security: [],
        params: TraceCodeParams,
        response: { 200: TraceLookupDto },
      },
    },
    async (req, reply) => {
      const body = await lookupTraceCode(db, { rawCode: req.params.code, clientIp: req.ip, locale: localeOf(req), now: new Date() });
      // The answer depends on the caller's language and changes as the unit moves.
      reply.header('vary', 'accept-language').header('cache-control', 'no-store');
      return body;
    },
  );

  // Public too, and a POST so that the VIN and the plate stay out of URLs, access logs and browser
  // history.
  r.post(
    '/api/v1/trace/vehicle',
    {
      schema: {
        tags: ['trace'],
        summary: `Public, no sign-in: a car owner's parts. With the VIN and the plate together (as on 行驶证), every part delivered or fitted under the vehicle's claims — product and brand, grade, certificate and whether it is in force today, supplier, quantity, status in plain words, shipped, delivered and installed days (China time), its trace codes, and a warning when its lot was recalled — newest claim first, with the accident day, insurer and repair shop, the VIN masked but for its last four characters. Only claims naming both the VIN and the plate are read; an unknown VIN and a plate that does not go with it are the same 404 trace_vehicle_unknown. A malformed VIN is 422 invalid_vin and a malformed plate 400, neither counted. At most ${MAX_VEHICLE_CLAIMS} claims and ${MAX_VEHICLE_PARTS} parts (complete: false beyond). ${TRACE_VEHICLE_LOOKUPS_PER_WINDOW} lookups per minute per client address (an IPv6 /64), counted with the code lookups against ${TRACE_LOOKUPS_ALL_PER_WINDOW} for all clients together; beyond, 429 with Retry-After.`,
        security: [],
        body: TraceVehicleInput,
        response: { 200: TraceVehicleDto },
      },
    },
    async (req, reply) => {
      const body = await lookupVehicle(db, { input: req.body, clientIp: req.ip, locale: localeOf(req), now: new Date() });
      reply.header('vary', 'accept-language').header('cache-control', 'no-store');
      return body;
    },
  );

  r.get(
    '/api/v1/lots/:lotNo/recipients',
    {
      schema: {
        tags: ['trace'],
        summary:
          'Recall (召回): every order line that received, or has reserved, units of a lot — order, line, quantities from the lot, status, shop, claim no. and full VIN, insurer, shipped and installed dates, and the lot’s trace codes on the line. For the platform, and for a supplier its own lots only (others are 404). Lot numbers are unique per product: without productId every visible product’s lot of that number is listed.',
        security: secured,
        params: LotParams,
        querystring: LotRecipientsQuery,
        response: { 200: LotRecipientsDto },
      },
    },
    (req) => lotRecipients(db, ctxOf(req), req.params.lotNo, req.query),
  );

  r.post(
    '/api/v1/lots/:lotNo/recall',
    {
      schema: {
        tags: ['trace'],
        summary:
          'Recall (召回) a lot, once, with the reason recipients will read: its stock can no longer be reserved, picked or transferred, its units’ trace codes answer “recalled” to the public, the order lines holding its units are re-sourced, and the supplier, the platform, each shop, each insurer (with the vehicles of its claims) and each warehouse holding it are told by a lot.recalled event. By the platform (admin, risk) or the lot’s supplier (admin); a lot the caller may not see is 404, one it sees but may not recall 403, a lot already recalled 409 saying when. productId is required when several products the caller may see use the lot number. Takes Idempotency-Key.',
        security: secured,
        params: LotParams,
        body: RecallLotInput,
        response: { 200: RecallDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => recallLot(tx, ctx, req.params.lotNo, req.body)),
  );
}
