import { type Kysely, sql } from 'kysely';

// Sanctions lists (docs/decisions/0010-screening.md). A list is a source (ofac, un, …) whose current
// version is swapped in one transaction when an import completes, so a failed import changes nothing.
// Every entity keeps the whole parsed record (names in all scripts, birth dates, countries,
// identifiers, programs, links) as JSON, and a hash of it, so that a dismissed hit can tell whether the
// list entry changed since.
const statements = [
  sql`create table screening_lists (
    source text primary key check (source ~ '^[a-z0-9][a-z0-9_.-]{0,39}$'),
    format text not null check (format in ('ofac-csv', 'un-xml', 'ftm-json', 'simple-csv')),
    current_version_id uuid,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create table screening_list_versions (
    id uuid primary key,
    source text not null references screening_lists (source),
    format text not null,
    files jsonb not null,
    entity_count int not null check (entity_count >= 0),
    name_count int not null check (name_count >= 0),
    warnings jsonb not null default '[]',
    imported_by text not null,
    imported_at timestamptz not null,
    replaced_at timestamptz
  )`,
  sql`create index screening_list_versions_source_idx on screening_list_versions (source, imported_at)`,
  // current_version_id has no foreign key on purpose: versions already refer to their list, and a
  // cycle of foreign keys would leave backups (which restore tables in dependency order) no order.
  sql`create table screening_entities (
    version_id uuid not null references screening_list_versions (id) on delete cascade,
    entity_id text not null,
    schema text not null,
    caption text not null,
    content_hash text not null,
    data jsonb not null,
    primary key (version_id, entity_id)
  )`,
  sql`create index screening_entities_entity_idx on screening_entities (entity_id)`,
];

/** Creates the sanctions list tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['screening_entities', 'screening_list_versions', 'screening_lists']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
}
