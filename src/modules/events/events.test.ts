import ICAL from 'ical.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { apiClient } from '../../../test/support/fund-programs.ts';
import { pdfText } from '../../../test/support/pdf.ts';

// Forum and matchmaking through the real stack: events and their public agenda, registrations with the
// per-company limit and the waitlist, badges and check-in, partner recommendations, meeting requests,
// bookings that never double-book, the scheduler keeping confirmed meetings, and personal agendas.

let t: TestApp;
let api: ReturnType<typeof apiClient>;
let officer: Caller;
let auditor: Caller;
let analyst: Caller;
const companies: Array<{ caller: Caller; organizationId: string; name: string }> = [];

let keys = 0;
function send(caller: Caller | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  const headers = caller ? (method === 'GET' ? { cookie: caller.cookie } : { ...caller.headers, 'idempotency-key': `ev-${++keys}` }) : {};
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}
async function status(caller: Caller | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
  return (await send(caller, method, url, payload)).statusCode;
}

const DAY1 = '2027-03-16';
const DAY2 = '2027-03-17';
/** Kyiv is UTC+2 in March before the change to summer time (the last Sunday, 28 March 2027). */
const at = (date: string, time: string) => new Date(`${date}T${time}:00+02:00`).toISOString();

function eventBody(overrides: Record<string, unknown> = {}) {
  return {
    titleUk: 'Форум оборонних індустрій',
    titleEn: 'Defense Industries Forum',
    venueUk: 'Київ, Парковий',
    venueEn: 'Kyiv, Parkovy',
    startsOn: DAY1,
    endsOn: DAY2,
    capacity: 50,
    perCompanyLimit: 3,
    meetingMinutes: 30,
    tableCount: 10,
    meetingHours: [
      { date: DAY1, from: '10:00', to: '12:00' },
      { date: DAY2, from: '10:00', to: '11:00' },
    ],
    ...overrides,
  };
}

async function publishedEvent(overrides: Record<string, unknown> = {}) {
  const created = await api(officer, 'POST', '/api/v1/events', eventBody(overrides), 201);
  return api(officer, 'PATCH', `/api/v1/events/${created.id}`, { version: created.version, status: 'published' });
}

async function register(company: (typeof companies)[number], eventId: string, fullName: string, extra: Record<string, unknown> = {}) {
  return api(company.caller, 'POST', `/api/v1/events/${eventId}/registrations`, { fullName, email: `${fullName.toLowerCase().replace(/\W+/g, '.')}.${++keys}@forum.test`, position: 'Director', ...extra }, 201);
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_events').select('action').where('target_id', '=', targetId).orderBy('seq').execute();
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t, 'events');
  [officer, auditor, analyst] = await Promise.all([signedInCaller(t, ['officer']), signedInCaller(t, ['auditor']), signedInCaller(t, ['analyst'])]);
  const profiles = [
    { name: 'Nordic Drones AS', country: 'NO', kind: 'manufacturer' as const, capabilities: ['uav.fpv'] },
    { name: 'Kyiv UAV Works', country: 'UA', kind: 'manufacturer' as const, capabilities: ['uav.fpv'] },
    { name: 'Lviv Optics', country: 'UA', kind: 'manufacturer' as const, capabilities: ['optics'] },
    { name: 'Bavaria Armor GmbH', country: 'DE', kind: 'manufacturer' as const, capabilities: ['armored_vehicles'] },
  ];
  for (const profile of profiles) {
    const organization = await makeOrganization(t, profile.name, { country: profile.country, kind: profile.kind, capabilities: profile.capabilities });
    companies.push({ caller: await signedInCaller(t, ['company'], { organizationId: organization.id }), organizationId: organization.id, name: profile.name });
  }
}, 120_000);
afterAll(async () => t?.close());

describe('events', () => {
  it('officers create, publish and cancel events; the public sees the agenda of published ones only', async () => {
    const [nordic] = companies;
    expect(await status(nordic!.caller, 'POST', '/api/v1/events', eventBody())).toBe(403);
    expect(await status(analyst, 'GET', '/api/v1/events')).toBe(403);
    expect(await status(officer, 'POST', '/api/v1/events', eventBody({ endsOn: '2027-03-15' }))).toBe(400);
    expect(await status(officer, 'POST', '/api/v1/events', eventBody({ meetingHours: [{ date: '2027-04-01', from: '10:00', to: '11:00' }] }))).toBe(400);
    expect(await status(officer, 'POST', '/api/v1/events', eventBody({ meetingHours: [{ date: DAY1, from: '10:00', to: '11:00' }, { date: DAY1, from: '10:30', to: '12:00' }] }))).toBe(400);
    expect(await status(officer, 'POST', '/api/v1/events', eventBody({ timeZone: 'Mars/Olympus' }))).toBe(400);

    const draft = await api(officer, 'POST', '/api/v1/events', eventBody(), 201);
    expect(draft).toMatchObject({ status: 'draft', version: 1, timeZone: 'Europe/Kyiv' });
    // Two hours on day one and one on day two, in 30-minute meetings: six slots, local 10:00 = 08:00 UTC.
    expect(draft.slots.map((s: { start: string }) => s.start)).toEqual([at(DAY1, '10:00'), at(DAY1, '10:30'), at(DAY1, '11:00'), at(DAY1, '11:30'), at(DAY2, '10:00'), at(DAY2, '10:30')]);
    expect(await status(nordic!.caller, 'GET', `/api/v1/events/${draft.id}`)).toBe(404);
    expect(await status(null, 'GET', `/api/v1/public/events/${draft.id}`)).toBe(404);

    const session = await api(officer, 'POST', `/api/v1/events/${draft.id}/sessions`, { titleUk: 'Відкриття', titleEn: 'Opening', startsAt: at(DAY1, '09:00'), endsAt: at(DAY1, '10:00'), room: 'Hall A', speakers: [{ name: 'Minister of Strategic Industries' }] }, 201);
    expect(await status(officer, 'POST', `/api/v1/events/${draft.id}/sessions`, { titleUk: 'Х', titleEn: 'X', startsAt: at(DAY1, '11:00'), endsAt: at(DAY1, '10:00') })).toBe(400);
    expect(await status(officer, 'PATCH', `/api/v1/events/${draft.id}`, { version: 1, status: 'closed' })).toBe(409);
    const published = await api(officer, 'PATCH', `/api/v1/events/${draft.id}`, { version: 1, status: 'published' });
    expect(await status(officer, 'PATCH', `/api/v1/events/${draft.id}`, { version: 1, titleEn: 'Stale' })).toBe(409);

    const publicEvent = await api(null, 'GET', `/api/v1/public/events/${draft.id}`);
    expect(publicEvent.sessions).toEqual([expect.objectContaining({ id: session.id, titleEn: 'Opening', speakers: [{ name: 'Minister of Strategic Industries' }] })]);
    expect(publicEvent).not.toHaveProperty('capacity');
    expect((await api(null, 'GET', '/api/v1/public/events')).items.map((e: { id: string }) => e.id)).toContain(draft.id);
    expect((await api(nordic!.caller, 'GET', '/api/v1/events')).items.map((e: { id: string }) => e.id)).toContain(draft.id);

    await api(officer, 'PATCH', `/api/v1/events/${draft.id}`, { version: published.version, status: 'cancelled' });
    expect(await status(null, 'GET', `/api/v1/public/events/${draft.id}`)).toBe(404);
    expect(await auditActions(draft.id)).toEqual(['events.event_created', 'events.event_updated', 'events.event_published', 'events.event_updated', 'events.event_cancelled']);
  });
});

describe('registrations', () => {
  it('keeps the per-company limit, fills seats in order, waitlists the rest and admits them when a seat frees', async () => {
    const [nordic, kyiv, lviv] = companies;
    const event = await publishedEvent({ capacity: 3, perCompanyLimit: 2 });
    const base = `/api/v1/events/${event.id}/registrations`;
    const n1 = await register(nordic!, event.id, 'Ingrid Berg');
    const n2 = await register(nordic!, event.id, 'Ola Nordmann');
    expect([n1.status, n2.status]).toEqual(['registered', 'registered']);
    const overLimit = await send(nordic!.caller, 'POST', base, { fullName: 'Third Person', email: 'third@forum.test' });
    expect(overLimit.statusCode).toBe(409);
    expect(overLimit.json().detail).toMatch(/at most 2/);
    expect(await status(nordic!.caller, 'POST', base, { fullName: 'Copy', email: n1.email })).toBe(409);
    // A company registers only its own delegates.
    expect(await status(nordic!.caller, 'POST', base, { organizationId: kyiv!.organizationId, fullName: 'Not Mine', email: 'notmine@forum.test' })).toBe(403);

    const k1 = await register(kyiv!, event.id, 'Olena Kovalenko');
    expect(k1.status).toBe('registered');
    const l1 = await register(lviv!, event.id, 'Taras Shevchuk');
    const l2 = await register(lviv!, event.id, 'Mariia Bondar');
    expect([l1.status, l1.waitlistPosition, l2.status, l2.waitlistPosition]).toEqual(['waitlisted', 1, 'waitlisted', 2]);
    // An officer registers for any organization, here into the waitlist too.
    const k2 = await api(officer, 'POST', base, { organizationId: kyiv!.organizationId, fullName: 'Andrii Melnyk', email: 'andrii@forum.test' }, 201);
    expect(k2).toMatchObject({ status: 'waitlisted', waitlistPosition: 3 });

    // A company sees its own delegates only; another company's registration is not there at all.
    expect((await api(nordic!.caller, 'GET', base)).items.map((r: { id: string }) => r.id).sort()).toEqual([n1.id, n2.id].sort());
    expect(await status(nordic!.caller, 'GET', `${base}/${k1.id}`)).toBe(404);
    expect(await status(nordic!.caller, 'POST', `${base}/${k1.id}/cancel`, { version: 1 })).toBe(404);
    expect((await api(auditor, 'GET', base)).total).toBe(6);
    expect(await status(auditor, 'POST', base, { organizationId: kyiv!.organizationId, fullName: 'Aud', email: 'aud@forum.test' })).toBe(403);

    // Cancelling a seat admits the first on the waitlist.
    await api(nordic!.caller, 'POST', `${base}/${n2.id}/cancel`, { version: n2.version, reason: 'travel cancelled' });
    expect((await api(lviv!.caller, 'GET', `${base}/${l1.id}`)).status).toBe('registered');
    expect((await api(lviv!.caller, 'GET', `${base}/${l2.id}`)).waitlistPosition).toBe(1);
    expect(await auditActions(l1.id)).toEqual(['events.delegate_waitlisted', 'events.delegate_admitted_from_waitlist']);
    // More seats admit the waitlist in order.
    const current = await api(officer, 'GET', `/api/v1/events/${event.id}`);
    const grown = await api(officer, 'PATCH', `/api/v1/events/${event.id}`, { version: current.version, capacity: 5 });
    expect(grown.counts).toMatchObject({ registered: 5, waitlisted: 0 });
    expect(await status(officer, 'PATCH', `/api/v1/events/${event.id}`, { version: grown.version, capacity: 2 })).toBe(400);
    const mails = await t.database.db.selectFrom('email_outbox').select(['subject']).where('organization_id', '=', lviv!.organizationId).execute();
    expect(mails.filter((m) => m.subject.startsWith('Реєстрацію підтверджено')).length).toBe(2);
  });

  it('gives the last seat to exactly one of two registrations sent at the same moment', async () => {
    const [, , lviv, bavaria] = companies;
    const event = await publishedEvent({ capacity: 1 });
    const answers = await Promise.all([register(lviv!, event.id, 'Seat Racer One'), register(bavaria!, event.id, 'Seat Racer Two')]);
    expect(answers.map((a) => a.status).sort()).toEqual(['registered', 'waitlisted']);
    expect((await api(officer, 'GET', `/api/v1/events/${event.id}`)).counts).toMatchObject({ registered: 1, waitlisted: 1 });
  });

  it('prints a badge with a QR code that the door staff scan to check the delegate in, once', async () => {
    const [nordic, kyiv] = companies;
    const event = await publishedEvent({ capacity: 1 });
    const seated = await register(nordic!, event.id, 'Badge Holder');
    const waiting = await register(kyiv!, event.id, 'Badge Waiter');
    const badge = await send(nordic!.caller, 'GET', `/api/v1/events/${event.id}/registrations/${seated.id}/badge.pdf`);
    expect(badge.statusCode).toBe(200);
    expect(badge.headers['content-type']).toBe('application/pdf');
    const { text, pages } = await pdfText(badge.rawPayload);
    expect(pages).toBe(1);
    expect(text).toContain('Badge Holder');
    expect(text).toContain('Nordic Drones AS');
    expect(text.replace(/\s/g, '')).toContain(seated.badgeCode);
    expect(await status(kyiv!.caller, 'GET', `/api/v1/events/${event.id}/registrations/${seated.id}/badge.pdf`)).toBe(404);

    const code = seated.badgeCode as string;
    expect(await status(nordic!.caller, 'POST', `/api/v1/events/badges/${code}/check-in`)).toBe(403);
    expect(await api(officer, 'GET', `/api/v1/events/badges/${code}`)).toMatchObject({ fullName: 'Badge Holder', checkedInAt: null });
    const first = await api(officer, 'POST', `/api/v1/events/badges/${code}/check-in`);
    expect(first.alreadyCheckedIn).toBe(false);
    expect(first.checkedInAt).not.toBeNull();
    expect((await api(officer, 'POST', `/api/v1/events/badges/${code}/check-in`)).alreadyCheckedIn).toBe(true);
    expect(await api(officer, 'GET', `/api/v1/events/badges/${code}`)).toMatchObject({ alreadyCheckedIn: true, eventTimeZone: 'Europe/Kyiv' });
    expect(await status(officer, 'POST', `/api/v1/events/badges/${waiting.badgeCode}/check-in`)).toBe(409);
    expect(await status(officer, 'GET', '/api/v1/events/badges/AAAAAAAAAAAAAAAA')).toBe(404);
    expect(await status(officer, 'GET', '/api/v1/events/badges/not-a-code')).toBe(400);
    expect(await auditActions(seated.id)).toEqual(['events.delegate_registered', 'events.delegate_checked_in']);
  });
});

describe('matchmaking', () => {
  it('recommends complementary partners with reasons, from the stated goals', async () => {
    const [nordic, kyiv, lviv, bavaria] = companies;
    const event = await publishedEvent();
    for (const company of companies) await register(company, event.id, `${company.name} Delegate`);
    const profile = `/api/v1/events/${event.id}/participants/${nordic!.organizationId}`;
    const before = await api(nordic!.caller, 'GET', profile);
    await api(nordic!.caller, 'PUT', `${profile}/profile`, { version: before.version, goals: 'Localize FPV drone assembly', seeks: ['local_partner', 'production_site'], offers: ['technology'], interests: ['uav.fpv'] });
    expect(await status(kyiv!.caller, 'PUT', `${profile}/profile`, { version: 2, goals: 'hijack' })).toBe(404);
    expect(await status(nordic!.caller, 'PUT', `${profile}/profile`, { version: 2, interests: ['no.such.category'] })).toBe(400);
    const kyivProfile = await api(kyiv!.caller, 'GET', `/api/v1/events/${event.id}/participants/${kyiv!.organizationId}`);
    await api(kyiv!.caller, 'PUT', `/api/v1/events/${event.id}/participants/${kyiv!.organizationId}/profile`, { version: kyivProfile.version, goals: 'Drone assembly lines', offers: ['local_partner', 'production_site'], seeks: ['technology'], interests: ['uav.fpv'] });

    const ranked = await api(nordic!.caller, 'GET', `${profile}/recommendations`);
    expect(ranked.items[0]).toMatchObject({ organizationId: kyiv!.organizationId });
    expect(ranked.items[0].reasons.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['local_producer', 'offers_what_you_seek', 'seeks_what_you_offer', 'shared_interests', 'shared_goals']));
    expect(ranked.items[0].reasons[0].textEn).toContain('FPV');
    expect(ranked.items.map((r: { organizationId: string }) => r.organizationId)).not.toContain(bavaria!.organizationId);
    // A company reads its own recommendations only.
    expect(await status(lviv!.caller, 'GET', `${profile}/recommendations`)).toBe(404);
    const search = await api(lviv!.caller, 'GET', `/api/v1/events/${event.id}/participants?capability=uav`);
    expect(search.items.map((p: { name: string }) => p.name).sort()).toEqual(['Kyiv UAV Works', 'Nordic Drones AS']);
  });

  it('takes a request to an accepted, booked meeting, never double-books a person or a table, and cancels cleanly', async () => {
    const [nordic, kyiv, lviv, bavaria] = companies;
    const event = await publishedEvent({ tableCount: 1 });
    const [n, k, l, b] = [await register(nordic!, event.id, 'Nils Meeting'), await register(kyiv!, event.id, 'Kateryna Meeting'), await register(lviv!, event.id, 'Lesia Meeting'), await register(bavaria!, event.id, 'Bernd Meeting')];
    const meetings = `/api/v1/events/${event.id}/meetings`;
    const request = await api(nordic!.caller, 'POST', meetings, { requesterRegistrationId: n.id, recipientOrganizationId: kyiv!.organizationId, message: 'FPV frames' }, 201);
    expect(request.status).toBe('requested');
    expect(await status(nordic!.caller, 'POST', meetings, { requesterRegistrationId: n.id, recipientOrganizationId: kyiv!.organizationId })).toBe(409);
    // Nor the other way round while this one is open.
    expect(await status(kyiv!.caller, 'POST', meetings, { requesterRegistrationId: k.id, recipientOrganizationId: nordic!.organizationId })).toBe(409);
    expect(await status(nordic!.caller, 'POST', meetings, { requesterRegistrationId: k.id, recipientOrganizationId: lviv!.organizationId })).toBe(400);
    expect(await status(nordic!.caller, 'POST', meetings, { requesterRegistrationId: n.id, recipientOrganizationId: nordic!.organizationId })).toBe(400);
    // Only the organization asked accepts, and a third company does not even see the request.
    expect(await status(nordic!.caller, 'POST', `${meetings}/${request.id}/accept`, { version: 1, registrationIds: [n.id] })).toBe(403);
    expect(await status(lviv!.caller, 'GET', `${meetings}/${request.id}`)).toBe(404);
    expect(await status(kyiv!.caller, 'POST', `${meetings}/${request.id}/accept`, { version: 1, registrationIds: [l.id] })).toBe(400);
    expect(await status(kyiv!.caller, 'POST', `${meetings}/${request.id}/accept`, { version: 1, registrationIds: [k.id], slotStart: at(DAY1, '10:15') })).toBe(400);
    const accepted = await api(kyiv!.caller, 'POST', `${meetings}/${request.id}/accept`, { version: 1, registrationIds: [k.id], slotStart: at(DAY1, '10:00') });
    expect(accepted).toMatchObject({ status: 'accepted', slotStart: at(DAY1, '10:00'), slotEnd: at(DAY1, '10:30'), tableNo: 1, placedBy: 'booking' });
    expect(accepted.recipient.delegates).toEqual([expect.objectContaining({ fullName: 'Kateryna Meeting' })]);

    // Lviv ↔ Bavaria: the only table is taken at 10:00, so booking it there fails and changes nothing.
    const second = await api(lviv!.caller, 'POST', meetings, { requesterRegistrationId: l.id, recipientOrganizationId: bavaria!.organizationId }, 201);
    const clash = await send(bavaria!.caller, 'POST', `${meetings}/${second.id}/accept`, { version: 1, registrationIds: [b.id], slotStart: at(DAY1, '10:00') });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().detail).toMatch(/every meeting table is taken/);
    expect((await api(bavaria!.caller, 'GET', `${meetings}/${second.id}`)).status).toBe('requested');
    const secondAccepted = await api(bavaria!.caller, 'POST', `${meetings}/${second.id}/accept`, { version: 1, registrationIds: [b.id] });
    // Nils is already meeting Kyiv at 10:00: a second meeting for him there is refused even with tables free.
    const third = await api(nordic!.caller, 'POST', meetings, { requesterRegistrationId: n.id, recipientOrganizationId: bavaria!.organizationId }, 201);
    const thirdAccepted = await api(bavaria!.caller, 'POST', `${meetings}/${third.id}/accept`, { version: 1, registrationIds: [b.id] });
    await api(officer, 'PATCH', `/api/v1/events/${event.id}`, { version: (await api(officer, 'GET', `/api/v1/events/${event.id}`)).version, tableCount: 3 });
    const busy = await send(nordic!.caller, 'POST', `${meetings}/${third.id}/book`, { version: thirdAccepted.version, slotStart: at(DAY1, '10:00') });
    expect(busy.statusCode).toBe(409);
    expect(busy.json().detail).toMatch(/Nils Meeting already has a meeting/);
    // A delegate marked unavailable is not booked then.
    await api(lviv!.caller, 'PATCH', `/api/v1/events/${event.id}/registrations/${l.id}`, { version: l.version, unavailableSlots: [at(DAY1, '11:00')] });
    expect(await status(lviv!.caller, 'POST', `${meetings}/${second.id}/book`, { version: secondAccepted.version, slotStart: at(DAY1, '11:00') })).toBe(409);

    // Cancelling frees the slot for both people.
    await api(kyiv!.caller, 'POST', `${meetings}/${request.id}/cancel`, { version: accepted.version, reason: 'schedule change' });
    const moved = await api(nordic!.caller, 'POST', `${meetings}/${third.id}/book`, { version: thirdAccepted.version, slotStart: at(DAY1, '10:00') });
    expect(moved.slotStart).toBe(at(DAY1, '10:00'));
    const rows = await t.database.db.selectFrom('meeting_attendance').select(['registration_id', 'meeting_id']).where('event_id', '=', event.id).execute();
    expect(rows.map((r) => r.meeting_id).sort()).toEqual([third.id, third.id]);
    expect(await auditActions(request.id)).toEqual(['events.meeting_requested', 'events.meeting_accepted', 'events.meeting_booked', 'events.meeting_cancelled']);
  });

  it('gives the same slot’s last table to exactly one of two bookings sent at the same moment', async () => {
    const [nordic, kyiv, lviv, bavaria] = companies;
    const event = await publishedEvent({ tableCount: 1 });
    const [n, k, l, b] = [await register(nordic!, event.id, 'Race N'), await register(kyiv!, event.id, 'Race K'), await register(lviv!, event.id, 'Race L'), await register(bavaria!, event.id, 'Race B')];
    const meetings = `/api/v1/events/${event.id}/meetings`;
    const one = await api(nordic!.caller, 'POST', meetings, { requesterRegistrationId: n.id, recipientOrganizationId: kyiv!.organizationId }, 201);
    const two = await api(lviv!.caller, 'POST', meetings, { requesterRegistrationId: l.id, recipientOrganizationId: bavaria!.organizationId }, 201);
    const slot = at(DAY2, '10:30');
    const answers = await Promise.all([
      send(kyiv!.caller, 'POST', `${meetings}/${one.id}/accept`, { version: 1, registrationIds: [k.id], slotStart: slot }),
      send(bavaria!.caller, 'POST', `${meetings}/${two.id}/accept`, { version: 1, registrationIds: [b.id], slotStart: slot }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const placed = await t.database.db.selectFrom('meeting_requests').select(['id']).where('event_id', '=', event.id).where('slot_start', 'is not', null).execute();
    expect(placed).toHaveLength(1);
  });

  it('schedules accepted meetings, keeps confirmed ones on a re-run, and moves only a meeting that a change displaced', async () => {
    const event = await publishedEvent({ tableCount: 2 });
    const delegates = await Promise.all(companies.map((company) => register(company, event.id, `${company.name} Scheduler`)));
    const meetings = `/api/v1/events/${event.id}/meetings`;
    // Every pair of the four companies meets: six meetings, each person in three.
    const pairs: Array<[number, number]> = [[0, 1], [0, 2], [0, 3], [1, 2], [1, 3], [2, 3]];
    const ids: string[] = [];
    for (const [from, to] of pairs.slice(0, 5)) {
      const requested = await api(companies[from]!.caller, 'POST', meetings, { requesterRegistrationId: delegates[from]!.id, recipientOrganizationId: companies[to]!.organizationId }, 201);
      await api(companies[to]!.caller, 'POST', `${meetings}/${requested.id}/accept`, { version: 1, registrationIds: [delegates[to]!.id] });
      ids.push(requested.id);
    }
    expect(await status(companies[0]!.caller, 'POST', `/api/v1/events/${event.id}/schedule`, {})).toBe(403);
    const dry = await api(officer, 'POST', `/api/v1/events/${event.id}/schedule`, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, accepted: 5, newlyPlaced: 5 });
    expect((await api(officer, 'GET', `${meetings}?placed=true`)).total).toBe(0);
    const first = await api(officer, 'POST', `/api/v1/events/${event.id}/schedule`, {});
    expect(first).toMatchObject({ accepted: 5, keptFixed: 0, newlyPlaced: 5, displaced: 0, unplaced: [] });
    const placedBefore = new Map(((await api(officer, 'GET', `${meetings}?placed=true`)).items as Array<{ id: string; slotStart: string; tableNo: number }>).map((m) => [m.id, `${m.slotStart}#${m.tableNo}`]));
    expect(placedBefore.size).toBe(5);
    await expectNoDoubleBooking(event.id);

    // A sixth meeting arrives; a speaker slot takes one delegate away at a time one of their meetings holds.
    const [from, to] = pairs[5]!;
    const sixth = await api(companies[from]!.caller, 'POST', meetings, { requesterRegistrationId: delegates[from]!.id, recipientOrganizationId: companies[to]!.organizationId }, 201);
    await api(companies[to]!.caller, 'POST', `${meetings}/${sixth.id}/accept`, { version: 1, registrationIds: [delegates[to]!.id] });
    const victim = ((await api(officer, 'GET', `${meetings}?placed=true`)).items as Array<{ id: string; slotStart: string; slotEnd: string; requester: { delegate: { registrationId: string } } }>).find((m) => m.id === ids[0])!;
    await api(officer, 'POST', `/api/v1/events/${event.id}/sessions`, { titleUk: 'Панель', titleEn: 'Panel', startsAt: victim.slotStart, endsAt: victim.slotEnd, speakers: [{ name: 'Speaker', registrationId: victim.requester.delegate.registrationId }] }, 201);
    const second = await api(officer, 'POST', `/api/v1/events/${event.id}/schedule`, {});
    expect(second).toMatchObject({ accepted: 6, keptFixed: 4, displaced: 1, unplaced: [] });
    const placedAfter = new Map(((await api(officer, 'GET', `${meetings}?placed=true`)).items as Array<{ id: string; slotStart: string; tableNo: number }>).map((m) => [m.id, `${m.slotStart}#${m.tableNo}`]));
    for (const [id, place] of placedBefore) if (id !== victim.id) expect(placedAfter.get(id)).toBe(place);
    expect(placedAfter.get(victim.id)).toBeDefined();
    expect(placedAfter.get(victim.id)!.startsWith(victim.slotStart)).toBe(false);
    expect(placedAfter.has(sixth.id)).toBe(true);
    await expectNoDoubleBooking(event.id);

    // The delegate's agenda: the session they speak at and their three meetings, as JSON, PDF and iCalendar.
    const agendaUrl = `/api/v1/events/${event.id}/registrations/${victim.requester.delegate.registrationId}/agenda`;
    const agenda = await api(companies[0]!.caller, 'GET', agendaUrl);
    expect(agenda.items.filter((i: { kind: string }) => i.kind === 'meeting')).toHaveLength(3);
    expect(agenda.items.find((i: { kind: string }) => i.kind === 'session')).toMatchObject({ titleEn: 'Panel', speaking: true });
    expect(agenda.items.map((i: { startsAt: string }) => i.startsAt)).toEqual([...agenda.items.map((i: { startsAt: string }) => i.startsAt)].sort());
    expect(await status(companies[1]!.caller, 'GET', agendaUrl)).toBe(404);
    const ics = await send(companies[0]!.caller, 'GET', `${agendaUrl}.ics`);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(ics.body));
    const vevents = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(vevents).toHaveLength(4);
    const meeting = vevents.find((v) => v.summary.startsWith('Meeting: '))!;
    expect(agenda.items.map((i: { startsAt: string }) => i.startsAt)).toContain(meeting.startDate.toJSDate().toISOString());
    expect(meeting.endDate.toJSDate().getTime() - meeting.startDate.toJSDate().getTime()).toBe(30 * 60_000);
    const pdf = await send(companies[0]!.caller, 'GET', `${agendaUrl}.pdf`);
    const { text } = await pdfText(pdf.rawPayload);
    expect(text).toContain('Panel');
    expect(text).toContain('Meeting: Kyiv UAV Works');
  });
});

/** No person and no table in two meetings at once, read straight from the database. */
async function expectNoDoubleBooking(eventId: string) {
  const tables = await sql<{ n: string }>`select count(*) as n from (select slot_start, table_no from meeting_requests where event_id = ${eventId} and slot_start is not null group by 1, 2 having count(*) > 1) d`.execute(t.database.db);
  expect(Number(tables.rows[0]!.n)).toBe(0);
  const people = await sql<{ n: string }>`
    select count(*) as n from (
      select p.person, m.slot_start from meeting_requests m
      cross join lateral unnest(array_append(m.recipient_registration_ids, m.requester_registration_id)) as p(person)
      where m.event_id = ${eventId} and m.slot_start is not null group by 1, 2 having count(*) > 1) d`.execute(t.database.db);
  expect(Number(people.rows[0]!.n)).toBe(0);
}
