import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { ORGANIZATION_READERS, ORGANIZATION_WRITERS } from './policy.ts';
import { ZCreateOrganizationBody, ZOrganization, ZOrganizationList, ZOrganizationListQuery } from './schema.ts';
import * as registry from './service.ts';

const tags = ['organizations'];

/** The organization placeholder that company users are linked to. */
export function registerRegistryRoutes(app: App, deps: AppDeps): void {
  app.get('/api/v1/organizations', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: 'Organizations you may see', querystring: ZOrganizationListQuery, response: { 200: ZOrganizationList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => registry.listOrganizations(deps.db, request.auth, request.query.q, request.query.limit, request.query.offset),
  });

  app.post('/api/v1/organizations', {
    config: { access: ORGANIZATION_WRITERS },
    schema: { tags, summary: 'Create an organization', body: ZCreateOrganizationBody, response: { 201: ZOrganization, ...problemResponses(400, 401, 403) } },
    handler: async (request, reply) => reply.status(201).send(await registry.createOrganization(deps.db, actorOf(request), request.body)),
  });

  app.get('/api/v1/organizations/:id', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: 'One organization', params: zIdParams, response: { 200: ZOrganization, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => registry.getOrganization(deps.db, request.auth, request.params.id),
  });
}
