import { z } from 'zod';
import { type App, type AppDeps, actorOf, clientInfo } from '../../core/http.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { clearSessionCookie, setSessionCookie } from './http-auth.ts';
import { USER_ADMINS } from './policy.ts';
import {
  ZApiToken,
  ZCreateTokenBody,
  ZCreateUserBody,
  ZCreatedToken,
  ZLoginBody,
  ZMe,
  ZPasswordChangeBody,
  ZTotpEnableBody,
  ZTotpSetup,
  ZUpdateUserBody,
  ZUser,
  ZUserList,
  ZUserListQuery,
} from './schema.ts';
import * as identity from './service.ts';

const authTags = ['auth'];
const userTags = ['users'];

/** Sign-in, sessions, two-factor, API tokens and user administration. */
export function registerIdentityRoutes(app: App, deps: AppDeps): void {
  app.post('/api/v1/auth/login', {
    config: { access: 'public' },
    schema: {
      tags: authTags,
      summary: 'Sign in with e-mail, password and (for two-factor accounts) a TOTP code',
      body: ZLoginBody,
      response: { 200: ZMe, ...problemResponses(400, 401, 429) },
    },
    handler: async (request, reply) => {
      const issued = await identity.login(deps.db, deps.config, deps.secrets, request.body, clientInfo(request));
      setSessionCookie(reply, deps, issued.token);
      return issued.me;
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { access: 'enrolment' },
    schema: { tags: authTags, summary: 'Sign out (ends this session)', response: { 204: z.null(), ...problemResponses(401, 403) } },
    handler: async (request, reply) => {
      await identity.logout(deps.db, request.auth, clientInfo(request));
      clearSessionCookie(reply, deps);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: 'enrolment' },
    schema: { tags: authTags, summary: 'The signed-in user and session', response: { 200: ZMe, ...problemResponses(401) } },
    handler: async (request) => identity.me(deps.db, request.auth),
  });

  app.post('/api/v1/auth/totp/setup', {
    config: { access: 'enrolment' },
    schema: { tags: authTags, summary: 'Start two-factor enrolment: a new secret and its QR code', response: { 200: ZTotpSetup, ...problemResponses(401, 403, 409) } },
    handler: async (request) => identity.totpSetup(deps.db, deps.secrets, request.auth),
  });

  app.post('/api/v1/auth/totp/enable', {
    config: { access: 'enrolment' },
    schema: { tags: authTags, summary: 'Finish two-factor enrolment with a code', body: ZTotpEnableBody, response: { 200: ZMe, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => {
      const issued = await identity.totpEnable(deps.db, deps.config, deps.secrets, request.auth, request.body.code, clientInfo(request));
      setSessionCookie(reply, deps, issued.token);
      return issued.me;
    },
  });

  app.post('/api/v1/auth/password', {
    config: { access: 'signed_in' },
    schema: { tags: authTags, summary: 'Change your password (ends every other session)', body: ZPasswordChangeBody, response: { 200: ZMe, ...problemResponses(400, 401, 403) } },
    handler: async (request, reply) => {
      const issued = await identity.changePassword(deps.db, deps.config, request.auth, request.body, clientInfo(request));
      setSessionCookie(reply, deps, issued.token);
      return issued.me;
    },
  });

  app.get('/api/v1/auth/tokens', {
    config: { access: 'signed_in' },
    schema: { tags: authTags, summary: 'Your API tokens', response: { 200: z.object({ items: z.array(ZApiToken) }), ...problemResponses(401, 403) } },
    handler: async (request) => identity.listApiTokens(deps.db, request.auth),
  });

  app.post('/api/v1/auth/tokens', {
    config: { access: 'signed_in' },
    schema: { tags: authTags, summary: 'Create an API token (the secret is shown once)', body: ZCreateTokenBody, response: { 201: ZCreatedToken, ...problemResponses(400, 401, 403) } },
    handler: async (request, reply) => reply.status(201).send(await identity.createApiToken(deps.db, request.auth, request.body, clientInfo(request))),
  });

  app.delete('/api/v1/auth/tokens/:id', {
    config: { access: 'signed_in' },
    schema: { tags: authTags, summary: 'Revoke one of your API tokens', params: zIdParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      await identity.revokeApiToken(deps.db, request.auth, request.params.id, clientInfo(request));
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/users', {
    config: { access: USER_ADMINS },
    schema: { tags: userTags, summary: 'List users', querystring: ZUserListQuery, response: { 200: ZUserList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => {
      const { limit, offset, ...filter } = request.query;
      return identity.listUsers(deps.db, filter, limit, offset);
    },
  });

  app.post('/api/v1/users', {
    config: { access: USER_ADMINS },
    schema: { tags: userTags, summary: 'Create a user', body: ZCreateUserBody, response: { 201: ZUser, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => reply.status(201).send(await identity.createUser(deps.db, actorOf(request), request.body)),
  });

  app.get('/api/v1/users/:id', {
    config: { access: USER_ADMINS },
    schema: { tags: userTags, summary: 'One user', params: zIdParams, response: { 200: ZUser, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => identity.getUser(deps.db, request.params.id),
  });

  app.patch('/api/v1/users/:id', {
    config: { access: USER_ADMINS },
    schema: { tags: userTags, summary: 'Change a user (roles, organization, status)', params: zIdParams, body: ZUpdateUserBody, response: { 200: ZUser, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => identity.updateUser(deps.db, actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/users/:id/reset-totp', {
    config: { access: USER_ADMINS },
    schema: { tags: userTags, summary: "Reset a user's two-factor sign-in", params: zIdParams, response: { 200: ZUser, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => identity.resetTotp(deps.db, actorOf(request), request.params.id),
  });
}
