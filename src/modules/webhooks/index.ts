// The webhooks module's public surface: endpoints an organisation registers, the outbox worker that
// delivers its events to them, and the signature scheme receivers verify.
export { webhookRoutes } from './routes.ts';
export { startWebhookWorker, type PassResult, type WebhookWorker, type WebhookWorkerOptions } from './worker.ts';
export type { HostPolicy, Resolve } from './address-guard.ts';
export { signPayload, verifySignature, SIGNATURE_HEADER } from './signature.ts';
export { MAX_ATTEMPTS, nextAttemptDelayS } from './backoff.ts';
