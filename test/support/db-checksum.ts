import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

// What a rejected request may still write: the sign-in throttle's failures and the audit events that
// record refusals and failed sign-ins (both are evidence, not data changes).
const EXCLUDED_TABLES = new Set(['login_failures', 'kysely_migration', 'kysely_migration_lock']);
const EVIDENCE_ACTIONS = ['auth.login_failed', 'access.denied'];

/** A digest of every table's content, for "nothing was written" assertions. */
export async function databaseChecksum(db: Kysely<Database>): Promise<string> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    if (EXCLUDED_TABLES.has(name)) continue;
    const filter = name === 'audit_events' ? sql`where action not in (${sql.join(EVIDENCE_ACTIONS)})` : sql``;
    // A session's last_seen_at moves with use; its existence and stage are what matter.
    const row = name === 'sessions' ? sql`(t.token_hash, t.stage, t.user_id)::text` : sql`t::text`;
    const result = await sql<{ digest: string | null; n: number }>`
      select md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as digest, count(*)::int as n
      from ${sql.table(name)} t ${filter}`.execute(db);
    parts.push(`${name}:${result.rows[0].n}:${result.rows[0].digest}`);
  }
  return parts.join(';');
}
