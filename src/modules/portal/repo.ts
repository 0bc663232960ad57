import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import { pageWithTotal } from '../../db/paging.ts';
import type { Database, PortalFaqTable, PortalImagesTable, PortalPostsTable, PostStatus } from '../../db/schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// Posts -------------------------------------------------------------------------------------------

export type PostRow = Awaited<ReturnType<typeof findPost>> & {};

export function findPost(db: Db, id: string) {
  return db.selectFrom('portal_posts').selectAll().where('id', '=', id).executeTakeFirst();
}

export function lockPost(trx: Trx, id: string) {
  return trx.selectFrom('portal_posts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function postBySlug(db: Db, slug: string) {
  return db.selectFrom('portal_posts').select(['id']).where('slug', '=', slug).executeTakeFirst();
}

export async function insertPost(trx: Trx, row: Insertable<PortalPostsTable>) {
  await trx.insertInto('portal_posts').values(row).execute();
}

export async function updatePost(trx: Trx, id: string, patch: Updateable<PortalPostsTable>) {
  await trx.updateTable('portal_posts').set(patch).where('id', '=', id).execute();
}

export function listPosts(db: Db, filter: { status?: PostStatus; tag?: string; q?: string }, limit: number, offset: number) {
  let query = db.selectFrom('portal_posts').select(['id', 'slug', 'title_uk', 'title_en', 'summary_uk', 'summary_en', 'tags', 'status', 'publish_at', 'published_at', 'version', 'created_by', 'created_at', 'updated_at']);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.tag) query = query.where(sql<boolean>`${filter.tag} = any(tags)`);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(title_en)`, 'like', pattern), eb(sql`lower(title_uk)`, 'like', pattern), eb('slug', 'like', pattern)]));
  }
  return pageWithTotal(query, (q) => q.orderBy(sql`coalesce(published_at, publish_at, created_at)`, 'desc').orderBy('id', 'desc').limit(limit).offset(offset));
}

/** What the public sees: published posts (the scheduled ones whose time came are published by the housekeeping). */
function publicPosts(db: Db) {
  return db.selectFrom('portal_posts').where('status', '=', 'published');
}

export function listPublicPosts(db: Db, filter: { tag?: string }, limit: number, offset: number) {
  let query = publicPosts(db).select(['id', 'slug', 'title_uk', 'title_en', 'summary_uk', 'summary_en', 'body_uk', 'body_en', 'tags', 'published_at', 'updated_at']);
  if (filter.tag) query = query.where(sql<boolean>`${filter.tag} = any(tags)`);
  return pageWithTotal(query, (q) => q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset));
}

export function findPublicPost(db: Db, slug: string) {
  return publicPosts(db).selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function publicTags(db: Db): Promise<string[]> {
  const rows = await sql<{ tag: string }>`select distinct unnest(tags) as tag from portal_posts where status = 'published' order by 1`.execute(db);
  return rows.rows.map((r) => r.tag);
}

/** Every published post's slug and last change (the sitemap). */
export function publicPostSlugs(db: Db) {
  return publicPosts(db).select(['slug', 'updated_at']).orderBy('published_at', 'desc').execute();
}

/** Scheduled posts whose time has come, locked for publishing. */
export function duePosts(trx: Trx, now: Date) {
  return trx.selectFrom('portal_posts').selectAll().where('status', '=', 'scheduled').where('publish_at', '<=', now).forUpdate().skipLocked().execute();
}

/** When the next scheduled post goes out (the public list is cached no longer than that). */
export async function nextScheduledAt(db: Db): Promise<Date | null> {
  const row = await db.selectFrom('portal_posts').select((eb) => eb.fn.min('publish_at').as('next')).where('status', '=', 'scheduled').executeTakeFirst();
  return row?.next ? new Date(row.next as Date) : null;
}

// FAQ ---------------------------------------------------------------------------------------------

export function listFaq(db: Db, onlyPublished: boolean) {
  let query = db.selectFrom('portal_faq').selectAll();
  if (onlyPublished) query = query.where('published', '=', true);
  return query.orderBy('sort_order').orderBy('id').execute();
}

export function lockFaq(trx: Trx, id: string) {
  return trx.selectFrom('portal_faq').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertFaq(trx: Trx, row: Insertable<PortalFaqTable>) {
  await trx.insertInto('portal_faq').values(row).execute();
}

export async function updateFaq(trx: Trx, id: string, patch: Updateable<PortalFaqTable>) {
  await trx.updateTable('portal_faq').set(patch).where('id', '=', id).execute();
}

export async function deleteFaq(trx: Trx, id: string) {
  await trx.deleteFrom('portal_faq').where('id', '=', id).execute();
}

// Open data ---------------------------------------------------------------------------------------

/** The time of the latest audit event whose action starts with one of the prefixes (a dataset's last change). */
export async function lastChangeOf(db: Db, actionPrefixes: string[]): Promise<Date | null> {
  if (actionPrefixes.length === 0) return null;
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.max('occurred_at').as('at'))
    .where((eb) => eb.or(actionPrefixes.map((prefix) => eb('action', 'like', `${escapeLike(prefix)}%`))))
    .executeTakeFirst();
  return row?.at ? new Date(row.at as Date) : null;
}

// Images ------------------------------------------------------------------------------------------

export async function insertImage(trx: Trx, row: Insertable<PortalImagesTable>) {
  await trx.insertInto('portal_images').values(row).execute();
}

export function findImage(db: Db, id: string) {
  return db.selectFrom('portal_images').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listImages(db: Db, limit: number, offset: number) {
  return pageWithTotal(db.selectFrom('portal_images').selectAll(), (q) => q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset));
}
