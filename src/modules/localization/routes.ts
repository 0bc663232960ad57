import { z } from 'zod';
import { type App, type AppDeps, actorOf, openDataHeaders } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { XLSX_CONTENT_TYPE, sendTable, sendWorkbook, tableCsv } from '../../core/tabular.ts';
import { auditingRefusals } from '../identity/http-auth.ts';
import { deliverInBackground } from '../notifications/service.ts';
import { CAPACITY_FILERS, CAPACITY_READERS, LOCALIZATION_OFFICERS, LOCALIZATION_STAFF, TAXONOMY_EDITORS, TAXONOMY_READERS } from './policy.ts';
import {
  ZCapacityReport,
  ZCapacityReportList,
  ZCapacityReportListQuery,
  ZCategory,
  ZCategoryList,
  ZConfirmCapacityReportBody,
  ZCreateCapacityReportBody,
  ZCreateCategoryBody,
  ZCreateNeedBody,
  ZGapDetail,
  ZGapDetailQuery,
  ZGaps,
  ZGapsQuery,
  ZNeedDetail,
  ZNeedList,
  ZNeedListQuery,
  ZPublicAggregates,
  ZPublicAggregatesQuery,
  ZReturnCapacityReportBody,
  ZReviseCapacityReportBody,
  ZReviseNeedBody,
  ZTrend,
  ZTrendQuery,
  ZUpdateCategoryBody,
  zCategoryParams,
} from './schema.ts';
import * as localization from './service.ts';

const tags = ['localization'];
const base = '/api/v1/localization';

/** Where the public aggregates are published as open data. */
export const LOCALIZATION_OPEN_DATA_PATHS = { json: '/open-data/localization/aggregates.json', csv: '/open-data/localization/aggregates.csv' } as const;

const RESTRICTED_NOTE = 'Restricted data: officers and auditors only (a company sees its own reports).';

/** Localization: the capability taxonomy, needs, capacity reports, gaps and the public aggregates. */
export function registerLocalizationRoutes(app: App, deps: AppDeps): void {
  // Taxonomy ---------------------------------------------------------------------------------------

  app.get(`${base}/categories`, {
    config: { access: TAXONOMY_READERS },
    schema: { tags, summary: 'The capability taxonomy with units, order, archived categories and versions (parents before children)', response: { 200: ZCategoryList, ...problemResponses(401, 403) } },
    handler: async () => localization.listCategories(deps.db),
  });

  app.post(`${base}/categories`, {
    config: { access: TAXONOMY_EDITORS },
    schema: { tags, summary: 'Add a category (administrators); a sub-category counts in its top-level category’s unit', headers: ZIdempotencyHeaders, body: ZCreateCategoryBody, response: { 201: ZCategory, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await localization.createCategory(trx, actorOf(request), request.body) })),
  });

  app.patch(`${base}/categories/:code`, {
    config: { access: TAXONOMY_EDITORS },
    schema: { tags, summary: 'Rename, re-order, archive or restore a category, or change a top-level unit (administrators)', params: zCategoryParams, headers: ZIdempotencyHeaders, body: ZUpdateCategoryBody, response: { 200: ZCategory, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await localization.updateCategory(trx, actorOf(request), request.params.code, request.body) })),
  });

  // Needs ------------------------------------------------------------------------------------------

  app.get(`${base}/needs`, {
    config: { access: LOCALIZATION_STAFF },
    schema: { tags, summary: 'Needs per category and period', description: RESTRICTED_NOTE, querystring: ZNeedListQuery, response: { 200: ZNeedList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => localization.listNeeds(deps.db, request.query),
  });

  app.get(`${base}/needs/:id`, {
    config: { access: LOCALIZATION_STAFF },
    schema: { tags, summary: 'One need with every version', description: RESTRICTED_NOTE, params: zIdParams, response: { 200: ZNeedDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => localization.getNeed(deps.db, request.params.id),
  });

  app.post(`${base}/needs`, {
    config: { access: LOCALIZATION_OFFICERS },
    schema: { tags, summary: 'Enter the need for a category and period (officers); one per pair', headers: ZIdempotencyHeaders, body: ZCreateNeedBody, response: { 201: ZNeedDetail, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await localization.createNeed(trx, actorOf(request), request.body) })),
  });

  app.put(`${base}/needs/:id`, {
    config: { access: LOCALIZATION_OFFICERS },
    schema: { tags, summary: 'Revise a need (officers), with the reason; earlier versions stay in its history', params: zIdParams, headers: ZIdempotencyHeaders, body: ZReviseNeedBody, response: { 200: ZNeedDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await localization.reviseNeed(trx, actorOf(request), request.params.id, request.body) })),
  });

  // Capacity reports -------------------------------------------------------------------------------

  app.get(`${base}/capacity-reports`, {
    config: { access: CAPACITY_READERS },
    schema: { tags, summary: 'Capacity reports: staff see all, a company its own', description: RESTRICTED_NOTE, querystring: ZCapacityReportListQuery, response: { 200: ZCapacityReportList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => localization.listReports(deps.db, request.auth, request.query),
  });

  app.get(`${base}/capacity-reports/:id`, {
    config: { access: CAPACITY_READERS },
    schema: { tags, summary: 'One capacity report (another company’s is a 404)', description: RESTRICTED_NOTE, params: zIdParams, response: { 200: ZCapacityReport, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => localization.getReport(deps.db, request.auth, request.params.id),
  });

  app.post(`${base}/capacity-reports`, {
    config: { access: CAPACITY_FILERS },
    schema: { tags, summary: 'Report domestic output and capacity for a category and period, with evidence; officers confirm it before it counts', headers: ZIdempotencyHeaders, body: ZCreateCapacityReportBody, response: { 201: ZCapacityReport, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await localization.fileReport(trx, request.auth, actorOf(request), request.body) }))),
  });

  app.put(`${base}/capacity-reports/:id`, {
    config: { access: CAPACITY_FILERS },
    schema: { tags, summary: 'Correct a report; it goes back to the officers to confirm', params: zIdParams, headers: ZIdempotencyHeaders, body: ZReviseCapacityReportBody, response: { 200: ZCapacityReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await localization.reviseReport(trx, request.auth, actorOf(request), request.params.id, request.body) }))),
  });

  app.post(`${base}/capacity-reports/:id/confirm`, {
    config: { access: LOCALIZATION_OFFICERS },
    schema: { tags, summary: 'Confirm a submitted report (officers; not the one who filed it on paper)', params: zIdParams, headers: ZIdempotencyHeaders, body: ZConfirmCapacityReportBody, response: { 200: ZCapacityReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await localization.decideReport(trx, request.auth, actorOf(request), request.params.id, { action: 'confirm', version: request.body.version }) })));
      deliverInBackground(deps, request.log);
      return answer;
    },
  });

  app.post(`${base}/capacity-reports/:id/return`, {
    config: { access: LOCALIZATION_OFFICERS },
    schema: { tags, summary: 'Return a submitted report to the company with what to correct (officers)', params: zIdParams, headers: ZIdempotencyHeaders, body: ZReturnCapacityReportBody, response: { 200: ZCapacityReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await localization.decideReport(trx, request.auth, actorOf(request), request.params.id, { action: 'return', version: request.body.version, reason: request.body.reason }) })));
      deliverInBackground(deps, request.log);
      return answer;
    },
  });

  // Gaps -------------------------------------------------------------------------------------------

  app.get(`${base}/gaps`, {
    config: { access: LOCALIZATION_STAFF },
    schema: {
      tags,
      summary: 'Need, confirmed output, gap, coverage and forecast per category for a year or quarter (JSON, or format=csv; format=xlsx adds contributors, needs and reports)',
      description: RESTRICTED_NOTE,
      querystring: ZGapsQuery,
      response: {
        200: { description: 'the gaps', content: { 'application/json': { schema: ZGaps }, 'text/csv': { schema: z.string() }, [XLSX_CONTENT_TYPE]: { schema: z.string() } } },
        ...problemResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const { period, format } = request.query;
      if (format === 'json') return reply.type('application/json; charset=utf-8').send(await localization.gaps(deps.db, period));
      const tables = await localization.gapTables(deps.db, period);
      reply.header('cache-control', 'no-store');
      if (format === 'csv') return sendTable(reply, tables[0]!, 'csv', `localization-gaps-${period}`);
      return sendWorkbook(reply, tables, `Localization gaps ${period}`, `localization-gaps-${period}`);
    },
  });

  app.get(`${base}/gaps/:code`, {
    config: { access: LOCALIZATION_STAFF },
    schema: { tags, summary: 'One category in a period: contributing members and awards, and its trend', description: RESTRICTED_NOTE, params: zCategoryParams, querystring: ZGapDetailQuery, response: { 200: ZGapDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => localization.gapDetail(deps.db, request.params.code, request.query.period),
  });

  app.get(`${base}/trend`, {
    config: { access: LOCALIZATION_STAFF },
    schema: { tags, summary: 'Coverage over years or quarters, for the top-level categories or one category’s sub-categories', description: RESTRICTED_NOTE, querystring: ZTrendQuery, response: { 200: ZTrend, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => localization.trend(deps.db, request.query.granularity, request.query.category),
  });

  // Public aggregates ------------------------------------------------------------------------------

  const publicDescription =
    'Per top-level category and year only. A figure resting on fewer than three companies, or where one company makes up more than 70 % of it, reads "suppressed"; so do further figures that would let a suppressed one be worked out from a total. Quantities are rounded. Licence: CC BY 4.0.';

  app.get('/api/v1/public/localization', {
    config: { access: 'public' },
    schema: { tags: ['public register'], summary: 'Localization progress the public may see: suppressed aggregates by top-level category and year', description: publicDescription, querystring: ZPublicAggregatesQuery, response: { 200: { description: 'the aggregates', content: { 'application/json': { schema: ZPublicAggregates }, 'text/csv': { schema: z.string() } } }, ...problemResponses(400) } },
    handler: async (request, reply) => {
      const aggregates = await localization.publicAggregates(deps.db);
      openDataHeaders(reply);
      if (request.query.format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="localization-aggregates.csv"').send(tableCsv(localization.publicAggregatesTable(aggregates)));
      return reply.type('application/json; charset=utf-8').send(aggregates);
    },
  });

  app.get(LOCALIZATION_OPEN_DATA_PATHS.json, {
    config: { access: 'public' },
    schema: { tags: ['open data'], summary: 'Localization aggregates as JSON (the same as /api/v1/public/localization)', description: publicDescription, response: { 200: ZPublicAggregates } },
    handler: async (_request, reply) => {
      openDataHeaders(reply);
      return localization.publicAggregates(deps.db);
    },
  });

  app.get(LOCALIZATION_OPEN_DATA_PATHS.csv, {
    config: { access: 'public' },
    schema: { tags: ['open data'], summary: 'Localization aggregates as CSV: a row per category and year, and an "all" row per category', description: publicDescription, response: { 200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } } } },
    handler: async (_request, reply) => {
      openDataHeaders(reply);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="localization-aggregates.csv"').send(tableCsv(localization.publicAggregatesTable(await localization.publicAggregates(deps.db))));
    },
  });
}
