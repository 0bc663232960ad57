import { z } from 'zod';
import type { App, AppDeps } from '../../core/http.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { LEDGER_READERS } from './policy.ts';
import { ZFlows, ZFlowsQuery, ZTracedEntry, ZTracedSource, ZTracedSourceQuery, ZTracedUse, ZTracedUseQuery } from './tracing-schema.ts';
import * as tracing from './tracing-service.ts';

const tags = ['fund tracing'];
const base = '/api/v1/fund/tracing';

/** Money traced from source to use (FIFO within each cash pool, docs/fund-tracing.md), and the public flows behind the Sankey chart. */
export function registerFundTracingRoutes(app: App, deps: AppDeps): void {
  app.get(`${base}/uses`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'Uses of fund money (disbursements, payments), newest first, each with the sources that paid it', querystring: ZTracedUseQuery, response: { 200: z.object({ items: z.array(ZTracedUse), total: z.int() }), ...problemResponses(400, 401, 403) } },
    handler: async (request) => tracing.listTracedUses(deps.db, request.query),
  });

  app.get(`${base}/sources`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'Sources of fund money (asset sales, donations, budget), newest first, each with where its money went and what is left', querystring: ZTracedSourceQuery, response: { 200: z.object({ items: z.array(ZTracedSource), total: z.int() }), ...problemResponses(400, 401, 403) } },
    handler: async (request) => tracing.listTracedSources(deps.db, request.query),
  });

  app.get(`${base}/entries/:id`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'The trace of one ledger entry: the sources of a use, or the uses of a source', params: zIdParams, response: { 200: ZTracedEntry, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => tracing.traceEntry(deps.db, request.params.id),
  });

  app.get('/api/v1/public/fund/flows', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: "The fund's money from source kinds to programs to awards, in one currency (the Sankey chart's data)",
      querystring: ZFlowsQuery,
      response: { 200: ZFlows, ...problemResponses(400) },
    },
    handler: async (request) => tracing.publicFlows(deps.db, request.query),
  });
}
