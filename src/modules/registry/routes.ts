import { z } from 'zod';
import { sha256Hex } from '../../core/audit-chain.ts';
import { type App, type AppDeps, actorOf, withRawBodies } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams, zPageQuery } from '../../core/schemas.ts';
import { BlobStore } from './blob-store.ts';
import { DOCUMENT_UPLOADERS, ORGANIZATION_CREATORS, ORGANIZATION_EDITORS, ORGANIZATION_READERS, PEOPLE_READERS, REGISTRY_REVIEWERS } from './policy.ts';
import {
  ZAddIdentifierBody,
  ZAddOfficerBody,
  ZBeneficialOwners,
  ZBeneficialOwnersQuery,
  ZCapability,
  ZCreateOrganizationBody,
  ZCreatePersonBody,
  ZDirectory,
  ZDirectoryQuery,
  ZDocument,
  ZDocumentList,
  ZIdentifierParams,
  ZOrganization,
  ZOrganizationList,
  ZOrganizationListQuery,
  ZOrganizationPeople,
  ZPerson,
  ZPersonList,
  ZPersonListQuery,
  ZReviewDecisionBody,
  ZReviewList,
  ZReviewListQuery,
  ZReviewParams,
  ZUpdateOrganizationBody,
  ZUploadDocumentQuery,
  zOwnerBody,
} from './schema.ts';
import * as registry from './service.ts';

const tags = ['registry'];

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 8187); no quotes or controls survive. */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Organizations, identifiers, people, officers, owners, beneficial owners and documents. */
export function registerRegistryRoutes(app: App, deps: AppDeps): void {
  const blobs = new BlobStore(deps.config.dataDir);

  app.get('/api/v1/capabilities', {
    config: { access: 'public' },
    schema: { tags, summary: 'The capability taxonomy (categories of defense production)', response: { 200: z.object({ items: z.array(ZCapability) }) } },
    handler: async () => ({ items: await registry.listCapabilities(deps.db) }),
  });

  app.get('/api/v1/organizations', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: 'Search organizations you may see', querystring: ZOrganizationListQuery, response: { 200: ZOrganizationList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => {
      const { limit, offset, ...filter } = request.query;
      return registry.listOrganizations(deps.db, request.auth, filter, limit, offset);
    },
  });

  app.get('/api/v1/organizations/directory', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: 'Names and countries of all organizations, for pickers (a local partner)', querystring: ZDirectoryQuery, response: { 200: ZDirectory, ...problemResponses(400, 401, 403) } },
    handler: async (request) => {
      const { limit, offset, ...filter } = request.query;
      return registry.organizationDirectory(deps.db, filter, limit, offset);
    },
  });

  app.post('/api/v1/organizations', {
    config: { access: ORGANIZATION_CREATORS },
    schema: {
      tags,
      summary: 'Register an organization (a company user: their own, once)',
      body: ZCreateOrganizationBody,
      response: { 201: ZOrganization, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => reply.status(201).send(await registry.createOrganization(deps.db, actorOf(request), request.body, request.auth)),
  });

  app.get('/api/v1/organizations/:id', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: 'One organization', params: zIdParams, response: { 200: ZOrganization, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => registry.getOrganization(deps.db, request.auth, request.params.id),
  });

  app.patch('/api/v1/organizations/:id', {
    config: { access: ORGANIZATION_EDITORS },
    schema: { tags, summary: "Change an organization's profile", params: zIdParams, body: ZUpdateOrganizationBody, response: { 200: ZOrganization, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => registry.updateOrganization(deps.db, request.auth, actorOf(request), request.params.id, request.body),
  });

  app.post('/api/v1/organizations/:id/identifiers', {
    config: { access: ORGANIZATION_EDITORS },
    schema: { tags, summary: 'Add an identifier (company users propose; an officer confirms)', params: zIdParams, body: ZAddIdentifierBody, response: { 201: ZOrganization, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => reply.status(201).send(await registry.addIdentifier(deps.db, request.auth, actorOf(request), request.params.id, request.body.identifier)),
  });

  const removedAnswer = z.object({ status: z.enum(['removed', 'removal_pending']) });
  for (const [segment, kind] of [['identifiers', 'identifier'], ['officers', 'officer'], ['owners', 'owner']] as const) {
    app.delete(`/api/v1/organizations/:id/${segment}/:itemId`, {
      config: { access: ORGANIZATION_EDITORS },
      schema: {
        tags,
        summary: `Remove ${kind === 'owner' ? 'an owner' : `an ${kind}`} (company users: withdraw a proposal or ask an officer)`,
        params: ZIdentifierParams,
        response: { 200: removedAnswer, ...problemResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request) => registry.removeRegistryItem(deps.db, request.auth, actorOf(request), kind, request.params.id, request.params.itemId) as Promise<z.infer<typeof removedAnswer>>,
    });
  }

  app.get('/api/v1/organizations/:id/people', {
    config: { access: PEOPLE_READERS },
    schema: { tags, summary: 'Officers and direct owners of an organization', params: zIdParams, response: { 200: ZOrganizationPeople, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => registry.organizationPeople(deps.db, request.auth, request.params.id),
  });

  app.post('/api/v1/organizations/:id/officers', {
    config: { access: ORGANIZATION_EDITORS },
    schema: { tags, summary: 'Appoint an officer (director, signatory…)', params: zIdParams, body: ZAddOfficerBody, response: { 201: ZOrganizationPeople, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => reply.status(201).send(await registry.addOfficer(deps.db, request.auth, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/organizations/:id/owners', {
    config: { access: ORGANIZATION_EDITORS },
    schema: {
      tags,
      summary: 'Add an owner: an existing or new person or organization, with a share and/or control',
      params: zIdParams,
      body: zOwnerBody,
      response: { 201: ZOrganizationPeople, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => reply.status(201).send(await registry.addOwner(deps.db, request.auth, actorOf(request), request.params.id, request.body)),
  });

  app.get('/api/v1/organizations/:id/beneficial-owners', {
    config: { access: PEOPLE_READERS },
    schema: {
      tags,
      summary: 'Ultimate beneficial owners (≥ 25 % through chains of companies, or control), with the ownership graph',
      params: zIdParams,
      querystring: ZBeneficialOwnersQuery,
      response: { 200: ZBeneficialOwners, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => registry.beneficialOwners(deps.db, request.auth, request.params.id, request.query.asOf, request.query.includePending ?? false),
  });

  app.get('/api/v1/organizations/:id/ownership.bods.json', {
    config: { access: PEOPLE_READERS },
    schema: {
      tags,
      summary: 'Ownership as Beneficial Ownership Data Standard 0.4 statements',
      params: zIdParams,
      response: { 200: z.array(z.record(z.string(), z.unknown())), ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const statements = await registry.ownershipAsBods(deps.db, request.auth, request.params.id, 'ADI Platform');
      reply.header('content-disposition', contentDisposition(`ownership-${request.params.id}.bods.json`));
      return statements as Array<Record<string, unknown>>;
    },
  });

  app.get('/api/v1/people', {
    config: { access: PEOPLE_READERS },
    schema: { tags, summary: 'Search people you may see, by name in any script', querystring: ZPersonListQuery, response: { 200: ZPersonList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => registry.listPeople(deps.db, request.auth, request.query.q, request.query.limit, request.query.offset),
  });

  app.post('/api/v1/people', {
    config: { access: ORGANIZATION_EDITORS },
    schema: { tags, summary: 'Record a person (names in every script they have)', body: ZCreatePersonBody, response: { 201: ZPerson, ...problemResponses(400, 401, 403) } },
    handler: async (request, reply) => reply.status(201).send(await registry.createPerson(deps.db, request.auth, actorOf(request), request.body)),
  });

  app.get('/api/v1/people/:id', {
    config: { access: PEOPLE_READERS },
    schema: { tags, summary: 'One person', params: zIdParams, response: { 200: ZPerson, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => registry.getPerson(deps.db, request.auth, request.params.id),
  });

  app.get('/api/v1/registry/reviews', {
    config: { access: REGISTRY_REVIEWERS },
    schema: { tags, summary: 'Proposals from companies awaiting an officer', querystring: ZReviewListQuery, response: { 200: ZReviewList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => registry.listReviews(deps.db, request.query.organizationId, request.query.limit, request.query.offset),
  });

  app.post('/api/v1/registry/reviews/:kind/:id', {
    config: { access: REGISTRY_REVIEWERS },
    schema: {
      tags,
      summary: 'Confirm or reject a proposal',
      params: ZReviewParams,
      body: ZReviewDecisionBody,
      response: { 200: z.object({ kind: z.string(), id: z.uuid(), status: z.string() }), ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => registry.decideReview(deps.db, request.auth, actorOf(request), request.params.kind, request.params.id, request.body.decision, request.body.note),
  });

  app.get('/api/v1/organizations/:id/documents', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: "An organization's documents", params: zIdParams, querystring: z.strictObject(zPageQuery), response: { 200: ZDocumentList, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => registry.listDocuments(deps.db, request.auth, request.params.id, request.query.limit, request.query.offset),
  });

  app.get('/api/v1/documents/:id/content', {
    config: { access: ORGANIZATION_READERS },
    schema: { tags, summary: "Download a document's file (audited)", params: zIdParams, response: { 200: z.any(), ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      const { document, stream } = await registry.downloadDocument(deps.db, blobs, request.auth, actorOf(request), request.params.id);
      reply
        .header('content-type', document.contentType)
        .header('content-length', String(document.sizeBytes))
        .header('content-disposition', contentDisposition(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store');
      return reply.send(stream);
    },
  });

  // The upload takes the file as the raw request body (any content type: what it is, is decided
  // from its bytes), so it lives in its own scope with a byte parser and the document size limit.
  withRawBodies(app, deps.config.documentMaxBytes, (scope) => {
    scope.post('/api/v1/organizations/:id/documents', {
      config: { access: DOCUMENT_UPLOADERS },
      bodyLimit: deps.config.documentMaxBytes,
      schema: {
        tags,
        summary: 'Upload a document: the file is the request body; its type is checked from its bytes',
        description: 'Send `Idempotency-Key` to make a retry safe: the same key, file and query return the first document; a different file or query with the key is a 409.',
        headers: ZIdempotencyHeaders,
        params: zIdParams,
        querystring: ZUploadDocumentQuery,
        response: { 201: ZDocument, ...problemResponses(400, 401, 403, 404, 413, 415) },
      },
      handler: async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        // A retry is the same upload when its query and its bytes (by hash) are the same.
        return withIdempotency(
          deps.db,
          request,
          reply,
          async (trx) => ({ status: 201, body: await registry.uploadDocument(trx, blobs, request.auth, actorOf(request), request.params.id, { ...request.query, bytes }) }),
          { query: request.query, sha256: sha256Hex(bytes) },
        );
      },
    });
  });
}
