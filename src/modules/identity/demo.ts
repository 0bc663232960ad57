import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { hashPassword } from './credentials.ts';
import * as repo from './repo.ts';
import { createUser } from './service.ts';

/** The demo administrator's e-mail. */
export const DEMO_ADMIN_EMAIL = 'admin@demo.adi.example';

/**
 * Creates the demo administrator, or gives the existing one a new password, so `adi serve --demo`
 * can always print working credentials.
 */
export async function ensureDemoAdministrator(db: Kysely<Database>, actor: AuditActor, password: string): Promise<string> {
  const existing = await repo.findUserByEmail(db, DEMO_ADMIN_EMAIL);
  if (!existing) {
    await createUser(db, actor, { email: DEMO_ADMIN_EMAIL, displayName: 'Demo Administrator', roles: ['admin'], password });
    return DEMO_ADMIN_EMAIL;
  }
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    await repo.updateUser(trx, existing.id, { password_hash: passwordHash, password_changed_at: now, status: 'active', updated_at: now });
    await repo.deleteUserSessions(trx, existing.id);
    await recordAudit(trx, actor, { action: 'user.password_reset', targetType: 'user', targetId: existing.id, details: { reason: 'demo start' } });
  });
  return DEMO_ADMIN_EMAIL;
}
