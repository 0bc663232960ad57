import type { Kysely } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, invalidFields as invalid, staleVersion } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import type { CheckpointSigner } from '../audit/signing.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { STAFF_ROLES } from '../../core/access.ts';
import { regimeScope } from './policy.ts';
import * as repo from './repo.ts';
import { applyResidentStep, grantOnAppeal } from './service.ts';

type Db = Kysely<Database>;

const DAY_MS = 86_400_000;

export function presentAppeal(row: repo.AppealRow) {
  return {
    id: row.id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    grounds: row.grounds,
    status: row.status,
    decisionReason: row.decision_reason,
    decidedAt: row.decided_at ? row.decided_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    version: row.version,
  };
}

/** The decision appealed against: a refusal of an application or a termination of a resident, with who took it and when. */
async function appealedDecision(db: Db, subjectType: 'application' | 'resident', subjectId: string) {
  if (subjectType === 'application') {
    const application = await repo.findApplication(db, subjectId);
    if (!application) return null;
    return { organizationId: application.organization_id, status: application.status as string, appealable: application.status === 'refused', decidedAt: application.decided_at };
  }
  const resident = await repo.findResident(db, subjectId);
  if (!resident) return null;
  return { organizationId: resident.organization_id, status: resident.status as string, appealable: resident.status === 'terminated', decidedAt: resident.ended_at };
}

/** A company appeals a refusal or a termination to the commission, within the configured days. */
export async function fileAppeal(db: Db, auth: AuthContext, actor: AuditActor, input: { subjectType: 'application' | 'resident'; subjectId: string; grounds: string }) {
  const scope = regimeScope(auth);
  if (scope === 'none' || scope === null) throw new AppError('forbidden', 'only the company concerned files an appeal');
  return inTransaction(db, async (trx) => {
    const decision = await appealedDecision(trx, input.subjectType, input.subjectId);
    if (!decision || decision.organizationId !== scope) throw new AppError('not_found', `no such ${input.subjectType}`);
    if (!decision.appealable) throw new AppError('conflict', { detail: `only a refusal or a termination can be appealed; this ${input.subjectType} is ${decision.status}`, extra: { currentStatus: decision.status } });
    const settings = await repo.getSettings(trx);
    const now = new Date();
    if (decision.decidedAt && now.getTime() > decision.decidedAt.getTime() + settings.appeal_days * DAY_MS) {
      throw new AppError('conflict', `the ${settings.appeal_days} days to appeal have passed`);
    }
    if (await repo.pendingAppealFor(trx, input.subjectType, input.subjectId)) throw new AppError('already_exists', 'an appeal of this decision is pending already');
    const id = uuidv7();
    await repo.insertAppeal(trx, { id, organization_id: scope, subject_type: input.subjectType, subject_id: input.subjectId, grounds: input.grounds, status: 'pending', filed_by: actor.actorLabel, version: 1, created_at: now });
    await recordAuditBatch(trx, actor, [{ action: 'regime.appeal_filed', targetType: 'regime_appeal', targetId: id, details: { organizationId: scope, subjectType: input.subjectType, subjectId: input.subjectId } }]);
    return presentAppeal((await repo.findAppeal(trx, id))!);
  });
}

export async function listAppeals(db: Db, auth: AuthContext, query: { status?: 'pending' | 'upheld' | 'dismissed'; limit: number; offset: number }) {
  const scope = regimeScope(auth);
  const isMember = auth.user ? await repo.isCommissionMember(db, auth.user.id) : false;
  // Commission members who hold no regime staff role still see the appeals they are to decide.
  const organizationId = scope === null || isMember ? undefined : scope;
  if (organizationId === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listAppeals(db, { status: query.status, organizationId }, query.limit, query.offset);
  return { items: items.map(presentAppeal), total, limit: query.limit, offset: query.offset };
}

/**
 * A member of the commission decides an appeal. Upholding reverses the decision: a refused
 * application is granted (with a certificate), a terminated resident is active again. Whoever took
 * the decision appealed against may not decide its appeal.
 */
export async function decideAppeal(db: Db, signer: CheckpointSigner, auth: AuthContext, actor: AuditActor, id: string, input: { decision: 'uphold' | 'dismiss'; reason: string; version: number }) {
  const userId = auth.user?.id;
  if (!userId || !(await repo.isCommissionMember(db, userId))) throw new AppError('forbidden', 'only members of the appeal commission decide appeals');
  return inTransaction(db, async (trx) => {
    if (!(await repo.findAppeal(trx, id))) throw new AppError('not_found', 'no such appeal');
    await repo.lockAppeal(trx, id);
    const appeal = (await repo.findAppeal(trx, id))!;
    if (appeal.version !== input.version) throw staleVersion(appeal.version, 'appeal');
    if (appeal.status !== 'pending') throw new AppError('invalid_transition', { detail: `the appeal was ${appeal.status} already`, extra: { currentStatus: appeal.status, allowed: [] } });
    const history = await repo.listTransitions(trx, appeal.subject_type, appeal.subject_id);
    const appealedStep = [...history].reverse().find((step) => step.to_status === (appeal.subject_type === 'application' ? 'refused' : 'terminated'));
    if (appealedStep?.actor_id === userId) throw new AppError('forbidden', 'you took the decision appealed against: another member of the commission must decide the appeal');
    const now = new Date();
    const status = input.decision === 'uphold' ? 'upheld' : 'dismissed';
    await repo.updateAppeal(trx, id, { status, decided_by: actor.actorLabel, decision_reason: input.reason, decided_at: now, version: appeal.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: `regime.appeal_${status}`, targetType: 'regime_appeal', targetId: id, details: { organizationId: appeal.organization_id, subjectType: appeal.subject_type, subjectId: appeal.subject_id } }]);
    if (status === 'upheld') {
      if (appeal.subject_type === 'application') {
        await grantOnAppeal(trx, signer, auth, actor, appeal.subject_id, input.reason, now);
      } else {
        await repo.lockResident(trx, appeal.subject_id);
        const resident = (await repo.findResident(trx, appeal.subject_id))!;
        if (await repo.currentResidentOf(trx, resident.organization_id)) throw new AppError('conflict', 'the organization is a resident again under a later grant; nothing to reinstate');
        await applyResidentStep(trx, actor, resident, 'active', `appeal upheld: ${input.reason}`, now);
      }
    }
    await enqueueOrganizationEmail(trx, {
      organizationId: appeal.organization_id,
      subject: 'Апеляція / Appeal',
      body:
        status === 'upheld'
          ? `Комісія задовольнила вашу апеляцію.\n\n${input.reason}\n\n---\n\nThe commission upheld your appeal.\n\n${input.reason}\n`
          : `Комісія відхилила вашу апеляцію.\n\n${input.reason}\n\n---\n\nThe commission dismissed your appeal.\n\n${input.reason}\n`,
    });
    return presentAppeal((await repo.findAppeal(trx, id))!);
  });
}

// The commission ------------------------------------------------------------------------------------

export async function getCommission(db: Db) {
  return { members: (await repo.commissionMembers(db)).map((m) => ({ userId: m.user_id, email: m.email, addedAt: m.added_at.toISOString() })) };
}

/** Sets the members of the appeal commission: active staff users only. */
export async function putCommission(db: Db, actor: AuditActor, userIds: string[]) {
  return inTransaction(db, async (trx) => {
    const users = await repo.staffUsers(trx, userIds);
    const byId = new Map(users.map((u) => [u.id, u]));
    const refused = userIds.filter((id) => {
      const user = byId.get(id);
      return !user || user.status !== 'active' || !user.roles.some((role) => (STAFF_ROLES as readonly string[]).includes(role));
    });
    if (refused.length) throw invalid([{ field: 'body.userIds', message: `not active staff users: ${refused.join(', ')}` }]);
    await repo.replaceCommission(trx, userIds, actor.actorLabel, new Date());
    await recordAuditBatch(trx, actor, [{ action: 'regime.commission_changed', targetType: 'regime_commission', targetId: null, details: { userIds: [...userIds].sort() } }]);
    return getCommission(trx);
  });
}
