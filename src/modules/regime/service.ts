import type { Kysely, Transaction } from 'kysely';
import { type AuthContext, type Role, isStaff } from '../../core/access.ts';
import { AppError, type FieldError, invalidFields as invalid, staleVersion as versionConflict } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, RegimeApplicationStatus, RegimeFigures, RegimeResidentStatus } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import type { CheckpointSigner } from '../audit/signing.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { legalIdentity, organizationExists, ownershipDisclosed } from '../registry/service.ts';
import { organizationScreening, screenOrganization } from '../screening/cases-service.ts';
import { type CertificateFields, signCertificate } from './certificate.ts';
import { DECIDERS, FILERS, REGIME_ADMINS, holdsAny, regimeScope } from './policy.ts';
import { presentAppeal } from './appeals-service.ts';
import { presentProposal, presentReport } from './reports-service.ts';
import * as repo from './repo.ts';
import { type Criterion, type Evaluation, RULE_FACTS, type RecordFacts, evaluateRuleSet } from './rules.ts';
import type {
  TApplication,
  TApplicationAction,
  TApplicationListQuery,
  TApplicationTransition,
  TCreateApplication,
  TCreateRuleSet,
  TFiguresInput,
  TPutSettings,
  TResident,
  TResidentAction,
  TResidentListQuery,
  TResidentTransition,
  TUpdateApplication,
} from './schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

const DAY_MS = 86_400_000;

/** Today as YYYY-MM-DD (UTC: dates of the regime are calendar dates in the platform's records). */
export function dateOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/**
 * The moment a number of working days after `from` ends. Working days are Monday to Friday: under
 * martial law public holidays are not days off in Ukraine, so no holiday calendar applies.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const at = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate()));
  let left = days;
  while (left > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  // The deadline is the end of that day.
  return new Date(at.getTime() + DAY_MS - 1);
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}


/** The system as the actor of automatic steps, tied to the request that caused them. */
export function systemActor(cause: AuditActor | null): AuditActor {
  return { actorId: null, actorLabel: 'system', requestId: cause?.requestId ?? null };
}

// Settings ----------------------------------------------------------------------------------------

export function presentSettings(row: Awaited<ReturnType<typeof repo.getSettings>>) {
  return {
    decisionWorkingDays: row.decision_working_days,
    reportDueMonth: row.report_due_month,
    reportDueDay: row.report_due_day,
    reportGraceDays: row.report_grace_days,
    reminderDaysBefore: row.reminder_days_before,
    cureDays: row.cure_days,
    appealDays: row.appeal_days,
    benefitRates: row.benefit_rates,
    hideableFields: row.hideable_fields as Array<'website' | 'address' | 'capabilities'>,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function getSettings(db: Db) {
  return presentSettings(await repo.getSettings(db));
}

export async function putSettings(db: Db, actor: AuditActor, input: TPutSettings) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockSettings(trx);
    if (row.version !== input.version) throw versionConflict(row.version, 'settings');
    const { version: _version, ...changes } = input;
    const fields = Object.keys(changes).sort();
    if (fields.length === 0) return presentSettings(row);
    await repo.updateSettings(trx, {
      ...(changes.decisionWorkingDays !== undefined && { decision_working_days: changes.decisionWorkingDays }),
      ...(changes.reportDueMonth !== undefined && { report_due_month: changes.reportDueMonth }),
      ...(changes.reportDueDay !== undefined && { report_due_day: changes.reportDueDay }),
      ...(changes.reportGraceDays !== undefined && { report_grace_days: changes.reportGraceDays }),
      ...(changes.reminderDaysBefore !== undefined && { reminder_days_before: [...changes.reminderDaysBefore].sort((a, b) => b - a) }),
      ...(changes.cureDays !== undefined && { cure_days: changes.cureDays }),
      ...(changes.appealDays !== undefined && { appeal_days: changes.appealDays }),
      ...(changes.benefitRates !== undefined && { benefit_rates: JSON.stringify(changes.benefitRates) }),
      ...(changes.hideableFields !== undefined && { hideable_fields: changes.hideableFields }),
      version: row.version + 1,
      updated_at: new Date(),
    });
    await recordAuditBatch(trx, actor, [{ action: 'regime.settings_changed', targetType: 'regime_settings', targetId: null, details: { ...changes, version: row.version + 1 } }]);
    return presentSettings(await repo.getSettings(trx));
  });
}

// Rule sets ---------------------------------------------------------------------------------------

type RuleSetRow = NonNullable<Awaited<ReturnType<typeof repo.findRuleSet>>>;

function presentRuleSet(row: RuleSetRow, inForceId: string | undefined) {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effective_from,
    title: row.title,
    notes: row.notes,
    criteria: row.criteria,
    inForce: row.id === inForceId,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
  };
}

/** The rule set in force on a date; there always is one (the migration seeds version 1). */
export async function ruleSetInForce(db: Db, at = new Date()): Promise<RuleSetRow> {
  const row = await repo.ruleSetInForce(db, dateOf(at));
  if (!row) throw new AppError('conflict', 'no eligibility rule set is in force; an administrator must publish one');
  return row;
}

export async function listRuleSets(db: Db) {
  const [rows, inForce] = await Promise.all([repo.listRuleSets(db), repo.ruleSetInForce(db, dateOf(new Date()))]);
  return {
    items: rows.map((row) => presentRuleSet(row, inForce?.id)),
    facts: Object.entries(RULE_FACTS).map(([name, fact]) => ({ name: name as keyof typeof RULE_FACTS, type: fact.type, source: fact.source, label: fact.label })),
  };
}

export async function getRuleSet(db: Db, id: string) {
  const row = await repo.findRuleSet(db, id);
  if (!row) throw new AppError('not_found', 'no such rule set');
  const inForce = await repo.ruleSetInForce(db, dateOf(new Date()));
  return presentRuleSet(row, inForce?.id);
}

/** Stores the next version of the rules. Never retroactive: decisions already taken keep the version they recorded. */
export async function createRuleSet(db: Db, actor: AuditActor, input: TCreateRuleSet) {
  if (input.effectiveFrom < dateOf(new Date())) throw invalid([{ field: 'body.effectiveFrom', message: 'must not be before today: rules are never retroactive' }]);
  return inTransaction(db, async (trx) => {
    const version = (await repo.lastRuleSetVersion(trx)) + 1;
    const id = uuidv7();
    await repo.insertRuleSet(trx, {
      id,
      version,
      effective_from: input.effectiveFrom,
      title: input.title,
      notes: input.notes ?? null,
      criteria: JSON.stringify(input.criteria),
      created_by: actor.actorLabel,
      created_at: new Date(),
    });
    await recordAuditBatch(trx, actor, [{ action: 'regime.rule_set_created', targetType: 'regime_rule_set', targetId: id, details: { version, effectiveFrom: input.effectiveFrom, criteria: input.criteria.map((c) => c.key) } }]);
    return getRuleSet(trx, id);
  });
}

/** Which current residents would fail the criteria: each judged on its latest submitted report, or its application when it has none. */
export async function previewRuleSet(db: Db, criteria: Criterion[]) {
  const residents = await repo.residentsInStatus(db, ['active', 'suspended']);
  const reports = new Map((await repo.latestSubmittedReports(db, residents.map((r) => r.id))).map((report) => [report.resident_id, report]));
  const draft = { id: '00000000-0000-7000-8000-000000000000', version: 0, criteria };
  const items = [];
  for (const resident of residents) {
    const report = reports.get(resident.id);
    let figures: RegimeFigures;
    let documentId: string | null;
    let basis: string;
    if (report) {
      figures = report.figures;
      documentId = report.auditor_report_document_id;
      basis = `annual report ${report.year}`;
    } else {
      const application = await repo.findApplication(db, resident.application_id);
      figures = application?.figures ?? emptyFigures();
      documentId = application?.auditor_report_document_id ?? null;
      basis = 'application';
    }
    const evaluation = evaluateRuleSet(draft, figures, await recordFacts(db, resident.organization_id, documentId));
    items.push({ residentId: resident.id, organizationId: resident.organization_id, organizationName: resident.organization_name, basis, evaluation });
  }
  const failing = items.filter((item) => item.evaluation.outcome !== 'pass');
  return { items: failing, failing: failing.length, total: items.length };
}

// Facts and figures -------------------------------------------------------------------------------

export function emptyFigures(): RegimeFigures {
  return {
    fiscalYear: null,
    currency: null,
    revenueMinor: null,
    qualifiedDefenseIncomeMinor: null,
    employees: null,
    averageMonthlyWageMinor: null,
    stateOwnershipPct: null,
    localContentPct: null,
    investmentMinor: null,
    reinvestedProfitMinor: null,
    landTaxMinor: null,
    propertyTaxMinor: null,
    environmentalTaxMinor: null,
  };
}

/** The figures with the input applied: absent fields stay, null clears. Percentages are kept as exact decimal text. */
export function mergeFigures(current: RegimeFigures, input: TFiguresInput | undefined): RegimeFigures {
  const next = { ...emptyFigures(), ...current };
  if (!input) return next;
  for (const [key, value] of Object.entries(input) as Array<[keyof TFiguresInput, unknown]>) {
    if (value === undefined) continue;
    if ((key === 'stateOwnershipPct' || key === 'localContentPct') && typeof value === 'number') next[key] = String(Math.round(value * 100) / 100);
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  return next;
}

/** What the platform's own records say about an organization, for the criteria that rest on them. */
export async function recordFacts(db: Db, organizationId: string, auditorReportDocumentId: string | null): Promise<RecordFacts> {
  const identity = await legalIdentity(db, organizationId);
  const screening = await organizationScreening(db, organizationId);
  return {
    hostCountryLegalEntity: identity.country === 'UA' && identity.identifiers.some((id) => id.startsWith('UA-EDR-')),
    // Not screened yet is missing evidence, not a pass.
    confirmedSanctionsHit: screening.status === 'not_screened' ? null : screening.status === 'confirmed_hit',
    beneficialOwnersDisclosed: await ownershipDisclosed(db, organizationId),
    // No document chosen is missing evidence, not a failure: the company has yet to attach it.
    auditorReportAttached: auditorReportDocumentId !== null ? true : null,
  };
}

/** Checks that a document is one the organization uploaded. */
export async function assertOwnDocument(db: Db, organizationId: string, documentId: string | null | undefined, field: string): Promise<void> {
  if (!documentId) return;
  const owner = await repo.documentOwner(db, documentId);
  if (!owner || owner.organization_id !== organizationId) throw invalid([{ field, message: 'is not a document of this organization' }]);
}

// Applications ------------------------------------------------------------------------------------

type ApplicationRow = repo.ApplicationRow;

interface ApplicationRule {
  action: TApplicationAction;
  from: RegimeApplicationStatus;
  to: RegimeApplicationStatus;
  roles: readonly Role[];
  reason: 'required' | 'optional';
}

/**
 * The application machine. Submission moves on to `checks` at once (the rules are evaluated and
 * the screening status read in the same transaction); an officer then decides within the
 * configured number of working days. Refusals and returns carry reasons the applicant sees.
 */
export const APPLICATION_MACHINE: readonly ApplicationRule[] = [
  { action: 'submit', from: 'draft', to: 'submitted', roles: FILERS, reason: 'optional' },
  { action: 'grant', from: 'checks', to: 'granted', roles: DECIDERS, reason: 'optional' },
  { action: 'refuse', from: 'checks', to: 'refused', roles: DECIDERS, reason: 'required' },
  { action: 'return', from: 'checks', to: 'returned', roles: DECIDERS, reason: 'required' },
  ...(['draft', 'submitted', 'checks'] as const).map((from) => ({ action: 'withdraw' as const, from, to: 'withdrawn' as const, roles: ['company'] as Role[], reason: 'optional' as const })),
];

export function allowedApplicationActions(status: RegimeApplicationStatus, roles: readonly Role[]): TApplicationAction[] {
  return [...new Set(APPLICATION_MACHINE.filter((rule) => rule.from === status && rule.roles.some((role) => roles.includes(role))).map((rule) => rule.action))];
}

async function presentApplication(db: Db, row: ApplicationRow, auth: AuthContext, now = new Date(), withPreview = true): Promise<TApplication> {
  let evaluation = row.evaluation;
  let preview = false;
  // A list shows drafts without the live preview: it costs several queries per row.
  if (row.status === 'draft' && withPreview) {
    const ruleSet = await ruleSetInForce(db, now);
    evaluation = evaluateRuleSet(ruleSet, row.figures, await recordFacts(db, row.organization_id, row.auditor_report_document_id), now);
    preview = true;
  }
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    figures: { ...emptyFigures(), ...row.figures },
    auditorReportDocumentId: row.auditor_report_document_id,
    evaluation,
    evaluationIsPreview: preview,
    submittedAt: iso(row.submitted_at),
    decisionDueAt: iso(row.decision_due_at),
    overdue: row.status === 'checks' && row.decision_due_at !== null && row.decision_due_at.getTime() < now.getTime(),
    decidedAt: iso(row.decided_at),
    decisionReason: row.decision_reason,
    residentId: row.resident_id,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    allowedActions: allowedApplicationActions(row.status, auth.user?.roles ?? []),
  };
}

function presentTransitions(rows: Awaited<ReturnType<typeof repo.listTransitions>>, auth: AuthContext, organizationUserIds?: Set<string>) {
  const staffViewer = regimeScope(auth) === null;
  return rows.map((t) => ({
    id: t.id,
    from: t.from_status,
    to: t.to_status,
    // A company sees Alliance staff as 'ADI staff'; its own people and the system by name.
    actorLabel: staffViewer || t.actor_id === null || organizationUserIds?.has(t.actor_id) || t.actor_id === auth.user?.id ? t.actor_label : 'ADI staff',
    reason: t.reason,
    occurredAt: t.occurred_at.toISOString(),
  }));
}

async function applicationDetail(db: Db, row: ApplicationRow, auth: AuthContext) {
  return { ...(await presentApplication(db, row, auth)), transitions: presentTransitions(await repo.listTransitions(db, 'application', row.id), auth) };
}

async function findVisibleApplication(db: Db, auth: AuthContext, id: string): Promise<ApplicationRow> {
  const row = await repo.findApplication(db, id);
  const scope = regimeScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw new AppError('not_found', 'no such regime application');
  return row;
}

async function lockVisibleApplication(trx: Trx, auth: AuthContext, id: string): Promise<ApplicationRow> {
  await findVisibleApplication(trx, auth, id);
  await repo.lockApplication(trx, id);
  return findVisibleApplication(trx, auth, id);
}

/** The organization a filer acts for: a company user its own; staff must name one. */
function filingOrganization(auth: AuthContext, requested: string | undefined): string {
  const scope = regimeScope(auth);
  if (scope === 'none') throw new AppError('forbidden', 'your account is not linked to an organization');
  if (scope === null) {
    if (!requested) throw invalid([{ field: 'body.organizationId', message: 'is required when staff file for a company' }]);
    return requested;
  }
  if (requested !== undefined && requested !== scope) throw new AppError('not_found', 'no such organization');
  return scope;
}

export async function createApplication(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateApplication) {
  const organizationId = filingOrganization(auth, input.organizationId);
  return inTransaction(db, async (trx) => {
    if (!(await organizationExists(trx, organizationId))) throw invalid([{ field: 'body.organizationId', message: 'is not an organization in the registry' }]);
    const open = await repo.findOpenApplication(trx, organizationId);
    if (open) throw new AppError('conflict', { detail: `the organization already has an open regime application (${open.status})`, extra: { applicationId: open.id, currentStatus: open.status } });
    const resident = await repo.currentResidentOf(trx, organizationId);
    if (resident) throw new AppError('conflict', { detail: `the organization is already a resident (${resident.status})`, extra: { residentId: resident.id } });
    await assertOwnDocument(trx, organizationId, input.auditorReportDocumentId, 'body.auditorReportDocumentId');
    const now = new Date();
    const id = uuidv7();
    await repo.insertApplication(trx, {
      id,
      organization_id: organizationId,
      status: 'draft',
      figures: JSON.stringify(mergeFigures(emptyFigures(), input.figures)),
      auditor_report_document_id: input.auditorReportDocumentId ?? null,
      document_ids: [],
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await repo.insertTransitions(trx, [{ id: uuidv7(), subject_type: 'application', subject_id: id, from_status: null, to_status: 'draft', actor_id: actor.actorId, actor_label: actor.actorLabel, reason: null, occurred_at: now }]);
    // Field names only: the figures are commercially sensitive and stay out of the audit log.
    await recordAuditBatch(trx, actor, [{ action: 'regime.application_created', targetType: 'regime_application', targetId: id, details: { organizationId, fields: Object.keys(input.figures ?? {}).sort() } }]);
    return applicationDetail(trx, await findVisibleApplication(trx, auth, id), auth);
  });
}

export async function updateApplication(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TUpdateApplication) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleApplication(trx, auth, id);
    if (!holdsAny(auth, FILERS)) throw new AppError('forbidden', 'your roles do not allow editing regime applications');
    if (row.version !== input.version) throw versionConflict(row.version, 'application');
    if (row.status !== 'draft') throw new AppError('conflict', { detail: `a ${row.status} application cannot be edited; only drafts can`, extra: { currentStatus: row.status } });
    await assertOwnDocument(trx, row.organization_id, input.auditorReportDocumentId, 'body.auditorReportDocumentId');
    const fields = [...Object.keys(input.figures ?? {}), ...(input.auditorReportDocumentId !== undefined ? ['auditorReportDocumentId'] : [])].sort();
    if (fields.length === 0) return applicationDetail(trx, row, auth);
    await repo.updateApplication(trx, id, {
      figures: JSON.stringify(mergeFigures(row.figures, input.figures)),
      ...(input.auditorReportDocumentId !== undefined && { auditor_report_document_id: input.auditorReportDocumentId }),
      version: row.version + 1,
      updated_at: new Date(),
    });
    await recordAuditBatch(trx, actor, [{ action: 'regime.application_updated', targetType: 'regime_application', targetId: id, details: { organizationId: row.organization_id, fields, version: row.version + 1 } }]);
    return applicationDetail(trx, await findVisibleApplication(trx, auth, id), auth);
  });
}

export async function listApplications(db: Db, auth: AuthContext, query: TApplicationListQuery) {
  const scope = regimeScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listApplications(db, { organizationId: scope ?? query.organizationId, status: query.status, q: query.q }, query.limit, query.offset);
  const now = new Date();
  return { items: await Promise.all(items.map((row) => presentApplication(db, row, auth, now, false))), total, limit: query.limit, offset: query.offset };
}

export async function getApplication(db: Db, auth: AuthContext, id: string) {
  return applicationDetail(db, await findVisibleApplication(db, auth, id), auth);
}

/** Open screening cases or a confirmed hit stop a grant or a reinstatement, whatever the rule set says. */
async function assertScreeningAllows(trx: Trx, auth: AuthContext, organizationId: string): Promise<void> {
  const screening = await organizationScreening(trx, organizationId);
  if (screening.status !== 'confirmed_hit' && screening.status !== 'open_cases') return;
  if (!isStaff(auth.user?.roles ?? [])) throw new AppError('on_hold', 'this cannot proceed at the moment; the regime administration will contact you');
  throw new AppError('screening_blocked', {
    detail: screening.status === 'confirmed_hit' ? `the organization has ${screening.confirmedCases} confirmed sanctions hit(s)` : `decide the ${screening.openCases} open screening case(s) of the organization first`,
    extra: { screening },
  });
}

/** An officer who filed or submitted for the company may not also decide it (separation of duties). */
async function assertNotOwnFiling(trx: Trx, applicationId: string, auth: AuthContext): Promise<void> {
  const userId = auth.user?.id;
  if (!userId) return;
  const history = await repo.listTransitions(trx, 'application', applicationId);
  if (history.some((step) => step.actor_id === userId && (step.from_status === null || step.to_status === 'submitted'))) {
    throw new AppError('forbidden', 'you filed or submitted this application on the company’s behalf: another officer must decide it (separation of duties)');
  }
}

function bilingual(uk: string, en: string): string {
  return `${uk}\n\n---\n\n${en}\n`;
}

async function notify(trx: Trx, organizationId: string, subject: { uk: string; en: string }, body: { uk: string; en: string }) {
  await enqueueOrganizationEmail(trx, { organizationId, subject: `${subject.uk} / ${subject.en}`, body: bilingual(body.uk, body.en) });
}

export async function transitionApplication(db: Db, signer: CheckpointSigner, auth: AuthContext, actor: AuditActor, id: string, input: TApplicationTransition) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleApplication(trx, auth, id);
    const roles = auth.user?.roles ?? [];
    const rules = APPLICATION_MACHINE.filter((rule) => rule.action === input.action);
    if (!rules.some((rule) => rule.roles.some((role) => roles.includes(role)))) throw new AppError('forbidden', `your roles do not allow the action ${input.action}`);
    if (row.version !== input.version) throw versionConflict(row.version, 'application');
    const rule = rules.find((r) => r.from === row.status);
    if (!rule) {
      const allowed = allowedApplicationActions(row.status, roles);
      throw new AppError('invalid_transition', { detail: `an application that is ${row.status} cannot take the action ${input.action}; allowed now: ${allowed.join(', ') || 'none'}`, extra: { currentStatus: row.status, allowed } });
    }
    if (!rule.roles.some((role) => roles.includes(role))) throw new AppError('forbidden', `your roles do not allow the action ${input.action} on a ${row.status} application`);
    const reason = input.reason ?? null;
    if (rule.reason === 'required' && reason === null) throw invalid([{ field: 'body.reason', message: `is required to ${input.action}` }]);

    const now = new Date();
    const settings = await repo.getSettings(trx);
    const steps: Array<{ from: string; to: RegimeApplicationStatus; actor: AuditActor; reason: string | null }> = [{ from: row.status, to: rule.to, actor, reason }];
    const patch: Parameters<typeof repo.updateApplication>[2] = { version: row.version + 1, updated_at: now };
    let residentId: string | null = null;

    if (input.action === 'submit') {
      const missing = missingFigures(row.figures);
      if (missing.length) throw new AppError('validation_failed', { detail: `the application lacks: ${missing.map((m) => m.field).join(', ')}`, errors: missing });
      // The checks: the organization, its holding companies, owners and officers are screened now,
      // so the sanctions criterion rests on today's lists; then the rules in force are applied.
      await screenOrganization(trx, systemActor(actor), row.organization_id);
      const ruleSet = await ruleSetInForce(trx, now);
      const evaluation = evaluateRuleSet(ruleSet, row.figures, await recordFacts(trx, row.organization_id, row.auditor_report_document_id), now);
      steps.push({ from: 'submitted', to: 'checks', actor: systemActor(actor), reason: `checked against rule set version ${ruleSet.version}: ${evaluation.outcome}` });
      Object.assign(patch, { status: 'checks', submitted_at: now, rule_set_id: ruleSet.id, evaluation: JSON.stringify(evaluation), decision_due_at: addWorkingDays(now, settings.decision_working_days) });
    } else if (input.action === 'grant') {
      await assertNotOwnFiling(trx, id, auth);
      await assertScreeningAllows(trx, auth, row.organization_id);
      // The decision rests on the rules in force on its day, recorded with it.
      const ruleSet = await ruleSetInForce(trx, now);
      const evaluation = evaluateRuleSet(ruleSet, row.figures, await recordFacts(trx, row.organization_id, row.auditor_report_document_id), now);
      if (evaluation.outcome !== 'pass') {
        const open = evaluation.criteria.filter((c) => c.outcome !== 'pass');
        throw new AppError('eligibility_failed', { detail: `the application does not meet rule set version ${ruleSet.version}: ${open.map((c) => `${c.key} (${c.outcome})`).join(', ')}`, extra: { evaluation } });
      }
      residentId = await createResident(trx, signer, actor, row, ruleSet, now);
      Object.assign(patch, { status: 'granted', decided_at: now, decision_reason: reason, rule_set_id: ruleSet.id, evaluation: JSON.stringify(evaluation) });
    } else if (input.action === 'refuse' || input.action === 'return') {
      await assertNotOwnFiling(trx, id, auth);
      Object.assign(patch, { status: rule.to, decided_at: now, decision_reason: reason });
    } else {
      Object.assign(patch, { status: rule.to, decision_reason: reason });
    }

    await repo.updateApplication(trx, id, patch);
    await repo.insertTransitions(trx, steps.map((step) => ({ id: uuidv7(), subject_type: 'application' as const, subject_id: id, from_status: step.from, to_status: step.to, actor_id: step.actor.actorId, actor_label: step.actor.actorLabel, reason: step.reason, occurred_at: now })));
    for (const step of steps) {
      await recordAuditBatch(trx, step.actor, [{ action: `regime.application_${step.to}`, targetType: 'regime_application', targetId: id, details: { organizationId: row.organization_id, from: step.from, to: step.to, version: row.version + 1, ...(residentId && { residentId }) } }]);
    }
    const final = steps[steps.length - 1].to;
    const reasonText = reason ? `\n\n${reason}` : '';
    const messages: Partial<Record<RegimeApplicationStatus, { uk: string; en: string }>> = {
      checks: { uk: 'Заявку на статус резидента подано; її перевіряють.', en: 'Your application for residency was submitted and is being checked.' },
      granted: { uk: `Вам надано статус резидента спеціального правового режиму.${reasonText}`, en: `You were granted residency in the special economic regime.${reasonText}` },
      refused: { uk: `У наданні статусу резидента відмовлено.${reasonText}`, en: `Residency was refused.${reasonText}` },
      returned: { uk: `Заявку повернуто без розгляду.${reasonText}`, en: `The application was returned without consideration.${reasonText}` },
    };
    const message = messages[final];
    if (message) await notify(trx, row.organization_id, { uk: 'Спеціальний правовий режим', en: 'Special economic regime' }, message);
    return applicationDetail(trx, await findVisibleApplication(trx, auth, id), auth);
  });
}

/** Figures an application must carry to be submitted (the criteria say which values pass). */
function missingFigures(figures: RegimeFigures): FieldError[] {
  const required: Array<keyof RegimeFigures> = ['fiscalYear', 'currency', 'revenueMinor', 'qualifiedDefenseIncomeMinor', 'employees', 'averageMonthlyWageMinor'];
  return required.filter((key) => figures[key] === null || figures[key] === undefined).map((key) => ({ field: `figures.${key}`, message: 'is required to submit' }));
}

// Residents ---------------------------------------------------------------------------------------

/** Creates the resident and its signed certificate for a granted application. */
async function createResident(trx: Trx, signer: CheckpointSigner, actor: AuditActor, application: { id: string; organization_id: string }, ruleSet: RuleSetRow, now: Date): Promise<string> {
  const identity = await legalIdentity(trx, application.organization_id);
  const seq = await repo.nextCertificateSeq(trx);
  const id = uuidv7();
  const fields: CertificateFields = {
    certificateId: uuidv7(),
    number: `ADI-SR-${now.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
    organizationId: application.organization_id,
    legalName: identity.name,
    legalNameUk: identity.nameUk,
    identifiers: identity.identifiers,
    grantedOn: dateOf(now),
    ruleSetVersion: ruleSet.version,
    issuedAt: now.toISOString(),
  };
  const { signature, keyId } = await signCertificate(signer, fields);
  await repo.insertResident(trx, {
    id,
    organization_id: application.organization_id,
    application_id: application.id,
    status: 'active',
    rule_set_id: ruleSet.id,
    granted_at: now,
    certificate_id: fields.certificateId,
    certificate_number: fields.number,
    certificate: JSON.stringify(fields),
    signature,
    key_id: keyId,
    public_key: signer.publicKeyHex,
    hidden_fields: [],
    version: 1,
    created_at: now,
    updated_at: now,
  });
  await repo.insertTransitions(trx, [{ id: uuidv7(), subject_type: 'resident', subject_id: id, from_status: null, to_status: 'active', actor_id: actor.actorId, actor_label: actor.actorLabel, reason: `granted with rule set version ${ruleSet.version}`, occurred_at: now }]);
  await recordAuditBatch(trx, actor, [{ action: 'regime.resident_granted', targetType: 'regime_resident', targetId: id, details: { organizationId: application.organization_id, applicationId: application.id, certificateNumber: fields.number, ruleSetVersion: ruleSet.version } }]);
  return id;
}

type ResidentRow = repo.ResidentRow;

interface ResidentRule {
  action: TResidentAction;
  from: RegimeResidentStatus;
  to: RegimeResidentStatus;
  roles: readonly Role[];
  reason: 'required' | 'optional';
}

/** The resident machine: officers suspend (with a deadline to cure), reinstate and terminate; the company may leave. */
export const RESIDENT_MACHINE: readonly ResidentRule[] = [
  { action: 'suspend', from: 'active', to: 'suspended', roles: DECIDERS, reason: 'required' },
  { action: 'reinstate', from: 'suspended', to: 'active', roles: DECIDERS, reason: 'optional' },
  { action: 'terminate', from: 'active', to: 'terminated', roles: DECIDERS, reason: 'required' },
  { action: 'terminate', from: 'suspended', to: 'terminated', roles: DECIDERS, reason: 'required' },
  { action: 'exit', from: 'active', to: 'exited', roles: ['company'], reason: 'optional' },
  { action: 'exit', from: 'suspended', to: 'exited', roles: ['company'], reason: 'optional' },
];

export function allowedResidentActions(status: RegimeResidentStatus, roles: readonly Role[]): TResidentAction[] {
  return [...new Set(RESIDENT_MACHINE.filter((rule) => rule.from === status && rule.roles.some((role) => roles.includes(role))).map((rule) => rule.action))];
}

export function presentResident(row: ResidentRow, auth: AuthContext, now = new Date()): TResident {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    applicationId: row.application_id,
    status: row.status,
    grantedAt: row.granted_at.toISOString(),
    ruleSetVersion: row.rule_set_version,
    certificateId: row.certificate_id,
    certificateNumber: row.certificate_number,
    suspendedAt: iso(row.suspended_at),
    cureDeadline: row.cure_deadline,
    cureOverdue: row.status === 'suspended' && row.cure_deadline !== null && row.cure_deadline < dateOf(now),
    suspensionReason: row.suspension_reason,
    endedAt: iso(row.ended_at),
    endGrounds: row.end_grounds,
    hiddenFields: row.hidden_fields as TResident['hiddenFields'],
    version: row.version,
    allowedActions: allowedResidentActions(row.status, auth.user?.roles ?? []),
  };
}

export async function findVisibleResident(db: Db, auth: AuthContext, id: string): Promise<ResidentRow> {
  const row = await repo.findResident(db, id);
  const scope = regimeScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw new AppError('not_found', 'no such resident');
  return row;
}

export async function lockVisibleResident(trx: Trx, auth: AuthContext, id: string): Promise<ResidentRow> {
  await findVisibleResident(trx, auth, id);
  await repo.lockResident(trx, id);
  return findVisibleResident(trx, auth, id);
}

export async function listResidents(db: Db, auth: AuthContext, query: TResidentListQuery) {
  const scope = regimeScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listResidents(db, { organizationId: scope ?? undefined, statuses: query.status ? [query.status] : undefined, q: query.q }, query.limit, query.offset);
  return { items: items.map((row) => presentResident(row, auth)), total, limit: query.limit, offset: query.offset };
}

/** Changes a resident's status: suspend, reinstate, terminate (officers) or exit (the company). */
export async function transitionResident(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TResidentTransition) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleResident(trx, auth, id);
    const roles = auth.user?.roles ?? [];
    const rules = RESIDENT_MACHINE.filter((rule) => rule.action === input.action);
    if (!rules.some((rule) => rule.roles.some((role) => roles.includes(role)))) throw new AppError('forbidden', `your roles do not allow the action ${input.action}`);
    if (row.version !== input.version) throw versionConflict(row.version, 'resident');
    const rule = rules.find((r) => r.from === row.status);
    if (!rule) {
      const allowed = allowedResidentActions(row.status, roles);
      throw new AppError('invalid_transition', { detail: `a resident that is ${row.status} cannot take the action ${input.action}; allowed now: ${allowed.join(', ') || 'none'}`, extra: { currentStatus: row.status, allowed } });
    }
    if (!rule.roles.some((role) => roles.includes(role))) throw new AppError('forbidden', `your roles do not allow the action ${input.action} on a ${row.status} resident`);
    const reason = input.reason ?? null;
    if (rule.reason === 'required' && reason === null) throw invalid([{ field: 'body.reason', message: `is required to ${input.action}` }]);
    if (input.cureDeadline !== undefined && input.action !== 'suspend') throw invalid([{ field: 'body.cureDeadline', message: 'is only given with suspend' }]);
    const now = new Date();
    if (input.action === 'suspend' && input.cureDeadline !== undefined && input.cureDeadline <= dateOf(now)) throw invalid([{ field: 'body.cureDeadline', message: 'must be after today' }]);
    if (input.action === 'reinstate') await assertScreeningAllows(trx, auth, row.organization_id);
    await applyResidentStep(trx, actor, row, rule.to, reason, now, input.cureDeadline);
    return residentDetail(trx, auth, id);
  });
}

/** Records one status change of a resident: row, history, audit event and a bilingual notice. */
export async function applyResidentStep(trx: Trx, actor: AuditActor, row: ResidentRow, to: RegimeResidentStatus, reason: string | null, now: Date, cureDeadline?: string) {
  const settings = await repo.getSettings(trx);
  const patch: Parameters<typeof repo.updateResident>[2] = { status: to, version: row.version + 1, updated_at: now };
  if (to === 'suspended') Object.assign(patch, { suspended_at: now, cure_deadline: cureDeadline ?? addDays(dateOf(now), settings.cure_days), suspension_reason: reason });
  if (to === 'active') Object.assign(patch, { suspended_at: null, cure_deadline: null, suspension_reason: null, ended_at: null, end_grounds: null });
  if (to === 'terminated' || to === 'exited') Object.assign(patch, { ended_at: now, end_grounds: reason ?? (to === 'exited' ? 'voluntary exit' : null) });
  await repo.updateResident(trx, row.id, patch);
  await repo.insertTransitions(trx, [{ id: uuidv7(), subject_type: 'resident', subject_id: row.id, from_status: row.status, to_status: to, actor_id: actor.actorId, actor_label: actor.actorLabel, reason, occurred_at: now }]);
  await recordAuditBatch(trx, actor, [{ action: `regime.resident_${to}`, targetType: 'regime_resident', targetId: row.id, details: { organizationId: row.organization_id, from: row.status, to, version: row.version + 1, ...(patch.cure_deadline ? { cureDeadline: patch.cure_deadline } : {}) } }]);
  // A suspension or an end settles the open proposals about the resident.
  if (to !== 'active') await repo.closeOpenProposals(trx, row.id, `resident ${to}`, actor.actorLabel, now);
  const reasonText = reason ? `\n\n${reason}` : '';
  const messages: Record<RegimeResidentStatus, { uk: string; en: string }> = {
    suspended: { uk: `Статус резидента зупинено до усунення порушень (до ${patch.cure_deadline}).${reasonText}`, en: `Your residency is suspended until the breach is cured (by ${patch.cure_deadline}).${reasonText}` },
    active: { uk: 'Статус резидента відновлено.', en: 'Your residency is active again.' },
    terminated: { uk: `Статус резидента припинено.${reasonText}`, en: `Your residency was terminated.${reasonText}` },
    exited: { uk: 'Ви вийшли зі спеціального правового режиму.', en: 'You have left the special economic regime.' },
  };
  await notify(trx, row.organization_id, { uk: 'Статус резидента', en: 'Residency status' }, messages[to]);
}

export async function residentDetail(db: Db, auth: AuthContext, id: string) {
  const row = await findVisibleResident(db, auth, id);
  const [transitions, reports, proposals, appeals] = await Promise.all([
    repo.listTransitions(db, 'resident', id),
    repo.reportsOfResident(db, id),
    repo.listProposals(db, { residentId: id }, 200, 0),
    repo.listAppeals(db, { subjectIds: [id, row.application_id] }, 200, 0),
  ]);
  const settings = await repo.getSettings(db);
  return {
    ...presentResident(row, auth),
    transitions: presentTransitions(transitions, auth),
    reports: reports.map((report) => presentReport(report, settings, null)),
    proposals: proposals.items.map(presentProposal),
    appeals: appeals.items.map(presentAppeal),
    verifyPath: `/verify/${row.certificate_id}`,
  };
}

/** Which optional fields of the public register the resident hides (only those the settings allow). */
export async function setVisibility(db: Db, auth: AuthContext, actor: AuditActor, id: string, hiddenFields: string[], version: number) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisibleResident(trx, auth, id);
    if (!holdsAny(auth, ['company', ...REGIME_ADMINS])) throw new AppError('forbidden', 'only the resident or an administrator chooses what the register hides');
    if (row.version !== version) throw versionConflict(row.version, 'resident');
    const allowed = (await repo.getSettings(trx)).hideable_fields;
    const refused = hiddenFields.filter((field) => !allowed.includes(field));
    if (refused.length) throw invalid([{ field: 'body.hiddenFields', message: `the rules do not allow hiding: ${refused.join(', ')}` }]);
    await repo.updateResident(trx, id, { hidden_fields: [...hiddenFields].sort(), version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'regime.visibility_changed', targetType: 'regime_resident', targetId: id, details: { organizationId: row.organization_id, hiddenFields: [...hiddenFields].sort() } }]);
    return residentDetail(trx, auth, id);
  });
}

/**
 * Grants a refused application because the commission upheld the appeal. The commission rules on the
 * merits, so the criteria are not re-applied; a confirmed sanctions hit still blocks any grant.
 */
export async function grantOnAppeal(trx: Trx, signer: CheckpointSigner, auth: AuthContext, actor: AuditActor, applicationId: string, reason: string, now: Date): Promise<string> {
  await repo.lockApplication(trx, applicationId);
  const row = await repo.findApplication(trx, applicationId);
  if (!row || row.status !== 'refused') throw new AppError('conflict', 'the application is no longer refused');
  if (await repo.currentResidentOf(trx, row.organization_id)) throw new AppError('conflict', 'the organization is a resident already under a later application');
  await assertScreeningAllows(trx, auth, row.organization_id);
  const ruleSet = await ruleSetInForce(trx, now);
  const residentId = await createResident(trx, signer, actor, row, ruleSet, now);
  await repo.updateApplication(trx, applicationId, { status: 'granted', decided_at: now, decision_reason: `appeal upheld: ${reason}`, version: row.version + 1, updated_at: now });
  await repo.insertTransitions(trx, [{ id: uuidv7(), subject_type: 'application', subject_id: applicationId, from_status: 'refused', to_status: 'granted', actor_id: actor.actorId, actor_label: actor.actorLabel, reason: `appeal upheld: ${reason}`, occurred_at: now }]);
  await recordAuditBatch(trx, actor, [{ action: 'regime.application_granted', targetType: 'regime_application', targetId: applicationId, details: { organizationId: row.organization_id, from: 'refused', to: 'granted', onAppeal: true, residentId } }]);
  return residentId;
}
