import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Every list with its current version's counts and files. */
export async function listLists(db: Db) {
  return db
    .selectFrom('screening_lists as l')
    .leftJoin('screening_list_versions as v', 'v.id', 'l.current_version_id')
    .select(['l.source', 'l.format', 'l.current_version_id', 'v.entity_count', 'v.name_count', 'v.files', 'v.warnings', 'v.imported_by', 'v.imported_at'])
    .orderBy('l.source')
    .execute();
}

/** The current version id of every list, in source order: what the in-process index is built from. */
export async function currentVersions(db: Db) {
  return db
    .selectFrom('screening_lists as l')
    .innerJoin('screening_list_versions as v', 'v.id', 'l.current_version_id')
    .select(['l.source', 'v.id as version_id', 'v.imported_at'])
    .orderBy('l.source')
    .execute();
}

/**
 * Creates the list's row if it is new and locks it until the transaction ends, so two imports of the
 * same source queue instead of interleaving. Returns the version it replaces.
 */
export async function lockList(trx: Transaction<Database>, source: string, format: string, at: Date): Promise<{ current_version_id: string | null }> {
  await trx.insertInto('screening_lists').values({ source, format, current_version_id: null, created_at: at, updated_at: at }).onConflict((oc) => oc.column('source').doNothing()).execute();
  return trx.selectFrom('screening_lists').select('current_version_id').where('source', '=', source).forUpdate().executeTakeFirstOrThrow();
}

/** Inserts a version row. */
export async function insertVersion(
  trx: Transaction<Database>,
  row: { id: string; source: string; format: string; files: Array<{ name: string; bytes: number; sha256: string }>; entity_count: number; name_count: number; warnings: unknown[]; imported_by: string; imported_at: Date },
): Promise<void> {
  await trx
    .insertInto('screening_list_versions')
    .values({ ...row, files: JSON.stringify(row.files), warnings: JSON.stringify(row.warnings) })
    .execute();
}

/** One entity of a version, ready to store. */
export interface EntityRow {
  entity_id: string;
  schema: string;
  caption: string;
  content_hash: string;
  data: unknown;
}

/** Inserts a chunk of a version's entities in one statement (arrays unnested in SQL). */
export async function insertEntities(trx: Transaction<Database>, versionId: string, rows: EntityRow[]): Promise<void> {
  if (rows.length === 0) return;
  await sql`
    insert into screening_entities (version_id, entity_id, schema, caption, content_hash, data)
    select ${versionId}::uuid, e.entity_id, e.schema, e.caption, e.content_hash, e.data::jsonb
    from unnest(${rows.map((r) => r.entity_id)}::text[], ${rows.map((r) => r.schema)}::text[], ${rows.map((r) => r.caption)}::text[],
                ${rows.map((r) => r.content_hash)}::text[], ${rows.map((r) => JSON.stringify(r.data))}::text[]) as e(entity_id, schema, caption, content_hash, data)`.execute(trx);
}

/** Makes a version the list's current one; the replaced version keeps its row (history) but drops its entities. */
export async function swapVersion(trx: Transaction<Database>, source: string, versionId: string, replacedId: string | null, at: Date): Promise<void> {
  await trx.updateTable('screening_lists').set({ current_version_id: versionId, updated_at: at }).where('source', '=', source).execute();
  if (replacedId) {
    await trx.updateTable('screening_list_versions').set({ replaced_at: at }).where('id', '=', replacedId).execute();
    await trx.deleteFrom('screening_entities').where('version_id', '=', replacedId).execute();
  }
}

/** The stored records of the given versions' entities, in a stable order. */
export async function entitiesOf(db: Db, versionIds: string[]) {
  if (versionIds.length === 0) return [];
  return db.selectFrom('screening_entities').select(['version_id', 'entity_id', 'schema', 'data']).where('version_id', 'in', versionIds).orderBy('version_id').orderBy('entity_id').execute();
}

/** The entities of one version in entity-id order, optionally only those of a schema and with a country among theirs. */
export async function entitiesOfVersion(db: Db, versionId: string, filter: { schema?: string; country?: string }) {
  let query = db.selectFrom('screening_entities').select(['entity_id', 'data']).where('version_id', '=', versionId);
  if (filter.schema) query = query.where('schema', '=', filter.schema);
  if (filter.country) query = query.where(sql<boolean>`data -> 'countries' ? ${filter.country}`);
  return query.orderBy('entity_id').execute();
}

/** Entity id → content hash of the entities of the given versions (what re-screening compares). */
export async function entityHashes(db: Db, versionIds: string[]): Promise<Map<string, string>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db.selectFrom('screening_entities').select(['entity_id', 'content_hash']).where('version_id', 'in', versionIds).execute();
  return new Map(rows.map((r) => [r.entity_id, r.content_hash]));
}

/** The stored records and hashes of some entities of the given versions. */
export async function entitiesByIds(db: Db, versionIds: string[], entityIds: string[]) {
  if (versionIds.length === 0 || entityIds.length === 0) return [];
  return db.selectFrom('screening_entities').select(['entity_id', 'content_hash', 'data']).where('version_id', 'in', versionIds).where('entity_id', 'in', entityIds).execute();
}
