import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, actorOf, publicBaseUrl } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses } from '../../core/schemas.ts';
import { renderAgendaPdf, agendaIcs, renderBadgePdf } from './documents.ts';
import { EVENT_ACTORS, EVENT_MANAGERS, EVENT_READERS } from './policy.ts';
import {
  ZAcceptMeetingBody,
  ZAgenda,
  ZBadge,
  ZBookMeetingBody,
  ZCancelRegistrationBody,
  ZCreateEventBody,
  ZCreateMeetingBody,
  ZCreateRegistrationBody,
  ZDecideMeetingBody,
  ZEvent,
  ZEventList,
  ZEventListQuery,
  ZMeeting,
  ZMeetingList,
  ZMeetingListQuery,
  ZParticipant,
  ZParticipantList,
  ZParticipantListQuery,
  ZPublicEvent,
  ZPublicEventList,
  ZPublicEventListQuery,
  ZRecommendations,
  ZRecommendationsQuery,
  ZRegistration,
  ZRegistrationList,
  ZRegistrationListQuery,
  ZScheduleRun,
  ZScheduleRunBody,
  ZSession,
  ZSessionBody,
  ZUpdateEventBody,
  ZUpdateParticipantBody,
  ZUpdateRegistrationBody,
  ZUpdateSessionBody,
  zBadgeParams,
  zEventParams,
  zMeetingParams,
  zParticipantParams,
  zRegistrationParams,
  zSessionParams,
} from './schema.ts';
import * as events from './service.ts';

const tags = ['events'];
const base = '/api/v1/events';

/** Where a badge's QR code leads: the check-in page of the web app, which door staff open on a phone. */
export function checkInUrl(baseUrl: string, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/app/events/check-in?code=${code}`;
}

function sendFile(reply: FastifyReply, type: string, fileName: string, body: Buffer | string) {
  return reply.type(type).header('content-disposition', `attachment; filename="${fileName}"`).header('cache-control', 'private, no-store').send(body);
}

const pdfResponse = (description: string) => ({ description, content: { 'application/pdf': { schema: z.any() } } });

/** Forum and matchmaking: events, sessions, registrations with badges, partner search, B2B meetings and agendas. */
export function registerEventRoutes(app: App, deps: AppDeps): void {
  // Public agenda ----------------------------------------------------------------------------------

  app.get('/api/v1/public/events', {
    config: { access: 'public' },
    schema: { tags: ['public register'], summary: 'Published events, newest first', querystring: ZPublicEventListQuery, response: { 200: ZPublicEventList, ...problemResponses(400) } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return events.listPublicEvents(deps.db, request.query);
    },
  });

  app.get('/api/v1/public/events/:id', {
    config: { access: 'public' },
    schema: { tags: ['public register'], summary: 'A published event with its agenda (sessions and speakers)', params: zEventParams, response: { 200: ZPublicEvent, ...problemResponses(400, 404) } },
    handler: async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return events.getPublicEvent(deps.db, request.params.id);
    },
  });

  // Events and sessions ----------------------------------------------------------------------------

  app.get(base, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'Events (companies see published and closed ones)', querystring: ZEventListQuery, response: { 200: ZEventList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => events.listEvents(deps.db, request.auth, request.query),
  });

  app.post(base, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Create an event (a draft) with its meeting hours and tables', headers: ZIdempotencyHeaders, body: ZCreateEventBody, response: { 201: ZEvent, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await events.createEvent(trx, request.auth, actorOf(request), request.body) })),
  });

  app.get(`${base}/:id`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'An event with its sessions, meeting slots and counts', params: zEventParams, response: { 200: ZEvent, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.getEvent(deps.db, request.auth, request.params.id),
  });

  app.patch(`${base}/:id`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Change an event, publish, close or cancel it; more seats admit the waitlist', params: zEventParams, headers: ZIdempotencyHeaders, body: ZUpdateEventBody, response: { 200: ZEvent, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.updateEvent(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.post(`${base}/:id/sessions`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Add a session to the agenda; a delegate who speaks is kept free of meetings during it', params: zEventParams, headers: ZIdempotencyHeaders, body: ZSessionBody, response: { 201: ZSession, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await events.createSession(trx, actorOf(request), request.params.id, request.body) })),
  });

  app.patch(`${base}/:id/sessions/:sessionId`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Change a session', params: zSessionParams, headers: ZIdempotencyHeaders, body: ZUpdateSessionBody, response: { 200: ZSession, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.updateSession(trx, actorOf(request), request.params.id, request.params.sessionId, request.body) })),
  });

  app.delete(`${base}/:id/sessions/:sessionId`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Remove a session from the agenda', params: zSessionParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      await events.deleteSession(deps.db, actorOf(request), request.params.id, request.params.sessionId);
      return reply.status(204).send(null);
    },
  });

  // Registrations, badges and check-in -------------------------------------------------------------

  app.get(`${base}/:id/registrations`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'Delegates of an event (a company sees its own)', params: zEventParams, querystring: ZRegistrationListQuery, response: { 200: ZRegistrationList, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.listRegistrations(deps.db, request.auth, request.params.id, request.query),
  });

  app.post(`${base}/:id/registrations`, {
    config: { access: EVENT_ACTORS },
    schema: {
      tags,
      summary: 'Register a delegate: a seat while there are seats, else the waitlist; at most the per-company limit',
      params: zEventParams,
      headers: ZIdempotencyHeaders,
      body: ZCreateRegistrationBody,
      response: { 201: ZRegistration, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await events.registerDelegate(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/:id/registrations/:registrationId`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'One delegate', params: zRegistrationParams, response: { 200: ZRegistration, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.getRegistration(deps.db, request.auth, request.params.id, request.params.registrationId),
  });

  app.patch(`${base}/:id/registrations/:registrationId`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Change a delegate’s name, position or availability', params: zRegistrationParams, headers: ZIdempotencyHeaders, body: ZUpdateRegistrationBody, response: { 200: ZRegistration, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.updateRegistration(trx, request.auth, actorOf(request), request.params.id, request.params.registrationId, request.body) })),
  });

  app.post(`${base}/:id/registrations/:registrationId/cancel`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Cancel a registration: its meetings are cancelled and the first on the waitlist takes the seat', params: zRegistrationParams, headers: ZIdempotencyHeaders, body: ZCancelRegistrationBody, response: { 200: ZRegistration, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.cancelRegistration(trx, request.auth, actorOf(request), request.params.id, request.params.registrationId, request.body) })),
  });

  app.get(`${base}/:id/registrations/:registrationId/badge.pdf`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'The delegate’s badge (PDF) with a QR code that the door staff scan', params: zRegistrationParams, response: { 200: pdfResponse('the badge'), ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const { event, registration } = await events.badgeContent(deps.db, request.auth, request.params.id, request.params.registrationId);
      const pdf = await renderBadgePdf({
        eventTitleUk: event.title_uk,
        eventTitleEn: event.title_en,
        eventDates: event.starts_on === event.ends_on ? event.starts_on : `${event.starts_on} – ${event.ends_on}`,
        fullName: registration.full_name,
        position: registration.position,
        organizationName: registration.organization_name,
        organizationCountry: registration.organization_country,
        badgeCode: registration.badge_code,
        checkInUrl: checkInUrl(publicBaseUrl(deps, request), registration.badge_code),
        issuedAt: registration.created_at,
      });
      return sendFile(reply, 'application/pdf', `badge-${registration.badge_code}.pdf`, pdf);
    },
  });

  app.get(`${base}/badges/:code`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Who a badge belongs to (the door staff’s scan)', params: zBadgeParams, response: { 200: ZBadge, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.badgeByCode(deps.db, request.params.code),
  });

  app.post(`${base}/badges/:code/check-in`, {
    config: { access: EVENT_MANAGERS },
    schema: { tags, summary: 'Check a delegate in at the door (a second scan changes nothing and says so)', params: zBadgeParams, headers: ZIdempotencyHeaders, response: { 200: ZBadge, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.checkIn(trx, actorOf(request), request.params.code) })),
  });

  // Participants and recommendations ---------------------------------------------------------------

  app.get(`${base}/:id/participants`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'Partner search: organizations taking part, with what they seek and offer', params: zEventParams, querystring: ZParticipantListQuery, response: { 200: ZParticipantList, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.listParticipants(deps.db, request.auth, request.params.id, request.query),
  });

  app.get(`${base}/:id/participants/:organizationId`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'One participating organization', params: zParticipantParams, response: { 200: ZParticipant, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.getParticipant(deps.db, request.auth, request.params.id, request.params.organizationId),
  });

  app.put(`${base}/:id/participants/:organizationId/profile`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'State what the organization seeks, offers and is interested in at the event', params: zParticipantParams, headers: ZIdempotencyHeaders, body: ZUpdateParticipantBody, response: { 200: ZParticipant, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.updateParticipant(trx, request.auth, actorOf(request), request.params.id, request.params.organizationId, request.body) })),
  });

  app.get(`${base}/:id/participants/:organizationId/recommendations`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'Partners recommended for an organization, ranked, each with its reasons', params: zParticipantParams, querystring: ZRecommendationsQuery, response: { 200: ZRecommendations, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.recommendations(deps.db, request.auth, request.params.id, request.params.organizationId, request.query.limit),
  });

  // Meetings ---------------------------------------------------------------------------------------

  app.get(`${base}/:id/meetings`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'Meeting requests and the schedule (a company sees its own, incoming or outgoing)', params: zEventParams, querystring: ZMeetingListQuery, response: { 200: ZMeetingList, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.listMeetings(deps.db, request.auth, request.params.id, request.query),
  });

  app.post(`${base}/:id/meetings`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Request a meeting with another participating organization', params: zEventParams, headers: ZIdempotencyHeaders, body: ZCreateMeetingBody, response: { 201: ZMeeting, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await events.requestMeeting(trx, request.auth, actorOf(request), request.params.id, request.body) })),
  });

  app.get(`${base}/:id/meetings/:meetingId`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'One meeting request', params: zMeetingParams, response: { 200: ZMeeting, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.getMeeting(deps.db, request.auth, request.params.id, request.params.meetingId),
  });

  app.post(`${base}/:id/meetings/:meetingId/accept`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Accept a request (the organization asked), naming who attends; optionally book a slot at once', params: zMeetingParams, headers: ZIdempotencyHeaders, body: ZAcceptMeetingBody, response: { 200: ZMeeting, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.acceptMeeting(trx, request.auth, actorOf(request), request.params.id, request.params.meetingId, request.body) })),
  });

  app.post(`${base}/:id/meetings/:meetingId/decline`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Decline a request (the organization asked)', params: zMeetingParams, headers: ZIdempotencyHeaders, body: ZDecideMeetingBody, response: { 200: ZMeeting, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.declineMeeting(trx, request.auth, actorOf(request), request.params.id, request.params.meetingId, request.body) })),
  });

  app.post(`${base}/:id/meetings/:meetingId/book`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Book or move an accepted meeting into a slot (either side); the last free table goes to exactly one booking', params: zMeetingParams, headers: ZIdempotencyHeaders, body: ZBookMeetingBody, response: { 200: ZMeeting, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.bookMeeting(trx, request.auth, actorOf(request), request.params.id, request.params.meetingId, request.body) })),
  });

  app.post(`${base}/:id/meetings/:meetingId/cancel`, {
    config: { access: EVENT_ACTORS },
    schema: { tags, summary: 'Cancel a meeting request or a meeting (either side)', params: zMeetingParams, headers: ZIdempotencyHeaders, body: ZDecideMeetingBody, response: { 200: ZMeeting, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.cancelMeeting(trx, request.auth, actorOf(request), request.params.id, request.params.meetingId, request.body) })),
  });

  app.post(`${base}/:id/schedule`, {
    config: { access: EVENT_MANAGERS },
    schema: {
      tags,
      summary: 'Place accepted meetings into slots and tables; meetings already placed keep their place (docs/decisions/0014-meeting-scheduler.md)',
      params: zEventParams,
      headers: ZIdempotencyHeaders,
      body: ZScheduleRunBody,
      response: { 200: ZScheduleRun, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await events.runSchedule(trx, actorOf(request), request.params.id, request.body) })),
  });

  // Agendas ----------------------------------------------------------------------------------------

  app.get(`${base}/:id/registrations/:registrationId/agenda`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'A delegate’s personal agenda: sessions and placed meetings in time order', params: zRegistrationParams, response: { 200: ZAgenda, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => events.agenda(deps.db, request.auth, request.params.id, request.params.registrationId),
  });

  app.get(`${base}/:id/registrations/:registrationId/agenda.pdf`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'The personal agenda as a PDF', params: zRegistrationParams, response: { 200: pdfResponse('the agenda'), ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      const agenda = await events.agenda(deps.db, request.auth, request.params.id, request.params.registrationId);
      const pdf = await renderAgendaPdf({ event: agenda.event, delegate: agenda.delegate, items: agenda.items, generatedAt: new Date() });
      return sendFile(reply, 'application/pdf', `agenda-${request.params.registrationId}.pdf`, pdf);
    },
  });

  app.get(`${base}/:id/registrations/:registrationId/agenda.ics`, {
    config: { access: EVENT_READERS },
    schema: { tags, summary: 'The personal agenda as iCalendar (RFC 5545) for a calendar app', params: zRegistrationParams, response: { 200: { description: 'the calendar', content: { 'text/calendar': { schema: z.string() } } }, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      const agenda = await events.agenda(deps.db, request.auth, request.params.id, request.params.registrationId);
      const ics = agendaIcs({ event: agenda.event, delegate: agenda.delegate, items: agenda.items, generatedAt: new Date() }, new URL(publicBaseUrl(deps, request)).hostname);
      return sendFile(reply, 'text/calendar; charset=utf-8', `agenda-${request.params.registrationId}.ics`, ics);
    },
  });
}
