import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, ctxOf, runCommand } from '../../platform/command.ts';
import { pageSchema } from '../../platform/pagination.ts';
import { CreatedApiKeyDto, CreateApiKeyInput, createApiKey, ListApiKeysQuery, listApiKeys, revokeApiKey, withoutKey } from './api-keys.ts';
import { credentialOf, forgetActors, SESSION_COOKIE } from './authenticate.ts';
import { CreateOrgInput, createOrg } from './create-org.ts';
import { CreateUserInput, createUser } from './create-user.ts';
import { ApiKeyDto, OrgDto, UserDto } from './dto.ts';
import { getOrg, ListOrgsQuery, listOrgs } from './list-orgs.ts';
import { getUser, ListUsersQuery, listUsers } from './list-users.ts';
import { login } from './login.ts';
import { logout } from './logout.ts';
import { me, MeDto } from './me.ts';
import { UpdateOrgInput, updateOrg } from './update-org.ts';
import { UpdateUserInput, updateUser } from './update-user.ts';

const IdParams = z.strictObject({ id: z.uuid() });
import { secured } from '../../platform/openapi.ts';

export function identityRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.services;

  r.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password',
        body: z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) }),
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: UserDto, org: OrgDto }) },
      },
    },
    async (req, reply) => {
      const result = await login(database.db, config, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        now: new Date(),
        requestId: String(req.id),
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        // Strict: a browser never sends the session with a request another site starts, links
        // included (see platform/csrf.ts for the Origin check that backs it up).
        sameSite: 'strict',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: config.sessionTtlS,
      });
      return result;
    },
  );

  r.post(
    '/api/v1/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'End the current session', security: secured },
    },
    async (req, reply) => {
      actorOf(req);
      const credential = credentialOf(req)!;
      // Forgotten once committed (authenticate.ts remembers actors for a second).
      await runCommand(req, reply, (tx, ctx) => logout(tx, ctx, credential)).finally(forgetActors);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/v1/me',
    {
      schema: { tags: ['auth'], summary: 'The caller, their organisation and permissions', security: secured, response: { 200: MeDto } },
    },
    (req) => me(database.db, ctxOf(req)),
  );

  r.post(
    '/api/v1/orgs',
    {
      schema: { tags: ['organisations'], summary: 'Create an organisation (platform admin)', security: secured, body: CreateOrgInput, response: { 201: OrgDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createOrg(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/orgs',
    {
      schema: { tags: ['organisations'], summary: 'List organisations visible to the caller', security: secured, querystring: ListOrgsQuery, response: { 200: pageSchema(OrgDto) } },
    },
    (req) => listOrgs(database.db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/orgs/:id',
    {
      schema: { tags: ['organisations'], summary: 'One organisation', security: secured, params: IdParams, response: { 200: OrgDto } },
    },
    (req) => getOrg(database.db, ctxOf(req), req.params.id),
  );

  r.patch(
    '/api/v1/orgs/:id',
    {
      schema: { tags: ['organisations'], summary: 'Rename, move or suspend an organisation (platform admin)', security: secured, params: IdParams, body: UpdateOrgInput, response: { 200: OrgDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => updateOrg(tx, ctx, req.params.id, req.body)).finally(forgetActors),
  );

  r.post(
    '/api/v1/users',
    {
      schema: { tags: ['users'], summary: 'Create a user', security: secured, body: CreateUserInput, response: { 201: UserDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createUser(tx, ctx, req.body), { status: 201 }),
  );

  r.get(
    '/api/v1/users',
    {
      schema: { tags: ['users'], summary: 'List users visible to the caller', security: secured, querystring: ListUsersQuery, response: { 200: pageSchema(UserDto) } },
    },
    (req) => listUsers(database.db, ctxOf(req), req.query),
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: { tags: ['users'], summary: 'One user', security: secured, params: IdParams, response: { 200: UserDto } },
    },
    (req) => getUser(database.db, ctxOf(req), req.params.id),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: { tags: ['users'], summary: 'Change a user’s name, roles, status or password', security: secured, params: IdParams, body: UpdateUserInput, response: { 200: UserDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => updateUser(tx, ctx, req.params.id, req.body)).finally(forgetActors),
  );

  r.post(
    '/api/v1/api-keys',
    {
      schema: { tags: ['api keys'], summary: 'Create an API key for the caller’s organisation (shown once)', security: secured, body: CreateApiKeyInput, response: { 201: CreatedApiKeyDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => createApiKey(tx, ctx, req.body), { status: 201, storedForReplay: withoutKey }),
  );

  r.get(
    '/api/v1/api-keys',
    {
      schema: { tags: ['api keys'], summary: 'List the organisation’s API keys', security: secured, querystring: ListApiKeysQuery, response: { 200: pageSchema(ApiKeyDto) } },
    },
    (req) => listApiKeys(database.db, ctxOf(req), req.query),
  );

  r.delete(
    '/api/v1/api-keys/:id',
    {
      schema: { tags: ['api keys'], summary: 'Revoke an API key', security: secured, params: IdParams, response: { 200: ApiKeyDto } },
    },
    (req, reply) => runCommand(req, reply, (tx, ctx) => revokeApiKey(tx, ctx, req.params.id)).finally(forgetActors),
  );
}
