import type { Kysely } from 'kysely';
import { type AuthContext, holdsAny } from '../../core/access.ts';
import { canonicalJson, sha256Hex } from '../../core/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, SYSTEM_ACTOR, recordAudit } from '../audit/service.ts';
import { registerJobHandler } from '../jobs/service.ts';
import { SCREENING_QUEUE, type ScreeningRecord, screeningRecords } from '../registry/service.ts';
import * as casesRepo from './cases-repo.ts';
import type { TCase, TOrganizationScreening } from './cases-schema.ts';
import { DEFAULT_THRESHOLD } from './engine/screening-index.ts';
import { CASE_DECIDERS } from './policy.ts';
import * as repo from './repo.ts';
import { currentIndex } from './service.ts';
import type { ListEntity, ScreeningMatch } from './types.ts';

// Screening cases (docs/decisions/0010-screening.md): screening an organization checks it, the
// holding companies above it, their owners and its officers against the current lists. Each hit at or
// above the threshold is a case (one per record and listed entity) that an analyst confirms or
// dismisses with a reason. A dismissed case stays dismissed on re-screening unless the list entry
// changed; a confirmed hit blocks the organization everywhere.

type Db = Kysely<Database>;

/** Most matches kept per screened name. */
const MATCHES_PER_NAME = 10;

/** The best match per listed entity over all names of one record. */
function matchRecord(index: Awaited<ReturnType<typeof currentIndex>>['index'], record: ScreeningRecord): ScreeningMatch[] {
  const best = new Map<string, ScreeningMatch>();
  for (const name of record.names) {
    const matches = index.match(
      {
        name,
        schema: record.type === 'organization' ? 'Organization' : 'Person',
        ...(record.birthDate ? { birthDate: record.birthDate } : {}),
        ...(record.country ? { country: record.country } : {}),
        ...(record.identifiers.length ? { identifiers: record.identifiers } : {}),
      },
      { threshold: DEFAULT_THRESHOLD, limit: MATCHES_PER_NAME },
    );
    for (const m of matches) {
      const prior = best.get(m.entityId);
      if (!prior || m.score > prior.score) best.set(m.entityId, m);
    }
  }
  return [...best.values()];
}

function subjectSnapshot(record: ScreeningRecord) {
  return { type: record.type, id: record.id, name: record.names[0], role: record.role, names: record.names, country: record.country, birthDate: record.birthDate, nationalities: record.nationalities, identifiers: record.identifiers };
}

/**
 * Screens an organization now, in the caller's transaction: opens a case for each new hit, refreshes
 * open ones, reopens a dismissed one whose list entry changed, and unlinks cases of records that no
 * longer match. Every case change is audited (without personal data).
 */
export async function screenOrganization(db: Db, actor: AuditActor, organizationId: string) {
  return inTransaction(db, async (trx) => {
    const records = await screeningRecords(trx, organizationId);
    const loaded = await currentIndex(trx);
    const hits = records.flatMap((record) => matchRecord(loaded.index, record).map((match) => ({ record, match })));
    const stored = new Map(
      (await repo.entitiesByIds(trx, loaded.lists.map((l) => l.versionId), [...new Set(hits.map((h) => h.match.entityId))])).map((e) => [e.entity_id, e]),
    );
    const existing = new Map((await casesRepo.lockCasesOfSubjects(trx, records.map((r) => r.id))).map((c) => [`${c.subject_type}:${c.subject_id}:${c.entity_id}`, c]));
    const now = new Date();
    const caseIds: string[] = [];
    let opened = 0;
    for (const { record, match } of hits) {
      const entity = stored.get(match.entityId);
      if (!entity) continue; // the list changed under us; the job that follows the import screens again
      const prior = existing.get(`${record.type}:${record.id}:${match.entityId}`);
      const score = Math.round(match.score * 10_000) / 10_000;
      const found = {
        score,
        matched_name: match.matchedName,
        evidence: match.evidence,
        subject: subjectSnapshot(record),
        subject_name: record.names[0],
        entity: entity.data,
        entity_hash: entity.content_hash,
        entity_caption: match.caption,
      };
      if (!prior) {
        const id = uuidv7();
        await casesRepo.insertCase(trx, { id, subject_type: record.type, subject_id: record.id, entity_id: match.entityId, list_source: match.source, created_at: now, ...found });
        await recordAudit(trx, actor, { action: 'screening.case.opened', targetType: 'screening_case', targetId: id, details: { organizationId, subjectType: record.type, subjectId: record.id, entityId: match.entityId, score } });
        caseIds.push(id);
        opened += 1;
        continue;
      }
      caseIds.push(prior.id);
      if (prior.status === 'open') {
        // Only a real change bumps the version: an analyst halfway through a decision is not sent
        // back by a re-screening that found the same thing.
        const changed = Number(prior.score) !== score || prior.entity_hash !== entity.content_hash || prior.matched_name !== match.matchedName || canonicalJson(prior.subject) !== canonicalJson(found.subject);
        if (changed) await casesRepo.refreshCase(trx, prior.id, found, now);
      } else if (prior.status === 'dismissed' && prior.entity_hash !== entity.content_hash) {
        await casesRepo.refreshCase(trx, prior.id, { ...found, reopen: 'the list entry changed after the case was dismissed' }, now);
        await recordAudit(trx, actor, { action: 'screening.case.reopened', targetType: 'screening_case', targetId: prior.id, details: { organizationId, entityId: match.entityId, score } });
        opened += 1;
      }
      // A confirmed case stays confirmed; a dismissed one whose entry did not change stays dismissed.
    }
    await casesRepo.linkCases(trx, caseIds, organizationId);
    const stale = await casesRepo.unlinkOtherCases(trx, organizationId, caseIds);
    for (const id of stale) await recordAudit(trx, actor, { action: 'screening.case.no_longer_matches', targetType: 'screening_case', targetId: id, details: { organizationId } });
    await casesRepo.recordRun(trx, { organization_id: organizationId, screened_at: now, subjects: records.length, hits: hits.length, list_versions: loaded.key });
    await recordAudit(trx, actor, { action: 'screening.organization.screened', targetType: 'organization', targetId: organizationId, details: { subjects: records.length, hits: hits.length, opened, listVersions: loaded.lists.map((l) => l.versionId) } });
    return { organizationId, subjects: records.length, hits: hits.length, opened, status: await organizationScreening(trx, organizationId) };
  });
}

/** The organization's screening status: a confirmed hit, open cases, clear, or never screened. */
export async function organizationScreening(db: Db, organizationId: string): Promise<TOrganizationScreening> {
  const { counts, run } = await casesRepo.organizationStatus(db, organizationId);
  const confirmed = counts.get('confirmed') ?? 0;
  const open = counts.get('open') ?? 0;
  return {
    organizationId,
    status: confirmed > 0 ? 'confirmed_hit' : open > 0 ? 'open_cases' : run ? 'clear' : 'not_screened',
    openCases: open,
    confirmedCases: confirmed,
    dismissedCases: counts.get('dismissed') ?? 0,
    screenedAt: run ? run.screened_at.toISOString() : null,
  };
}

function presentCase(row: casesRepo.CaseRow, organizations: Array<{ id: string; name: string }>): TCase {
  const subject = row.subject as ReturnType<typeof subjectSnapshot>;
  const entity = row.entity as ListEntity;
  return {
    id: row.id,
    status: row.status,
    score: Number(row.score),
    subject,
    entity: {
      id: entity.id,
      caption: entity.caption,
      source: row.list_source,
      schema: entity.schema,
      names: entity.names,
      birthDates: entity.birthDates,
      countries: entity.countries,
      identifiers: entity.identifiers,
      programs: entity.programs,
      sourceUrls: entity.sourceUrls,
      ...(entity.notes ? { notes: entity.notes } : {}),
    },
    matchedName: row.matched_name,
    evidence: row.evidence as TCase['evidence'],
    organizations,
    decision: row.decided_at && row.decided_by && row.decision_reason ? { reason: row.decision_reason, by: row.decided_by, at: row.decided_at.toISOString() } : null,
    reopenedBecause: row.reopened_because,
    allowedDecisions: row.status === 'open' ? ['confirm', 'dismiss'] : [],
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** A case as this caller sees it: decisions are offered only to those who may take them (analysts). */
export function asSeenBy(item: TCase, auth: AuthContext): TCase {
  return holdsAny(auth, CASE_DECIDERS) ? item : { ...item, allowedDecisions: [] };
}

async function presentCases(db: Db, rows: casesRepo.CaseRow[]): Promise<TCase[]> {
  const links = await casesRepo.organizationsOfCases(db, rows.map((r) => r.id));
  return rows.map((row) => presentCase(row, links.filter((l) => l.case_id === row.id).map((l) => ({ id: l.id, name: l.name }))));
}

/** A page of cases, open first. */
export async function listCases(db: Db, filter: casesRepo.CaseFilter, limit: number, offset: number) {
  const { items, total } = await casesRepo.listCases(db, filter, limit, offset);
  return { items: await presentCases(db, items), total };
}

/** One case; 404 when there is none. */
export async function getCase(db: Db, id: string): Promise<TCase> {
  const row = await casesRepo.findCase(db, id);
  if (!row) throw new AppError('not_found', 'no such screening case');
  return (await presentCases(db, [row]))[0];
}

/**
 * An analyst confirms or dismisses an open case, with a reason. A stale version is a 409; a decided
 * case is a 409 `invalid_transition` (it reopens by itself when its list entry changes). The audit
 * event keeps a hash of the reason: the reason is on the case, and may name people.
 */
export async function decideCase(db: Db, actor: AuditActor, id: string, input: { decision: 'confirm' | 'dismiss'; reason: string; version: number }): Promise<TCase> {
  return inTransaction(db, async (trx) => {
    const row = await casesRepo.lockCase(trx, id);
    if (!row) throw new AppError('not_found', 'no such screening case');
    if (row.version !== input.version) throw new AppError('conflict', { detail: `the case changed (version ${row.version}, you sent ${input.version}); read it again`, extra: { currentVersion: row.version } });
    if (row.status !== 'open') throw new AppError('invalid_transition', { detail: `the case is already ${row.status}`, extra: { allowed: [] } });
    const status = input.decision === 'confirm' ? 'confirmed' : 'dismissed';
    await casesRepo.decideCase(trx, id, status, input.reason, actor.actorLabel, new Date());
    await recordAudit(trx, actor, { action: `screening.case.${status}`, targetType: 'screening_case', targetId: id, details: { entityId: row.entity_id, subjectType: row.subject_type, subjectId: row.subject_id, reasonSha256: sha256Hex(input.reason) } });
    return getCase(trx, id);
  });
}

/** Makes the job queue screen organizations (`screening.organization` jobs queued by the registry and by list imports). */
export function registerScreeningJobs(): void {
  registerJobHandler(SCREENING_QUEUE, async (trx, payload) => {
    const { organizationId } = payload as { organizationId: string };
    try {
      await screenOrganization(trx, SYSTEM_ACTOR, organizationId);
    } catch (error) {
      // An organization that no longer exists has nothing to screen.
      if (error instanceof AppError && error.code === 'not_found') return;
      throw error;
    }
  });
}
