import { z } from 'zod';
import { zEmail, zFilterText, zPageQuery, zText } from '../../core/schemas.ts';
import { zCapabilityCode } from '../fund/schema.ts';
import { zMultilineText } from '../membership/schema.ts';
import { zCountry } from '../registry/schema.ts';
import { PARTNERING_TOPICS } from './recommend.ts';

const zVersion = z.int().min(1).describe('the version you read; a different current version is a 409');
const zDate = z.iso.date('must be a date (YYYY-MM-DD)');
const zLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM');
const zInstant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date and time with a zone' });
const zOptionalText = (max: number) => z.union([z.literal(''), zMultilineText(max)]).default('');

export const EVENT_STATUSES = ['draft', 'published', 'closed', 'cancelled'] as const;
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export const MEETING_STATUSES = ['requested', 'accepted', 'declined', 'cancelled'] as const;

// Events ------------------------------------------------------------------------------------------

const ZMeetingHours = z.strictObject({ date: zDate, from: zLocalTime, to: zLocalTime });

// The fields of an event, without defaults: an update leaves out what it does not change.
const eventFields = {
  titleUk: zText(200),
  titleEn: zText(200),
  descriptionUk: z.union([z.literal(''), zMultilineText(5000)]),
  descriptionEn: z.union([z.literal(''), zMultilineText(5000)]),
  venueUk: zText(300),
  venueEn: zText(300),
  startsOn: zDate,
  endsOn: zDate,
  timeZone: z.string().max(64).describe('an IANA time zone; meeting hours are local to it'),
  capacity: z.int().min(1).max(100_000).describe('delegates admitted; later registrations go to the waitlist'),
  perCompanyLimit: z.int().min(1).max(1000).describe('delegates one organization may register (waitlisted ones count)'),
  meetingMinutes: z.int().min(10).max(240),
  tableCount: z.int().min(0).max(1000).describe('tables for B2B meetings; each hosts one meeting per slot'),
  meetingHours: z.array(ZMeetingHours).max(60).describe('per day, the local hours when B2B meetings are held'),
};

export const ZCreateEventBody = z.strictObject({
  ...eventFields,
  descriptionUk: eventFields.descriptionUk.default(''),
  descriptionEn: eventFields.descriptionEn.default(''),
  timeZone: eventFields.timeZone.default('Europe/Kyiv'),
  meetingMinutes: eventFields.meetingMinutes.default(30),
  tableCount: eventFields.tableCount.default(0),
  meetingHours: eventFields.meetingHours.default([]),
});
export type TCreateEventBody = z.infer<typeof ZCreateEventBody>;

export const ZUpdateEventBody = z
  .strictObject(eventFields)
  .partial()
  .extend({ version: zVersion, status: z.enum(EVENT_STATUSES).optional().describe('draft → published → closed; draft or published → cancelled') })
  .strict();
export type TUpdateEventBody = z.infer<typeof ZUpdateEventBody>;

const ZSpeaker = z.object({ name: z.string(), affiliation: z.string().optional(), registrationId: z.uuid().optional() });

export const ZSession = z
  .object({
    id: z.uuid(),
    titleUk: z.string(),
    titleEn: z.string(),
    descriptionUk: z.string(),
    descriptionEn: z.string(),
    room: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    speakers: z.array(ZSpeaker),
    version: z.int(),
  })
  .meta({ id: 'EventSession' });

export const ZSessionBody = z.strictObject({
  titleUk: zText(300),
  titleEn: zText(300),
  descriptionUk: zOptionalText(5000),
  descriptionEn: zOptionalText(5000),
  room: z.union([z.literal(''), zText(200)]).default(''),
  startsAt: zInstant,
  endsAt: zInstant,
  speakers: z.array(z.strictObject({ name: zText(200), affiliation: zText(300).optional(), registrationId: z.uuid().optional().describe('a registered delegate who speaks is kept free of meetings during the session') })).max(30).default([]),
});
export type TSessionBody = z.infer<typeof ZSessionBody>;
export const ZUpdateSessionBody = ZSessionBody.partial().extend({ version: zVersion }).strict();
export type TUpdateSessionBody = z.infer<typeof ZUpdateSessionBody>;

export const ZSlot = z.object({ start: z.string(), end: z.string(), date: z.string(), localTime: z.string() });

const eventOut = {
  id: z.uuid(),
  titleUk: z.string(),
  titleEn: z.string(),
  descriptionUk: z.string(),
  descriptionEn: z.string(),
  venueUk: z.string(),
  venueEn: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  timeZone: z.string(),
  status: z.enum(EVENT_STATUSES),
};

export const ZPublicEventSummary = z.object(eventOut).meta({ id: 'PublicEventSummary' });
export const ZPublicEventList = z.object({ items: z.array(ZPublicEventSummary), total: z.int() });
export const ZPublicEvent = z.object({ ...eventOut, sessions: z.array(ZSession) }).meta({ id: 'PublicEvent' });

export const ZEvent = z
  .object({
    ...eventOut,
    capacity: z.int(),
    perCompanyLimit: z.int(),
    meetingMinutes: z.int(),
    tableCount: z.int(),
    meetingHours: z.array(z.object({ date: z.string(), from: z.string(), to: z.string() })),
    version: z.int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    counts: z.object({ registered: z.int(), waitlisted: z.int(), checkedIn: z.int(), organizations: z.int(), meetingsRequested: z.int(), meetingsAccepted: z.int(), meetingsPlaced: z.int() }),
    sessions: z.array(ZSession),
    slots: z.array(ZSlot),
    /** For a company user: its organization's delegates at this event. */
    ownRegistrations: z.int().nullable(),
  })
  .meta({ id: 'Event' });

export const ZEventList = z.object({ items: z.array(z.object({ ...eventOut, capacity: z.int(), registered: z.int(), waitlisted: z.int() })), total: z.int(), limit: z.int(), offset: z.int() });
export const ZEventListQuery = z.strictObject({ status: z.enum(EVENT_STATUSES).optional(), q: zFilterText(200), ...zPageQuery });
export const ZPublicEventListQuery = z.strictObject({ ...zPageQuery });

export const zEventParams = z.strictObject({ id: z.uuid('must be a UUID') });
export const zSessionParams = z.strictObject({ id: z.uuid('must be a UUID'), sessionId: z.uuid('must be a UUID') });
export const zRegistrationParams = z.strictObject({ id: z.uuid('must be a UUID'), registrationId: z.uuid('must be a UUID') });
export const zMeetingParams = z.strictObject({ id: z.uuid('must be a UUID'), meetingId: z.uuid('must be a UUID') });

// Registrations -----------------------------------------------------------------------------------

export const ZRegistration = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    organizationId: z.uuid(),
    organizationName: z.string(),
    organizationCountry: z.string(),
    fullName: z.string(),
    email: z.string(),
    position: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    waitlistPosition: z.int().nullable().describe('1 for the next delegate to be admitted; null unless waitlisted'),
    unavailableSlots: z.array(z.string()),
    checkedInAt: z.string().nullable(),
    badgeCode: z.string().nullable().describe('the code in the badge’s QR symbol; shown to the delegate’s organization and officers'),
    version: z.int(),
    createdAt: z.string(),
  })
  .meta({ id: 'EventRegistration' });
export const ZRegistrationList = z.object({ items: z.array(ZRegistration), total: z.int(), limit: z.int(), offset: z.int() });
export const ZRegistrationListQuery = z.strictObject({ organizationId: z.uuid().optional(), status: z.enum(REGISTRATION_STATUSES).optional(), q: zFilterText(200), ...zPageQuery });

export const ZCreateRegistrationBody = z.strictObject({
  organizationId: z.uuid().optional().describe('officers register for any organization; a company for its own (the default)'),
  fullName: zText(200),
  email: zEmail,
  position: z.union([z.literal(''), zText(200)]).default(''),
  unavailableSlots: z.array(zInstant).max(500).default([]).describe('start times of meeting slots the delegate cannot attend'),
});
export type TCreateRegistrationBody = z.infer<typeof ZCreateRegistrationBody>;

export const ZUpdateRegistrationBody = z.strictObject({
  version: zVersion,
  fullName: zText(200).optional(),
  position: z.union([z.literal(''), zText(200)]).optional(),
  unavailableSlots: z.array(zInstant).max(500).optional(),
});
export type TUpdateRegistrationBody = z.infer<typeof ZUpdateRegistrationBody>;

export const ZCancelRegistrationBody = z.strictObject({ version: zVersion, reason: zText(500).optional() });

export const ZBadge = z
  .object({
    registrationId: z.uuid(),
    eventId: z.uuid(),
    eventTitleUk: z.string(),
    eventTitleEn: z.string(),
    fullName: z.string(),
    position: z.string(),
    organizationName: z.string(),
    organizationCountry: z.string(),
    status: z.enum(REGISTRATION_STATUSES),
    checkedInAt: z.string().nullable(),
    eventTimeZone: z.string(),
    alreadyCheckedIn: z.boolean().describe('true when the delegate was checked in before this request'),
  })
  .meta({ id: 'EventBadge' });
export const zBadgeParams = z.strictObject({ code: z.string().regex(/^[A-Z2-7]{16}$/, 'must be a badge code (16 letters and digits)') });

// Participants and recommendations ------------------------------------------------------------------

export const ZParticipant = z
  .object({
    organizationId: z.uuid(),
    name: z.string(),
    country: z.string(),
    kind: z.string(),
    capabilities: z.array(z.string()),
    goals: z.string(),
    seeks: z.array(z.enum(PARTNERING_TOPICS)),
    offers: z.array(z.enum(PARTNERING_TOPICS)),
    interests: z.array(z.string()),
    delegates: z.int(),
    version: z.int(),
  })
  .meta({ id: 'EventParticipant' });
export const ZParticipantList = z.object({ items: z.array(ZParticipant), total: z.int(), limit: z.int(), offset: z.int() });
export const ZParticipantListQuery = z.strictObject({ q: zFilterText(200), country: zCountry.optional(), capability: zCapabilityCode.optional(), ...zPageQuery });
export const zParticipantParams = z.strictObject({ id: z.uuid('must be a UUID'), organizationId: z.uuid('must be a UUID') });

export const ZUpdateParticipantBody = z.strictObject({
  version: zVersion,
  goals: zOptionalText(2000),
  seeks: z.array(z.enum(PARTNERING_TOPICS)).max(PARTNERING_TOPICS.length).default([]),
  offers: z.array(z.enum(PARTNERING_TOPICS)).max(PARTNERING_TOPICS.length).default([]),
  interests: z.array(zCapabilityCode).max(50).default([]),
});
export type TUpdateParticipantBody = z.infer<typeof ZUpdateParticipantBody>;

export const ZRecommendations = z.object({
  organizationId: z.uuid(),
  items: z.array(
    z.object({
      organizationId: z.uuid(),
      name: z.string(),
      country: z.string(),
      kind: z.string(),
      score: z.int(),
      reasons: z.array(z.object({ code: z.string(), points: z.int(), textUk: z.string(), textEn: z.string() })),
      openRequest: z.enum(MEETING_STATUSES).nullable().describe('the status of a meeting request already open between the two'),
    }),
  ),
});
export const ZRecommendationsQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

// Meetings ----------------------------------------------------------------------------------------

const ZMeetingPerson = z.object({ registrationId: z.uuid(), fullName: z.string(), position: z.string() });

export const ZMeeting = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    status: z.enum(MEETING_STATUSES),
    requester: z.object({ organizationId: z.uuid(), name: z.string(), country: z.string(), delegate: ZMeetingPerson }),
    recipient: z.object({ organizationId: z.uuid(), name: z.string(), country: z.string(), delegates: z.array(ZMeetingPerson) }),
    message: z.string(),
    decisionReason: z.string().nullable(),
    slotStart: z.string().nullable(),
    slotEnd: z.string().nullable(),
    tableNo: z.int().nullable(),
    placedBy: z.enum(['booking', 'scheduler']).nullable(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    version: z.int(),
  })
  .meta({ id: 'MeetingRequest' });
export const ZMeetingList = z.object({ items: z.array(ZMeeting), total: z.int(), limit: z.int(), offset: z.int() });
export const ZMeetingListQuery = z.strictObject({
  direction: z.enum(['incoming', 'outgoing', 'all']).default('all').describe('for a company: requests it received, sent, or both'),
  status: z.enum(MEETING_STATUSES).optional(),
  placed: z.enum(['true', 'false']).optional(),
  organizationId: z.uuid().optional(),
  ...zPageQuery,
});

export const ZCreateMeetingBody = z.strictObject({
  requesterRegistrationId: z.uuid().describe('the requesting organization’s delegate who will attend'),
  recipientOrganizationId: z.uuid(),
  message: zOptionalText(2000),
});
export type TCreateMeetingBody = z.infer<typeof ZCreateMeetingBody>;

export const ZAcceptMeetingBody = z.strictObject({
  version: zVersion,
  registrationIds: z.array(z.uuid()).min(1).max(3).describe('the recipient’s delegates who will attend'),
  slotStart: zInstant.optional().describe('book this slot now; without it the scheduler places the meeting'),
});
export type TAcceptMeetingBody = z.infer<typeof ZAcceptMeetingBody>;
export const ZBookMeetingBody = z.strictObject({ version: zVersion, slotStart: zInstant });
export const ZDecideMeetingBody = z.strictObject({ version: zVersion, reason: zText(500).optional() });

export const ZScheduleRunBody = z.strictObject({ dryRun: z.boolean().default(false).describe('compute and report without saving') });
export const ZScheduleRun = z.object({
  dryRun: z.boolean(),
  accepted: z.int(),
  keptFixed: z.int(),
  newlyPlaced: z.int(),
  displaced: z.int(),
  unplaced: z.array(z.object({ meetingId: z.uuid(), reason: z.string() })),
  milliseconds: z.int(),
});

// Agenda ------------------------------------------------------------------------------------------

export const ZAgenda = z
  .object({
    event: ZPublicEventSummary,
    delegate: z.object({ registrationId: z.uuid(), fullName: z.string(), position: z.string(), organizationName: z.string(), status: z.enum(REGISTRATION_STATUSES) }),
    items: z.array(
      z.object({
        kind: z.enum(['session', 'meeting']),
        id: z.uuid(),
        startsAt: z.string(),
        endsAt: z.string(),
        titleUk: z.string(),
        titleEn: z.string(),
        location: z.string(),
        tableNo: z.int().nullable().describe('the meeting table; null for a session'),
        speaking: z.boolean(),
        counterpart: z.object({ organizationName: z.string(), country: z.string(), people: z.array(z.string()) }).nullable(),
      }),
    ),
    unplacedMeetings: z.int().describe('accepted meetings not yet given a slot'),
  })
  .meta({ id: 'DelegateAgenda' });
