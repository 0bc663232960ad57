import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { ZAsset, ZAssetList, ZAssetListQuery, ZAssetTransitionBody, ZCreateAssetBody, ZSaleBody, ZValuationBody } from './assets-schema.ts';
import * as assets from './assets-service.ts';
import { LEDGER_READERS, LEDGER_WRITERS } from './policy.ts';

const tags = ['fund assets'];
const base = '/api/v1/fund/assets';

/** The confiscated-asset register: assets, valuations, status steps, the sale and the booking of its net proceeds. */
export function registerFundAssetRoutes(app: App, deps: AppDeps): void {
  app.get(base, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'Confiscated assets, newest first, filtered by kind, status or former owner', querystring: ZAssetListQuery, response: { 200: ZAssetList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => assets.listAssets(deps.db, request.query),
  });

  app.post(base, {
    config: { access: LEDGER_WRITERS },
    schema: { tags, summary: 'Register a seized asset', headers: ZIdempotencyHeaders, body: ZCreateAssetBody, response: { 201: ZAsset, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await assets.createAsset(trx, request.auth, actorOf(request), request.body) })),
  });

  app.get(`${base}/:id`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'One asset with its valuation and status histories and its sale', params: zIdParams, response: { 200: ZAsset, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => assets.getAsset(deps.db, request.params.id),
  });

  app.post(`${base}/:id/valuations`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Add a valuation to the asset',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZValuationBody,
      response: { 201: ZAsset, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await assets.addValuation(trx, actorOf(request), request.params.id, request.body) })),
  });

  app.post(`${base}/:id/sale`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Record the sale of an asset that is for sale (once)',
      description: 'Costs must be below the price. The asset then moves to `sold`, and to `proceeds_received`, which books the net proceeds in the ledger.',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZSaleBody,
      response: { 201: ZAsset, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await assets.recordSale(trx, actorOf(request), request.params.id, request.body) })),
  });

  app.post(`${base}/:id/transitions`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Move the asset one step: seized → confiscated → in_management → for_sale → sold → proceeds_received',
      description:
        'Any other step is a 409 `invalid_transition` with `allowed`. `sold` needs the sale on record; `proceeds_received` books price − costs in the same transaction (debit `1000.<CUR>.fund`, credit `4000.<CUR>.asset_sales`, reference `asset_sale`/asset id). Send `Idempotency-Key`: a retry replays the first answer.',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZAssetTransitionBody,
      response: { 200: ZAsset, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await assets.transitionAsset(trx, actorOf(request), request.params.id, request.body) })),
  });
}
