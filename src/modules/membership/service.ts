import { organizationScreening, screenOrganization } from '../screening/cases-service.ts';
import type { Kysely, Transaction, Updateable } from 'kysely';
import { type AuthContext, type Role, isStaff } from '../../core/access.ts';
import { AppError, type FieldError, invalidFields as invalid } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import { registerPage, sortOrder } from '../../core/registers.ts';
import { type Table, tableCsv } from '../../core/tabular.ts';
import type { Database, MembershipApplicationsTable, MembershipStatus } from '../../db/schema.ts';
import { type AuditActor, type AuditEventInput, recordAuditBatch } from '../audit/service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { documentsOfOrganization, listCapabilities, organizationExists } from '../registry/service.ts';
import { APPLICANT_ROLES, applicationScope, holdsAny } from './policy.ts';
import * as repo from './repo.ts';
import {
  DEADLINE_STATUSES,
  MEMBER_SORT_NATURAL,
  type TApplication,
  type TApplicationListQuery,
  type TCreateApplication,
  type TMembershipAction,
  type TMembershipStatus,
  type TPlanInput,
  type TPublicMember,
  type TPublicMemberQuery,
  type TPutDeadlines,
  type TTransition,
  type TUpdateApplication,
} from './schema.ts';

type Db = Kysely<Database>;
type ApplicationRow = repo.ApplicationRow;

/** One edge of the membership state machine: who may take which action from which state. */
export interface TransitionRule {
  action: TMembershipAction;
  from: TMembershipStatus;
  to: TMembershipStatus;
  roles: readonly Role[];
  reason: 'required' | 'optional';
}

/**
 * The membership state machine. Every change of an application's status is one of these rows or
 * one of the two automatic steps that follow in the same transaction:
 * - submitted → screening, at once (`startScreening`);
 * - approved → member, at once (`admit`): the Alliance admits on approval (docs/decisions/0006).
 *
 * Separation of duties: analysts screen, officers decide, administrators set deadlines; an
 * administrator (like an officer) may file and submit for a company but takes no decision.
 */
export const MEMBERSHIP_MACHINE: readonly TransitionRule[] = [
  { action: 'submit', from: 'draft', to: 'submitted', roles: APPLICANT_ROLES, reason: 'optional' },
  { action: 'submit', from: 'returned', to: 'submitted', roles: APPLICANT_ROLES, reason: 'optional' },
  { action: 'clear_screening', from: 'screening', to: 'under_review', roles: ['analyst'], reason: 'optional' },
  { action: 'reject', from: 'screening', to: 'rejected', roles: ['analyst'], reason: 'required' },
  { action: 'reject', from: 'under_review', to: 'rejected', roles: ['officer'], reason: 'required' },
  { action: 'return', from: 'under_review', to: 'returned', roles: ['officer'], reason: 'required' },
  { action: 'approve', from: 'under_review', to: 'approved', roles: ['officer'], reason: 'optional' },
  { action: 'suspend', from: 'member', to: 'suspended', roles: ['officer'], reason: 'required' },
  { action: 'reinstate', from: 'suspended', to: 'member', roles: ['officer'], reason: 'optional' },
  { action: 'terminate', from: 'member', to: 'terminated', roles: ['officer'], reason: 'required' },
  { action: 'terminate', from: 'suspended', to: 'terminated', roles: ['officer'], reason: 'required' },
  // The applicant may step back at any point before a decision; the record stays, closed.
  ...(['draft', 'submitted', 'screening', 'under_review', 'returned'] as const).map((from) => ({ action: 'withdraw' as const, from, to: 'withdrawn' as const, roles: ['company'] as Role[], reason: 'optional' as const })),
];

/** States in which the company (or staff for it) may still edit the plan. */
const EDITABLE: readonly MembershipStatus[] = ['draft', 'returned'];

const SCREENING_NOTE = {
  manual: 'Not screened yet: the organization, its owners and officers are screened when the application is submitted',
  automatic: 'Screened against the sanctions lists on submission (and again whenever a list or an owner changes); each hit is a case for a compliance analyst',
} as const;

const NOT_FOUND = 'no such membership application';

/** The actions the roles may take on an application in this state. */
export function allowedActions(status: MembershipStatus, roles: readonly Role[]): TMembershipAction[] {
  const actions = MEMBERSHIP_MACHINE.filter((rule) => rule.from === status && rule.roles.some((role) => roles.includes(role))).map((rule) => rule.action);
  return [...new Set(actions)];
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

function present(row: ApplicationRow, auth: AuthContext, now = new Date()): TApplication {
  const roles = auth.user?.roles ?? [];
  const dueAt = row.due_at;
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    status: row.status,
    localPartnerOrganizationId: row.local_partner_organization_id,
    siteOblast: row.site_oblast,
    siteCity: row.site_city,
    // Safe: the API accepts only safe integers, and only the API writes this column.
    investmentMinor: row.investment_minor === null ? null : Number(row.investment_minor),
    investmentCurrency: row.investment_currency,
    jobs: row.jobs,
    capabilities: row.capabilities,
    plannedStart: row.planned_start,
    planSummary: row.plan_summary,
    documentIds: row.document_ids,
    decisionReason: row.decision_reason,
    screening: { mode: row.screening_mode, note: SCREENING_NOTE[row.screening_mode] },
    statusChangedAt: row.status_changed_at.toISOString(),
    dueAt: iso(dueAt),
    overdue: dueAt !== null && dueAt.getTime() < now.getTime(),
    submittedAt: iso(row.submitted_at),
    memberSince: iso(row.member_since),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    allowedActions: allowedActions(row.status, roles),
  };
}

async function presentDetail(db: Db, row: ApplicationRow, auth: AuthContext) {
  const transitions = await repo.listTransitions(db, row.id);
  const staffViewer = applicationScope(auth) === null;
  return {
    ...present(row, auth),
    transitions: transitions.map((t) => {
      // A company sees its own people by name; Alliance staff stay anonymous to it.
      const showActor = staffViewer || t.actor_id === null || t.actor_organization_id === row.organization_id;
      return {
        id: t.id,
        from: t.from_status,
        to: t.to_status,
        actorId: showActor ? t.actor_id : null,
        actorLabel: showActor ? t.actor_label : 'ADI staff',
        reason: t.reason,
        occurredAt: t.occurred_at.toISOString(),
      };
    }),
  };
}

/** The application if the caller may see it; 404 otherwise, so ids of other companies cannot be probed. */
async function findVisible(db: Db, auth: AuthContext, id: string): Promise<ApplicationRow> {
  const row = await repo.findApplication(db, id);
  const scope = applicationScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw new AppError('not_found', NOT_FOUND);
  return row;
}

/** Same as findVisible, with the row locked until the transaction ends (changes to one application are serialized). */
async function lockVisible(trx: Transaction<Database>, auth: AuthContext, id: string): Promise<ApplicationRow> {
  await findVisible(trx, auth, id);
  await repo.lockApplication(trx, id);
  // Read again under the lock: the first read may predate a change that committed meanwhile.
  return findVisible(trx, auth, id);
}


/** Checks that the plan's references exist and belong: partner organization, capability codes, the applicant's own documents. */
async function checkPlanReferences(trx: Transaction<Database>, organizationId: string, plan: Partial<TPlanInput>): Promise<void> {
  const errors: FieldError[] = [];
  const partner = plan.localPartnerOrganizationId;
  if (partner) {
    if (partner === organizationId) errors.push({ field: 'body.localPartnerOrganizationId', message: 'must be another organization than the applicant' });
    else if (!(await organizationExists(trx, partner))) errors.push({ field: 'body.localPartnerOrganizationId', message: 'is not an organization in the registry' });
  }
  if (plan.capabilities?.length) {
    const known = new Set((await listCapabilities(trx)).map((c) => c.code));
    const unknown = plan.capabilities.filter((code) => !known.has(code));
    if (unknown.length) errors.push({ field: 'body.capabilities', message: `unknown capability categories: ${unknown.join(', ')}` });
  }
  if (plan.documentIds?.length) {
    const owned = new Set((await documentsOfOrganization(trx, organizationId, plan.documentIds)).map((d) => d.id));
    const foreign = plan.documentIds.filter((id) => !owned.has(id));
    if (foreign.length) errors.push({ field: 'body.documentIds', message: `not documents of this organization: ${foreign.join(', ')}` });
  }
  if (errors.length) throw invalid(errors);
}

/** Column values for the plan fields the input carries (absent fields stay untouched; null clears). */
function planColumns(plan: Partial<TPlanInput>): Updateable<MembershipApplicationsTable> {
  const columns: Updateable<MembershipApplicationsTable> = {};
  if (plan.localPartnerOrganizationId !== undefined) columns.local_partner_organization_id = plan.localPartnerOrganizationId;
  if (plan.siteOblast !== undefined) columns.site_oblast = plan.siteOblast;
  if (plan.siteCity !== undefined) columns.site_city = plan.siteCity;
  if (plan.investmentMinor !== undefined) columns.investment_minor = plan.investmentMinor === null ? null : BigInt(plan.investmentMinor);
  if (plan.investmentCurrency !== undefined) columns.investment_currency = plan.investmentCurrency;
  if (plan.jobs !== undefined) columns.jobs = plan.jobs;
  if (plan.capabilities !== undefined) columns.capabilities = plan.capabilities;
  if (plan.plannedStart !== undefined) columns.planned_start = plan.plannedStart;
  if (plan.planSummary !== undefined) columns.plan_summary = plan.planSummary;
  if (plan.documentIds !== undefined) columns.document_ids = plan.documentIds;
  return columns;
}

/** The plan fields a submission still lacks, as validation errors. */
function missingForSubmission(row: ApplicationRow): FieldError[] {
  const missing: Array<[string, boolean]> = [
    ['siteOblast', row.site_oblast === null],
    ['siteCity', row.site_city === null],
    ['investmentMinor', row.investment_minor === null],
    ['investmentCurrency', row.investment_currency === null],
    ['jobs', row.jobs === null],
    ['capabilities', row.capabilities.length === 0],
    ['plannedStart', row.planned_start === null],
    ['documentIds', row.document_ids.length === 0],
  ];
  return missing.filter(([, absent]) => absent).map(([field]) => ({ field, message: 'is required to submit' }));
}

async function dueAtFor(trx: Transaction<Database>, status: MembershipStatus, from: Date): Promise<Date | null> {
  const days = await repo.deadlineDays(trx, status);
  return days === undefined ? null : new Date(from.getTime() + days * 86_400_000);
}

/** Creates a draft application: a company user for its own organization, an officer or administrator for any. */
export async function createApplication(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateApplication) {
  const scope = applicationScope(auth);
  if (scope === 'none') throw new AppError('forbidden', 'your account is not linked to an organization');
  let organizationId: string;
  if (scope === null) {
    if (!input.organizationId) throw invalid([{ field: 'body.organizationId', message: 'is required when staff file for a company' }]);
    organizationId = input.organizationId;
  } else {
    if (input.organizationId !== undefined && input.organizationId !== scope) throw new AppError('not_found', 'no such organization');
    organizationId = scope;
  }
  const { organizationId: _ignored, ...plan } = input;
  return inTransaction(db, async (trx) => {
    if (!(await organizationExists(trx, organizationId))) throw invalid([{ field: 'body.organizationId', message: 'is not an organization in the registry' }]);
    const open = await repo.findOpenApplication(trx, organizationId);
    if (open) {
      throw new AppError('conflict', { detail: `the organization already has an open application (${open.status})`, extra: { applicationId: open.id, currentStatus: open.status } });
    }
    await checkPlanReferences(trx, organizationId, plan);
    const now = new Date();
    const id = uuidv7();
    await repo.insertApplication(trx, {
      id,
      organization_id: organizationId,
      status: 'draft',
      ...planColumns(plan),
      capabilities: plan.capabilities ?? [],
      document_ids: plan.documentIds ?? [],
      screening_mode: 'manual',
      status_changed_at: now,
      due_at: await dueAtFor(trx, 'draft', now),
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await repo.insertTransitions(trx, [{ id: uuidv7(), application_id: id, from_status: null, to_status: 'draft', actor_id: actor.actorId, actor_label: actor.actorLabel, reason: null, occurred_at: now }]);
    // Field names only: the plan's figures are sensitive and stay out of the audit log.
    await recordAuditBatch(trx, actor, [{ action: 'membership.created', targetType: 'membership_application', targetId: id, details: { organizationId, fields: Object.keys(plan).sort() } }]);
    return presentDetail(trx, await findVisible(trx, auth, id), auth);
  });
}

/** Changes the plan of a draft or returned application; `version` must be the current one. */
export async function updateApplication(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TUpdateApplication) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisible(trx, auth, id);
    if (!holdsAny(auth, APPLICANT_ROLES)) throw new AppError('forbidden', 'your roles do not allow editing applications');
    if (row.version !== input.version) throw versionConflict(row);
    if (!EDITABLE.includes(row.status)) throw new AppError('conflict', { detail: `a ${row.status} application cannot be edited; only drafts and returned ones can`, extra: { currentStatus: row.status } });
    const { version: _version, ...plan } = input;
    const columns = planColumns(plan);
    const fields = Object.keys(plan).sort();
    if (fields.length === 0) return presentDetail(trx, row, auth);
    await checkPlanReferences(trx, row.organization_id, plan);
    await repo.updateApplication(trx, id, { ...columns, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'membership.updated', targetType: 'membership_application', targetId: id, details: { organizationId: row.organization_id, fields, version: row.version + 1 } }]);
    return presentDetail(trx, await findVisible(trx, auth, id), auth);
  });
}

function versionConflict(row: ApplicationRow): AppError {
  return new AppError('conflict', { detail: `the application changed since you read it (now version ${row.version}); reload and retry`, extra: { currentVersion: row.version } });
}

/** A status change to record. */
interface Step {
  from: MembershipStatus;
  to: MembershipStatus;
  auditAction: string;
  actor: AuditActor;
  reason: string | null;
}

/** The system as the actor of automatic steps, tied to the request that caused them. */
function systemActor(cause: AuditActor): AuditActor {
  return { actorId: null, actorLabel: 'system', requestId: cause.requestId };
}

/**
 * Starts screening a submitted application: the organization, the holding companies above it, their
 * owners and its officers are screened against the sanctions lists in the same transaction; each hit
 * opens a case for a compliance analyst, who must decide them before clearing the application.
 */
export async function startScreening(trx: Transaction<Database>, application: ApplicationRow, cause: AuditActor): Promise<Step> {
  await screenOrganization(trx, systemActor(cause), application.organization_id);
  return { from: 'submitted', to: 'screening', auditAction: 'membership.screening_started', actor: systemActor(cause), reason: null };
}

/** Actions that move an application forward, which a confirmed sanctions hit blocks. */
const BLOCKED_BY_HIT: ReadonlySet<string> = new Set(['submit', 'clear_screening', 'approve', 'reinstate']);

/**
 * A confirmed sanctions hit on the organization (or an owner, officer or holding company) blocks its
 * applications; open cases block clearing screening until an analyst has decided them. Staff are told
 * why (409 `screening_blocked` with the status); a company is told only that the application cannot
 * proceed, so that a screening outcome is never tipped off to the party screened.
 */
async function assertScreeningAllows(trx: Transaction<Database>, auth: AuthContext, organizationId: string, action: string): Promise<void> {
  if (!BLOCKED_BY_HIT.has(action)) return;
  const screening = await organizationScreening(trx, organizationId);
  const blocked = screening.status === 'confirmed_hit' || (action === 'clear_screening' && screening.openCases > 0);
  if (!blocked) return;
  if (!isStaff(auth.user?.roles ?? [])) {
    throw new AppError('on_hold', 'the application cannot proceed at the moment; the Alliance secretariat will contact you');
  }
  throw new AppError('screening_blocked', {
    detail:
      screening.status === 'confirmed_hit'
        ? `the organization has ${screening.confirmedCases} confirmed sanctions hit(s): its applications are blocked`
        : `decide the ${screening.openCases} open screening case(s) of the organization first`,
    extra: { screening },
  });
}

/**
 * Admits an approved company as a member in the same transaction as the approval: the Alliance
 * admits on approval, and `approved` stays a recorded state so the history shows the decision
 * apart from the admission (docs/decisions/0006-membership-approval-admits.md).
 */
function admit(cause: AuditActor): Step {
  return { from: 'approved', to: 'member', auditAction: 'membership.admitted', actor: systemActor(cause), reason: null };
}

/**
 * Takes an action on an application (submit, clear_screening, reject, return, approve, suspend,
 * reinstate, terminate): checks role, version and state, records each step (history row, audit
 * event), sets the deadline of the new state and queues a bilingual e-mail to the company, all in
 * one transaction. 403 when the caller's roles never allow the action, 409 `invalid_transition`
 * (with the actions allowed now) when the state does not.
 */
/**
 * Separation of duties: an officer who filed or submitted an application on a company's behalf may not
 * also approve it; another officer must.
 */
async function assertNotOwnFiling(trx: Transaction<Database>, id: string, auth: AuthContext): Promise<void> {
  const userId = auth.user?.id;
  if (!userId) return;
  const filedBySelf = (await repo.listTransitions(trx, id)).some((step) => step.actor_id === userId && (step.from_status === null || step.to_status === 'submitted'));
  if (filedBySelf) {
    throw new AppError('forbidden', 'you filed or submitted this application on the company’s behalf: another officer must approve it (separation of duties)');
  }
}

export async function transition(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TTransition) {
  return inTransaction(db, async (trx) => {
    const row = await lockVisible(trx, auth, id);
    const roles = auth.user?.roles ?? [];
    const rules = MEMBERSHIP_MACHINE.filter((rule) => rule.action === input.action);
    if (!rules.some((rule) => rule.roles.some((role) => roles.includes(role)))) {
      throw new AppError('forbidden', `your roles do not allow the action ${input.action}`);
    }
    if (row.version !== input.version) throw versionConflict(row);
    const rule = rules.find((r) => r.from === row.status);
    if (!rule) {
      const allowed = allowedActions(row.status, roles);
      throw new AppError('invalid_transition', {
        detail: `an application that is ${row.status} cannot take the action ${input.action}; allowed now: ${allowed.join(', ') || 'none'}`,
        extra: { currentStatus: row.status, allowed },
      });
    }
    if (!rule.roles.some((role) => roles.includes(role))) {
      throw new AppError('forbidden', `your roles do not allow the action ${input.action} on a ${row.status} application`);
    }
    const reason = input.reason ?? null;
    if (rule.reason === 'required' && reason === null) throw invalid([{ field: 'body.reason', message: `is required to ${input.action}` }]);
    if (input.action === 'approve') await assertNotOwnFiling(trx, id, auth);
    await assertScreeningAllows(trx, auth, row.organization_id, input.action);
    if (input.action === 'submit') {
      const missing = missingForSubmission(row);
      if (missing.length) {
        throw new AppError('validation_failed', { detail: `the localization plan is incomplete: ${missing.map((m) => m.field).join(', ')}`, errors: missing });
      }
    }

    const steps: Step[] = [{ from: row.status, to: rule.to, auditAction: `membership.${input.action}`, actor, reason }];
    if (rule.to === 'submitted') steps.push(await startScreening(trx, row, actor));
    if (rule.to === 'approved') steps.push(admit(actor));
    const finalStatus = steps[steps.length - 1].to;

    const now = new Date();
    const patch: Updateable<MembershipApplicationsTable> = {
      status: finalStatus,
      status_changed_at: now,
      due_at: await dueAtFor(trx, finalStatus, now),
      // The reason of the last decision is what the company sees; a new submission clears it.
      decision_reason: input.action === 'submit' ? null : reason,
      version: row.version + 1,
      updated_at: now,
    };
    if (input.action === 'submit') {
      patch.submitted_at = now;
      patch.screening_mode = 'automatic';
    }
    // member_since marks the admission; reinstatement continues the same membership.
    if (steps.some((step) => step.to === 'member' && step.from === 'approved')) patch.member_since = now;
    await repo.updateApplication(trx, id, patch);
    await repo.insertTransitions(
      trx,
      steps.map((step) => ({ id: uuidv7(), application_id: id, from_status: step.from, to_status: step.to, actor_id: step.actor.actorId, actor_label: step.actor.actorLabel, reason: step.reason, occurred_at: now })),
    );
    for (const step of steps) {
      const event: AuditEventInput = { action: step.auditAction, targetType: 'membership_application', targetId: id, details: { organizationId: row.organization_id, from: step.from, to: step.to, version: row.version + 1 } };
      await recordAuditBatch(trx, step.actor, [event]);
    }
    await enqueueOrganizationEmail(trx, { organizationId: row.organization_id, ...statusEmail(input.action, finalStatus, row, reason) });
    return presentDetail(trx, await findVisible(trx, auth, id), auth);
  });
}

const STATUS_TEXT: Record<MembershipStatus, { uk: string; en: string }> = {
  draft: { uk: 'чернетка', en: 'draft' },
  submitted: { uk: 'подано', en: 'submitted' },
  screening: { uk: 'перевірка відповідності', en: 'compliance screening' },
  under_review: { uk: 'на розгляді', en: 'under review' },
  approved: { uk: 'схвалено', en: 'approved' },
  rejected: { uk: 'відхилено', en: 'rejected' },
  returned: { uk: 'повернуто на доопрацювання', en: 'returned for changes' },
  member: { uk: 'член Альянсу', en: 'member of the Alliance' },
  suspended: { uk: 'членство призупинено', en: 'membership suspended' },
  terminated: { uk: 'членство припинено', en: 'membership terminated' },
  withdrawn: { uk: 'відкликано заявником', en: 'withdrawn by the applicant' },
};

const ACTION_SUBJECT: Record<TMembershipAction, { uk: string; en: string }> = {
  submit: { uk: 'Заявку на членство подано', en: 'Membership application submitted' },
  clear_screening: { uk: 'Заявка пройшла перевірку', en: 'Application passed screening' },
  reject: { uk: 'Заявку відхилено', en: 'Application rejected' },
  return: { uk: 'Заявку повернуто на доопрацювання', en: 'Application returned for changes' },
  approve: { uk: 'Вітаємо в Альянсі', en: 'Welcome to the Alliance' },
  suspend: { uk: 'Членство призупинено', en: 'Membership suspended' },
  reinstate: { uk: 'Членство відновлено', en: 'Membership reinstated' },
  terminate: { uk: 'Членство припинено', en: 'Membership terminated' },
  withdraw: { uk: 'Заявку відкликано', en: 'Application withdrawn' },
};

/** The e-mail (Ukrainian, then English) that tells the company what happened to its application. */
function statusEmail(action: TMembershipAction, status: MembershipStatus, row: ApplicationRow, reason: string | null) {
  const subject = `ADI: ${ACTION_SUBJECT[action].uk} / ${ACTION_SUBJECT[action].en}`;
  const uk = [
    'Доброго дня!',
    '',
    `Заявка «${row.organization_name}» на членство в Альянсі оборонних індустрій: ${STATUS_TEXT[status].uk}.`,
    ...(reason ? ['', `Причина: ${reason}`] : []),
    '',
    `Номер заявки: ${row.id}`,
  ];
  const en = [
    'Hello,',
    '',
    `The application of "${row.organization_name}" for membership in the Alliance of Defense Industries: ${STATUS_TEXT[status].en}.`,
    ...(reason ? ['', `Reason: ${reason}`] : []),
    '',
    `Application: ${row.id}`,
  ];
  return { subject, body: [...uk, '', '---', '', ...en, ''].join('\n') };
}

/** One application with its history, if the caller may see it. */
export async function getApplication(db: Db, auth: AuthContext, id: string) {
  return presentDetail(db, await findVisible(db, auth, id), auth);
}

/** The work queue: applications the caller may see, nearest deadline first (overdue ones lead). */
export async function listApplications(db: Db, auth: AuthContext, query: TApplicationListQuery) {
  const { limit, offset, status, overdue, q, organizationId } = query;
  const scope = applicationScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit, offset };
  if (scope !== null && organizationId !== undefined && organizationId !== scope) throw new AppError('not_found', 'no such organization');
  const now = new Date();
  const { items, total } = await repo.listApplications(db, { status, overdue, q, organizationId: scope ?? organizationId, now }, limit, offset);
  return { items: items.map((row) => present(row, auth, now)), total, limit, offset };
}

/** Days an application may stay in each state (null: no deadline). */
export async function getDeadlines(db: Db) {
  const days = await repo.listDeadlines(db);
  return { items: DEADLINE_STATUSES.map((status) => ({ status, days: days.get(status) ?? null })) };
}

/**
 * Changes deadlines (administrators). Applications already in a changed state get their due time
 * recomputed from when they entered it: a deadline is a rule for the state, not a promise made on entry.
 */
export async function putDeadlines(db: Db, actor: AuditActor, input: TPutDeadlines) {
  return inTransaction(db, async (trx) => {
    const before = await repo.listDeadlines(trx);
    const changes: Record<string, { from: number | null; to: number | null }> = {};
    for (const status of DEADLINE_STATUSES) {
      const days = input.deadlines[status];
      if (days === undefined || (before.get(status) ?? null) === days) continue;
      await repo.setDeadline(trx, status, days);
      await repo.recomputeDueAt(trx, status, days);
      changes[status] = { from: before.get(status) ?? null, to: days };
    }
    if (Object.keys(changes).length > 0) {
      await recordAuditBatch(trx, actor, [{ action: 'membership.deadlines_changed', targetType: 'membership_deadlines', targetId: null, details: { changes } }]);
    }
    return getDeadlines(trx);
  });
}

/** Names of capability categories by code. */
async function capabilityIndex(db: Db) {
  return new Map((await listCapabilities(db)).map((c) => [c.code, c]));
}

function presentMember(row: Awaited<ReturnType<typeof repo.listMembers>>['items'][number], names: Awaited<ReturnType<typeof capabilityIndex>>): TPublicMember {
  return {
    name: row.name,
    nameUk: row.name_uk,
    country: row.country,
    capabilities: row.capabilities.map((code) => ({ code, nameUk: names.get(code)?.nameUk ?? code, nameEn: names.get(code)?.nameEn ?? code })),
    memberSince: row.member_since!.toISOString(),
  };
}

/** The public register: members only (not suspended or terminated ones), public fields only, sorted and paged as asked. */
export async function listPublicMembers(db: Db, query: Partial<TPublicMemberQuery> & { limit: number; offset: number }) {
  const filter = { q: query.q, country: query.country, capability: query.capability };
  const { limit, offset } = registerPage({ scope: query.scope ?? 'page', limit: query.limit, offset: query.offset });
  const sort = query.sort ?? 'name';
  const [{ items, total }, names] = await Promise.all([
    repo.listMembers(db, filter, limit, offset, { sort, order: sortOrder(sort, query.order, MEMBER_SORT_NATURAL) }),
    capabilityIndex(db),
  ]);
  return { items: items.map((row) => presentMember(row, names)), total, limit, offset };
}

/** Members per country, most first. */
export async function membersByCountry(db: Db) {
  return (await repo.membersByCountry(db)).map((row) => ({ country: row.country, count: Number(row.count) }));
}

/** Register entries as a table for CSV: capabilities joined with "; " (codes, English and Ukrainian names), the date of admission. */
export function publicMembersTable(members: TPublicMember[]): Table {
  return {
    name: 'Alliance members',
    columns: [
      { key: 'name', header: 'Name' },
      { key: 'name_uk', header: 'Name (uk)' },
      { key: 'country', header: 'Country' },
      { key: 'capability_codes', header: 'Capability codes' },
      { key: 'capabilities_en', header: 'Capabilities' },
      { key: 'capabilities_uk', header: 'Capabilities (uk)' },
      { key: 'member_since', header: 'Member since', kind: 'date' },
    ],
    rows: members.map((member) => ({
      name: member.name,
      name_uk: member.nameUk,
      country: member.country,
      capability_codes: member.capabilities.map((c) => c.code).join('; '),
      capabilities_en: member.capabilities.map((c) => c.nameEn).join('; '),
      capabilities_uk: member.capabilities.map((c) => c.nameUk).join('; '),
      member_since: member.memberSince.slice(0, 10),
    })),
  };
}

/** The whole public register as CSV text by name: UTF-8 with a byte-order mark (so Excel reads Cyrillic), CRLF lines. */
export async function publicMembersCsv(db: Db): Promise<string> {
  const [{ items }, names] = await Promise.all([repo.listMembers(db, {}), capabilityIndex(db)]);
  return tableCsv(publicMembersTable(items.map((row) => presentMember(row, names))));
}
