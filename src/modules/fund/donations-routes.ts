import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { ZCreateDonationBody, ZDonation, ZDonationList, ZDonationListQuery } from './donations-schema.ts';
import * as donations from './donations-service.ts';
import { LEDGER_READERS, LEDGER_WRITERS } from './policy.ts';
import { derivedClientKey } from './routes.ts';

const tags = ['fund donations'];
const base = '/api/v1/fund/donations';

/** Donations to the fund: each is booked in the ledger as it is recorded. */
export function registerFundDonationRoutes(app: App, deps: AppDeps): void {
  app.get(base, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'Donations, newest first, filtered by currency, donor kind, earmark and dates', querystring: ZDonationListQuery, response: { 200: ZDonationList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => donations.listDonations(deps.db, request.query),
  });

  app.post(base, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Record a donation and book it (debit 1000.<CUR>.fund, credit 4100.<CUR>.donations)',
      description: 'Send `Idempotency-Key`: a retry with the same key and body returns the first donation and books nothing more; another body with the key is a 409.',
      headers: ZIdempotencyHeaders,
      body: ZCreateDonationBody,
      response: { 201: ZDonation, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await donations.recordDonation(trx, request.auth, actorOf(request), request.body, derivedClientKey(request)) })),
  });

  app.get(`${base}/:id`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'One donation with the ledger entry that booked it', params: zIdParams, response: { 200: ZDonation, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => donations.getDonation(deps.db, request.params.id),
  });
}
