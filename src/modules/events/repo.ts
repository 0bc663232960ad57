import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import { escapeLike } from '../../db/like.ts';
import { pageWithTotal } from '../../db/paging.ts';
import type { Database, EventRegistrationsTable, EventSessionsTable, EventStatus, EventsTable, MeetingAttendanceTable, MeetingRequestStatus, MeetingRequestsTable, RegistrationStatus } from '../../db/schema.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

// Events ------------------------------------------------------------------------------------------

export type EventRow = Awaited<ReturnType<typeof findEvent>> & {};

export function findEvent(db: Db, id: string) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Locks an event: registrations and bookings of one event take this lock, so seats and tables are counted one change at a time. */
export function lockEvent(trx: Trx, id: string) {
  return trx.selectFrom('events').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertEvent(trx: Trx, row: Insertable<EventsTable>) {
  await trx.insertInto('events').values(row).execute();
}

export async function updateEvent(trx: Trx, id: string, patch: Updateable<EventsTable>) {
  await trx.updateTable('events').set(patch).where('id', '=', id).execute();
}

export function listEvents(db: Db, filter: { statuses?: EventStatus[]; q?: string }, limit: number, offset: number) {
  let query = db
    .selectFrom('events as e')
    .selectAll('e')
    .select((eb) => [
      eb.selectFrom('event_registrations as r').whereRef('r.event_id', '=', 'e.id').where('r.status', '=', 'registered').select(sql<string>`count(*)`.as('n')).as('registered'),
      eb.selectFrom('event_registrations as r').whereRef('r.event_id', '=', 'e.id').where('r.status', '=', 'waitlisted').select(sql<string>`count(*)`.as('n')).as('waitlisted'),
    ]);
  if (filter.statuses) query = query.where('e.status', 'in', filter.statuses);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(e.title_en)`, 'like', pattern), eb(sql`lower(e.title_uk)`, 'like', pattern), eb(sql`lower(e.venue_en)`, 'like', pattern), eb(sql`lower(e.venue_uk)`, 'like', pattern)]));
  }
  return pageWithTotal(query, (q) => q.orderBy('e.starts_on', 'desc').orderBy('e.id').limit(limit).offset(offset));
}

export async function eventCounts(db: Db, eventId: string) {
  const registrations = await db
    .selectFrom('event_registrations')
    .where('event_id', '=', eventId)
    .select([
      sql<string>`count(*) filter (where status = 'registered')`.as('registered'),
      sql<string>`count(*) filter (where status = 'waitlisted')`.as('waitlisted'),
      sql<string>`count(*) filter (where status = 'registered' and checked_in_at is not null)`.as('checked_in'),
      sql<string>`count(distinct organization_id) filter (where status <> 'cancelled')`.as('organizations'),
    ])
    .executeTakeFirstOrThrow();
  const meetings = await db
    .selectFrom('meeting_requests')
    .where('event_id', '=', eventId)
    .select([
      sql<string>`count(*) filter (where status = 'requested')`.as('requested'),
      sql<string>`count(*) filter (where status = 'accepted')`.as('accepted'),
      sql<string>`count(*) filter (where slot_start is not null)`.as('placed'),
    ])
    .executeTakeFirstOrThrow();
  return {
    registered: Number(registrations.registered),
    waitlisted: Number(registrations.waitlisted),
    checkedIn: Number(registrations.checked_in),
    organizations: Number(registrations.organizations),
    meetingsRequested: Number(meetings.requested),
    meetingsAccepted: Number(meetings.accepted),
    meetingsPlaced: Number(meetings.placed),
  };
}

// Sessions ----------------------------------------------------------------------------------------

export function listSessions(db: Db, eventId: string) {
  return db.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('id').execute();
}

export function lockSession(trx: Trx, eventId: string, id: string) {
  return trx.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertSession(trx: Trx, row: Insertable<EventSessionsTable>) {
  await trx.insertInto('event_sessions').values(row).execute();
}

export async function updateSession(trx: Trx, id: string, patch: Updateable<EventSessionsTable>) {
  await trx.updateTable('event_sessions').set(patch).where('id', '=', id).execute();
}

export async function deleteSession(trx: Trx, id: string) {
  await trx.deleteFrom('event_sessions').where('id', '=', id).execute();
}

// Registrations -----------------------------------------------------------------------------------

function registrationQuery(db: Db) {
  return db.selectFrom('event_registrations as r').innerJoin('organizations as o', 'o.id', 'r.organization_id').selectAll('r').select(['o.name as organization_name', 'o.country as organization_country']);
}
export type RegistrationRow = Awaited<ReturnType<typeof findRegistration>> & {};

export function findRegistration(db: Db, eventId: string, id: string) {
  return registrationQuery(db).where('r.event_id', '=', eventId).where('r.id', '=', id).executeTakeFirst();
}

export function findRegistrationByBadge(db: Db, badgeCode: string) {
  return registrationQuery(db).where('r.badge_code', '=', badgeCode).executeTakeFirst();
}

export function lockRegistration(trx: Trx, id: string) {
  return trx.selectFrom('event_registrations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export function registrationsByIds(db: Db, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('event_registrations').select(['id', 'organization_id', 'full_name', 'position', 'status']).where('id', 'in', ids).execute();
}

export interface RegistrationFilter {
  organizationId?: string;
  status?: RegistrationStatus;
  q?: string;
}

export function listRegistrations(db: Db, eventId: string, filter: RegistrationFilter, limit: number, offset: number) {
  let query = registrationQuery(db).where('r.event_id', '=', eventId);
  if (filter.organizationId) query = query.where('r.organization_id', '=', filter.organizationId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb(sql`lower(r.full_name)`, 'like', pattern), eb(sql`lower(r.email)`, 'like', pattern), eb('o.search_text', 'like', pattern)]));
  }
  return pageWithTotal(query, (q) => q.orderBy('o.name').orderBy('r.created_at').orderBy('r.id').limit(limit).offset(offset));
}

/** Registrations of an organization that hold or wait for a seat. */
export async function countActiveOfOrganization(trx: Trx, eventId: string, organizationId: string): Promise<number> {
  const row = await trx.selectFrom('event_registrations').where('event_id', '=', eventId).where('organization_id', '=', organizationId).where('status', '<>', 'cancelled').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countRegistered(trx: Trx, eventId: string): Promise<number> {
  const row = await trx.selectFrom('event_registrations').where('event_id', '=', eventId).where('status', '=', 'registered').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function activeRegistrationByEmail(trx: Trx, eventId: string, email: string) {
  return trx.selectFrom('event_registrations').select(['id']).where('event_id', '=', eventId).where(sql`lower(email)`, '=', email.toLowerCase()).where('status', '<>', 'cancelled').executeTakeFirst();
}

/** The waitlisted registrations of an event, first come first. */
export function waitlist(trx: Trx | Db, eventId: string, limit: number) {
  return trx.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId).where('status', '=', 'waitlisted').orderBy('created_at').orderBy('id').limit(limit).execute();
}

/** 1 for the first on the waitlist. */
export async function waitlistPosition(db: Db, eventId: string, registration: { created_at: Date; id: string }): Promise<number> {
  const row = await db
    .selectFrom('event_registrations')
    .where('event_id', '=', eventId)
    .where('status', '=', 'waitlisted')
    .where((eb) => eb.or([eb('created_at', '<', registration.created_at), eb.and([eb('created_at', '=', registration.created_at), eb('id', '<=', registration.id)])]))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertRegistration(trx: Trx, row: Insertable<EventRegistrationsTable>) {
  await trx.insertInto('event_registrations').values(row).execute();
}

export async function updateRegistration(trx: Trx, id: string, patch: Updateable<EventRegistrationsTable>) {
  await trx.updateTable('event_registrations').set(patch).where('id', '=', id).execute();
}

/** Delegates holding a seat, with the slots they cannot attend (the scheduler's people). */
export function registeredDelegates(db: Db, eventId: string) {
  return db.selectFrom('event_registrations').select(['id', 'organization_id', 'unavailable_slots']).where('event_id', '=', eventId).where('status', '=', 'registered').execute();
}

// Participants ------------------------------------------------------------------------------------

/** Adds an organization to an event's participants when its first delegate registers. */
export async function ensureParticipant(trx: Trx, eventId: string, organizationId: string, now: Date) {
  await trx.insertInto('event_participants').values({ event_id: eventId, organization_id: organizationId, goals: '', seeks: [], offers: [], interests: [], version: 1, updated_at: now }).onConflict((oc) => oc.columns(['event_id', 'organization_id']).doNothing()).execute();
}

function participantQuery(db: Db, eventId: string) {
  return db
    .selectFrom('event_participants as p')
    .innerJoin('organizations as o', 'o.id', 'p.organization_id')
    .where('p.event_id', '=', eventId)
    .selectAll('p')
    .select(['o.name', 'o.country', 'o.kind', 'o.capabilities'])
    .select((eb) => eb.selectFrom('event_registrations as r').whereRef('r.event_id', '=', 'p.event_id').whereRef('r.organization_id', '=', 'p.organization_id').where('r.status', '=', 'registered').select(sql<string>`count(*)`.as('n')).as('delegates'));
}
export type ParticipantRow = Awaited<ReturnType<typeof findParticipant>> & {};

export function findParticipant(db: Db, eventId: string, organizationId: string) {
  return participantQuery(db, eventId).where('p.organization_id', '=', organizationId).executeTakeFirst();
}

export function lockParticipant(trx: Trx, eventId: string, organizationId: string) {
  return trx.selectFrom('event_participants').selectAll().where('event_id', '=', eventId).where('organization_id', '=', organizationId).forUpdate().executeTakeFirst();
}

export async function updateParticipant(trx: Trx, eventId: string, organizationId: string, patch: { goals: string; seeks: string[]; offers: string[]; interests: string[]; version: number; updated_at: Date }) {
  await trx.updateTable('event_participants').set(patch).where('event_id', '=', eventId).where('organization_id', '=', organizationId).execute();
}

export function listParticipants(db: Db, eventId: string, filter: { q?: string; country?: string; capability?: string }, limit: number, offset: number) {
  let query = participantQuery(db, eventId);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) => eb.or([eb('o.search_text', 'like', pattern), eb(sql`lower(p.goals)`, 'like', pattern)]));
  }
  if (filter.country) query = query.where('o.country', '=', filter.country);
  if (filter.capability) {
    const code = filter.capability;
    query = query.where(sql<boolean>`exists (select from unnest(o.capabilities) c where c = ${code} or starts_with(c, ${`${code}.`}))`);
  }
  return pageWithTotal(query, (q) => q.orderBy('o.name').orderBy('p.organization_id').limit(limit).offset(offset));
}

/** Every participant with a delegate holding a seat (the candidates of the recommendations). */
export function activeParticipants(db: Db, eventId: string) {
  return participantQuery(db, eventId)
    .where((eb) => eb.exists(eb.selectFrom('event_registrations as r').whereRef('r.event_id', '=', 'p.event_id').whereRef('r.organization_id', '=', 'p.organization_id').where('r.status', '=', 'registered').select('r.id')))
    .execute();
}

// Meetings ----------------------------------------------------------------------------------------

function meetingQuery(db: Db) {
  return db
    .selectFrom('meeting_requests as m')
    .innerJoin('organizations as ro', 'ro.id', 'm.requester_organization_id')
    .innerJoin('organizations as co', 'co.id', 'm.recipient_organization_id')
    .selectAll('m')
    .select(['ro.name as requester_name', 'ro.country as requester_country', 'co.name as recipient_name', 'co.country as recipient_country']);
}
export type MeetingRow = Awaited<ReturnType<typeof findMeeting>> & {};

export function findMeeting(db: Db, eventId: string, id: string) {
  return meetingQuery(db).where('m.event_id', '=', eventId).where('m.id', '=', id).executeTakeFirst();
}

export function lockMeeting(trx: Trx, eventId: string, id: string) {
  return trx.selectFrom('meeting_requests').selectAll().where('event_id', '=', eventId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export interface MeetingFilter {
  /** Meetings this organization requested (outgoing), received (incoming) or either (all). */
  organizationId?: string;
  direction: 'incoming' | 'outgoing' | 'all';
  status?: MeetingRequestStatus;
  placed?: boolean;
}

export function listMeetings(db: Db, eventId: string, filter: MeetingFilter, limit: number, offset: number) {
  let query = meetingQuery(db).where('m.event_id', '=', eventId);
  const org = filter.organizationId;
  if (org) {
    if (filter.direction === 'incoming') query = query.where('m.recipient_organization_id', '=', org);
    else if (filter.direction === 'outgoing') query = query.where('m.requester_organization_id', '=', org);
    else query = query.where((eb) => eb.or([eb('m.recipient_organization_id', '=', org), eb('m.requester_organization_id', '=', org)]));
  }
  if (filter.status) query = query.where('m.status', '=', filter.status);
  if (filter.placed !== undefined) query = query.where('m.slot_start', filter.placed ? 'is not' : 'is', null);
  return pageWithTotal(query, (q) => q.orderBy(sql`m.slot_start nulls last`).orderBy('m.table_no').orderBy('m.created_at', 'desc').orderBy('m.id').limit(limit).offset(offset));
}

/** An open request between two organizations, whichever asked. */
export function openRequestBetween(db: Db, eventId: string, oneOrganizationId: string, otherOrganizationId: string) {
  return db
    .selectFrom('meeting_requests')
    .select(['id', 'status'])
    .where('event_id', '=', eventId)
    .where((eb) =>
      eb.or([
        eb.and([eb('requester_organization_id', '=', oneOrganizationId), eb('recipient_organization_id', '=', otherOrganizationId)]),
        eb.and([eb('requester_organization_id', '=', otherOrganizationId), eb('recipient_organization_id', '=', oneOrganizationId)]),
      ]),
    )
    .where('status', 'in', ['requested', 'accepted'])
    .executeTakeFirst();
}

/** Open requests between one organization and others, in either direction: the recommendations mark them. */
export async function openRequestsWith(db: Db, eventId: string, organizationId: string) {
  const rows = await db
    .selectFrom('meeting_requests')
    .select(['requester_organization_id', 'recipient_organization_id', 'status'])
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('requester_organization_id', '=', organizationId), eb('recipient_organization_id', '=', organizationId)]))
    .where('status', 'in', ['requested', 'accepted'])
    .execute();
  return rows.map((row) => ({ otherOrganizationId: row.requester_organization_id === organizationId ? row.recipient_organization_id : row.requester_organization_id, status: row.status }));
}

export async function insertMeeting(trx: Trx, row: Insertable<MeetingRequestsTable>) {
  await trx.insertInto('meeting_requests').values(row).execute();
}

export async function updateMeeting(trx: Trx, id: string, patch: Updateable<MeetingRequestsTable>) {
  await trx.updateTable('meeting_requests').set(patch).where('id', '=', id).execute();
}

/** Accepted meetings of an event, placed or not (the scheduler's meetings). */
export function acceptedMeetings(db: Db, eventId: string) {
  return db.selectFrom('meeting_requests').selectAll().where('event_id', '=', eventId).where('status', '=', 'accepted').orderBy('created_at').orderBy('id').execute();
}

/** Open meetings a delegate takes part in (as the requester's delegate or one of the recipient's). */
export function openMeetingsOfRegistration(db: Db, eventId: string, registrationId: string) {
  return meetingQuery(db)
    .where('m.event_id', '=', eventId)
    .where('m.status', 'in', ['requested', 'accepted'])
    .where((eb) => eb.or([eb('m.requester_registration_id', '=', registrationId), eb(sql`${registrationId}::uuid`, '=', eb.fn.any('m.recipient_registration_ids'))]))
    .orderBy(sql`m.slot_start nulls last`)
    .execute();
}

/** Of these delegates, those already in a meeting at the slot. */
export function busyAt(trx: Trx, eventId: string, registrationIds: string[], slotStart: Date) {
  return trx.selectFrom('meeting_attendance').select(['registration_id']).where('event_id', '=', eventId).where('slot_start', '=', slotStart).where('registration_id', 'in', registrationIds).execute();
}

/** Table numbers taken at a slot. */
export async function tablesTakenAt(trx: Trx, eventId: string, slotStart: Date): Promise<Set<number>> {
  const rows = await trx.selectFrom('meeting_requests').select(['table_no']).where('event_id', '=', eventId).where('slot_start', '=', slotStart).execute();
  return new Set(rows.map((row) => row.table_no!));
}

export async function insertAttendance(trx: Trx, rows: Insertable<MeetingAttendanceTable>[]) {
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('meeting_attendance').values(rows.slice(i, i + 1000)).execute();
}

export async function deleteAttendanceOfMeetings(trx: Trx, meetingIds: string[]) {
  for (let i = 0; i < meetingIds.length; i += 1000) await trx.deleteFrom('meeting_attendance').where('meeting_id', 'in', meetingIds.slice(i, i + 1000)).execute();
}

/** Sets the slot and table of many meetings in one statement. */
export async function placeMeetings(trx: Trx, placements: Array<{ id: string; slotStart: Date; tableNo: number }>, placedBy: 'booking' | 'scheduler', now: Date) {
  for (let i = 0; i < placements.length; i += 500) {
    const chunk = placements.slice(i, i + 500);
    const values = sql.join(chunk.map((p) => sql`(${p.id}::uuid, ${p.slotStart.toISOString()}::timestamptz, ${p.tableNo}::int)`));
    await sql`update meeting_requests m set slot_start = v.slot_start, table_no = v.table_no, placed_by = ${placedBy}, placed_at = ${now.toISOString()}::timestamptz, version = m.version + 1
      from (values ${values}) as v (id, slot_start, table_no) where m.id = v.id`.execute(trx);
  }
}

/** Clears the slot and table of meetings (displaced by a change, or cancelled). */
export async function unplaceMeetings(trx: Trx, meetingIds: string[]) {
  for (let i = 0; i < meetingIds.length; i += 1000) {
    await trx.updateTable('meeting_requests').set((eb) => ({ slot_start: null, table_no: null, placed_by: null, placed_at: null, version: eb('version', '+', 1) })).where('id', 'in', meetingIds.slice(i, i + 1000)).execute();
  }
}
