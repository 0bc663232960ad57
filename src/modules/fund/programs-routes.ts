import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { registerResponse, sendRegister } from '../../core/registers.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { deliverInBackground } from '../notifications/service.ts';
import * as awards from './awards-service.ts';
import * as calls from './calls-service.ts';
import { CALL_MANAGERS, PROGRAM_READERS, PROGRAM_STAFF } from './policy.ts';
import {
  ZApproveDisbursementBody,
  ZAssignBody,
  ZAwardDetail,
  ZAwardList,
  ZAwardListQuery,
  ZCall,
  ZCallList,
  ZCallListQuery,
  ZCallTransitionBody,
  ZClawbackBody,
  ZConsensusBody,
  ZCreateCallBody,
  ZCreateProposalBody,
  ZDeclareBody,
  ZDisbursement,
  ZMilestoneReportBody,
  ZMilestoneVerifyBody,
  ZPrepareDisbursementBody,
  ZProgramSettings,
  ZProposalDetail,
  ZProposalList,
  ZProposalListQuery,
  ZProposalTransitionBody,
  ZPublicAwardList,
  ZPublicAwardQuery,
  ZPutProgramSettingsBody,
  ZRanking,
  ZScoresBody,
  ZTerminateAwardBody,
  ZUpdateProposalBody,
} from './programs-schema.ts';

const tags = ['fund programs'];
const base = '/api/v1/fund';
const zMilestoneParams = z.strictObject({ id: z.uuid('must be a UUID'), milestoneId: z.uuid('must be a UUID') });
const zVersionBody = z.strictObject({ version: z.int().min(1).describe('the version you read; a different current version is a 409') });
const ZDeclaration = z.object({ assignmentId: z.uuid(), status: z.enum(['declared', 'conflict']), proposal: ZProposalDetail.nullable() });
const ZPublicUses = z.object({
  items: z.array(z.object({ currency: z.string(), program: z.string().nullable(), programTitleEn: z.string().nullable(), programTitleUk: z.string().nullable(), capability: z.string().nullable(), amountMinor: z.int() })),
});
const ZDisbursementList = z.object({ items: z.array(ZDisbursement), total: z.int(), limit: z.int(), offset: z.int() });

/** The fund's programs: calls for proposals, evaluation, ranking, awards, milestones, disbursements and clawbacks. */
export function registerFundProgramRoutes(app: App, deps: AppDeps): void {
  const { db } = deps;

  // Public ----------------------------------------------------------------------------------------

  app.get('/api/v1/public/fund/awards', {
    config: { access: 'public' },
    schema: {
      tags: ['public'],
      summary: 'The public register of awards of the fund (recipient, call, amount, paid so far, clawed back, status): filter, search, sort, page; JSON, or CSV with format=csv',
      description:
        'The JSON and the CSV of one query hold the same rows in the same order: the page (limit, offset), or with `scope=all` every matching award (the web page\'s downloads). `total` (and X-Total-Count on CSV) counts the matching awards. Amounts are integer minor units beside their currency; sorting by amount compares minor units, so filter by currency to compare like with like.',
      querystring: ZPublicAwardQuery,
      response: { 200: registerResponse(ZPublicAwardList, 'the awards'), ...problemResponses(400) },
    },
    handler: async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return sendRegister(reply, request.query.format, await awards.publicAwards(db, request.query), awards.publicAwardsTable, 'adi-fund-awards');
    },
  });

  app.get('/api/v1/public/fund/uses', {
    config: { access: 'public' },
    schema: { tags: ['public'], summary: 'Money out by program (call) and capability category, per currency, net of clawbacks', response: { 200: ZPublicUses } },
    handler: async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return awards.publicUses(db);
    },
  });

  // Calls -----------------------------------------------------------------------------------------

  app.get(`${base}/calls`, {
    config: { access: 'public' },
    schema: { tags, summary: 'Calls for proposals: published ones for everyone, drafts too for fund staff', querystring: ZCallListQuery, response: { 200: ZCallList, ...problemResponses(400) } },
    handler: async (request) => calls.listCalls(db, request.auth.user ? request.auth : null, request.query),
  });

  app.get(`${base}/calls/:id`, {
    config: { access: 'public' },
    schema: { tags, summary: 'One call: texts in both languages, budget, dates, criteria', params: zIdParams, response: { 200: ZCall, ...problemResponses(400, 404) } },
    handler: async (request) => calls.getCall(db, request.auth.user ? request.auth : null, request.params.id),
  });

  app.post(`${base}/calls`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Draft a call for proposals', headers: ZIdempotencyHeaders, body: ZCreateCallBody, response: { 201: ZCall, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 201, body: await calls.createCall(trx, actorOf(request), request.body) })),
  });

  app.post(`${base}/calls/:id/transitions`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Publish a call (its budget is reserved in the ledger) or cancel it (the reservation is released)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZCallTransitionBody, response: { 200: ZCall, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.transitionCall(trx, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/calls/:id/ranking`, {
    config: { access: PROGRAM_STAFF },
    schema: { tags, summary: 'The ranking of the proposals with a consensus, by the documented rule (a preview until the call is ranked)', params: zIdParams, response: { 200: ZRanking, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => calls.ranking(db, request.params.id),
  });

  app.post(`${base}/calls/:id/rank`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Rank a closed call (every proposal needs its consensus) and record the outcome', headers: ZIdempotencyHeaders, params: zIdParams, body: zVersionBody, response: { 200: ZRanking, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.rankCall(trx, actorOf(request), request.params.id, request.body.version) })),
  });

  app.post(`${base}/calls/:id/award`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Award a ranked call: an agreement per funded proposal, each milestone reserved in the ledger', headers: ZIdempotencyHeaders, params: zIdParams, body: zVersionBody, response: { 200: ZCall, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.awardCall(trx, actorOf(request), request.params.id, request.body.version) }));
      deliverInBackground(deps, request.log);
      return answer;
    },
  });

  // Proposals -------------------------------------------------------------------------------------

  app.post(`${base}/calls/:id/proposals`, {
    config: { access: ['company', 'fund_officer'] },
    schema: { tags, summary: 'Start a proposal for a call (a draft)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZCreateProposalBody, response: { 201: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 201, body: await calls.createProposal(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/proposals`, {
    config: { access: PROGRAM_READERS },
    schema: { tags, summary: 'Proposals: staff all, an evaluator those assigned, a company its own', querystring: ZProposalListQuery, response: { 200: ZProposalList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => calls.listProposals(db, request.auth, request.query),
  });

  app.get(`${base}/proposals/:id`, {
    config: { access: PROGRAM_READERS },
    schema: { tags, summary: 'One proposal with its evaluations and their disagreement (an evaluator must declare first)', params: zIdParams, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => calls.proposalDetail(db, request.auth, request.params.id),
  });

  app.patch(`${base}/proposals/:id`, {
    config: { access: ['company', 'fund_officer'] },
    schema: { tags, summary: 'Change a draft proposal', params: zIdParams, body: ZUpdateProposalBody, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => calls.updateProposal(db, request.auth, actorOf(request), request.params.id, request.body),
  });

  app.post(`${base}/proposals/:id/transitions`, {
    config: { access: ['company', 'fund_officer'] },
    schema: { tags, summary: 'Submit (eligibility, screening, documents and dates are checked) or withdraw a proposal', headers: ZIdempotencyHeaders, params: zIdParams, body: ZProposalTransitionBody, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.transitionProposal(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.post(`${base}/proposals/:id/evaluators`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Assign evaluators: named, or drawn from the pool up to the call’s number', headers: ZIdempotencyHeaders, params: zIdParams, body: ZAssignBody, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.assignEvaluators(trx, request.auth, actorOf(request), request.params.id, request.body.evaluatorIds) })),
  });

  app.post(`${base}/proposals/:id/declaration`, {
    config: { access: ['evaluator'] },
    schema: { tags, summary: 'Declare a conflict of interest (the assignment ends) or none (the proposal opens to you)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZDeclareBody, response: { 200: ZDeclaration, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.declare(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.put(`${base}/proposals/:id/scores`, {
    config: { access: ['evaluator'] },
    schema: { tags, summary: 'Score every criterion 0–5 with a comment (revisable until the consensus)', params: zIdParams, body: ZScoresBody, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => calls.submitScores(db, request.auth, actorOf(request), request.params.id, request.body),
  });

  app.post(`${base}/proposals/:id/consensus`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Record the final scores with reasons once every evaluator has scored', headers: ZIdempotencyHeaders, params: zIdParams, body: ZConsensusBody, response: { 200: ZProposalDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await calls.recordConsensus(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  // Awards ----------------------------------------------------------------------------------------

  app.get(`${base}/awards`, {
    config: { access: ['company', ...PROGRAM_STAFF] },
    schema: { tags, summary: 'Awards: staff all, a company its own; promised and delivered capacity', querystring: ZAwardListQuery, response: { 200: ZAwardList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => awards.listAwards(db, request.auth, request.query),
  });

  app.get(`${base}/awards/:id`, {
    config: { access: ['company', ...PROGRAM_STAFF] },
    schema: { tags, summary: 'One award with its milestones, disbursements and clawbacks', params: zIdParams, response: { 200: ZAwardDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => awards.awardDetail(db, request.auth, request.params.id),
  });

  app.post(`${base}/awards/:id/milestones/:milestoneId/report`, {
    config: { access: ['company'] },
    schema: { tags, summary: 'Report a milestone as done, with evidence and the capacity delivered', headers: ZIdempotencyHeaders, params: zMilestoneParams, body: ZMilestoneReportBody, response: { 200: ZAwardDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await awards.reportMilestone(trx, request.auth, actorOf(request), request.params.id, request.params.milestoneId, request.body) })),
  });

  app.post(`${base}/awards/:id/milestones/:milestoneId/verification`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Verify a reported milestone, or find it failed (its reservation is released)', headers: ZIdempotencyHeaders, params: zMilestoneParams, body: ZMilestoneVerifyBody, response: { 200: ZAwardDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await awards.verifyMilestone(trx, request.auth, actorOf(request), request.params.id, request.params.milestoneId, request.body) }));
      deliverInBackground(deps, request.log);
      return answer;
    },
  });

  app.post(`${base}/awards/:id/disbursements`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Prepare the payment of a verified milestone (another fund officer approves it)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZPrepareDisbursementBody, response: { 201: ZDisbursement, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 201, body: await awards.prepareDisbursement(trx, request.auth, actorOf(request), request.params.id, request.body.milestoneId) })),
  });

  app.get(`${base}/disbursements`, {
    config: { access: PROGRAM_STAFF },
    schema: { tags, summary: 'Disbursements (prepared ones await approval)', querystring: z.strictObject({ status: z.enum(['prepared', 'paid', 'cancelled']).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(1_000_000).default(0) }), response: { 200: ZDisbursementList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => awards.listDisbursements(db, request.query),
  });

  app.post(`${base}/disbursements/:id/approval`, {
    config: { access: CALL_MANAGERS },
    schema: {
      tags,
      summary: 'Approve a disbursement: never by whoever prepared it or approved it already; the last approval posts the ledger entry',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZApproveDisbursementBody,
      response: { 200: ZDisbursement, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await awards.approveDisbursement(trx, request.auth, actorOf(request), request.params.id, request.body.version) })),
  });

  app.post(`${base}/awards/:id/clawbacks`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'Claw back money paid on an award, with reasons (a posted entry back to the fund)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZClawbackBody, response: { 200: ZAwardDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await awards.clawBack(trx, request.auth, actorOf(request), request.params.id, request.body) }));
      deliverInBackground(deps, request.log);
      return answer;
    },
  });

  app.post(`${base}/awards/:id/termination`, {
    config: { access: CALL_MANAGERS },
    schema: { tags, summary: 'End an award early: reservations of unpaid milestones are released', headers: ZIdempotencyHeaders, params: zIdParams, body: ZTerminateAwardBody, response: { 200: ZAwardDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(db, request, reply, async (trx) => ({ status: 200, body: await awards.terminateAward(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/program-settings`, {
    config: { access: PROGRAM_STAFF },
    schema: { tags, summary: 'Per currency, the amount above which a disbursement needs two approvers', response: { 200: ZProgramSettings, ...problemResponses(401, 403) } },
    handler: async () => awards.getProgramSettings(db),
  });

  app.put(`${base}/program-settings`, {
    config: { access: ['admin'] },
    schema: { tags, summary: 'Change the two-approver limits (administrators: fund officers do not set their own controls)', body: ZPutProgramSettingsBody, response: { 200: ZProgramSettings, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request) => awards.putProgramSettings(db, actorOf(request), request.body),
  });
}
