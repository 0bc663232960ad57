import { type Kysely, sql } from 'kysely';
import type { Database } from '../../src/db/schema.ts';

// What a rejected request may still write: the sign-in throttle's failures and the audit events that
// record refusals and failed sign-ins (both are evidence, not data changes).
const EXCLUDED_TABLES = new Set(['login_failures', 'kysely_migration', 'kysely_migration_lock']);
const EVIDENCE_ACTIONS = ['auth.login_failed', 'access.denied'];

const tableLists = new WeakMap<object, Promise<string[]>>();

function tablesOf(db: Kysely<Database>): Promise<string[]> {
  let tables = tableLists.get(db);
  if (!tables) {
    tables = sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`
      .execute(db)
      .then((result) => result.rows.map((row) => row.name).filter((name) => !EXCLUDED_TABLES.has(name)));
    tableLists.set(db, tables);
  }
  return tables;
}

/**
 * A digest of every table's content, for "nothing was written" assertions: one statement over all
 * tables (the fuzzer takes two per request, so round trips matter).
 */
export async function databaseChecksum(db: Kysely<Database>): Promise<string> {
  const parts = (await tablesOf(db)).map((name) => {
    const filter = name === 'audit_events' ? sql`where action not in (${sql.join(EVIDENCE_ACTIONS)})` : sql``;
    // A session's last_seen_at moves with use; its existence and stage are what matter.
    const row = name === 'sessions' ? sql`(t.token_hash, t.stage, t.user_id)::text` : sql`t::text`;
    return sql`select ${name} || ':' || count(*) || ':' || md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as part from ${sql.table(name)} t ${filter}`;
  });
  const result = await sql<{ digest: string }>`select string_agg(part, ';' order by part) as digest from (${sql.join(parts, sql` union all `)}) parts`.execute(db);
  return result.rows[0].digest;
}

/**
 * Counts writes to any table with statement-level triggers and a sequence, so a test can tell in one
 * tiny query that nothing was written since it last looked. A sequence is not transactional: a write
 * rolled back still counts, which only sends the caller to the full digest. A session's last_seen_at
 * (moved by every request) is not counted, as the digest ignores it too.
 */
export async function installWriteCounter(db: Kysely<Database>): Promise<void> {
  await sql`create sequence if not exists test_write_counter`.execute(db);
  await sql`create or replace function test_count_write() returns trigger language plpgsql as $$ begin perform nextval('test_write_counter'); return null; end $$`.execute(db);
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(db);
  for (const { name } of tables.rows) {
    const events = name === 'sessions' ? sql`insert or delete or update of token_hash, user_id, stage, expires_at` : sql`insert or update or delete`;
    await sql`create trigger test_count_write after ${events} on ${sql.table(name)} for each statement execute function test_count_write()`.execute(db);
  }
}

/** The number of write statements counted so far (see installWriteCounter). */
export async function writeCount(db: Kysely<Database>): Promise<string> {
  const result = await sql<{ n: string }>`select (case when is_called then last_value else 0 end)::text as n from test_write_counter`.execute(db);
  return result.rows[0].n;
}
