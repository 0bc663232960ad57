import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, actorOf, publicBaseUrl } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { registerResponse, sendRegister } from '../../core/registers.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { sendTable, XLSX_CONTENT_TYPE } from '../../core/tabular.ts';
import { auditingRefusals } from '../identity/http-auth.ts';
import { deliverInBackground } from '../notifications/service.ts';
import * as appeals from './appeals-service.ts';
import { APPEAL_DECIDER_ROLES, BENEFIT_READERS, DECIDERS, FILERS, REGIME_ADMINS, REGIME_READERS, REGIME_STAFF, TRANSITION_CALLERS } from './policy.ts';
import * as publicRegime from './public-service.ts';
import * as reports from './reports-service.ts';
import {
  ZAppeal,
  ZAppealDecisionBody,
  ZAppealList,
  ZAppealListQuery,
  ZApplicationDetail,
  ZApplicationList,
  ZApplicationListQuery,
  ZApplicationTransitionBody,
  ZBenefits,
  ZBenefitsQuery,
  ZCertificateStatus,
  ZCommission,
  ZComplianceList,
  ZComplianceQuery,
  ZCreateAppealBody,
  ZCreateApplicationBody,
  ZCreateReportBody,
  ZCreateRuleSetBody,
  ZEvaluation,
  ZPreviewRuleSetBody,
  ZProposal,
  ZProposalDecisionBody,
  ZProposalList,
  ZProposalListQuery,
  ZPublicResidentList,
  ZPublicResidentQuery,
  ZPutCommissionBody,
  ZPutSettingsBody,
  ZReport,
  ZReportList,
  ZReportListQuery,
  ZResidentDetail,
  ZResidentList,
  ZResidentListQuery,
  ZResidentTransitionBody,
  ZRuleSet,
  ZRuleSetList,
  ZSettings,
  ZSubmitReportBody,
  ZSweepResult,
  ZUpdateApplicationBody,
  ZUpdateReportBody,
  ZVerifyCertificateBody,
  ZVerifyCertificateResult,
  ZVisibilityBody,
} from './schema.ts';
import * as regime from './service.ts';

const tags = ['regime'];
const publicTags = ['public register'];
const base = '/api/v1/regime';

const ZPreviewResult = z.object({
  items: z.array(z.object({ residentId: z.uuid(), organizationId: z.uuid(), organizationName: z.string(), basis: z.string(), evaluation: ZEvaluation })),
  failing: z.int(),
  total: z.int(),
});

/** The special economic regime: rule sets, applications, residents, reports, proposals, appeals, benefits, the register and certificate checks. */
export function registerRegimeRoutes(app: App, deps: AppDeps): void {
  /** Notices queued by a change go out right after its commit. */
  const deliver = (request: FastifyRequest) => deliverInBackground(deps, request.log);

  // Settings, rule sets, commission ----------------------------------------------------------------

  app.get(`${base}/settings`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'Settings of the regime: decision days, report due date, grace, reminders, cure and appeal days, benefit rates, hideable fields', response: { 200: ZSettings, ...problemResponses(401, 403) } },
    handler: async () => regime.getSettings(deps.db),
  });

  app.put(`${base}/settings`, {
    config: { access: REGIME_ADMINS },
    schema: { tags, summary: 'Change the settings (administrators)', headers: ZIdempotencyHeaders, body: ZPutSettingsBody, response: { 200: ZSettings, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await regime.putSettings(trx, actorOf(request), request.body) })),
  });

  app.get(`${base}/rule-sets`, {
    config: { access: 'public' },
    schema: { tags, summary: 'Every version of the eligibility rules, newest first, and the facts a criterion can test', response: { 200: ZRuleSetList } },
    handler: async () => regime.listRuleSets(deps.db),
  });

  app.get(`${base}/rule-sets/:id`, {
    config: { access: 'public' },
    schema: { tags, summary: 'One version of the eligibility rules', params: zIdParams, response: { 200: ZRuleSet, ...problemResponses(400, 404) } },
    handler: async (request) => regime.getRuleSet(deps.db, request.params.id),
  });

  app.post(`${base}/rule-sets`, {
    config: { access: REGIME_ADMINS },
    schema: { tags, summary: 'Publish the next version of the eligibility rules (never retroactive)', headers: ZIdempotencyHeaders, body: ZCreateRuleSetBody, response: { 201: ZRuleSet, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await regime.createRuleSet(trx, actorOf(request), request.body) })),
  });

  app.post(`${base}/rule-sets/preview`, {
    config: { access: REGIME_ADMINS },
    schema: { tags, summary: 'Which current residents would fail these criteria (on their latest report, or their application)', body: ZPreviewRuleSetBody, response: { 200: ZPreviewResult, ...problemResponses(400, 401, 403) } },
    handler: async (request) => regime.previewRuleSet(deps.db, request.body.criteria),
  });

  app.get(`${base}/commission`, {
    config: { access: REGIME_STAFF },
    schema: { tags, summary: 'Members of the appeal commission', response: { 200: ZCommission, ...problemResponses(401, 403) } },
    handler: async () => appeals.getCommission(deps.db),
  });

  app.put(`${base}/commission`, {
    config: { access: REGIME_ADMINS },
    schema: { tags, summary: 'Set the members of the appeal commission (active staff users)', headers: ZIdempotencyHeaders, body: ZPutCommissionBody, response: { 200: ZCommission, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await appeals.putCommission(trx, actorOf(request), request.body.userIds) })),
  });

  // Applications -----------------------------------------------------------------------------------

  app.post(`${base}/applications`, {
    config: { access: FILERS },
    schema: { tags, summary: 'Start an application for residency (a draft)', headers: ZIdempotencyHeaders, body: ZCreateApplicationBody, response: { 201: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) =>
      auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await regime.createApplication(trx, request.auth, actorOf(request), request.body) }))),
  });

  app.get(`${base}/applications`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: "Applications for residency: the officers' queue (nearest decision deadline first) or your organization's", querystring: ZApplicationListQuery, response: { 200: ZApplicationList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => regime.listApplications(deps.db, request.auth, request.query),
  });

  app.get(`${base}/applications/:id`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'One application with its evaluation and history', params: zIdParams, response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => regime.getApplication(deps.db, request.auth, request.params.id),
  });

  app.patch(`${base}/applications/:id`, {
    config: { access: FILERS },
    schema: { tags, summary: 'Change the figures or the auditor’s report of a draft', params: zIdParams, body: ZUpdateApplicationBody, response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => auditingRefusals(deps, request, () => regime.updateApplication(deps.db, request.auth, actorOf(request), request.params.id, request.body)),
  });

  app.post(`${base}/applications/:id/transitions`, {
    config: { access: TRANSITION_CALLERS },
    schema: {
      tags,
      summary: 'Submit, grant, refuse, return or withdraw an application',
      description: 'Submission runs the checks at once (rules in force, screening); a grant needs every criterion to pass (409 eligibility_failed otherwise) and issues the signed certificate.',
      headers: ZIdempotencyHeaders,
      params: zIdParams,
      body: ZApplicationTransitionBody,
      response: { 200: ZApplicationDetail, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () =>
        withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await regime.transitionApplication(trx, deps.signer, request.auth, actorOf(request), request.params.id, request.body) })),
      );
      deliver(request);
      return answer;
    },
  });

  // Residents --------------------------------------------------------------------------------------

  app.get(`${base}/residents`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'Residents (staff: all; a company: its own)', querystring: ZResidentListQuery, response: { 200: ZResidentList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => regime.listResidents(deps.db, request.auth, request.query),
  });

  app.get(`${base}/residents/:id`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'One resident with its history, reports, suspension proposals and appeals', params: zIdParams, response: { 200: ZResidentDetail, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => regime.residentDetail(deps.db, request.auth, request.params.id),
  });

  app.post(`${base}/residents/:id/transitions`, {
    config: { access: TRANSITION_CALLERS },
    schema: { tags, summary: 'Suspend (with a deadline to cure), reinstate or terminate a resident; or leave the regime', headers: ZIdempotencyHeaders, params: zIdParams, body: ZResidentTransitionBody, response: { 200: ZResidentDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await regime.transitionResident(trx, request.auth, actorOf(request), request.params.id, request.body) })));
      deliver(request);
      return answer;
    },
  });

  app.put(`${base}/residents/:id/visibility`, {
    config: { access: ['company', ...REGIME_ADMINS] },
    schema: { tags, summary: 'Which optional fields the public register hides (among those the settings allow)', params: zIdParams, body: ZVisibilityBody, response: { 200: ZResidentDetail, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => auditingRefusals(deps, request, () => regime.setVisibility(deps.db, request.auth, actorOf(request), request.params.id, request.body.hiddenFields, request.body.version)),
  });

  app.get(`${base}/residents/:id/certificate.pdf`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'The signed, bilingual certificate of residency (PDF) with a QR code to the public verify page', params: zIdParams, response: { 200: { description: 'the certificate', content: { 'application/pdf': { schema: z.any() } } }, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      const baseUrl = publicBaseUrl(deps, request);
      const { pdf, fileName } = await publicRegime.certificatePdf(deps.db, request.auth, request.params.id, baseUrl);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(pdf);
    },
  });

  // Reports ----------------------------------------------------------------------------------------

  app.post(`${base}/residents/:id/reports`, {
    config: { access: FILERS },
    schema: { tags, summary: 'Start the annual compliance report for a year (a draft)', headers: ZIdempotencyHeaders, params: zIdParams, body: ZCreateReportBody, response: { 201: ZReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await reports.createReport(trx, request.auth, actorOf(request), request.params.id, request.body) }))),
  });

  app.get(`${base}/reports`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'Annual reports (staff: all; a company: its own)', querystring: ZReportListQuery, response: { 200: ZReportList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => reports.listReports(deps.db, request.auth, request.query),
  });

  app.get(`${base}/reports/:id`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'One annual report with its evaluation (a live preview while a draft)', params: zIdParams, response: { 200: ZReport, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => reports.getReport(deps.db, request.auth, request.params.id),
  });

  app.patch(`${base}/reports/:id`, {
    config: { access: FILERS },
    schema: { tags, summary: 'Change the figures or the auditor’s report of a draft report', params: zIdParams, body: ZUpdateReportBody, response: { 200: ZReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request) => auditingRefusals(deps, request, () => reports.updateReport(deps.db, request.auth, actorOf(request), request.params.id, request.body)),
  });

  app.post(`${base}/reports/:id/submit`, {
    config: { access: FILERS },
    schema: { tags, summary: 'Submit a report: checked against the rules in force; a failure opens a suspension proposal', headers: ZIdempotencyHeaders, params: zIdParams, body: ZSubmitReportBody, response: { 200: ZReport, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await reports.submitReport(trx, request.auth, actorOf(request), request.params.id, request.body.version) })));
      deliver(request);
      return answer;
    },
  });

  app.get(`${base}/compliance`, {
    config: { access: REGIME_STAFF },
    schema: { tags, summary: "For a year, each current resident's report: due date, status, overdue flag", querystring: ZComplianceQuery, response: { 200: ZComplianceList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => reports.compliance(deps.db, request.query.year),
  });

  app.post(`${base}/sweep`, {
    config: { access: REGIME_ADMINS },
    schema: { tags, summary: 'Run the daily compliance sweep now: reminders before due dates, suspension proposals after the grace period', response: { 200: ZSweepResult, ...problemResponses(401, 403) } },
    handler: async (request) => {
      const result = await reports.runComplianceSweep(deps.db, new Date(), actorOf(request));
      deliver(request);
      return result;
    },
  });

  app.get(`${base}/proposals`, {
    config: { access: REGIME_READERS },
    schema: { tags, summary: 'Suspension proposals (failed or overdue reports)', querystring: ZProposalListQuery, response: { 200: ZProposalList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => reports.listProposals(deps.db, request.auth, request.query),
  });

  app.post(`${base}/proposals/:id/decision`, {
    config: { access: DECIDERS },
    schema: { tags, summary: 'Accept (suspends the resident) or dismiss a suspension proposal, with reasons', headers: ZIdempotencyHeaders, params: zIdParams, body: ZProposalDecisionBody, response: { 200: ZProposal, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await reports.decideProposal(trx, request.auth, actorOf(request), request.params.id, request.body) }));
      deliver(request);
      return answer;
    },
  });

  // Appeals ----------------------------------------------------------------------------------------

  app.post(`${base}/appeals`, {
    config: { access: ['company'] },
    schema: { tags, summary: 'Appeal a refusal or a termination to the commission', headers: ZIdempotencyHeaders, body: ZCreateAppealBody, response: { 201: ZAppeal, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => auditingRefusals(deps, request, () => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await appeals.fileAppeal(trx, request.auth, actorOf(request), request.body) }))),
  });

  app.get(`${base}/appeals`, {
    config: { access: [...new Set([...REGIME_READERS, ...APPEAL_DECIDER_ROLES])] },
    schema: { tags, summary: 'Appeals (staff and commission: all; a company: its own)', querystring: ZAppealListQuery, response: { 200: ZAppealList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => appeals.listAppeals(deps.db, request.auth, request.query),
  });

  app.post(`${base}/appeals/:id/decision`, {
    config: { access: APPEAL_DECIDER_ROLES },
    schema: { tags, summary: 'Decide an appeal (members of the commission): uphold reverses the decision', headers: ZIdempotencyHeaders, params: zIdParams, body: ZAppealDecisionBody, response: { 200: ZAppeal, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const answer = await auditingRefusals(deps, request, () =>
        withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await appeals.decideAppeal(trx, deps.signer, request.auth, actorOf(request), request.params.id, request.body) })),
      );
      deliver(request);
      return answer;
    },
  });

  // Benefits ---------------------------------------------------------------------------------------

  app.get(`${base}/benefits`, {
    config: { access: BENEFIT_READERS },
    schema: {
      tags,
      summary: 'Estimated tax relief per resident and in total for a year (JSON, or a download with format=csv or xlsx)',
      querystring: ZBenefitsQuery,
      response: {
        200: { description: 'the estimate', content: { 'application/json': { schema: ZBenefits }, 'text/csv': { schema: z.string() }, [XLSX_CONTENT_TYPE]: { schema: z.string() } } },
        ...problemResponses(400, 401, 403),
      },
    },
    handler: async (request, reply) => {
      const estimate = await reports.benefits(deps.db, request.query.year);
      if (request.query.format === 'json') return reply.type('application/json; charset=utf-8').send(estimate);
      const money = (key: string, header: string) => ({ key, header, kind: 'money' as const, currencyKey: 'currency' });
      const table = {
        name: `Benefits ${estimate.year}`,
        columns: [
          { key: 'organization', header: 'Resident' },
          { key: 'year', header: 'Year', kind: 'integer' as const },
          { key: 'currency', header: 'Currency' },
          { key: 'report_status', header: 'Report' },
          money('corporate_income_tax_minor', 'Corporate income tax'),
          money('land_tax_minor', 'Land tax'),
          money('property_tax_minor', 'Property tax'),
          money('environmental_tax_minor', 'Environmental tax'),
          money('total_minor', 'Total'),
        ],
        rows: [
          ...estimate.items.map((i) => ({ organization: i.organizationName, year: i.year, currency: i.currency, report_status: i.reportStatus, corporate_income_tax_minor: i.corporateIncomeTaxMinor, land_tax_minor: i.landTaxMinor, property_tax_minor: i.propertyTaxMinor, environmental_tax_minor: i.environmentalTaxMinor, total_minor: i.totalMinor })),
          ...estimate.totals.map((t) => ({ organization: `TOTAL (${t.residents})`, year: estimate.year, currency: t.currency, report_status: '', corporate_income_tax_minor: t.corporateIncomeTaxMinor, land_tax_minor: t.landTaxMinor, property_tax_minor: t.propertyTaxMinor, environmental_tax_minor: t.environmentalTaxMinor, total_minor: t.totalMinor })),
        ],
      };
      return sendTable(reply, table, request.query.format, `adi-regime-benefits-${estimate.year}`);
    },
  });

  // Public -----------------------------------------------------------------------------------------

  app.get('/api/v1/public/regime/residents', {
    config: { access: 'public' },
    schema: {
      tags: publicTags,
      summary: 'The public register of residents of the special economic regime, current and former: filter, search, sort, page; JSON, or CSV with format=csv',
      description:
        'The JSON and the CSV of one query hold the same rows in the same order: the page (limit, offset), or with `scope=all` every matching resident (the web page\'s downloads). `total` (and X-Total-Count on CSV) counts the matching residents.',
      querystring: ZPublicResidentQuery,
      response: { 200: registerResponse(ZPublicResidentList, 'the register'), ...problemResponses(400) },
    },
    handler: async (request, reply) => {
      const page = await publicRegime.publicRegister(deps.db, request.query);
      reply.header('cache-control', 'public, max-age=60');
      return sendRegister(reply, request.query.format, page, publicRegime.registerTable, 'adi-regime-residents');
    },
  });

  app.get('/api/v1/public/regime/certificates/:id', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'A certificate of residency: its signed fields, whether the signature holds, and the status today', params: zIdParams, response: { 200: ZCertificateStatus, ...problemResponses(400, 404) } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'no-cache');
      return publicRegime.certificateStatus(deps.db, request.params.id);
    },
  });

  app.post('/api/v1/public/regime/certificates/verify', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'Check a certificate you hold: its fields and signature against the ones issued', body: ZVerifyCertificateBody, response: { 200: ZVerifyCertificateResult, ...problemResponses(400) } },
    handler: async (request) => publicRegime.verifyPresented(deps.db, request.body.certificate, request.body.signature),
  });
}


