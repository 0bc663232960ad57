import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import type {
  Database,
  DocumentsTable,
  OrganizationIdentifiersTable,
  OrganizationOfficersTable,
  OrganizationsTable,
  OwnershipLinksTable,
  PeopleTable,
  ReviewStatus,
} from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Review states that still hold a place (an identifier, a share) in the registry. */
export const LIVE_STATUSES: ReviewStatus[] = ['pending', 'confirmed', 'removal_pending'];
/** Review states an officer has accepted as fact (used for beneficial owners). */
export const EFFECTIVE_STATUSES: ReviewStatus[] = ['confirmed', 'removal_pending'];

// Organizations -----------------------------------------------------------------------------------

/** The organization with this id, or undefined. */
export async function findOrganization(db: Db, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks an organization row for the rest of the transaction (serializes edits of its owners and identifiers). */
export async function lockOrganization(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('organizations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Locks several organizations' rows for the transaction (in id order, so two imports never deadlock); returns the ids found. */
export async function lockOrganizations(trx: Transaction<Database>, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('organizations').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
  return rows.map((row) => row.id);
}

/** Names and countries of organizations by id. */
export async function organizationNames(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('organizations').select(['id', 'name', 'name_uk', 'country']).where('id', 'in', ids).execute();
}

/** Inserts organizations (one multi-row statement). */
export async function insertOrganizations(trx: Transaction<Database>, rows: Insertable<OrganizationsTable>[]): Promise<void> {
  if (rows.length) await trx.insertInto('organizations').values(rows).execute();
}

/** Applies a profile change if the row is still at `expectedVersion`; false when someone changed it first. */
export async function updateOrganization(trx: Transaction<Database>, id: string, expectedVersion: number, patch: Updateable<OrganizationsTable>): Promise<boolean> {
  const result = await trx
    .updateTable('organizations')
    .set({ ...patch, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** What a search of organizations may filter on. */
export interface OrganizationFilter {
  q?: string;
  country?: string;
  capability?: string;
  kind?: string;
  /** Limit to these organizations (a company user's own and the ones above it). */
  onlyIds?: string[];
}

/**
 * A page of organizations. With `q`, the search goes in three tiers and answers from the first that
 * finds anything: an exact identifier (`UA-EDR-…` or the bare number); every word of `q` as a
 * substring of some name in any script (the generated `search_text`, served by a trigram GIN index);
 * then trigram word similarity for typos and other transliterations. Tiers keep every query on the
 * index: one OR across them would make PostgreSQL scan the table.
 */
export async function searchOrganizations(db: Db, filter: OrganizationFilter, limit: number, offset: number) {
  const filtered = () => {
    let query = db.selectFrom('organizations as o');
    if (filter.country) query = query.where('o.country', '=', filter.country);
    if (filter.kind) query = query.where('o.kind', '=', filter.kind as OrganizationsTable['kind']);
    if (filter.capability) query = query.where(sql<boolean>`o.capabilities && array[${filter.capability}]::text[]`);
    if (filter.onlyIds) query = query.where('o.id', 'in', filter.onlyIds.length ? filter.onlyIds : ['00000000-0000-0000-0000-000000000000']);
    return query;
  };
  type Query = ReturnType<typeof filtered>;
  const q = filter.q?.trim().toLowerCase().normalize('NFC');
  const tiers: Array<{ where: (query: Query) => Query; order: 'name' | 'similarity' }> = [];
  if (!q) tiers.push({ where: (query) => query, order: 'name' });
  else {
    if (/\d/.test(q) && !/\s/.test(q)) {
      const upper = q.toUpperCase();
      const holders = db
        .selectFrom('organization_identifiers')
        .select('organization_id')
        .where('status', 'in', LIVE_STATUSES)
        .where((eb) => eb.or([eb('identifier', '=', upper), eb('value', '=', upper)]));
      tiers.push({ where: (query) => query.where('o.id', 'in', holders), order: 'name' });
    }
    const words = q.split(/\s+/).filter(Boolean).slice(0, 8);
    tiers.push({ where: (query) => words.reduce((acc, word) => acc.where('o.search_text', 'like', `%${escapeLike(word)}%`), query), order: 'name' });
    tiers.push({ where: (query) => query.where(sql<boolean>`o.search_text %> ${q}`), order: 'similarity' });
  }
  const withIdentifiers = (query: Query) =>
    query
      .select(['o.id', 'o.name', 'o.name_uk', 'o.short_name', 'o.country', 'o.kind', 'o.capabilities', 'o.created_at'])
      .select((eb) =>
        eb
          .selectFrom('organization_identifiers as i')
          .select(sql<string[]>`coalesce(array_agg(i.identifier order by i.identifier), '{}')`.as('ids'))
          .whereRef('i.organization_id', '=', 'o.id')
          .where('i.status', 'in', LIVE_STATUSES)
          .as('identifiers'),
      );
  for (const tier of tiers) {
    const base = tier.where(filtered());
    if (tier.order === 'similarity') {
      // Nearest names first straight from the GiST index; counting every fuzzy match would scan
      // thousands of rows, so the total is what this page shows plus whether more follow. When some
      // words of the query do occur in names, they narrow the rows (GIN) and only the other words
      // (the likely typos) steer the nearest-first order: "alpine optcs" finds Alpine Optics quickly.
      const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 8);
      const found: string[] = [];
      if (words.length > 1) {
        for (const word of words) {
          const hit = await filtered().where('o.search_text', 'like', `%${escapeLike(word)}%`).select('o.id').limit(1).executeTakeFirst();
          if (hit) found.push(word);
        }
      }
      const rest = words.filter((word) => !found.includes(word)).join(' ');
      const narrowed = found.length && rest
        ? found.reduce((acc, word) => acc.where('o.search_text', 'like', `%${escapeLike(word)}%`), filtered())
        : base;
      const target = found.length && rest ? rest : (q ?? '');
      const rows = await withIdentifiers(narrowed)
        // Distance alone, so the GiST index yields rows in order (a tie-breaker column would force a sort).
        .orderBy(sql`o.search_text <->> ${target}`)
        .limit(limit + 1)
        .offset(offset)
        .execute();
      const more = rows.length > limit;
      return { items: rows.slice(0, limit), total: offset + Math.min(rows.length, limit) + (more ? 1 : 0), totalIsLowerBound: more };
    }
    // The total comes from a window over the same matches: one statement, and it steers the planner
    // to the trigram index (ordering by name alone tempts it to walk the whole name index).
    const rows = await withIdentifiers(base)
      .select(sql<number>`(count(*) over ())::int`.as('total_matches'))
      .orderBy(sql`lower(o.name)`)
      .orderBy('o.id')
      .limit(limit)
      .offset(offset)
      .execute();
    let total = rows.length ? Number(rows[0].total_matches) : 0;
    if (rows.length === 0 && offset > 0) {
      // Past the last page: count separately so the pager still knows where the end is.
      const counted = await db.selectFrom(base.select(sql`1`.as('one')).as('hits')).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      total = Number(counted.n);
    }
    if (total === 0 && q) continue;
    return { items: rows.map(({ total_matches: _, ...item }) => item), total, totalIsLowerBound: false };
  }
  return { items: [], total: 0, totalIsLowerBound: false };
}

// Identifiers -------------------------------------------------------------------------------------

/** Identifiers of an organization (every status, newest last). */
export async function listIdentifiers(db: Db, organizationId: string) {
  return db.selectFrom('organization_identifiers').selectAll().where('organization_id', '=', organizationId).orderBy('created_at').orderBy('id').execute();
}

/** The live (pending, confirmed or removal-pending) records holding any of these identifiers, with their organization's name. */
export async function findLiveIdentifiers(db: Db, identifiers: string[]) {
  if (identifiers.length === 0) return [];
  return db
    .selectFrom('organization_identifiers as i')
    .innerJoin('organizations as o', 'o.id', 'i.organization_id')
    .select(['i.id', 'i.identifier', 'i.organization_id', 'o.name as organization_name'])
    .where('i.identifier', 'in', identifiers)
    .where('i.status', 'in', LIVE_STATUSES)
    .execute();
}

/** Inserts identifier records. */
export async function insertIdentifiers(trx: Transaction<Database>, rows: Insertable<OrganizationIdentifiersTable>[]): Promise<void> {
  // Chunks keep each statement well under PostgreSQL's 65,535 bound parameters.
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('organization_identifiers').values(rows.slice(i, i + 1000)).execute();
}

// Reviewable facts (identifiers, officers, ownership links) share their review columns.
type ReviewTable = 'organization_identifiers' | 'organization_officers' | 'ownership_links';

/** One reviewable record of an organization, locked for the transaction. */
export async function lockReviewable(trx: Transaction<Database>, table: ReviewTable, id: string) {
  const row = await trx
    .selectFrom(table)
    .select(['id', 'status', 'created_at'])
    .select(table === 'ownership_links' ? sql<string>`owned_organization_id`.as('organization_id') : sql<string>`organization_id`.as('organization_id'))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row as { id: string; status: ReviewStatus; organization_id: string; created_at: Date } | undefined;
}

/** Sets the review status (and reviewer, note) of a reviewable record. */
export async function setReviewStatus(
  trx: Transaction<Database>,
  table: ReviewTable,
  id: string,
  change: { status: ReviewStatus; reviewedBy?: string | null; note?: string | null; toDate?: string },
): Promise<void> {
  const patch: Record<string, unknown> = { status: change.status, updated_at: new Date() };
  if (change.reviewedBy !== undefined) patch.reviewed_by = change.reviewedBy;
  if (change.note !== undefined) patch.review_note = change.note;
  if (change.toDate && table !== 'organization_identifiers') patch.to_date = change.toDate;
  await trx.updateTable(table).set(patch).where('id', '=', id).execute();
}

/** Pending proposals across identifiers, officers and owners, oldest first (the officer's review queue). */
export async function listPendingReviews(db: Db, organizationId: string | undefined, limit: number, offset: number) {
  const orgFilter = organizationId ? sql`and x.organization_id = ${organizationId}` : sql``;
  const rows = await sql<{
    kind: 'identifier' | 'officer' | 'owner';
    id: string;
    organization_id: string;
    organization_name: string;
    status: 'pending' | 'removal_pending';
    summary: string;
    identifier: string | null;
    officer_role: string | null;
    person_or_owner_name: string | null;
    share_ppm: number | null;
    control_kinds: string[] | null;
    proposed_at: Date;
    total: number;
  }>`
    with x as (
      select 'identifier' as kind, i.id, i.organization_id, i.status, i.identifier as summary,
             i.identifier, null::text as officer_role, null::text as person_or_owner_name, null::int as share_ppm,
             null::text[] as control_kinds, i.updated_at as proposed_at
        from organization_identifiers i where i.status in ('pending', 'removal_pending')
      union all
      select 'officer', f.id, f.organization_id, f.status, f.role || ': ' || p.primary_name,
             null, f.role, p.primary_name, null, null, f.updated_at
        from organization_officers f join people p on p.id = f.person_id where f.status in ('pending', 'removal_pending')
      union all
      select 'owner', l.id, l.owned_organization_id, l.status,
             coalesce(p.primary_name, oo.name) || coalesce(' ' || trim_scale(l.share_ppm / 10000.0)::text || ' %', '')
               || case when cardinality(l.control_kinds) > 0 then ' (' || array_to_string(l.control_kinds, ', ') || ')' else '' end,
             null, null, coalesce(p.primary_name, oo.name), l.share_ppm, l.control_kinds, l.updated_at
        from ownership_links l
        left join people p on p.id = l.owner_person_id
        left join organizations oo on oo.id = l.owner_organization_id
        where l.status in ('pending', 'removal_pending')
    )
    select x.*, o.name as organization_name, (count(*) over ())::int as total
      from x join organizations o on o.id = x.organization_id
      where true ${orgFilter}
      order by x.proposed_at, x.id
      limit ${limit} offset ${offset}
  `.execute(db);
  return rows.rows;
}

/** How many pending proposals there are (for the queue's total when the page is past the end). */
export async function countPendingReviews(db: Db, organizationId: string | undefined): Promise<number> {
  const orgFilter = organizationId ? sql`and organization_id = ${organizationId}` : sql``;
  const ownerFilter = organizationId ? sql`and owned_organization_id = ${organizationId}` : sql``;
  const { rows } = await sql<{ n: number }>`
    select ((select count(*) from organization_identifiers where status in ('pending', 'removal_pending') ${orgFilter})
          + (select count(*) from organization_officers where status in ('pending', 'removal_pending') ${orgFilter})
          + (select count(*) from ownership_links where status in ('pending', 'removal_pending') ${ownerFilter}))::int as n
  `.execute(db);
  return Number(rows[0]?.n ?? 0);
}

// Capabilities ------------------------------------------------------------------------------------

/** The whole capability taxonomy, in display order. */
export async function listCapabilities(db: Db) {
  return db.selectFrom('capability_categories').selectAll().orderBy('sort_order').orderBy('code').execute();
}

/** The codes among `codes` that are not in the taxonomy. */
export async function unknownCapabilities(db: Db, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const known = await db.selectFrom('capability_categories').select('code').where('code', 'in', codes).execute();
  const knownSet = new Set(known.map((row) => row.code));
  return codes.filter((code) => !knownSet.has(code));
}

// People ------------------------------------------------------------------------------------------

/** Inserts a person. */
export async function insertPerson(trx: Transaction<Database>, row: Insertable<PeopleTable>): Promise<void> {
  await trx.insertInto('people').values(row).execute();
}

/** Inserts people (multi-row statements of at most 1,000 rows). */
export async function insertPeople(trx: Transaction<Database>, rows: Insertable<PeopleTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('people').values(rows.slice(i, i + 1000)).execute();
}

/** The person with this id, or undefined. */
export async function findPerson(db: Db, id: string) {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** People by id. */
export async function findPeople(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', 'in', ids).execute();
}

/**
 * True when a company user whose organizations are `organizationIds` may see the person: entered for
 * one of them, or linked to one of them as an officer or owner.
 */
export async function personLinkedToOrganizations(db: Db, personId: string, organizationIds: string[]): Promise<boolean> {
  const { total } = await searchPeopleQuery(db, { linkedTo: organizationIds })
    .where('p.id', '=', personId)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return Number(total) > 0;
}

function searchPeopleQuery(db: Db, filter: { q?: string; linkedTo?: string[] }) {
  let query = db.selectFrom('people as p');
  const q = filter.q?.trim().toLowerCase();
  if (q) query = query.where((eb) => eb.or([eb('p.search_text', 'like', `%${escapeLike(q)}%`), eb(sql`${q}`, sql`<%`, eb.ref('p.search_text'))]));
  const linkedTo = filter.linkedTo;
  if (linkedTo) {
    const ids = linkedTo.length ? linkedTo : ['00000000-0000-0000-0000-000000000000'];
    query = query.where((eb) =>
      eb.or([
        eb('p.entered_for_organization_id', 'in', ids),
        eb.exists(eb.selectFrom('organization_officers as f').select('f.id').whereRef('f.person_id', '=', 'p.id').where('f.organization_id', 'in', ids)),
        eb.exists(eb.selectFrom('ownership_links as l').select('l.id').whereRef('l.owner_person_id', '=', 'p.id').where('l.owned_organization_id', 'in', ids)),
      ]),
    );
  }
  return query;
}

/** A page of people by name (any script), optionally only those linked to some organizations. */
export async function searchPeople(db: Db, filter: { q?: string; linkedTo?: string[] }, limit: number, offset: number) {
  const query = searchPeopleQuery(db, filter);
  const q = filter.q?.trim().toLowerCase();
  const ordered = q ? query.orderBy(sql`word_similarity(${q}, p.search_text)`, 'desc') : query;
  const items = await ordered.selectAll('p').orderBy('p.primary_name').orderBy('p.id').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

// Officers ----------------------------------------------------------------------------------------

/** Inserts an officer appointment. */
export async function insertOfficer(trx: Transaction<Database>, row: Insertable<OrganizationOfficersTable>): Promise<void> {
  await trx.insertInto('organization_officers').values(row).execute();
}

/** Inserts officers (multi-row statements of at most 1,000 rows). */
export async function insertOfficers(trx: Transaction<Database>, rows: Insertable<OrganizationOfficersTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('organization_officers').values(rows.slice(i, i + 1000)).execute();
}

/** Officers of an organization with the person's name (every status except removed and rejected). */
export async function listOfficers(db: Db, organizationId: string) {
  return db
    .selectFrom('organization_officers as f')
    .innerJoin('people as p', 'p.id', 'f.person_id')
    .selectAll('f')
    .select('p.primary_name as person_name')
    .where('f.organization_id', '=', organizationId)
    .where('f.status', 'in', LIVE_STATUSES)
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}

// Ownership ---------------------------------------------------------------------------------------

/** Inserts an ownership link. */
export async function insertOwnershipLinks(trx: Transaction<Database>, rows: Insertable<OwnershipLinksTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('ownership_links').values(rows.slice(i, i + 1000)).execute();
}

/** Ownership links by id. */
export async function findOwnershipLinks(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('ownership_links').selectAll().where('id', 'in', ids).execute();
}

/** Direct owners of an organization, with the owner's name (every live status). */
export async function listDirectOwners(db: Db, organizationId: string) {
  return db
    .selectFrom('ownership_links as l')
    .leftJoin('people as p', 'p.id', 'l.owner_person_id')
    .leftJoin('organizations as oo', 'oo.id', 'l.owner_organization_id')
    .selectAll('l')
    .select(sql<string>`coalesce(p.primary_name, oo.name)`.as('owner_name'))
    .where('l.owned_organization_id', '=', organizationId)
    .where('l.status', 'in', LIVE_STATUSES)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}

/**
 * The sum of shares (ppm) of live links into an organization that are in force on or after
 * `onOrAfter` (ended links no longer count).
 */
export async function liveShareTotal(trx: Transaction<Database>, organizationId: string, onOrAfter: string): Promise<number> {
  const row = await trx
    .selectFrom('ownership_links')
    .select(sql<number>`coalesce(sum(share_ppm), 0)::int`.as('total'))
    .where('owned_organization_id', '=', organizationId)
    .where('status', 'in', LIVE_STATUSES)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', onOrAfter)]))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** The live share total (ppm) of each organization, as liveShareTotal computes it for one. */
export async function liveShareTotals(trx: Transaction<Database>, organizationIds: string[], onOrAfter: string): Promise<Map<string, number>> {
  if (organizationIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('ownership_links')
    .select(['owned_organization_id', sql<number>`coalesce(sum(share_ppm), 0)::int`.as('total')])
    .where('owned_organization_id', 'in', organizationIds)
    .where('status', 'in', LIVE_STATUSES)
    .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', onOrAfter)]))
    .groupBy('owned_organization_id')
    .execute();
  return new Map(rows.map((row) => [row.owned_organization_id, Number(row.total)]));
}

/**
 * Every ownership link with one of `statuses` (confirmed by default) in force on `asOf` that lies upward of the organization: its owners,
 * their owners, and so on. The recursive walk collects organization ids with UNION, so a cycle of
 * cross-holdings ends the walk instead of looping.
 */
export async function ownershipLinksUpward(db: Db, organizationId: string, asOf: string, statuses: ReviewStatus[] = EFFECTIVE_STATUSES) {
  const { rows } = await sql<{
    id: string;
    owned_organization_id: string;
    owner_person_id: string | null;
    owner_organization_id: string | null;
    share_ppm: number | null;
    control_kinds: string[];
  }>`
    with recursive upward(org_id) as (
      select ${organizationId}::uuid
      union
      select l.owner_organization_id
        from ownership_links l join upward u on l.owned_organization_id = u.org_id
        where l.owner_organization_id is not null
          and l.status in (${sql.join(statuses)})
          and (l.from_date is null or l.from_date <= ${asOf}::date)
          and (l.to_date is null or l.to_date >= ${asOf}::date)
    )
    select l.id, l.owned_organization_id, l.owner_person_id, l.owner_organization_id, l.share_ppm, l.control_kinds
      from ownership_links l
      where l.owned_organization_id in (select org_id from upward)
        and l.status in (${sql.join(statuses)})
        and (l.from_date is null or l.from_date <= ${asOf}::date)
        and (l.to_date is null or l.to_date >= ${asOf}::date)
  `.execute(db);
  return rows;
}

/** Which ownership links a walk up the chain follows. */
const UPWARD_LINKS = {
  // Every live link, pending included: a company declares its owners before an officer confirms them.
  live: sql`l.status in ('pending', 'confirmed', 'removal_pending')`,
  // What a company user may see: confirmed links, or pending ones to a holding company it registered
  // with the link; a pending claim on an existing organization opens nothing until an officer confirms it.
  visible: sql`(l.status in ('confirmed', 'removal_pending') or (l.status = 'pending' and l.owner_registered_with_link))`,
  // What a company user may change: the holding companies it registered itself.
  registered: sql`l.owner_registered_with_link and l.status in ('pending', 'confirmed', 'removal_pending')`,
};

/** The organization and every organization above it through the chosen links. UNION stops at cycles. */
async function organizationAndAbove(db: Db, organizationId: string, links: keyof typeof UPWARD_LINKS): Promise<string[]> {
  const { rows } = await sql<{ org_id: string }>`
    with recursive upward(org_id) as (
      select ${organizationId}::uuid
      union
      select l.owner_organization_id
        from ownership_links l join upward u on l.owned_organization_id = u.org_id
        where l.owner_organization_id is not null and ${UPWARD_LINKS[links]}
    )
    select org_id from upward
  `.execute(db);
  return rows.map((row) => row.org_id);
}

/** The organization and every organization above it through live links (pending included), for screening. */
export function organizationAndOwnersAbove(db: Db, organizationId: string): Promise<string[]> {
  return organizationAndAbove(db, organizationId, 'live');
}

/** The organizations a company user may see: its own and those above it through confirmed links or links to holding companies it registered. */
export function organizationAndConfirmedOwnersAbove(db: Db, organizationId: string): Promise<string[]> {
  return organizationAndAbove(db, organizationId, 'visible');
}

/** The organization and the holding companies above it that it registered itself (links made with a new owner). */
export function organizationAndRegisteredOwnersAbove(db: Db, organizationId: string): Promise<string[]> {
  return organizationAndAbove(db, organizationId, 'registered');
}

/**
 * What screening needs of an organization's ownership and control (live records, pending included:
 * a declared owner is screened before an officer confirms it): the organization and the holding
 * companies above it with their identifiers, the people who own any of them, and the organization's
 * officers, each person with the organization it is linked to.
 */
export async function screeningRecords(db: Db, organizationId: string) {
  const organizationIds = await organizationAndOwnersAbove(db, organizationId);
  const [organizations, identifiers, ownerLinks, officers] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'name', 'name_uk', 'name_original', 'short_name', 'country']).where('id', 'in', organizationIds).execute(),
    db.selectFrom('organization_identifiers').select(['organization_id', 'scheme', 'value']).where('organization_id', 'in', organizationIds).where('status', 'in', LIVE_STATUSES).execute(),
    db
      .selectFrom('ownership_links')
      .select(['owner_person_id', 'owned_organization_id'])
      .where('owned_organization_id', 'in', organizationIds)
      .where('owner_person_id', 'is not', null)
      .where('status', 'in', LIVE_STATUSES)
      .execute(),
    db.selectFrom('organization_officers').select(['person_id']).where('organization_id', '=', organizationId).where('status', 'in', LIVE_STATUSES).execute(),
  ]);
  const personIds = [...new Set([...ownerLinks.map((l) => l.owner_person_id as string), ...officers.map((o) => o.person_id)])];
  const people = await findPeople(db, personIds);
  return { organizations, identifiers, ownerLinks, officers, people };
}

/**
 * The organizations whose screening a change touches: those the given organization or person owns
 * (directly or through companies it owns, pending links included), and for a person also those it is
 * an officer of; for an organization, itself.
 */
export async function organizationsAffectedBy(db: Db, target: { organizationId: string } | { personId: string }): Promise<string[]> {
  const start =
    'organizationId' in target
      ? sql`select ${target.organizationId}::uuid as org_id`
      : sql`select owned_organization_id as org_id from ownership_links where owner_person_id = ${target.personId}::uuid and status in ('pending', 'confirmed', 'removal_pending')
            union select organization_id from organization_officers where person_id = ${target.personId}::uuid and status in ('pending', 'confirmed', 'removal_pending')`;
  const { rows } = await sql<{ org_id: string }>`
    with recursive downward(org_id) as (
      ${start}
      union
      select l.owned_organization_id
        from ownership_links l join downward d on l.owner_organization_id = d.org_id
        where l.status in ('pending', 'confirmed', 'removal_pending')
    )
    select org_id from downward
  `.execute(db);
  return rows.map((row) => row.org_id);
}

/** The organizations themselves and every organization they own, directly or through companies (pending links included). */
export async function organizationsBelow(db: Db, organizationIds: string[]): Promise<string[]> {
  if (organizationIds.length === 0) return [];
  const { rows } = await sql<{ org_id: string }>`
    with recursive downward(org_id) as (
      select unnest(${organizationIds}::uuid[])
      union
      select l.owned_organization_id
        from ownership_links l join downward d on l.owner_organization_id = d.org_id
        where l.status in ('pending', 'confirmed', 'removal_pending')
    )
    select org_id from downward
  `.execute(db);
  return rows.map((row) => row.org_id);
}

/** Every organization id (re-screening after a list changed). */
export async function allOrganizationIds(db: Db): Promise<string[]> {
  return (await db.selectFrom('organizations').select('id').orderBy('id').execute()).map((r) => r.id);
}

// Documents ---------------------------------------------------------------------------------------

/** Inserts a document's metadata. */
export async function insertDocument(trx: Transaction<Database>, row: Insertable<DocumentsTable>): Promise<void> {
  await trx.insertInto('documents').values(row).execute();
}

/** The document with this id, or undefined. */
export async function findDocument(db: Db, id: string) {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The documents of an organization among these ids. */
export async function findDocumentsOfOrganization(db: Db, organizationId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('documents').selectAll().where('organization_id', '=', organizationId).where('id', 'in', ids).execute();
}

/** A page of an organization's documents, newest first. */
export async function listDocuments(db: Db, organizationId: string, limit: number, offset: number) {
  const query = db.selectFrom('documents').where('organization_id', '=', organizationId);
  const items = await query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}
