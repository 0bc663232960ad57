import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { ZCase, ZCaseDecisionBody, ZCaseListQuery, ZOrganizationScreening, ZScreeningRun } from './cases-schema.ts';
import * as cases from './cases-service.ts';
import { CASE_DECIDERS, CASE_READERS, SCREEN_RUNNERS, SCREENERS } from './policy.ts';

const tags = ['screening cases'];
const base = '/api/v1/screening';

/** Screening cases (hits an analyst confirms or dismisses) and organizations' screening status. */
export function registerScreeningCaseRoutes(app: App, deps: AppDeps): void {
  app.get(`${base}/cases`, {
    config: { access: CASE_READERS },
    schema: { tags, summary: 'Screening cases, open first, filtered by status, organization, record type or a name', querystring: ZCaseListQuery, response: { 200: z.object({ items: z.array(ZCase), total: z.int() }), ...problemResponses(400, 401, 403) } },
    handler: async (request) => {
      const { limit, offset, ...filter } = request.query;
      const page = await cases.listCases(deps.db, filter, limit, offset);
      return { ...page, items: page.items.map((item) => cases.asSeenBy(item, request.auth)) };
    },
  });

  app.get(`${base}/cases/:id`, {
    config: { access: CASE_READERS },
    schema: { tags, summary: 'One case: the screened record and the listed entity side by side, with the evidence', params: zIdParams, response: { 200: ZCase, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => cases.asSeenBy(await cases.getCase(deps.db, request.params.id), request.auth),
  });

  app.post(`${base}/cases/:id/decision`, {
    config: { access: CASE_DECIDERS },
    schema: {
      tags,
      summary: 'Confirm or dismiss an open case, with the reason (a confirmed hit blocks the organization)',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZCaseDecisionBody,
      response: { 200: ZCase, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await cases.decideCase(trx, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/organizations/:id`, {
    config: { access: SCREENERS },
    schema: { tags, summary: "An organization's screening status (confirmed_hit blocks it everywhere)", params: zIdParams, response: { 200: ZOrganizationScreening, ...problemResponses(400, 401, 403) } },
    handler: async (request) => cases.organizationScreening(deps.db, request.params.id),
  });

  app.post(`${base}/organizations/:id/screen`, {
    config: { access: SCREEN_RUNNERS },
    schema: {
      tags,
      summary: 'Screen an organization now: itself, the holding companies above it, their owners and its officers',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      response: { 200: ZScreeningRun, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await cases.screenOrganization(trx, actorOf(request), request.params.id) })),
  });
}
