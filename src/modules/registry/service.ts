import type { Kysely } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { visibleOrganizationId } from './policy.ts';
import * as repo from './repo.ts';
import type { TOrganization } from './schema.ts';

function present(row: { id: string; name: string; created_at: Date }): TOrganization {
  return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
}

/** True when an organization with this id exists. */
export async function organizationExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await repo.findOrganization(db, id)) !== undefined;
}

/** Creates an organization record (a placeholder until the registry domain fills it in). */
export async function createOrganization(db: Kysely<Database>, actor: AuditActor, input: { name: string }): Promise<TOrganization> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = { id: uuidv7(), name: input.name, created_at: now, updated_at: now };
    await repo.insertOrganization(trx, row);
    await recordAudit(trx, actor, { action: 'organization.created', targetType: 'organization', targetId: row.id, details: { name: row.name } });
    return present(row);
  });
}

/** Organizations the caller may see, a page at a time. */
export async function listOrganizations(db: Kysely<Database>, auth: AuthContext, q: string | undefined, limit: number, offset: number) {
  const only = visibleOrganizationId(auth);
  if (only === 'none') return { items: [], total: 0, limit, offset };
  const { items, total } = await repo.listOrganizations(db, { q, onlyId: only ?? undefined }, limit, offset);
  return { items: items.map(present), total, limit, offset };
}

/** One organization, if the caller may see it (404 otherwise, so ids cannot be probed). */
export async function getOrganization(db: Kysely<Database>, auth: AuthContext, id: string): Promise<TOrganization> {
  const only = visibleOrganizationId(auth);
  if (only !== null && only !== id) throw new AppError('not_found', 'no such organization');
  const row = await repo.findOrganization(db, id);
  if (!row) throw new AppError('not_found', 'no such organization');
  return present(row);
}
