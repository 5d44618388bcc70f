import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { LoggerOptions } from 'pino';
import './platform/zod-setup.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { healthRoutes } from './platform/health.ts';
import { newId } from './platform/ids.ts';
import { documentComponents, documentRoute } from './platform/openapi-components.ts';
import { registerInputGuards } from './platform/input-guard.ts';
import { registerJsonParser } from './platform/json-body.ts';
import { clientErrorHandler, frameworkErrorHandler, MAX_PARAM_LENGTH, registerProblemHandlers } from './platform/problem.ts';
import { collectRouteMethods } from './platform/route-methods.ts';
import { registerNoStore, registerSecurityHeaders } from './platform/security-headers.ts';
import { consoleRoutes } from './console.ts';
import { registerCsrfCheck } from './platform/csrf.ts';
import { auditRoutes } from './modules/audit/index.ts';
import { catalogRoutes } from './modules/catalog/index.ts';
import { claimRoutes } from './modules/claims/index.ts';
import { demoLoginRoutes, identityRoutes, registerAuthentication, SESSION_COOKIE } from './modules/identity/index.ts';
import { regionRoutes } from './modules/regions/index.ts';
import { webhookRoutes } from './modules/webhooks/index.ts';
import { quoteRoutes } from './modules/quoting/quote/routes.ts';
import { inquiryRoutes } from './modules/quoting/inquiries/index.ts';
import { insurerRulesRoutes } from './modules/quoting/insurer-rules/routes.ts';
import { inventoryRoutes } from './modules/inventory/index.ts';
import { orderRoutes } from './modules/orders/index.ts';
import { traceRoutes } from './modules/trace/index.ts';
import { purchasingRoutes } from './modules/purchasing/index.ts';
import { settlementRoutes } from './modules/settlement/index.ts';
import { ledgerRoutes } from './modules/ledger/index.ts';

export type AppOptions = {
  database: Database;
  config: Config;
  // false in tests; pino options when serving.
  logger?: LoggerOptions | false;
  // The built console to serve at `/` (src/console.ts); without it, `/` is the plain start page.
  consoleDir?: string;
  // What commands take as now (ctx.now); the wall clock unless given (the demo's history).
  clock?: () => Date;
};

// One line per request, at its end, with the request in it, instead of Fastify's two (one as it
// comes in, one as it ends): logging was a fifth of a small request's CPU. Everything else Fastify
// logs (errors, a request errored, a stream cut) stays as it is.
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

// Builds the HTTP app from the modules. It does not listen and starts no worker, so tests can
// inject() requests into it directly.
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    logController: new OneLinePerRequest(),
    bodyLimit: opts.config.bodyLimitBytes,
    trustProxy: opts.config.trustProxy,
    // A caller's own X-Request-Id is kept (so their logs and ours line up); otherwise we make one.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : newId();
    },
    // Every error the server sends is a problem, also those raised before routing (an overlong
    // parameter, a URL that does not decode) and those of Node's HTTP parser (see problem.ts).
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    // Node would answer a request without Host with an empty 400 of its own; problem.ts refuses it.
    ...({ http: { requireHostHeader: false } } as object),
  });
  const routes = collectRouteMethods(app);
  // The API speaks JSON only; without this, a text/plain body would reach the validators as a
  // string and be refused as a type error instead of 415.
  app.removeContentTypeParser('text/plain');
  registerJsonParser(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('services', { database: opts.database, config: opts.config, clock: opts.clock ?? (() => new Date()) });
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await registerSecurityHeaders(app, opts.config);

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'anpei 安配 API',
        version: '1',
        description:
          'Insurer-driven B2b platform for accident-vehicle parts. Errors are application/problem+json in zh-CN or en (Accept-Language). POSTs that create or move something accept an Idempotency-Key header.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A session token from /api/v1/auth/login, or an organisation API key (ak_…).' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'anpei_session' },
        },
      },
    },
    // Shared schemas (`.meta({ id })`) become components; every route documents its problems.
    transform: documentRoute,
    transformObject: documentComponents,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());
  await app.register(cookie, { secret: opts.config.secret });
  registerNoStore(app);

  registerProblemHandlers(app, opts.config.bodyLimitBytes, routes);
  registerInputGuards(app);
  // Before authentication: a forged write is refused without looking its session up.
  registerCsrfCheck(app, SESSION_COOKIE);
  registerAuthentication(app);

  await consoleRoutes(app, opts.consoleDir);
  healthRoutes(app);
  regionRoutes(app);
  identityRoutes(app);
  demoLoginRoutes(app);
  auditRoutes(app);
  webhookRoutes(app);
  catalogRoutes(app);
  claimRoutes(app);
  inquiryRoutes(app);
  quoteRoutes(app);
  insurerRulesRoutes(app);
  inventoryRoutes(app);
  orderRoutes(app);
  traceRoutes(app);
  purchasingRoutes(app);
  settlementRoutes(app);
  ledgerRoutes(app);
  return app;
}
