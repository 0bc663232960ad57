import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, idempotencyKeyOf, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { LEDGER_READERS, LEDGER_WRITERS } from './policy.ts';
import {
  zBookingDate,
  ZAccount,
  ZAccountList,
  ZAccountListQuery,
  ZCloseAccountBody,
  ZCreateAccountBody,
  ZCreateEntryBody,
  ZEntry,
  ZEntryList,
  ZEntryListQuery,
  ZExchangeBody,
  ZExchangeResult,
  ZReverseBody,
  ZStatement,
  ZStatementQuery,
  ZTrialBalance,
  ZTrialBalanceQuery,
} from './schema.ts';
import * as ledger from './service.ts';
import { sendTable, sourcesAndUsesTable, statementTable, trialBalanceTable } from './reports.ts';
import { XLSX_CONTENT_TYPE } from '../../core/tabular.ts';

const tags = ['fund ledger'];
/** The download formats of a report, for the OpenAPI document. */
const DOWNLOADS = {
  'text/csv': { schema: z.string().describe('UTF-8 with BOM, money in minor units') },
  [XLSX_CONTENT_TYPE]: { schema: z.string().describe('an XLSX workbook, money in major units') },
};
const base = '/api/v1/fund/ledger';

/**
 * The client key an entry gets from the request's Idempotency-Key when the body names none: the
 * stored HTTP answer expires after a day, the key on the entry never does.
 */
export function derivedClientKey(request: FastifyRequest): string | undefined {
  const key = idempotencyKeyOf(request);
  const userId = request.auth.user?.id;
  return key && userId ? `http:${userId}:${key}` : undefined;
}

/** The special defense fund's double-entry ledger: accounts, entries (two-phase, reversals, exchanges), statements and the trial balance. */
export function registerFundLedgerRoutes(app: App, deps: AppDeps): void {
  app.get('/api/v1/public/fund/sources-and-uses', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: "The fund's money in by source and out by use, per currency (posted entries, by booking date)",
      querystring: z.strictObject({ from: zBookingDate.default('2000-01-01'), to: zBookingDate.optional(), format: z.enum(['json', 'csv', 'xlsx']).default('json') }),
      response: {
        200: {
          description: 'sources and uses',
          content: {
            'application/json': {
              schema: z.object({
                from: z.string(),
                to: z.string(),
                sources: z.array(z.object({ currency: z.string(), category: z.string().describe('asset_sales, donations, budget…'), amount: z.number().int().describe('minor units') })),
                uses: z.array(z.object({ currency: z.string(), category: z.string(), amount: z.number().int() })),
              }),
            },
            ...DOWNLOADS,
          },
        },
        ...problemResponses(400),
      },
    },
    handler: async (request, reply) => {
      const { from, format } = request.query;
      const to = request.query.to ?? ledger.todayUtc();
      if (format !== 'json') return sendTable(reply, await sourcesAndUsesTable(deps.db, from, to), format, `adi-fund-sources-and-uses-${from}-${to}`);
      return reply.type('application/json; charset=utf-8').send(await ledger.publicSourcesAndUses(deps.db, from, to));
    },
  });

  app.get(`${base}/accounts`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'Ledger accounts with posted, pending and available balances', querystring: ZAccountListQuery, response: { 200: ZAccountList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => ledger.listAccounts(deps.db, request.query),
  });

  app.post(`${base}/accounts`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Open a ledger account (for a program, an award or an organization)',
      headers: ZIdempotencyHeaders,
      body: ZCreateAccountBody,
      response: { 201: ZAccount, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await ledger.openAccount(trx, actorOf(request), request.body) })),
  });

  app.get(`${base}/accounts/:id`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'One ledger account with its balances', params: zIdParams, response: { 200: ZAccount, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => ledger.getAccount(deps.db, request.params.id),
  });

  app.post(`${base}/accounts/:id/close`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Close an account that holds nothing; it then refuses new postings',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZCloseAccountBody,
      response: { 200: ZAccount, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await ledger.closeAccount(trx, actorOf(request), request.params.id, request.body.version) })),
  });

  app.get(`${base}/accounts/:id/statement`, {
    config: { access: LEDGER_READERS },
    schema: {
      tags,
      summary: "An account's posted lines over a date range with the running balance",
      params: zIdParams,
      querystring: ZStatementQuery,
      response: { 200: { description: 'the statement', content: { 'application/json': { schema: ZStatement }, ...DOWNLOADS } }, ...problemResponses(400, 401, 403, 404) },
    },
    handler: async (request, reply) => {
      const { format, from, to } = request.query;
      if (format !== 'json') return sendTable(reply, await statementTable(deps.db, request.params.id, { from, to }), format, `adi-fund-statement-${request.params.id}`);
      return reply.type('application/json; charset=utf-8').send(await ledger.accountStatement(deps.db, request.params.id, request.query));
    },
  });

  app.post(`${base}/entries`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Book an entry (posted at once, or pending: a reservation to post or void later)',
      description:
        'At least two postings in the entry currency whose debits equal its credits, else 400 with the failing fields. An account flag the entry would break is a 409 naming the account and what it has available. Send `Idempotency-Key` (or `clientKey`): a retry returns the first entry.',
      headers: ZIdempotencyHeaders,
      body: ZCreateEntryBody,
      response: { 200: ZEntry, 201: ZEntry, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => {
        const booked = await ledger.createEntry(trx, actorOf(request), request.body, derivedClientKey(request));
        return { status: booked.replayed ? 200 : 201, body: booked.entry };
      }),
  });

  app.get(`${base}/entries`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'The journal: entries newest first with their postings, filtered by currency, status, reference and booking dates', querystring: ZEntryListQuery, response: { 200: ZEntryList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => ledger.listEntries(deps.db, request.query),
  });

  app.get(`${base}/entries/:id`, {
    config: { access: LEDGER_READERS },
    schema: { tags, summary: 'One entry with its postings and what may still happen to it', params: zIdParams, response: { 200: ZEntry, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => ledger.getEntry(deps.db, request.params.id),
  });

  for (const action of ['post', 'void'] as const) {
    app.post(`${base}/entries/:id/${action}`, {
      config: { access: LEDGER_WRITERS },
      schema: {
        tags,
        summary: action === 'post' ? 'Post a pending entry (its reservations become posted amounts)' : 'Void a pending entry (its reservations are released)',
        description: 'Once only: an entry that is not pending answers 409 `invalid_transition` with `allowed`.',
        headers: ZIdempotencyHeaders,
        params: zIdParams,
        response: { 200: ZEntry, ...problemResponses(400, 401, 403, 404, 409) },
      },
      handler: async (request, reply) =>
        withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await ledger.resolvePending(trx, actorOf(request), request.params.id, action) })),
    });
  }

  app.post(`${base}/entries/:id/reverse`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Reverse a posted entry: a new entry with every posting mirrored (once only)',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZReverseBody,
      response: { 200: ZEntry, 201: ZEntry, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => {
        const booked = await ledger.reverseEntry(trx, actorOf(request), request.params.id, request.body);
        return { status: booked.replayed ? 200 : 201, body: booked.entry };
      }),
  });

  app.post(`${base}/exchanges`, {
    config: { access: LEDGER_WRITERS },
    schema: {
      tags,
      summary: 'Exchange currency: two entries through the FX clearing accounts, with rate, source and date on both',
      headers: ZIdempotencyHeaders,
      body: ZExchangeBody,
      response: { 200: ZExchangeResult, 201: ZExchangeResult, ...problemResponses(400, 401, 403, 409) },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => {
        const { replayed, ...result } = await ledger.exchange(trx, actorOf(request), { ...request.body, clientKey: request.body.clientKey ?? derivedClientKey(request) });
        return { status: replayed ? 200 : 201, body: result };
      }),
  });

  app.get(`${base}/trial-balance`, {
    config: { access: LEDGER_READERS },
    schema: {
      tags,
      summary: 'The trial balance at a date, per currency (JSON, or a download with format=csv or xlsx)',
      querystring: ZTrialBalanceQuery,
      response: {
        200: { description: 'the trial balance', content: { 'application/json': { schema: ZTrialBalance }, ...DOWNLOADS } },
        ...problemResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const { format, at } = request.query;
      if (format !== 'json') return sendTable(reply, await trialBalanceTable(deps.db, at), format, `adi-fund-trial-balance-${at ?? ledger.todayUtc()}`);
      return reply.type('application/json; charset=utf-8').send(await ledger.trialBalance(deps.db, request.query.at));
    },
  });
}
