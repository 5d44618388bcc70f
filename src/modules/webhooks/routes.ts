import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf, runCommand } from '../../platform/command.ts';
import { secured } from '../../platform/openapi.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { CreateWebhookInput, createWebhook } from './create-webhook.ts';
import { disableWebhook } from './disable-webhook.ts';
import { CreatedWebhookDto, DeliveryDto, WebhookDto, withoutSecret } from './dto.ts';
import { ListDeliveriesQuery, listDeliveries } from './list-deliveries.ts';
import { getWebhook, ListWebhooksQuery, listWebhooks } from './list-webhooks.ts';
import { PingDto, pingWebhook } from './ping-webhook.ts';
import { UpdateWebhookInput, updateWebhook } from './update-webhook.ts';
import { vetWebhookUrl } from './vet-url.ts';

const IdParams = z.strictObject({ id: z.uuid() });
const tags = ['webhooks'];

export function webhookRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.services;
  // A URL is vetted before the command's transaction (see vet-url.ts).
  const vetted = (req: FastifyRequest, url: string | undefined) => vetWebhookUrl(actorOf(req), url, { allowPrivate: config.webhookAllowPrivate });

  r.post(
    '/api/v1/webhooks',
    {
      schema: {
        tags,
        summary: 'Register a URL to receive the organisation’s events as signed webhooks (the secret is shown once)',
        description:
          'Each delivery is a POST of {id, type, createdAt, orgId, data} with headers anpei-event-id, anpei-event-type, anpei-delivery-id and anpei-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed by the secret>. Delivery is at least once: dedupe by anpei-event-id. Non-2xx answers are retried with exponential backoff. The URL must lead to the public internet: a host that is, or resolves to, a private, loopback or reserved address, or that does not resolve, is refused with 422 webhook_url_refused.',
        security: secured,
        body: CreateWebhookInput,
        response: { 201: CreatedWebhookDto },
      },
    },
    async (req, reply) => {
      await vetted(req, req.body.url);
      return runCommand(req, reply, (tx, ctx) => createWebhook(tx, ctx, req.body), { status: 201, storedForReplay: withoutSecret });
    },
  );

  r.get(
    '/api/v1/webhooks',
    {
      schema: { tags, summary: 'List the organisation’s webhook endpoints', security: secured, querystring: ListWebhooksQuery, response: { 200: pageSchema(WebhookDto) } },
    },
    (req) => listWebhooks(database.db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/webhooks/:id',
    {
      schema: { tags, summary: 'One webhook endpoint', security: secured, params: IdParams, response: { 200: WebhookDto } },
    },
    (req) => getWebhook(database.db, ctxOf(req), req.params.id),
  );

  r.patch(
    '/api/v1/webhooks/:id',
    {
      schema: { tags, summary: 'Change a webhook’s URL, event types, description or status', security: secured, params: IdParams, body: UpdateWebhookInput, response: { 200: WebhookDto } },
    },
    async (req, reply) => {
      await vetted(req, req.body.url);
      return runCommand(req, reply, (tx, ctx) => updateWebhook(tx, ctx, req.params.id, req.body));
    },
  );

  r.delete(
    '/api/v1/webhooks/:id',
    {
      schema: { tags, summary: 'Disable a webhook (its delivery log is kept)', security: secured, params: IdParams, response: { 200: WebhookDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => disableWebhook(tx, ctx, req.params.id)),
  );

  r.get(
    '/api/v1/webhooks/:id/deliveries',
    {
      schema: {
        tags,
        summary: 'The webhook’s delivery log, newest first, with every attempt',
        security: secured,
        params: IdParams,
        querystring: ListDeliveriesQuery,
        response: { 200: pageSchema(DeliveryDto) },
      },
    },
    (req) => listDeliveries(database.db, ctxOf(req), req.params.id, req.query),
  );

  r.post(
    '/api/v1/webhooks/:id/test',
    {
      schema: { tags, summary: 'Queue a webhook.ping event to this endpoint, to check the receiver', security: secured, params: IdParams, response: { 202: PingDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => pingWebhook(tx, ctx, req.params.id), { status: 202 }),
  );
}
