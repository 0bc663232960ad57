import { type Kysely, sql } from 'kysely';

// Images for news posts (issue #10): the bytes go to the documents store (content-addressed, like every
// document), this table holds what the portal needs to show them. They belong to the platform, not to
// an organization. A post refers to its images from its Markdown, so the unused id list on posts goes.
const statements = [
  sql`create table portal_images (
    id uuid primary key,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content_type text not null check (content_type in ('image/png', 'image/jpeg', 'image/webp')),
    size_bytes bigint not null check (size_bytes > 0),
    file_name text not null,
    alt_uk text not null,
    alt_en text not null,
    uploaded_by text not null,
    created_at timestamptz not null
  )`,
  sql`create index portal_images_created_idx on portal_images (created_at desc, id desc)`,
  sql`alter table portal_posts drop column image_document_ids`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops the images and gives posts their id list back. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists portal_images`.execute(db);
  await sql`alter table portal_posts add column if not exists image_document_ids uuid[] not null default '{}'`.execute(db);
}
