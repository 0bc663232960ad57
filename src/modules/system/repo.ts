import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type AnyDb = Kysely<Database>;

const SKIPPED_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

/** Tables of the public schema in an order where every table comes after the tables it references. */
export async function tablesInDependencyOrder(db: AnyDb): Promise<string[]> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const references = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`.execute(db);
  const names = tables.rows.map((r) => r.name).filter((name) => !SKIPPED_TABLES.has(name));
  const parents = new Map(names.map((name) => [name, new Set<string>()]));
  for (const { child, parent } of references.rows) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !placed.has(name) && [...(parents.get(name) ?? [])].every((p) => placed.has(p) || !parents.has(p)));
    if (ready.length === 0) throw new Error('foreign keys form a cycle between tables');
    for (const name of ready) {
      ordered.push(name);
      placed.add(name);
    }
  }
  return ordered;
}

/** Applied migration names, in order. */
export async function appliedMigrations(db: AnyDb): Promise<string[]> {
  const rows = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.rows.map((r) => r.name);
}

/** The primary-key columns of a table, in key order. */
export async function primaryKeyColumns(db: AnyDb, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select a.attname as name
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table}::regclass and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return result.rows.map((r) => r.name);
}

/** Rows of a table as JSON text (PostgreSQL's own encoding of every column type), in primary-key order. */
export async function tableRowsAsJson(db: AnyDb, table: string, orderBy: string[], offset: number, limit: number): Promise<string[]> {
  const order = sql.join(orderBy.map((column) => sql.ref(`t.${column}`)));
  const rows = await sql<{ row: string }>`
    select to_jsonb(t)::text as row from ${sql.table(table)} t order by ${order} offset ${offset} limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.row);
}

/** Number of rows in a table. */
export async function countRows(db: AnyDb, table: string): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
  return Number(result.rows[0].n);
}

/** The columns of a table that take values on insert (not generated ones), in column order. */
export async function insertableColumns(db: AnyDb, table: string): Promise<string[]> {
  const result = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`.execute(db);
  return result.rows.map((r) => r.name);
}

/** Inserts rows given as JSON objects, converting each field with PostgreSQL's own rules. */
export async function insertJsonRows(db: AnyDb, table: string, columns: string[], rowsJson: string): Promise<void> {
  const list = sql.join(columns.map((c) => sql.ref(c)));
  await sql`insert into ${sql.table(table)} (${list})
    select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${rowsJson}::jsonb)`.execute(db);
}

/** Deletes every row of a table (restoring seeded reference data over the migration's copy). */
export async function deleteAllRows(db: AnyDb, table: string): Promise<void> {
  await sql`delete from ${sql.table(table)}`.execute(db);
}

/**
 * Moves every serial column's sequence past the largest value in its table: restored rows keep
 * their numbers, so without this the next insert would reuse one (a unique violation).
 */
export async function advanceSequences(db: AnyDb): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string; sequence: string | null }>`
    select table_name, column_name, pg_get_serial_sequence(quote_ident(table_name), column_name) as sequence
      from information_schema.columns
     where table_schema = 'public' and column_default like 'nextval(%'`.execute(db);
  for (const row of rows) {
    if (!row.sequence) continue;
    await sql`select setval(${row.sequence}::regclass, coalesce((select max(${sql.ref(row.column_name)}) from ${sql.table(row.table_name)}), 0) + 1, false)`.execute(db);
  }
}
