import { type Kysely, sql } from 'kysely';

// A company sees the organizations above its own through confirmed ownership links, and through a
// pending link only when it registered the owner with that link. Naming an existing organization as
// one's owner must not open that organization's records before an officer confirms the link.
/** Marks ownership links whose owner organization was registered in the same request. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ownership_links add column owner_registered_with_link boolean not null default false`.execute(db);
  // Earlier links: the owner was registered with the link when both were created in one transaction.
  await sql`update ownership_links l set owner_registered_with_link = true
    from organizations o where o.id = l.owner_organization_id and o.created_at = l.created_at`.execute(db);
}

/** Drops the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ownership_links drop column owner_registered_with_link`.execute(db);
}
