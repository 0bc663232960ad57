import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { PUBLIC_TOPICS, cacheableBody, publicCacheFor, sendCacheable } from '../../core/public-cache.ts';
import { registerResponse } from '../../core/registers.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { tableCsv } from '../../core/tabular.ts';
import { auditingRefusals } from '../identity/http-auth.ts';
import { deliverInBackground } from '../notifications/service.ts';
import { APPLICANT_ROLES, DEADLINE_READERS, DEADLINE_WRITERS, MEMBERSHIP_READERS, TRANSITION_CALLERS } from './policy.ts';
import {
  ZApplicationDetail,
  ZApplicationList,
  ZApplicationListQuery,
  ZCreateApplicationBody,
  ZDeadlines,
  ZPublicMemberList,
  ZPublicMemberQuery,
  ZPutDeadlinesBody,
  ZTransitionBody,
  ZUpdateApplicationBody,
} from './schema.ts';
import * as membership from './service.ts';

const tags = ['membership'];
const publicTags = ['public register'];

/** Membership in the Alliance: applications, their workflow and deadlines, and the public register of members. */
export function registerMembershipRoutes(app: App, deps: AppDeps): void {
  app.post('/api/v1/membership/applications', {
    config: { access: APPLICANT_ROLES },
    schema: {
      tags,
      summary: 'Start a membership application (a draft with the localization plan so far)',
      headers: ZIdempotencyHeaders,
      body: ZCreateApplicationBody,
      response: { 201: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) =>
      auditingRefusals(deps, request, () =>
        withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await membership.createApplication(trx, request.auth, actorOf(request), request.body) })),
      ),
  });

  app.get('/api/v1/membership/applications', {
    config: { access: MEMBERSHIP_READERS },
    schema: {
      tags,
      summary: "The work queue (staff) or your organization's applications, nearest deadline first",
      querystring: ZApplicationListQuery,
      response: { 200: ZApplicationList, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request) => membership.listApplications(deps.db, request.auth, request.query),
  });

  app.get('/api/v1/membership/applications/:id', {
    config: { access: MEMBERSHIP_READERS },
    schema: { tags, summary: 'One application with its history', params: zIdParams, response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => membership.getApplication(deps.db, request.auth, request.params.id),
  });

  app.patch('/api/v1/membership/applications/:id', {
    config: { access: APPLICANT_ROLES },
    schema: {
      tags,
      summary: 'Change the localization plan of a draft or returned application',
      params: zIdParams,
      body: ZUpdateApplicationBody,
      response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request) => auditingRefusals(deps, request, () => membership.updateApplication(deps.db, request.auth, actorOf(request), request.params.id, request.body)),
  });

  app.post('/api/v1/membership/applications/:id/transitions', {
    config: { access: TRANSITION_CALLERS },
    schema: {
      tags,
      summary: 'Move an application through the workflow (submit, clear_screening, reject, return, approve, suspend, reinstate, terminate)',
      description:
        'An action the state does not allow is a 409 `invalid_transition` whose `allowed` lists what you may do now; an action your roles never allow is a 403. Send `Idempotency-Key` to make a retry safe.',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZTransitionBody,
      response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const body = await auditingRefusals(deps, request, () =>
        withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await membership.transition(trx, request.auth, actorOf(request), request.params.id, request.body) })),
      );
      // The change (and its e-mail) committed: deliver now rather than at the next timer tick, and let the
      // public register and dashboard show it.
      deliverInBackground(deps, request.log);
      publicCacheFor(deps.db).invalidate(PUBLIC_TOPICS.members, PUBLIC_TOPICS.dashboard);
      return body;
    },
  });

  app.get('/api/v1/membership/deadlines', {
    config: { access: DEADLINE_READERS },
    schema: { tags, summary: 'Days an application may stay in each state before it is overdue', response: { 200: ZDeadlines, ...problemResponses(401, 403) } },
    handler: async () => membership.getDeadlines(deps.db),
  });

  app.put('/api/v1/membership/deadlines', {
    config: { access: DEADLINE_WRITERS },
    schema: {
      tags,
      summary: 'Change deadlines (open applications in a changed state get a new due time)',
      body: ZPutDeadlinesBody,
      response: { 200: ZDeadlines, ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => membership.putDeadlines(deps.db, actorOf(request), request.body),
  });

  app.get('/api/v1/public/members', {
    config: { access: 'public' },
    schema: {
      tags: publicTags,
      summary: 'The public register of Alliance members: filter, search, sort, page; JSON, or CSV with format=csv',
      description:
        'The JSON and the CSV of one query hold the same rows in the same order: the page (limit, offset), or with `scope=all` every matching member (the web page\'s downloads). `total` (and X-Total-Count on CSV) counts the matching members.',
      querystring: ZPublicMemberQuery,
      response: { 200: registerResponse(ZPublicMemberList, 'the register'), ...problemResponses(400) },
    },
    handler: async (request, reply) => {
      // The hot public register: cached per query (both formats), dropped when a membership changes on this node (30 s on others).
      // scope=all ignores limit and offset, so they are left out of its key: varying them cannot fill the cache with copies of the register.
      const { format, scope, limit: _limit, offset: _offset, ...rest } = request.query;
      const key = scope === 'all' ? `all ${JSON.stringify({ format, ...rest })}` : request.url;
      const body = await publicCacheFor(deps.db).get(PUBLIC_TOPICS.members, key, 30_000, async () => {
        const page = await membership.listPublicMembers(deps.db, request.query);
        return { ...cacheableBody(format === 'csv' ? tableCsv(membership.publicMembersTable(page.items)) : page), total: page.total };
      });
      if (format === 'json') return sendCacheable(request, reply, body, { maxAgeSeconds: 30 });
      reply.header('content-disposition', 'attachment; filename="adi-members.csv"').header('x-total-count', String(body.total));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 30, contentType: 'text/csv; charset=utf-8' });
    },
  });

  app.get('/api/v1/public/members.csv', {
    config: { access: 'public' },
    schema: {
      tags: publicTags,
      summary: 'The whole public register of Alliance members by name as CSV (UTF-8 with BOM); kept for existing links, the register route with format=csv&scope=all filters and sorts',
      response: { 200: { description: 'the register as CSV', content: { 'text/csv': { schema: z.string() } } }, ...problemResponses(400) },
    },
    handler: async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="adi-members.csv"')
        .send(await membership.publicMembersCsv(deps.db)),
  });
}
