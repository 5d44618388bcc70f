import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { CertBodyDto, CreateCertBodyInput, createCertBody, listCertBodies } from './cert-bodies.ts';
import { VehicleModelDto } from './dto.ts';
import { getPart, PartDetailDto } from './get-part.ts';
import { importRoutes } from './import/routes.ts';
import { PartOffersQuery, PartOffersResult, partOffers } from './part-offers.ts';
import { productRoutes } from './products/routes.ts';
import { SearchPartsQuery, SearchPartsResult, searchParts } from './search-parts.ts';
import { ListVehicleModelsQuery, listVehicleModels } from './vehicle-models.ts';
import { lookupVin, VinDto } from './vin-lookup.ts';

const IdParams = z.strictObject({ id: z.uuid() });

export function catalogRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = app.services.database;

  r.get(
    '/api/v1/vin/:vin',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Decode a VIN (ISO 3779 / GB 16735) and find the vehicle models it maps to',
        security: secured,
        params: z.strictObject({ vin: z.string().min(1).max(40) }),
        response: { 200: VinDto },
      },
    },
    (req) => lookupVin(db, ctxOf(req), req.params.vin),
  );

  r.get(
    '/api/v1/vehicle-models',
    {
      schema: {
        tags: ['catalog'],
        summary: 'List vehicle models (each with a sampleVin to try)',
        security: secured,
        querystring: ListVehicleModelsQuery,
        response: { 200: pageSchema(VehicleModelDto) },
      },
    },
    (req) => listVehicleModels(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/parts',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Search parts by OE number (prefix, any punctuation), Chinese name fragment, pinyin or initials; scoped to a vehicle by vin or vehicleModelId',
        security: secured,
        querystring: SearchPartsQuery,
        response: { 200: SearchPartsResult },
      },
    },
    (req) => searchParts(db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/parts/:id',
    {
      schema: { tags: ['catalog'], summary: 'One part with fitment, supersession and interchange', security: secured, params: IdParams, response: { 200: PartDetailDto } },
    },
    (req) => getPart(db, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/v1/parts/:id/offers',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Every valid offer for a part across grades, by grade then price, with the saving against the OE price',
        security: secured,
        params: IdParams,
        querystring: PartOffersQuery,
        response: { 200: PartOffersResult },
      },
    },
    (req) => partOffers(db, ctxOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/v1/cert-bodies',
    {
      schema: { tags: ['catalog'], summary: 'Certification bodies that certified parts cite', security: secured, response: { 200: z.object({ items: z.array(CertBodyDto) }) } },
    },
    (req) => listCertBodies(db, ctxOf(req)),
  );

  r.post(
    '/api/v1/cert-bodies',
    {
      schema: { tags: ['catalog'], summary: 'Add a certification body (platform catalog team)', security: secured, body: CreateCertBodyInput, response: { 201: CertBodyDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createCertBody(tx, ctx, req.body), { status: 201 }),
  );

  productRoutes(app);
  importRoutes(app);
}
