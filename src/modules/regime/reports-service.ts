import type { Kysely, Selectable } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, invalidFields as invalid, staleVersion } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, RegimeFigures, RegimeSettingsTable } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import { enqueueJobs, registerJobHandler } from '../jobs/service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { FILERS, holdsAny, regimeScope } from './policy.ts';
import * as repo from './repo.ts';
import { evaluateRuleSet } from './rules.ts';
import type { TCreateReport, TReport, TUpdateApplication } from './schema.ts';
import {
  addDays,
  applyResidentStep,
  assertOwnDocument,
  dateOf,
  emptyFigures,
  lockVisibleResident,
  mergeFigures,
  recordFacts,
  ruleSetInForce,
  systemActor,
} from './service.ts';

type Db = Kysely<Database>;
type Settings = Selectable<RegimeSettingsTable>;

/** The day the report on `year` is due: the configured month and day of the following year. */
export function reportDueOn(settings: Pick<Settings, 'report_due_month' | 'report_due_day'>, year: number): string {
  return `${year + 1}-${String(settings.report_due_month).padStart(2, '0')}-${String(settings.report_due_day).padStart(2, '0')}`;
}

export function presentReport(row: repo.ReportRow, settings: Settings, liveEvaluation: TReport['evaluation']): TReport {
  return {
    id: row.id,
    residentId: row.resident_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    year: row.year,
    status: row.status,
    figures: { ...emptyFigures(), ...row.figures },
    auditorReportDocumentId: row.auditor_report_document_id,
    evaluation: row.evaluation ?? liveEvaluation,
    evaluationIsPreview: row.evaluation === null && liveEvaluation !== null,
    dueOn: reportDueOn(settings, row.year),
    submittedAt: row.submitted_at ? row.submitted_at.toISOString() : null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentProposal(row: repo.ProposalRow) {
  return {
    id: row.id,
    residentId: row.resident_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    reportId: row.report_id,
    year: row.year,
    cause: row.cause,
    details: row.details,
    status: row.status,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

async function findVisibleReport(db: Db, auth: AuthContext, id: string): Promise<repo.ReportRow> {
  const row = await repo.findReport(db, id);
  const scope = regimeScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw new AppError('not_found', 'no such report');
  return row;
}

async function reportAnswer(db: Db, row: repo.ReportRow): Promise<TReport> {
  const settings = await repo.getSettings(db);
  let live = null;
  if (row.status === 'draft') {
    const ruleSet = await ruleSetInForce(db);
    live = evaluateRuleSet(ruleSet, row.figures, await recordFacts(db, row.organization_id, row.auditor_report_document_id));
  }
  return presentReport(row, settings, live);
}

/** Starts the annual report of a resident for a year (a draft). */
export async function createReport(db: Db, auth: AuthContext, actor: AuditActor, residentId: string, input: TCreateReport) {
  return inTransaction(db, async (trx) => {
    const resident = await lockVisibleResident(trx, auth, residentId);
    if (!holdsAny(auth, FILERS)) throw new AppError('forbidden', 'your roles do not allow filing reports');
    if (resident.status === 'terminated' || resident.status === 'exited') throw new AppError('conflict', `the resident is ${resident.status}: it files no more reports`);
    const grantedYear = resident.granted_at.getUTCFullYear();
    const thisYear = new Date().getUTCFullYear();
    if (input.year < grantedYear || input.year > thisYear) throw invalid([{ field: 'body.year', message: `must be between ${grantedYear} (the year of the grant) and ${thisYear}` }]);
    const existing = await repo.findReportFor(trx, residentId, input.year);
    if (existing) throw new AppError('conflict', { detail: `the report for ${input.year} exists already`, extra: { reportId: existing.id } });
    await assertOwnDocument(trx, resident.organization_id, input.auditorReportDocumentId, 'body.auditorReportDocumentId');
    const now = new Date();
    const id = uuidv7();
    await repo.insertReport(trx, {
      id,
      resident_id: residentId,
      organization_id: resident.organization_id,
      year: input.year,
      status: 'draft',
      figures: JSON.stringify(mergeFigures({ ...emptyFigures(), fiscalYear: input.year }, input.figures)),
      auditor_report_document_id: input.auditorReportDocumentId ?? null,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAuditBatch(trx, actor, [{ action: 'regime.report_created', targetType: 'regime_report', targetId: id, details: { residentId, organizationId: resident.organization_id, year: input.year } }]);
    return reportAnswer(trx, await findVisibleReport(trx, auth, id));
  });
}

export async function getReport(db: Db, auth: AuthContext, id: string) {
  return reportAnswer(db, await findVisibleReport(db, auth, id));
}

export async function listReports(db: Db, auth: AuthContext, query: { year?: number; status?: 'draft' | 'accepted' | 'failed'; residentId?: string; limit: number; offset: number }) {
  const scope = regimeScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const settings = await repo.getSettings(db);
  const { items, total } = await repo.listReports(db, { organizationId: scope ?? undefined, residentId: query.residentId, year: query.year, status: query.status }, query.limit, query.offset);
  return { items: items.map((row) => presentReport(row, settings, null)), total, limit: query.limit, offset: query.offset };
}

async function lockVisibleReport(trx: Parameters<typeof repo.lockReport>[0], auth: AuthContext, id: string) {
  await findVisibleReport(trx, auth, id);
  await repo.lockReport(trx, id);
  return findVisibleReport(trx, auth, id);
}

export async function updateReport(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TUpdateApplication) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleReport(trx, auth, id);
    if (!holdsAny(auth, FILERS)) throw new AppError('forbidden', 'your roles do not allow editing reports');
    if (row.version !== input.version) throw staleVersion(row.version, 'report');
    if (row.status !== 'draft') throw new AppError('conflict', { detail: `a submitted report (${row.status}) cannot be edited`, extra: { currentStatus: row.status } });
    if (input.figures?.fiscalYear !== undefined && input.figures.fiscalYear !== row.year) throw invalid([{ field: 'body.figures.fiscalYear', message: `must be ${row.year}, the year of the report` }]);
    await assertOwnDocument(trx, row.organization_id, input.auditorReportDocumentId, 'body.auditorReportDocumentId');
    const fields = [...Object.keys(input.figures ?? {}), ...(input.auditorReportDocumentId !== undefined ? ['auditorReportDocumentId'] : [])].sort();
    if (fields.length === 0) return reportAnswer(trx, row);
    await repo.updateReport(trx, id, {
      figures: JSON.stringify(mergeFigures(row.figures, input.figures)),
      ...(input.auditorReportDocumentId !== undefined && { auditor_report_document_id: input.auditorReportDocumentId }),
      version: row.version + 1,
      updated_at: new Date(),
    });
    await recordAuditBatch(trx, actor, [{ action: 'regime.report_updated', targetType: 'regime_report', targetId: id, details: { organizationId: row.organization_id, year: row.year, fields, version: row.version + 1 } }]);
    return reportAnswer(trx, await findVisibleReport(trx, auth, id));
  });
}

/**
 * Submits a report: it is checked against the rule set in force and recorded as accepted or failed,
 * with the version used. A failure opens a suspension proposal for an officer to decide.
 */
export async function submitReport(db: Db, auth: AuthContext, actor: AuditActor, id: string, version: number) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleReport(trx, auth, id);
    if (!holdsAny(auth, FILERS)) throw new AppError('forbidden', 'your roles do not allow submitting reports');
    if (row.version !== version) throw staleVersion(row.version, 'report');
    if (row.status !== 'draft') throw new AppError('invalid_transition', { detail: `the report was submitted already (${row.status})`, extra: { currentStatus: row.status, allowed: [] } });
    const missing = (['currency', 'revenueMinor', 'qualifiedDefenseIncomeMinor', 'employees', 'averageMonthlyWageMinor', 'investmentMinor', 'reinvestedProfitMinor', 'localContentPct'] as const).filter((key) => row.figures[key] === null || row.figures[key] === undefined);
    if (missing.length) throw new AppError('validation_failed', { detail: `the report lacks: ${missing.join(', ')}`, errors: missing.map((key) => ({ field: `figures.${key}`, message: 'is required to submit' })) });
    const now = new Date();
    const ruleSet = await ruleSetInForce(trx, now);
    const evaluation = evaluateRuleSet(ruleSet, row.figures, await recordFacts(trx, row.organization_id, row.auditor_report_document_id), now);
    const status = evaluation.outcome === 'pass' ? 'accepted' : 'failed';
    await repo.updateReport(trx, id, { status, rule_set_id: ruleSet.id, evaluation: JSON.stringify(evaluation), submitted_at: now, version: row.version + 1, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: `regime.report_${status}`, targetType: 'regime_report', targetId: id, details: { organizationId: row.organization_id, residentId: row.resident_id, year: row.year, ruleSetVersion: ruleSet.version, outcome: evaluation.outcome } }]);
    if (status === 'failed') {
      const failed = evaluation.criteria.filter((c) => c.outcome !== 'pass').map((c) => c.key);
      await openProposal(trx, actor, { residentId: row.resident_id, reportId: id, year: row.year, cause: 'report_failed', details: { failed } }, now);
    }
    const message =
      status === 'accepted'
        ? { uk: `Річний звіт за ${row.year} рік прийнято.`, en: `Your annual report for ${row.year} was accepted.` }
        : { uk: `Річний звіт за ${row.year} рік не відповідає критеріям; посадова особа розгляне зупинення статусу.`, en: `Your annual report for ${row.year} does not meet the criteria; an officer will consider suspending your residency.` };
    await enqueueOrganizationEmail(trx, { organizationId: row.organization_id, subject: 'Річний звіт / Annual report', body: `${message.uk}\n\n---\n\n${message.en}\n` });
    return reportAnswer(trx, await findVisibleReport(trx, auth, id));
  });
}

async function openProposal(
  trx: Parameters<typeof repo.insertProposalOnce>[0],
  cause: AuditActor,
  proposal: { residentId: string; reportId: string | null; year: number; cause: 'report_failed' | 'report_overdue'; details: { failed?: string[]; dueOn?: string; graceEndedOn?: string } },
  now: Date,
): Promise<boolean> {
  const id = uuidv7();
  const inserted = await repo.insertProposalOnce(trx, { id, resident_id: proposal.residentId, report_id: proposal.reportId, year: proposal.year, cause: proposal.cause, details: JSON.stringify(proposal.details), status: 'open', created_at: now });
  if (inserted) await recordAuditBatch(trx, systemActor(cause), [{ action: 'regime.suspension_proposed', targetType: 'regime_suspension_proposal', targetId: id, details: { residentId: proposal.residentId, year: proposal.year, cause: proposal.cause, ...proposal.details } }]);
  return inserted;
}

export async function listProposals(db: Db, auth: AuthContext, query: { status?: 'open' | 'accepted' | 'dismissed'; limit: number; offset: number }) {
  const scope = regimeScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listProposals(db, { status: query.status, organizationId: scope ?? undefined }, query.limit, query.offset);
  return { items: items.map(presentProposal), total, limit: query.limit, offset: query.offset };
}

/** An officer accepts a proposal (the resident is suspended with a deadline to cure) or dismisses it with reasons. */
export async function decideProposal(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: { decision: 'accept' | 'dismiss'; reason: string; cureDeadline?: string }) {
  return inTransaction(db, async (trx) => {
    const found = await repo.findProposal(trx, id);
    if (!found) throw new AppError('not_found', 'no such suspension proposal');
    await repo.lockProposal(trx, id);
    const proposal = (await repo.findProposal(trx, id))!;
    if (proposal.status !== 'open') throw new AppError('invalid_transition', { detail: `the proposal was ${proposal.status} already`, extra: { currentStatus: proposal.status, allowed: [] } });
    if (input.cureDeadline !== undefined && input.decision !== 'accept') throw invalid([{ field: 'body.cureDeadline', message: 'is only given when accepting' }]);
    const now = new Date();
    if (input.cureDeadline !== undefined && input.cureDeadline <= dateOf(now)) throw invalid([{ field: 'body.cureDeadline', message: 'must be after today' }]);
    await repo.updateProposal(trx, id, { status: input.decision === 'accept' ? 'accepted' : 'dismissed', decided_by: actor.actorLabel, decision_reason: input.reason, decided_at: now });
    await recordAuditBatch(trx, actor, [{ action: `regime.proposal_${input.decision === 'accept' ? 'accepted' : 'dismissed'}`, targetType: 'regime_suspension_proposal', targetId: id, details: { residentId: proposal.resident_id, year: proposal.year, cause: proposal.cause } }]);
    if (input.decision === 'accept') {
      const resident = await lockVisibleResident(trx, auth, proposal.resident_id);
      if (resident.status !== 'active') throw new AppError('invalid_transition', { detail: `the resident is ${resident.status}: only an active resident can be suspended`, extra: { currentStatus: resident.status, allowed: ['dismiss'] } });
      await applyResidentStep(trx, actor, resident, 'suspended', input.reason, now, input.cureDeadline);
    }
    return presentProposal((await repo.findProposal(trx, id))!);
  });
}

// Compliance: due dates, reminders, overdue reports -------------------------------------------------

/** For a year, each current resident's report status and whether it is overdue. */
export async function compliance(db: Db, year: number | undefined, now = new Date()) {
  const settings = await repo.getSettings(db);
  const reportYear = year ?? now.getUTCFullYear() - 1;
  const dueOn = reportDueOn(settings, reportYear);
  const today = dateOf(now);
  const residents = (await repo.residentsInStatus(db, ['active', 'suspended'])).filter((r) => r.granted_at.getUTCFullYear() <= reportYear);
  const reports = await repo.listReports(db, { year: reportYear }, 10_000, 0);
  const byResident = new Map(reports.items.map((r) => [r.resident_id, r]));
  return {
    year: reportYear,
    dueOn,
    items: residents.map((resident) => {
      const report = byResident.get(resident.id);
      const reportStatus: 'not_started' | 'draft' | 'accepted' | 'failed' = report ? report.status : 'not_started';
      return {
        residentId: resident.id,
        organizationId: resident.organization_id,
        organizationName: resident.organization_name,
        residentStatus: resident.status,
        year: reportYear,
        dueOn,
        reportId: report?.id ?? null,
        reportStatus,
        overdue: (reportStatus === 'not_started' || reportStatus === 'draft') && today > dueOn,
        graceEndsOn: addDays(dueOn, settings.report_grace_days),
      };
    }),
  };
}

/**
 * The daily compliance sweep: reminds residents before a report is due and proposes suspension
 * when a report is still missing after the grace period. Safe to run any number of times, on any
 * number of nodes: each reminder and each proposal is recorded once (unique keys).
 */
export async function runComplianceSweep(db: Db, now = new Date(), cause: AuditActor | null = null) {
  return inTransaction(db, async (trx) => {
    const settings = await repo.getSettings(trx);
    const today = dateOf(now);
    const residents = await repo.residentsInStatus(trx, ['active', 'suspended']);
    let reminders = 0;
    let overdueProposals = 0;
    for (const resident of residents) {
      const firstYear = resident.granted_at.getUTCFullYear();
      for (let year = firstYear; year <= now.getUTCFullYear() - 1; year++) {
        const report = await repo.findReportFor(trx, resident.id, year);
        if (report && report.status !== 'draft') continue;
        const dueOn = reportDueOn(settings, year);
        const graceEndsOn = addDays(dueOn, settings.report_grace_days);
        if (today > graceEndsOn) {
          if (await openProposal(trx, cause ?? systemActor(null), { residentId: resident.id, reportId: report?.id ?? null, year, cause: 'report_overdue', details: { dueOn, graceEndedOn: graceEndsOn } }, now)) overdueProposals += 1;
          continue;
        }
        if (today > dueOn) continue;
        // Every reminder whose day has come is claimed, but one message goes out: the nearest.
        const due = settings.reminder_days_before.filter((days) => today >= addDays(dueOn, -days));
        let claimed = false;
        for (const days of due) if (await repo.claimNotice(trx, resident.id, year, `reminder_${days}`, now)) claimed = true;
        if (claimed) {
          reminders += 1;
          await enqueueOrganizationEmail(trx, {
            organizationId: resident.organization_id,
            subject: `Річний звіт за ${year} рік / Annual report for ${year}`,
            body: `Нагадуємо: річний звіт резидента за ${year} рік треба подати до ${dueOn}.\n\n---\n\nReminder: the resident's annual report for ${year} is due by ${dueOn}.\n`,
          });
        }
      }
    }
    if (reminders > 0 || overdueProposals > 0) {
      await recordAuditBatch(trx, cause ?? systemActor(null), [{ action: 'regime.compliance_sweep', targetType: 'regime_settings', targetId: null, details: { reminders, overdueProposals, residents: residents.length, on: today } }]);
    }
    return { reminders, overdueProposals, checkedResidents: residents.length };
  });
}

// Benefits estimate -------------------------------------------------------------------------------

/** `minor × percent / 100`, rounded half up to a whole minor unit, exactly. */
function percentOf(minor: number | null, percent: string): number {
  if (minor === null) return 0;
  const [whole, part = ''] = percent.split('.');
  const scale = 10n ** BigInt(part.length);
  const rate = BigInt(whole) * scale + BigInt(part || '0');
  const denominator = 100n * scale;
  return Number((BigInt(minor) * rate * 2n + denominator) / (denominator * 2n));
}

/**
 * The estimated tax relief of each resident for a year, from its submitted report: corporate income
 * tax on reinvested profit, and the land, property and environmental tax it would otherwise pay,
 * each at the configured rate; with totals per currency so the program can state its cost.
 */
export async function benefits(db: Db, year: number | undefined, now = new Date()) {
  const settings = await repo.getSettings(db);
  const reportYear = year ?? now.getUTCFullYear() - 1;
  const rates = settings.benefit_rates;
  const reports = await repo.submittedReportsOfYear(db, reportYear);
  const items = reports.map((report) => {
    const f: RegimeFigures = { ...emptyFigures(), ...report.figures };
    const row = {
      residentId: report.resident_id,
      organizationId: report.organization_id,
      organizationName: report.organization_name,
      year: report.year,
      currency: f.currency ?? 'UAH',
      reportStatus: report.status as 'accepted' | 'failed',
      corporateIncomeTaxMinor: percentOf(f.reinvestedProfitMinor, rates.corporateIncomeTaxPct),
      landTaxMinor: percentOf(f.landTaxMinor, rates.landTaxReliefPct),
      propertyTaxMinor: percentOf(f.propertyTaxMinor, rates.propertyTaxReliefPct),
      environmentalTaxMinor: percentOf(f.environmentalTaxMinor, rates.environmentalTaxReliefPct),
      totalMinor: 0,
    };
    row.totalMinor = row.corporateIncomeTaxMinor + row.landTaxMinor + row.propertyTaxMinor + row.environmentalTaxMinor;
    return row;
  });
  const totals = new Map<string, { currency: string; corporateIncomeTaxMinor: number; landTaxMinor: number; propertyTaxMinor: number; environmentalTaxMinor: number; totalMinor: number; residents: number }>();
  for (const item of items) {
    const total = totals.get(item.currency) ?? { currency: item.currency, corporateIncomeTaxMinor: 0, landTaxMinor: 0, propertyTaxMinor: 0, environmentalTaxMinor: 0, totalMinor: 0, residents: 0 };
    total.corporateIncomeTaxMinor += item.corporateIncomeTaxMinor;
    total.landTaxMinor += item.landTaxMinor;
    total.propertyTaxMinor += item.propertyTaxMinor;
    total.environmentalTaxMinor += item.environmentalTaxMinor;
    total.totalMinor += item.totalMinor;
    total.residents += 1;
    totals.set(item.currency, total);
  }
  return { year: reportYear, rates, items, totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)) };
}


/** The queue of the daily compliance sweep. */
export const SWEEP_QUEUE = 'regime.compliance_sweep';

/** Runs the sweep as a background job (whichever node claims it; the sweep itself is idempotent). */
export function registerRegimeJobs(): void {
  registerJobHandler(SWEEP_QUEUE, async (trx) => {
    await runComplianceSweep(trx);
  });
}

/** Queues today's sweep; asking again the same day while it waits changes nothing. */
export async function queueComplianceSweep(db: Db, now = new Date()): Promise<void> {
  await enqueueJobs(db, SWEEP_QUEUE, [{ key: `sweep-${dateOf(now)}`, payload: {} }], now);
}
