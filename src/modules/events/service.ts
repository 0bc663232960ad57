import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { type AuthContext, holdsAny } from '../../core/access.ts';
import { AppError, invalidFields, staleVersion } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, EventStatus, MeetingHours } from '../../db/schema.ts';
import { type AuditActor, recordAuditBatch } from '../audit/service.ts';
import { enqueueOrganizationEmail } from '../notifications/service.ts';
import { listCapabilities, organizationExists } from '../registry/service.ts';
import { EVENT_MANAGERS, EVENT_STAFF, eventScope, mayActFor } from './policy.ts';
import { type Participant, type PartneringTopic, recommendPartners } from './recommend.ts';
import * as repo from './repo.ts';
import { scheduleMeetings, validateSchedule } from './scheduler.ts';
import type {
  TAcceptMeetingBody,
  TCreateEventBody,
  TCreateMeetingBody,
  TCreateRegistrationBody,
  TSessionBody,
  TUpdateEventBody,
  TUpdateParticipantBody,
  TUpdateRegistrationBody,
  TUpdateSessionBody,
} from './schema.ts';
import { type MeetingSlot, isKnownTimeZone, meetingSlots, slotsOverlapping } from './slots.ts';

type Db = Kysely<Database>;
type Trx = Transaction<Database>;

/** The country where the Alliance localizes production: the recommendations pair foreign makers with its producers. */
export const HOST_COUNTRY = 'UA';

const notFound = (what: string) => new AppError('not_found', { detail: `no such ${what}` });

// Events ------------------------------------------------------------------------------------------

function slotsOf(event: repo.EventRow): MeetingSlot[] {
  return meetingSlots({ meetingHours: event.meeting_hours, meetingMinutes: event.meeting_minutes, timeZone: event.time_zone });
}

function presentEventSummary(row: repo.EventRow) {
  return {
    id: row.id,
    titleUk: row.title_uk,
    titleEn: row.title_en,
    descriptionUk: row.description_uk,
    descriptionEn: row.description_en,
    venueUk: row.venue_uk,
    venueEn: row.venue_en,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    timeZone: row.time_zone,
    status: row.status,
  };
}

function presentSession(row: Awaited<ReturnType<typeof repo.listSessions>>[number]) {
  return {
    id: row.id,
    titleUk: row.title_uk,
    titleEn: row.title_en,
    descriptionUk: row.description_uk,
    descriptionEn: row.description_en,
    room: row.room,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    speakers: row.speakers,
    version: row.version,
  };
}

/** Events the public sees: published, closed (their agenda stays) — never drafts or cancelled ones. */
const PUBLIC_STATUSES: EventStatus[] = ['published', 'closed'];

/** Checks dates, the time zone and the meeting hours of an event as it will be after a change. */
function checkEventShape(event: { startsOn: string; endsOn: string; timeZone: string; meetingHours: MeetingHours[]; meetingMinutes: number }) {
  const errors: Array<{ field: string; message: string }> = [];
  if (event.endsOn < event.startsOn) errors.push({ field: 'body.endsOn', message: 'must not be before startsOn' });
  if (!isKnownTimeZone(event.timeZone)) errors.push({ field: 'body.timeZone', message: 'must be an IANA time zone such as Europe/Kyiv' });
  event.meetingHours.forEach((hours, index) => {
    if (hours.date < event.startsOn || hours.date > event.endsOn) errors.push({ field: `body.meetingHours.${index}.date`, message: 'must be a day of the event' });
    if (hours.to <= hours.from) errors.push({ field: `body.meetingHours.${index}.to`, message: 'must be after from' });
  });
  const sorted = [...event.meetingHours].sort((a, b) => `${a.date}${a.from}`.localeCompare(`${b.date}${b.from}`));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.date === sorted[i - 1]!.date && sorted[i]!.from < sorted[i - 1]!.to) errors.push({ field: 'body.meetingHours', message: `the hours of ${sorted[i]!.date} overlap` });
  }
  if (errors.length) throw invalidFields(errors);
}

/** An event for a signed-in reader: companies see published and closed events only. */
async function readableEvent(db: Db, auth: AuthContext, id: string) {
  const row = await repo.findEvent(db, id);
  if (!row || (!holdsAny(auth, EVENT_STAFF) && !PUBLIC_STATUSES.includes(row.status))) throw notFound('event');
  return row;
}

export async function listEvents(db: Db, auth: AuthContext, query: { status?: EventStatus; q?: string; limit: number; offset: number }) {
  const allowed = holdsAny(auth, EVENT_STAFF) ? undefined : PUBLIC_STATUSES;
  const statuses = query.status ? (allowed && !allowed.includes(query.status) ? [] : [query.status]) : allowed;
  if (statuses && statuses.length === 0) return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const { items, total } = await repo.listEvents(db, { statuses, q: query.q }, query.limit, query.offset);
  return {
    items: items.map((row) => ({ ...presentEventSummary(row), capacity: row.capacity, registered: Number(row.registered ?? 0), waitlisted: Number(row.waitlisted ?? 0) })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getEvent(db: Db, auth: AuthContext, id: string) {
  const row = await readableEvent(db, auth, id);
  const [counts, sessions] = await Promise.all([repo.eventCounts(db, id), repo.listSessions(db, id)]);
  const scope = eventScope(auth);
  let ownRegistrations: number | null = null;
  if (scope !== null) ownRegistrations = scope === 'none' ? 0 : (await repo.listRegistrations(db, id, { organizationId: scope }, 1, 0)).total;
  return {
    ...presentEventSummary(row),
    capacity: row.capacity,
    perCompanyLimit: row.per_company_limit,
    meetingMinutes: row.meeting_minutes,
    tableCount: row.table_count,
    meetingHours: row.meeting_hours,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    counts,
    sessions: sessions.map(presentSession),
    slots: slotsOf(row),
    ownRegistrations,
  };
}

export async function createEvent(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateEventBody) {
  checkEventShape(input);
  const id = uuidv7();
  await inTransaction(db, async (trx) => {
    const now = new Date();
    await repo.insertEvent(trx, {
      id,
      title_uk: input.titleUk,
      title_en: input.titleEn,
      description_uk: input.descriptionUk,
      description_en: input.descriptionEn,
      venue_uk: input.venueUk,
      venue_en: input.venueEn,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      time_zone: input.timeZone,
      capacity: input.capacity,
      per_company_limit: input.perCompanyLimit,
      meeting_minutes: input.meetingMinutes,
      table_count: input.tableCount,
      meeting_hours: JSON.stringify(input.meetingHours),
      status: 'draft',
      version: 1,
      created_by: actor.actorLabel,
      created_at: now,
      updated_at: now,
    });
    await recordAuditBatch(trx, actor, [{ action: 'events.event_created', targetType: 'event', targetId: id, details: { titleEn: input.titleEn, startsOn: input.startsOn } }]);
  });
  return getEvent(db, auth, id);
}

const EVENT_TRANSITIONS: Record<EventStatus, EventStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['closed', 'cancelled'],
  closed: ['published'],
  cancelled: [],
};

export async function updateEvent(db: Db, auth: AuthContext, actor: AuditActor, id: string, input: TUpdateEventBody) {
  await inTransaction(db, async (trx) => {
    const row = await repo.lockEvent(trx, id);
    if (!row) throw notFound('event');
    if (row.version !== input.version) throw staleVersion(row.version, 'event');
    if (input.status && input.status !== row.status && !EVENT_TRANSITIONS[row.status].includes(input.status)) {
      throw new AppError('invalid_transition', { detail: `an event cannot go from ${row.status} to ${input.status}`, extra: { allowed: EVENT_TRANSITIONS[row.status] } });
    }
    const next = {
      startsOn: input.startsOn ?? row.starts_on,
      endsOn: input.endsOn ?? row.ends_on,
      timeZone: input.timeZone ?? row.time_zone,
      meetingHours: input.meetingHours ?? row.meeting_hours,
      meetingMinutes: input.meetingMinutes ?? row.meeting_minutes,
    };
    checkEventShape(next);
    if (input.capacity !== undefined && input.capacity < (await repo.countRegistered(trx, id))) {
      throw invalidFields([{ field: 'body.capacity', message: 'is below the delegates already admitted; cancel registrations first' }]);
    }
    const patch = {
      ...(input.titleUk !== undefined && { title_uk: input.titleUk }),
      ...(input.titleEn !== undefined && { title_en: input.titleEn }),
      ...(input.descriptionUk !== undefined && { description_uk: input.descriptionUk }),
      ...(input.descriptionEn !== undefined && { description_en: input.descriptionEn }),
      ...(input.venueUk !== undefined && { venue_uk: input.venueUk }),
      ...(input.venueEn !== undefined && { venue_en: input.venueEn }),
      ...(input.startsOn !== undefined && { starts_on: input.startsOn }),
      ...(input.endsOn !== undefined && { ends_on: input.endsOn }),
      ...(input.timeZone !== undefined && { time_zone: input.timeZone }),
      ...(input.capacity !== undefined && { capacity: input.capacity }),
      ...(input.perCompanyLimit !== undefined && { per_company_limit: input.perCompanyLimit }),
      ...(input.meetingMinutes !== undefined && { meeting_minutes: input.meetingMinutes }),
      ...(input.tableCount !== undefined && { table_count: input.tableCount }),
      ...(input.meetingHours !== undefined && { meeting_hours: JSON.stringify(input.meetingHours) }),
      ...(input.status !== undefined && { status: input.status }),
    };
    await repo.updateEvent(trx, id, { ...patch, version: row.version + 1, updated_at: new Date() });
    const events = [{ action: 'events.event_updated', targetType: 'event', targetId: id, details: { changed: Object.keys(patch), version: row.version + 1 } }];
    if (input.status && input.status !== row.status) events.push({ action: `events.event_${input.status}`, targetType: 'event', targetId: id, details: { changed: ['status'], version: row.version + 1 } });
    await recordAuditBatch(trx, actor, events);
    // More seats admit waitlisted delegates in the order they registered.
    if (input.capacity !== undefined && input.capacity > row.capacity) await admitFromWaitlist(trx, actor, { ...row, capacity: input.capacity });
  });
  return getEvent(db, auth, id);
}

/** The public list of events (published and closed). */
export async function listPublicEvents(db: Db, query: { limit: number; offset: number }) {
  const { items, total } = await repo.listEvents(db, { statuses: PUBLIC_STATUSES }, query.limit, query.offset);
  return { items: items.map(presentEventSummary), total };
}

/** A public event with its agenda. */
export async function getPublicEvent(db: Db, id: string) {
  const row = await repo.findEvent(db, id);
  if (!row || !PUBLIC_STATUSES.includes(row.status)) throw notFound('event');
  const sessions = await repo.listSessions(db, id);
  // Speakers' links to registrations are internal; the public sees names and affiliations.
  return { ...presentEventSummary(row), sessions: sessions.map((s) => ({ ...presentSession(s), speakers: s.speakers.map(({ name, affiliation }) => ({ name, ...(affiliation && { affiliation }) })) })) };
}

// Sessions ----------------------------------------------------------------------------------------

/** Delegates named as speakers must be delegates of this event (a speaker need not be one). */
async function checkSpeakers(trx: Trx, eventId: string, speakers: TSessionBody['speakers']) {
  const errors: Array<{ field: string; message: string }> = [];
  for (const [index, speaker] of speakers.entries()) {
    if (!speaker.registrationId) continue;
    const registration = await repo.findRegistration(trx, eventId, speaker.registrationId);
    if (!registration || registration.status === 'cancelled') errors.push({ field: `body.speakers.${index}.registrationId`, message: 'no such delegate at this event' });
  }
  if (errors.length) throw invalidFields(errors);
}

function checkSessionTimes(startsAt: string | Date, endsAt: string | Date) {
  if (new Date(endsAt).getTime() <= new Date(startsAt).getTime()) throw invalidFields([{ field: 'body.endsAt', message: 'must be after startsAt' }]);
}

export async function createSession(db: Db, actor: AuditActor, eventId: string, input: TSessionBody) {
  checkSessionTimes(input.startsAt, input.endsAt);
  return inTransaction(db, async (trx) => {
    const event = await repo.lockEvent(trx, eventId);
    if (!event) throw notFound('event');
    await checkSpeakers(trx, eventId, input.speakers);
    const id = uuidv7();
    const now = new Date();
    await repo.insertSession(trx, {
      id,
      event_id: eventId,
      title_uk: input.titleUk,
      title_en: input.titleEn,
      description_uk: input.descriptionUk,
      description_en: input.descriptionEn,
      room: input.room,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      speakers: JSON.stringify(input.speakers),
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await recordAuditBatch(trx, actor, [{ action: 'events.session_created', targetType: 'event_session', targetId: id, details: { eventId, titleEn: input.titleEn } }]);
    return presentSession((await repo.lockSession(trx, eventId, id))!);
  });
}

export async function updateSession(db: Db, actor: AuditActor, eventId: string, sessionId: string, input: TUpdateSessionBody) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockSession(trx, eventId, sessionId);
    if (!row) throw notFound('session');
    if (row.version !== input.version) throw staleVersion(row.version, 'session');
    checkSessionTimes(input.startsAt ?? row.starts_at, input.endsAt ?? row.ends_at);
    if (input.speakers) await checkSpeakers(trx, eventId, input.speakers);
    const patch = {
      ...(input.titleUk !== undefined && { title_uk: input.titleUk }),
      ...(input.titleEn !== undefined && { title_en: input.titleEn }),
      ...(input.descriptionUk !== undefined && { description_uk: input.descriptionUk }),
      ...(input.descriptionEn !== undefined && { description_en: input.descriptionEn }),
      ...(input.room !== undefined && { room: input.room }),
      ...(input.startsAt !== undefined && { starts_at: input.startsAt }),
      ...(input.endsAt !== undefined && { ends_at: input.endsAt }),
      ...(input.speakers !== undefined && { speakers: JSON.stringify(input.speakers) }),
    };
    await repo.updateSession(trx, sessionId, { ...patch, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'events.session_updated', targetType: 'event_session', targetId: sessionId, details: { eventId, changed: Object.keys(patch) } }]);
    return presentSession((await repo.lockSession(trx, eventId, sessionId))!);
  });
}

export async function deleteSession(db: Db, actor: AuditActor, eventId: string, sessionId: string) {
  await inTransaction(db, async (trx) => {
    const row = await repo.lockSession(trx, eventId, sessionId);
    if (!row) throw notFound('session');
    await repo.deleteSession(trx, sessionId);
    await recordAuditBatch(trx, actor, [{ action: 'events.session_deleted', targetType: 'event_session', targetId: sessionId, details: { eventId, titleEn: row.title_en } }]);
  });
}

// Registrations -----------------------------------------------------------------------------------

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A badge code: 80 random bits in 16 base32 letters, easy to type at the door when a QR code will not scan. */
export function newBadgeCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      code += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return code;
}

async function presentRegistration(db: Db, row: repo.RegistrationRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    organizationId: row.organization_id,
    organizationName: row.organization_name,
    organizationCountry: row.organization_country,
    fullName: row.full_name,
    email: row.email,
    position: row.position,
    status: row.status,
    waitlistPosition: row.status === 'waitlisted' ? await repo.waitlistPosition(db, row.event_id, row) : null,
    unavailableSlots: row.unavailable_slots,
    checkedInAt: row.checked_in_at?.toISOString() ?? null,
    badgeCode: row.status === 'cancelled' ? null : row.badge_code,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}

/** A registration the caller may see: staff any, a company its own organization's. */
async function readableRegistration(db: Db, auth: AuthContext, eventId: string, id: string) {
  const row = await repo.findRegistration(db, eventId, id);
  const scope = eventScope(auth);
  if (!row || (scope !== null && row.organization_id !== scope)) throw notFound('registration');
  return row;
}

export async function listRegistrations(db: Db, auth: AuthContext, eventId: string, query: repo.RegistrationFilter & { limit: number; offset: number }) {
  await readableEvent(db, auth, eventId);
  const scope = eventScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const filter = { ...query, organizationId: scope ?? query.organizationId };
  const { items, total } = await repo.listRegistrations(db, eventId, filter, query.limit, query.offset);
  return { items: await Promise.all(items.map((row) => presentRegistration(db, row))), total, limit: query.limit, offset: query.offset };
}

export async function getRegistration(db: Db, auth: AuthContext, eventId: string, id: string) {
  return presentRegistration(db, await readableRegistration(db, auth, eventId, id));
}

/** Slot starts as the event's canonical ISO strings; a time that is not a slot of the event is refused. */
function canonicalSlots(event: repo.EventRow, starts: string[], field: string): string[] {
  const known = new Set(slotsOf(event).map((slot) => slot.start));
  const canonical = starts.map((start) => new Date(start).toISOString());
  const errors = canonical.flatMap((start, index) => (known.has(start) ? [] : [{ field: `${field}.${index}`, message: 'is not a meeting slot of this event' }]));
  if (errors.length) throw invalidFields(errors);
  return [...new Set(canonical)].sort();
}

function seatEmail(event: repo.EventRow, fullName: string, status: 'registered' | 'waitlisted') {
  const seated = status === 'registered';
  return {
    subject: seated ? `Реєстрацію підтверджено / Registration confirmed: ${event.title_en}` : `Лист очікування / Waitlist: ${event.title_en}`,
    body: seated
      ? `${fullName} зареєстровано на «${event.title_uk}». Бейдж із QR-кодом можна завантажити на платформі.\n\n${fullName} is registered for “${event.title_en}”. The badge with its QR code can be downloaded on the platform.`
      : `Місць на «${event.title_uk}» немає; ${fullName} у листі очікування і отримає місце, щойно воно звільниться.\n\n“${event.title_en}” is full; ${fullName} is on the waitlist and gets a seat as soon as one is free.`,
  };
}

/**
 * Registers a delegate. The event row is locked, so two registrations for the last seat are counted
 * one after the other: exactly one gets the seat, the other goes to the waitlist.
 */
export async function registerDelegate(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, input: TCreateRegistrationBody) {
  const scope = eventScope(auth);
  const organizationId = input.organizationId ?? (scope === null || scope === 'none' ? undefined : scope);
  if (!organizationId) throw invalidFields([{ field: 'body.organizationId', message: scope === 'none' ? 'your account is linked to no organization' : 'is required' }]);
  if (!mayActFor(auth, organizationId)) throw new AppError('forbidden', { detail: 'a company registers its own delegates' });
  const id = uuidv7();
  await inTransaction(db, async (trx) => {
    const event = await repo.lockEvent(trx, eventId);
    if (!event || (!holdsAny(auth, EVENT_STAFF) && !PUBLIC_STATUSES.includes(event.status))) throw notFound('event');
    if (event.status !== 'published') throw new AppError('conflict', { detail: `registration is open only while the event is published (it is ${event.status})` });
    if (!(await organizationExists(trx, organizationId))) throw invalidFields([{ field: 'body.organizationId', message: 'no such organization' }]);
    const unavailable = canonicalSlots(event, input.unavailableSlots, 'body.unavailableSlots');
    if (await repo.activeRegistrationByEmail(trx, eventId, input.email)) throw new AppError('already_exists', { detail: `${input.email} is already registered for this event` });
    const active = await repo.countActiveOfOrganization(trx, eventId, organizationId);
    if (active >= event.per_company_limit) throw new AppError('conflict', { detail: `an organization may register at most ${event.per_company_limit} delegates for this event`, extra: { limit: event.per_company_limit } });
    const status = (await repo.countRegistered(trx, eventId)) < event.capacity ? 'registered' : 'waitlisted';
    const now = new Date();
    await repo.insertRegistration(trx, {
      id,
      event_id: eventId,
      organization_id: organizationId,
      full_name: input.fullName,
      email: input.email,
      position: input.position,
      status,
      badge_code: newBadgeCode(),
      unavailable_slots: JSON.stringify(unavailable),
      registered_by: actor.actorLabel,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    await repo.ensureParticipant(trx, eventId, organizationId, now);
    await recordAuditBatch(trx, actor, [{ action: status === 'registered' ? 'events.delegate_registered' : 'events.delegate_waitlisted', targetType: 'event_registration', targetId: id, details: { eventId, organizationId } }]);
    await enqueueOrganizationEmail(trx, { organizationId, ...seatEmail(event, input.fullName, status) });
  });
  return getRegistration(db, auth, eventId, id);
}

/** The event and the registration, locked, for a change by a caller who may see it: the version must match and the registration must not be cancelled. */
async function lockOpenRegistration(trx: Trx, eventId: string, id: string, version: number) {
  const event = (await repo.lockEvent(trx, eventId))!;
  const row = await repo.lockRegistration(trx, id);
  if (!row) throw notFound('registration');
  if (row.version !== version) throw staleVersion(row.version, 'registration');
  if (row.status === 'cancelled') throw new AppError('invalid_transition', { detail: 'the registration is cancelled' });
  return { event, row };
}

export async function updateRegistration(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: TUpdateRegistrationBody) {
  await readableRegistration(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    const { event, row } = await lockOpenRegistration(trx, eventId, id, input.version);
    const unavailable = input.unavailableSlots ? canonicalSlots(event, input.unavailableSlots, 'body.unavailableSlots') : undefined;
    if (unavailable) {
      const clash = (await repo.openMeetingsOfRegistration(trx, eventId, id)).filter((m) => m.slot_start && unavailable.includes(m.slot_start.toISOString()));
      if (clash.length) throw new AppError('conflict', { detail: 'the delegate has meetings booked in slots marked unavailable; cancel or move them first', extra: { meetings: clash.map((m) => m.id) } });
    }
    const patch = {
      ...(input.fullName !== undefined && { full_name: input.fullName }),
      ...(input.position !== undefined && { position: input.position }),
      ...(unavailable !== undefined && { unavailable_slots: JSON.stringify(unavailable) }),
    };
    await repo.updateRegistration(trx, id, { ...patch, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'events.registration_updated', targetType: 'event_registration', targetId: id, details: { eventId, changed: Object.keys(patch) } }]);
  });
  return getRegistration(db, auth, eventId, id);
}

/** Admits waitlisted delegates into free seats, first registered first; each organization is e-mailed. */
async function admitFromWaitlist(trx: Trx, actor: AuditActor, event: repo.EventRow) {
  const free = event.capacity - (await repo.countRegistered(trx, event.id));
  if (free <= 0) return;
  const admitted = await repo.waitlist(trx, event.id, free);
  for (const row of admitted) {
    await repo.updateRegistration(trx, row.id, { status: 'registered', version: row.version + 1, updated_at: new Date() });
    await enqueueOrganizationEmail(trx, { organizationId: row.organization_id, ...seatEmail(event, row.full_name, 'registered') });
  }
  if (admitted.length) await recordAuditBatch(trx, actor, admitted.map((row) => ({ action: 'events.delegate_admitted_from_waitlist', targetType: 'event_registration', targetId: row.id, details: { eventId: event.id } })));
}

/** Cancels a registration: the delegate's open meetings are cancelled and the first on the waitlist takes the seat. */
export async function cancelRegistration(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: { version: number; reason?: string }) {
  await readableRegistration(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    const { event, row } = await lockOpenRegistration(trx, eventId, id, input.version);
    const now = new Date();
    await repo.updateRegistration(trx, id, { status: 'cancelled', version: row.version + 1, updated_at: now });
    const meetings = await repo.openMeetingsOfRegistration(trx, eventId, id);
    await cancelMeetings(trx, meetings, 'the delegate’s registration was cancelled', actor.actorLabel, now);
    await recordAuditBatch(trx, actor, [
      { action: 'events.registration_cancelled', targetType: 'event_registration', targetId: id, details: { eventId, reason: input.reason ?? null, meetingsCancelled: meetings.length } },
      ...meetings.map((m) => ({ action: 'events.meeting_cancelled', targetType: 'meeting_request', targetId: m.id, details: { eventId, reason: 'registration cancelled' } })),
    ]);
    if (row.status === 'registered') await admitFromWaitlist(trx, actor, event);
  });
  return getRegistration(db, auth, eventId, id);
}

async function cancelMeetings(trx: Trx, meetings: Array<{ id: string; version: number }>, reason: string, by: string, now: Date) {
  if (meetings.length === 0) return;
  const ids = meetings.map((m) => m.id);
  await repo.deleteAttendanceOfMeetings(trx, ids);
  await repo.unplaceMeetings(trx, ids);
  for (const meeting of meetings) await repo.updateMeeting(trx, meeting.id, { status: 'cancelled', decision_reason: reason, decided_by: by, decided_at: now });
}

// Badges and check-in -----------------------------------------------------------------------------

/** The badge behind a code, for the door staff. */
export async function badgeByCode(db: Db, code: string) {
  const row = await repo.findRegistrationByBadge(db, code);
  if (!row) throw notFound('badge');
  const event = (await repo.findEvent(db, row.event_id))!;
  return {
    registrationId: row.id,
    eventId: row.event_id,
    eventTitleUk: event.title_uk,
    eventTitleEn: event.title_en,
    fullName: row.full_name,
    position: row.position,
    organizationName: row.organization_name,
    organizationCountry: row.organization_country,
    status: row.status,
    checkedInAt: row.checked_in_at?.toISOString() ?? null,
    eventTimeZone: event.time_zone,
    alreadyCheckedIn: row.checked_in_at !== null,
  };
}

/** Checks a delegate in at the door; a second scan says so and changes nothing. */
export async function checkIn(db: Db, actor: AuditActor, code: string) {
  const found = await repo.findRegistrationByBadge(db, code);
  if (!found) throw notFound('badge');
  const alreadyCheckedIn = await inTransaction(db, async (trx) => {
    const row = (await repo.lockRegistration(trx, found.id))!;
    if (row.status !== 'registered') throw new AppError('conflict', { detail: row.status === 'waitlisted' ? 'the delegate is on the waitlist and has no seat' : 'the registration is cancelled' });
    if (row.checked_in_at) return true;
    await repo.updateRegistration(trx, row.id, { checked_in_at: new Date(), checked_in_by: actor.actorLabel, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'events.delegate_checked_in', targetType: 'event_registration', targetId: row.id, details: { eventId: row.event_id } }]);
    return false;
  });
  return { ...(await badgeByCode(db, code)), alreadyCheckedIn };
}

/** What the badge PDF shows. */
export async function badgeContent(db: Db, auth: AuthContext, eventId: string, id: string) {
  const row = await readableRegistration(db, auth, eventId, id);
  if (row.status === 'cancelled') throw new AppError('conflict', { detail: 'the registration is cancelled' });
  const event = (await repo.findEvent(db, eventId))!;
  return { event, registration: row };
}

// Participants and recommendations ------------------------------------------------------------------

function presentParticipant(row: repo.ParticipantRow) {
  return {
    organizationId: row.organization_id,
    name: row.name,
    country: row.country,
    kind: row.kind,
    capabilities: row.capabilities,
    goals: row.goals,
    seeks: row.seeks as PartneringTopic[],
    offers: row.offers as PartneringTopic[],
    interests: row.interests,
    delegates: Number(row.delegates ?? 0),
    version: row.version,
  };
}

export async function listParticipants(db: Db, auth: AuthContext, eventId: string, query: { q?: string; country?: string; capability?: string; limit: number; offset: number }) {
  await readableEvent(db, auth, eventId);
  const { items, total } = await repo.listParticipants(db, eventId, query, query.limit, query.offset);
  return { items: items.map(presentParticipant), total, limit: query.limit, offset: query.offset };
}

export async function getParticipant(db: Db, auth: AuthContext, eventId: string, organizationId: string) {
  await readableEvent(db, auth, eventId);
  const row = await repo.findParticipant(db, eventId, organizationId);
  if (!row) throw notFound('participant');
  return presentParticipant(row);
}

export async function updateParticipant(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, organizationId: string, input: TUpdateParticipantBody) {
  await readableEvent(db, auth, eventId);
  if (!mayActFor(auth, organizationId)) throw notFound('participant');
  const codes = new Set((await listCapabilities(db)).map((c) => c.code));
  const unknown = input.interests.flatMap((code, index) => (codes.has(code) ? [] : [{ field: `body.interests.${index}`, message: 'no such capability category' }]));
  if (unknown.length) throw invalidFields(unknown);
  await inTransaction(db, async (trx) => {
    const row = await repo.lockParticipant(trx, eventId, organizationId);
    if (!row) throw notFound('participant');
    if (row.version !== input.version) throw staleVersion(row.version, 'participant profile');
    await repo.updateParticipant(trx, eventId, organizationId, { goals: input.goals, seeks: [...new Set(input.seeks)], offers: [...new Set(input.offers)], interests: [...new Set(input.interests)], version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'events.participant_updated', targetType: 'event_participant', targetId: organizationId, details: { eventId } }]);
  });
  return getParticipant(db, auth, eventId, organizationId);
}

function asParticipant(row: repo.ParticipantRow): Participant {
  return { organizationId: row.organization_id, name: row.name, country: row.country, kind: row.kind, capabilities: row.capabilities, seeks: row.seeks as PartneringTopic[], offers: row.offers as PartneringTopic[], interests: row.interests, goals: row.goals };
}

/** Other participants ranked for an organization, each with its reasons. */
export async function recommendations(db: Db, auth: AuthContext, eventId: string, organizationId: string, limit: number) {
  await readableEvent(db, auth, eventId);
  const scope = eventScope(auth);
  if (scope !== null && scope !== organizationId) throw notFound('participant');
  const subject = await repo.findParticipant(db, eventId, organizationId);
  if (!subject) throw notFound('participant');
  const [candidates, categories, open] = await Promise.all([repo.activeParticipants(db, eventId), listCapabilities(db), repo.openRequestsWith(db, eventId, organizationId)]);
  const names = new Map(categories.map((c) => [c.code, { uk: c.nameUk, en: c.nameEn }]));
  const ranked = recommendPartners(asParticipant(subject), candidates.map(asParticipant), HOST_COUNTRY, { categoryName: (code) => names.get(code) ?? { uk: code, en: code } });
  const openStatus = new Map(open.map((r) => [r.otherOrganizationId, r.status]));
  return { organizationId, items: ranked.slice(0, limit).map((r) => ({ ...r, openRequest: openStatus.get(r.organizationId) ?? null })) };
}

// Meetings ----------------------------------------------------------------------------------------

async function presentMeetings(db: Db, rows: repo.MeetingRow[], event?: repo.EventRow) {
  const ids = [...new Set(rows.flatMap((m) => [m.requester_registration_id, ...m.recipient_registration_ids]))];
  const people = new Map((await repo.registrationsByIds(db, ids)).map((r) => [r.id, { registrationId: r.id, fullName: r.full_name, position: r.position }]));
  const minutes = new Map<string, number>();
  const lengthOf = async (eventId: string) => {
    if (!minutes.has(eventId)) minutes.set(eventId, (event?.id === eventId ? event : await repo.findEvent(db, eventId))!.meeting_minutes);
    return minutes.get(eventId)!;
  };
  return Promise.all(
    rows.map(async (m) => ({
      id: m.id,
      eventId: m.event_id,
      status: m.status,
      requester: { organizationId: m.requester_organization_id, name: m.requester_name, country: m.requester_country, delegate: people.get(m.requester_registration_id)! },
      recipient: { organizationId: m.recipient_organization_id, name: m.recipient_name, country: m.recipient_country, delegates: m.recipient_registration_ids.map((id) => people.get(id)!).filter(Boolean) },
      message: m.message,
      decisionReason: m.decision_reason,
      slotStart: m.slot_start?.toISOString() ?? null,
      slotEnd: m.slot_start ? new Date(m.slot_start.getTime() + (await lengthOf(m.event_id)) * 60_000).toISOString() : null,
      tableNo: m.table_no,
      placedBy: m.placed_by,
      createdAt: m.created_at.toISOString(),
      decidedAt: m.decided_at?.toISOString() ?? null,
      version: m.version,
    })),
  );
}

/** A meeting the caller may see: staff any, a company the meetings its organization requested or received. */
async function readableMeeting(db: Db, auth: AuthContext, eventId: string, id: string) {
  const row = await repo.findMeeting(db, eventId, id);
  const scope = eventScope(auth);
  if (!row || (scope !== null && row.requester_organization_id !== scope && row.recipient_organization_id !== scope)) throw notFound('meeting request');
  return row;
}

export async function getMeeting(db: Db, auth: AuthContext, eventId: string, id: string) {
  const [meeting] = await presentMeetings(db, [await readableMeeting(db, auth, eventId, id)]);
  return meeting!;
}

export async function listMeetings(db: Db, auth: AuthContext, eventId: string, query: { direction: 'incoming' | 'outgoing' | 'all'; status?: repo.MeetingFilter['status']; placed?: 'true' | 'false'; organizationId?: string; limit: number; offset: number }) {
  const event = await readableEvent(db, auth, eventId);
  const scope = eventScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit: query.limit, offset: query.offset };
  const filter = { organizationId: scope ?? query.organizationId, direction: query.direction, status: query.status, placed: query.placed === undefined ? undefined : query.placed === 'true' };
  const { items, total } = await repo.listMeetings(db, eventId, filter, query.limit, query.offset);
  return { items: await presentMeetings(db, items, event), total, limit: query.limit, offset: query.offset };
}

/** A delegate who holds a seat at the event and belongs to the organization. */
async function seatedDelegate(db: Db, eventId: string, organizationId: string, registrationId: string, field: string) {
  const row = await repo.findRegistration(db, eventId, registrationId);
  if (!row || row.organization_id !== organizationId) throw invalidFields([{ field, message: 'no such delegate of the organization at this event' }]);
  if (row.status !== 'registered') throw invalidFields([{ field, message: `the delegate is ${row.status}, not registered` }]);
  return row;
}

/** Requests a meeting with another participating organization on behalf of one of the caller's delegates. */
export async function requestMeeting(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, input: TCreateMeetingBody) {
  const event = await readableEvent(db, auth, eventId);
  if (event.status !== 'published') throw new AppError('conflict', { detail: `meetings are requested only while the event is published (it is ${event.status})` });
  const requester = await repo.findRegistration(db, eventId, input.requesterRegistrationId);
  const scope = eventScope(auth);
  if (!requester || (scope !== null && requester.organization_id !== scope)) throw invalidFields([{ field: 'body.requesterRegistrationId', message: 'no such delegate of your organization at this event' }]);
  if (!mayActFor(auth, requester.organization_id)) throw new AppError('forbidden', { detail: 'a company requests meetings for its own delegates' });
  await seatedDelegate(db, eventId, requester.organization_id, requester.id, 'body.requesterRegistrationId');
  if (input.recipientOrganizationId === requester.organization_id) throw invalidFields([{ field: 'body.recipientOrganizationId', message: 'must be another organization' }]);
  const recipient = await repo.findParticipant(db, eventId, input.recipientOrganizationId);
  if (!recipient || Number(recipient.delegates ?? 0) === 0) throw invalidFields([{ field: 'body.recipientOrganizationId', message: 'the organization has no registered delegate at this event' }]);
  const id = uuidv7();
  await inTransaction(db, async (trx) => {
    const open = await repo.openRequestBetween(trx, eventId, requester.organization_id, input.recipientOrganizationId);
    if (open) throw new AppError('already_exists', { detail: `a meeting request between your organizations is already ${open.status}`, extra: { meetingId: open.id } });
    const now = new Date();
    await repo.insertMeeting(trx, {
      id,
      event_id: eventId,
      requester_organization_id: requester.organization_id,
      requester_registration_id: requester.id,
      recipient_organization_id: input.recipientOrganizationId,
      recipient_registration_ids: [],
      message: input.message,
      status: 'requested',
      created_by: actor.actorLabel,
      created_at: now,
      version: 1,
    });
    await recordAuditBatch(trx, actor, [{ action: 'events.meeting_requested', targetType: 'meeting_request', targetId: id, details: { eventId, requesterOrganizationId: requester.organization_id, recipientOrganizationId: input.recipientOrganizationId } }]);
    await enqueueOrganizationEmail(trx, {
      organizationId: input.recipientOrganizationId,
      subject: `Запит на зустріч / Meeting request: ${requester.organization_name}`,
      body: `${requester.organization_name} просить про зустріч на «${event.title_uk}». Прийміть або відхиліть запит на платформі.

${requester.organization_name} asks to meet you at “${event.title_en}”. Accept or decline the request on the platform.`,
    });
  });
  return getMeeting(db, auth, eventId, id);
}

/** The meeting, locked, for a decision by the caller on one side of it. */
async function lockMeetingFor(trx: Trx, auth: AuthContext, eventId: string, id: string, side: 'recipient' | 'either', version: number) {
  const row = await repo.lockMeeting(trx, eventId, id);
  const scope = eventScope(auth);
  const sideOk = (org: string) => scope === null || org === scope;
  if (!row || !(sideOk(row.recipient_organization_id) || sideOk(row.requester_organization_id))) throw notFound('meeting request');
  if (holdsAny(auth, ['auditor']) && !holdsAny(auth, EVENT_MANAGERS)) throw new AppError('forbidden', { detail: 'auditors read meetings; they do not decide them' });
  if (side === 'recipient' && !sideOk(row.recipient_organization_id)) throw new AppError('forbidden', { detail: 'only the organization asked to meet decides the request' });
  if (row.version !== version) throw staleVersion(row.version, 'meeting request');
  return row;
}

/**
 * Books a slot and a table for an accepted meeting. Callers hold the event's lock, so two bookings of
 * the same slot are decided one after the other; the unique keys on tables and attendance back it up.
 */
async function bookSlot(trx: Trx, event: repo.EventRow, meeting: { id: string; requester_registration_id: string; recipient_registration_ids: string[] }, slotStart: string, now: Date) {
  const slot = slotsOf(event).find((s) => s.start === new Date(slotStart).toISOString());
  if (!slot) throw invalidFields([{ field: 'body.slotStart', message: 'is not a meeting slot of this event' }]);
  if (event.table_count === 0) throw new AppError('conflict', { detail: 'the event has no meeting tables' });
  const people = [meeting.requester_registration_id, ...meeting.recipient_registration_ids];
  const rows = await repo.registrationsByIds(trx, people);
  const unavailable = new Set(await unavailableSlotsOf(trx, event, people));
  for (const person of rows) {
    if (person.status !== 'registered') throw new AppError('conflict', { detail: `${person.full_name} is ${person.status}, not registered` });
    if (unavailable.has(`${person.id}|${slot.start}`)) throw new AppError('conflict', { detail: `${person.full_name} is not available at that time` });
  }
  const busy = await repo.busyAt(trx, event.id, people, new Date(slot.start));
  if (busy.length) throw new AppError('conflict', { detail: `${rows.find((r) => r.id === busy[0]!.registration_id)?.full_name ?? 'a delegate'} already has a meeting at that time` });
  const taken = await repo.tablesTakenAt(trx, event.id, new Date(slot.start));
  const table = Array.from({ length: event.table_count }, (_, i) => i + 1).find((n) => !taken.has(n));
  if (!table) throw new AppError('conflict', { detail: 'every meeting table is taken at that time' });
  await repo.placeMeetings(trx, [{ id: meeting.id, slotStart: new Date(slot.start), tableNo: table }], 'booking', now);
  await repo.insertAttendance(trx, people.map((registrationId) => ({ event_id: event.id, registration_id: registrationId, slot_start: slot.start, meeting_id: meeting.id })));
  return { slotStart: slot.start, tableNo: table };
}

/** `registrationId|slotStart` for every slot a delegate cannot attend: marked unavailable, or speaking at a session. */
async function unavailableSlotsOf(db: Db, event: repo.EventRow, registrationIds: string[]): Promise<string[]> {
  const wanted = new Set(registrationIds);
  const slots = slotsOf(event);
  const [delegates, sessions] = await Promise.all([repo.registeredDelegates(db, event.id), repo.listSessions(db, event.id)]);
  const keys: string[] = [];
  for (const delegate of delegates) if (wanted.has(delegate.id)) for (const start of delegate.unavailable_slots) keys.push(`${delegate.id}|${start}`);
  for (const session of sessions) {
    const overlapping = slotsOverlapping(slots, session.starts_at, session.ends_at);
    for (const speaker of session.speakers) if (speaker.registrationId && wanted.has(speaker.registrationId)) for (const start of overlapping) keys.push(`${speaker.registrationId}|${start}`);
  }
  return keys;
}

/** The recipient accepts and names who attends; with a slot, the meeting is booked at once (or the whole acceptance fails). */
export async function acceptMeeting(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: TAcceptMeetingBody) {
  await readableMeeting(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    const event = (await repo.lockEvent(trx, eventId))!;
    const row = await lockMeetingFor(trx, auth, eventId, id, 'recipient', input.version);
    if (row.status !== 'requested') throw new AppError('invalid_transition', { detail: `the request is ${row.status}`, extra: { allowed: [] } });
    if (event.status !== 'published') throw new AppError('conflict', { detail: `the event is ${event.status}` });
    const attendees = [...new Set(input.registrationIds)];
    for (const [index, registrationId] of attendees.entries()) await seatedDelegate(trx, eventId, row.recipient_organization_id, registrationId, `body.registrationIds.${index}`);
    const now = new Date();
    await repo.updateMeeting(trx, id, { status: 'accepted', recipient_registration_ids: attendees, decided_by: actor.actorLabel, decided_at: now, version: row.version + 1 });
    const booked = input.slotStart ? await bookSlot(trx, event, { ...row, recipient_registration_ids: attendees }, input.slotStart, now) : null;
    await recordAuditBatch(trx, actor, [
      { action: 'events.meeting_accepted', targetType: 'meeting_request', targetId: id, details: { eventId } },
      ...(booked ? [{ action: 'events.meeting_booked', targetType: 'meeting_request', targetId: id, details: { eventId, ...booked } }] : []),
    ]);
    await enqueueOrganizationEmail(trx, {
      organizationId: row.requester_organization_id,
      subject: `Зустріч погоджено / Meeting accepted: ${event.title_en}`,
      body: `Ваш запит на зустріч прийнято${booked ? `; стіл ${booked.tableNo}, ${booked.slotStart}` : '; час призначить розклад'}.

Your meeting request was accepted${booked ? `; table ${booked.tableNo} at ${booked.slotStart}` : '; the schedule will give it a time'}.`,
    });
  });
  return getMeeting(db, auth, eventId, id);
}

/** Either side books (or moves) an accepted meeting into a slot. */
export async function bookMeeting(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: { version: number; slotStart: string }) {
  await readableMeeting(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    const event = (await repo.lockEvent(trx, eventId))!;
    const row = await lockMeetingFor(trx, auth, eventId, id, 'either', input.version);
    if (row.status !== 'accepted') throw new AppError('invalid_transition', { detail: `the request is ${row.status}; only an accepted meeting is booked` });
    const now = new Date();
    if (row.slot_start) {
      await repo.deleteAttendanceOfMeetings(trx, [id]);
      await repo.unplaceMeetings(trx, [id]);
    }
    const booked = await bookSlot(trx, event, row, input.slotStart, now);
    await recordAuditBatch(trx, actor, [{ action: row.slot_start ? 'events.meeting_moved' : 'events.meeting_booked', targetType: 'meeting_request', targetId: id, details: { eventId, ...booked, from: row.slot_start?.toISOString() ?? null } }]);
  });
  return getMeeting(db, auth, eventId, id);
}

export async function declineMeeting(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: { version: number; reason?: string }) {
  await readableMeeting(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    const row = await lockMeetingFor(trx, auth, eventId, id, 'recipient', input.version);
    if (row.status !== 'requested') throw new AppError('invalid_transition', { detail: `the request is ${row.status}` });
    await repo.updateMeeting(trx, id, { status: 'declined', decision_reason: input.reason ?? null, decided_by: actor.actorLabel, decided_at: new Date(), version: row.version + 1 });
    await recordAuditBatch(trx, actor, [{ action: 'events.meeting_declined', targetType: 'meeting_request', targetId: id, details: { eventId } }]);
    await enqueueOrganizationEmail(trx, { organizationId: row.requester_organization_id, subject: 'Запит на зустріч відхилено / Meeting request declined', body: `Ваш запит на зустріч відхилено.${input.reason ? ` ${input.reason}` : ''}

Your meeting request was declined.${input.reason ? ` ${input.reason}` : ''}` });
  });
  return getMeeting(db, auth, eventId, id);
}

export async function cancelMeeting(db: Db, auth: AuthContext, actor: AuditActor, eventId: string, id: string, input: { version: number; reason?: string }) {
  await readableMeeting(db, auth, eventId, id);
  await inTransaction(db, async (trx) => {
    await repo.lockEvent(trx, eventId);
    const row = await lockMeetingFor(trx, auth, eventId, id, 'either', input.version);
    if (row.status !== 'requested' && row.status !== 'accepted') throw new AppError('invalid_transition', { detail: `the request is ${row.status}` });
    await cancelMeetings(trx, [row], input.reason ?? 'cancelled', actor.actorLabel, new Date());
    await recordAuditBatch(trx, actor, [{ action: 'events.meeting_cancelled', targetType: 'meeting_request', targetId: id, details: { eventId, reason: input.reason ?? null } }]);
    const scope = eventScope(auth);
    const other = scope === row.requester_organization_id ? row.recipient_organization_id : row.requester_organization_id;
    await enqueueOrganizationEmail(trx, { organizationId: other, subject: 'Зустріч скасовано / Meeting cancelled', body: `Зустріч скасовано.${input.reason ? ` ${input.reason}` : ''}

A meeting was cancelled.${input.reason ? ` ${input.reason}` : ''}` });
  });
  return getMeeting(db, auth, eventId, id);
}

/**
 * Runs the scheduler over every accepted meeting. Meetings already placed are kept where they are
 * (the scheduler's `fixed`); one that now breaks a rule is displaced and placed afresh if it can be.
 */
export async function runSchedule(db: Db, actor: AuditActor, eventId: string, input: { dryRun: boolean }) {
  return inTransaction(db, async (trx) => {
    const event = await repo.lockEvent(trx, eventId);
    if (!event) throw notFound('event');
    const slots = slotsOf(event);
    const meetings = await repo.acceptedMeetings(trx, eventId);
    const delegates = await repo.registeredDelegates(trx, eventId);
    const unavailable = new Map<string, string[]>();
    for (const key of await unavailableSlotsOf(trx, event, delegates.map((d) => d.id))) {
      const [person, start] = key.split('|') as [string, string];
      unavailable.set(person, [...(unavailable.get(person) ?? []), start]);
    }
    const problem = {
      slots: slots.map((slot) => ({ id: slot.start })),
      tables: Array.from({ length: event.table_count }, (_, i) => ({ id: String(i + 1) })),
      people: delegates.map((d) => ({ id: d.id, unavailableSlotIds: unavailable.get(d.id) ?? [] })),
      meetings: meetings.map((m) => ({
        id: m.id,
        personIds: [m.requester_registration_id, ...m.recipient_registration_ids],
        // A confirmed meeting that must move goes before new requests when not everything fits.
        ...(m.slot_start && m.table_no !== null && { fixed: { slotId: m.slot_start.toISOString(), tableId: String(m.table_no) }, priority: 1 }),
      })),
    };
    const result = scheduleMeetings(problem);
    const violations = validateSchedule(problem, result.placements);
    if (violations.length) throw new Error(`the scheduler broke its rules: ${violations.slice(0, 3).join('; ')}`);
    const before = new Map(meetings.filter((m) => m.slot_start).map((m) => [m.id, `${m.slot_start!.toISOString()}#${m.table_no}`]));
    const changed = result.placements.filter((p) => before.get(p.meetingId) !== `${p.slotId}#${p.tableId}`);
    const summary = {
      dryRun: input.dryRun,
      accepted: meetings.length,
      keptFixed: result.stats.keptFixed,
      newlyPlaced: changed.length,
      displaced: result.displaced.length,
      unplaced: result.unplaced,
      milliseconds: Math.round(result.stats.milliseconds),
    };
    if (input.dryRun) return summary;
    const now = new Date();
    // Displaced meetings and those moving lose their old places first, so the unique keys see no clash.
    const released = [...new Set([...result.displaced, ...changed.map((p) => p.meetingId).filter((id) => before.has(id))])];
    await repo.deleteAttendanceOfMeetings(trx, released);
    await repo.unplaceMeetings(trx, released);
    const byId = new Map(meetings.map((m) => [m.id, m]));
    await repo.placeMeetings(trx, changed.map((p) => ({ id: p.meetingId, slotStart: new Date(p.slotId), tableNo: Number(p.tableId) })), 'scheduler', now);
    await repo.insertAttendance(trx, changed.flatMap((p) => { const m = byId.get(p.meetingId)!; return [m.requester_registration_id, ...m.recipient_registration_ids].map((registrationId) => ({ event_id: eventId, registration_id: registrationId, slot_start: p.slotId, meeting_id: p.meetingId })); }));
    await recordAuditBatch(trx, actor, [
      { action: 'events.schedule_run', targetType: 'event', targetId: eventId, details: { ...summary, unplaced: summary.unplaced.length } },
      ...changed.map((p) => ({ action: 'events.meeting_scheduled', targetType: 'meeting_request', targetId: p.meetingId, details: { eventId, slotStart: p.slotId, tableNo: Number(p.tableId) } })),
      ...result.displaced.filter((id) => !changed.some((p) => p.meetingId === id)).map((id) => ({ action: 'events.meeting_unplaced', targetType: 'meeting_request', targetId: id, details: { eventId } })),
    ]);
    const organizations = new Set(changed.flatMap((p) => { const m = byId.get(p.meetingId)!; return [m.requester_organization_id, m.recipient_organization_id]; }));
    for (const organizationId of organizations) {
      await enqueueOrganizationEmail(trx, { organizationId, subject: `Розклад зустрічей / Meeting schedule: ${event.title_en}`, body: `Розклад ваших зустрічей на «${event.title_uk}» оновлено: перегляньте порядок денний делегатів.

Your meeting schedule for “${event.title_en}” was updated: see your delegates’ agendas.` });
    }
    return summary;
  });
}

// Agenda ------------------------------------------------------------------------------------------

/** A delegate's personal agenda: the event's sessions and the delegate's placed meetings, in time order. */
export async function agenda(db: Db, auth: AuthContext, eventId: string, registrationId: string) {
  const registration = await readableRegistration(db, auth, eventId, registrationId);
  const event = (await repo.findEvent(db, eventId))!;
  const [sessions, meetings] = await Promise.all([repo.listSessions(db, eventId), repo.openMeetingsOfRegistration(db, eventId, registrationId)]);
  const presented = await presentMeetings(db, meetings, event);
  const items = [
    ...sessions.map((s) => ({
      kind: 'session' as const,
      id: s.id,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      titleUk: s.title_uk,
      titleEn: s.title_en,
      location: s.room,
      tableNo: null,
      speaking: s.speakers.some((speaker) => speaker.registrationId === registrationId),
      counterpart: null,
    })),
    ...presented
      .filter((m) => m.slotStart)
      .map((m) => {
        const mine = m.requester.delegate.registrationId === registrationId || m.requester.organizationId === registration.organization_id;
        const other = mine ? { organizationName: m.recipient.name, country: m.recipient.country, people: m.recipient.delegates.map((d) => d.fullName) } : { organizationName: m.requester.name, country: m.requester.country, people: [m.requester.delegate.fullName] };
        return {
          kind: 'meeting' as const,
          id: m.id,
          startsAt: m.slotStart!,
          endsAt: m.slotEnd!,
          titleUk: `Зустріч: ${other.organizationName}`,
          titleEn: `Meeting: ${other.organizationName}`,
          location: `Стіл ${m.tableNo} / Table ${m.tableNo}`,
          tableNo: m.tableNo,
          speaking: false,
          counterpart: other,
        };
      }),
  ].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.kind.localeCompare(b.kind));
  return {
    event: presentEventSummary(event),
    delegate: { registrationId, fullName: registration.full_name, position: registration.position, organizationName: registration.organization_name, status: registration.status },
    items,
    unplacedMeetings: presented.filter((m) => m.status === 'accepted' && !m.slotStart).length,
  };
}
