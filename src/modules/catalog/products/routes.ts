import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf, runCommand } from '../../../platform/command.ts';
import { secured } from '../../../platform/openapi.ts';
import { pageSchema } from '../../../platform/pagination.ts';
import { CreateOfferInput, createOffer } from './create-offer.ts';
import { CreateProductInput, createProduct } from './create-product.ts';
import { OfferDto, ProductDetailDto, ProductDto } from './dto.ts';
import { expireOffer } from './expire-offer.ts';
import { getProduct } from './get-product.ts';
import { ListOffersQuery, listOffers } from './list-offers.ts';
import { ListProductsQuery, listProducts } from './list-products.ts';
import { UpdateOfferInput, updateOffer } from './update-offer.ts';
import { UpdateProductInput, updateProduct } from './update-product.ts';

const IdParams = z.strictObject({ id: z.uuid() });

// A supplier's products and offers (suppliers' sales and admins; the platform's catalog team for
// any supplier). Another supplier's product or offer is a 404; insurers get 403 here and read
// offers through a part's offers instead.
export function productRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database } = app.services;
  const tags = ['products and offers'];

  r.post(
    '/api/v1/products',
    {
      schema: { tags, summary: 'Create a product (a supplier’s SKU replacing catalog parts)', security: secured, body: CreateProductInput, response: { 201: ProductDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createProduct(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/products',
    {
      schema: { tags, summary: 'List the products the caller manages', security: secured, querystring: ListProductsQuery, response: { 200: pageSchema(ProductDto) } },
    },
    (req) => listProducts(database.db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/products/:id',
    {
      schema: { tags, summary: 'One product with its parts and offers', security: secured, params: IdParams, response: { 200: ProductDetailDto } },
    },
    (req) => getProduct(database.db, ctxOf(req), req.params.id),
  );

  r.patch(
    '/api/v1/products/:id',
    {
      schema: {
        tags,
        summary: 'Change a product’s brand, name, grade, certificate, warranty, pictures or parts',
        security: secured,
        params: IdParams,
        body: UpdateProductInput,
        response: { 200: ProductDto },
      },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => updateProduct(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/products/:id/offers',
    {
      schema: { tags, summary: 'Offer a product at a price in some regions (one offer per region set)', security: secured, params: IdParams, body: CreateOfferInput, response: { 201: OfferDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createOffer(tx, ctx, req.params.id, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/offers',
    {
      schema: { tags, summary: 'List the offers the caller manages', security: secured, querystring: ListOffersQuery, response: { 200: pageSchema(OfferDto) } },
    },
    (req) => listOffers(database.db, ctxOf(req), req.query),
  );

  r.patch(
    '/api/v1/offers/:id',
    {
      schema: { tags, summary: 'Change an offer’s price, quantities, lead time or validity', security: secured, params: IdParams, body: UpdateOfferInput, response: { 200: OfferDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => updateOffer(tx, ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/offers/:id/expire',
    {
      schema: { tags, summary: 'End an offer now: its last valid day becomes yesterday (repeatable)', security: secured, params: IdParams, response: { 200: OfferDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => expireOffer(tx, ctx, req.params.id)),
  );
}
