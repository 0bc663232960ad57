// What the forum pages share: query keys, who may do what (mirroring src/modules/events/policy.ts),
// texts in the interface language, dates and times in the event's own time zone (never the
// browser's), meeting slots grouped by day, and the event and session forms checked as the server
// checks them (src/modules/events/schema.ts, service.ts) before they are sent.
import { useQuery } from '@tanstack/react-query';
import i18next, { type TFunction } from 'i18next';
import { api, type EventDetail, type EventSession, type MeetingSlot, type NewEvent, type Role, type SessionInput } from './api';

/** Everything under this key is refreshed after a change at an event. */
export const EVENTS_KEY = ['events'] as const;
export const eventKey = (id: string) => [...EVENTS_KEY, 'event', id] as const;

/** Officers manage events, sessions, check-in and the meeting schedule. */
export const EVENT_MANAGERS: readonly Role[] = ['officer'];
/** Staff who read every delegate and meeting of an event. */
export const EVENT_STAFF: readonly Role[] = ['officer', 'auditor'];
/** Who reads events, partners and meetings: staff, and companies for their own. */
export const EVENT_READERS: readonly Role[] = ['company', ...EVENT_STAFF];
/** Who registers delegates and handles meeting requests: a company for itself, an officer for any organization. */
export const EVENT_ACTORS: readonly Role[] = ['company', 'officer'];

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The default time zone of a new event. */
export const DEFAULT_TIME_ZONE = 'Europe/Kyiv';

function english(): boolean {
  // Read from i18next itself rather than ./i18n, so this module loads outside a browser.
  return i18next.resolvedLanguage === 'en';
}

function locale(): string {
  return english() ? 'en-GB' : 'uk-UA';
}

/** Of a text kept in both languages, the one of the interface (the other when it is empty). */
export function inLanguage(uk: string, en: string): string {
  return english() ? en || uk : uk || en;
}

/** An event's (or a session's, or an agenda item's) title in the interface language. */
export function titleOf(record: { titleUk: string; titleEn: string }): string {
  return inLanguage(record.titleUk, record.titleEn);
}

// --- Dates and times in the event's time zone ---------------------------------------------------

/** True when the browser knows the IANA time zone. */
export function isTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at an instant, as "+02:00" ("+00:00" for UTC itself). */
export function zoneOffset(zone: string, at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = name.replace('GMT', '');
  return offset === '' ? '+00:00' : offset;
}

/** "Europe/Kyiv (UTC+02:00)": the zone the page's times are in, with its offset at that moment. */
export function zoneLabel(zone: string, at: string | Date = new Date()): string {
  return `${zone} (UTC${zoneOffset(zone, new Date(at))})`;
}

/**
 * The instant of a local date and time (HH:MM) in a zone, as ISO 8601. The offset is read at a first
 * guess and again at the result, which settles it on either side of a daylight-saving change.
 */
export function zonedInstant(date: string, time: string, zone: string): string {
  const first = zoneOffset(zone, new Date(`${date}T${time}:00Z`));
  const guess = new Date(`${date}T${time}:00${first}`);
  const second = zoneOffset(zone, guess);
  return second === first ? guess.toISOString() : new Date(`${date}T${time}:00${second}`).toISOString();
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a zone. */
export function localParts(iso: string, zone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

/** A time of day in the zone ("10:00"). */
export function formatTime(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** "10:00–10:30" in the zone. */
export function formatTimeRange(start: string, end: string, zone: string): string {
  return `${formatTime(start, zone)}–${formatTime(end, zone)}`;
}

/** A date and time in the zone ("16 Mar 2027, 10:00"). */
export function formatDateTimeIn(iso: string, zone: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: zone, dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD, already local to the event) with its weekday ("Tue, 16 Mar 2027"). */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

/** The days an event runs ("16–17 Mar 2027"). */
export function formatEventDates(event: { startsOn: string; endsOn: string }): string {
  const format = new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
  const from = new Date(`${event.startsOn}T00:00:00Z`);
  return event.startsOn === event.endsOn ? format.format(from) : format.formatRange(from, new Date(`${event.endsOn}T00:00:00Z`));
}

/** Every day from the first to the last, inclusive (YYYY-MM-DD); empty when the range is not valid or longer than 60 days. */
export function eventDays(startsOn: string, endsOn: string): string[] {
  const days: string[] = [];
  if (!ISO_DAY.test(startsOn) || !ISO_DAY.test(endsOn)) return days;
  for (let day = new Date(`${startsOn}T00:00:00Z`); day.toISOString().slice(0, 10) <= endsOn && days.length < 60; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push(day.toISOString().slice(0, 10));
  }
  return days;
}

/** The meeting slots of each day, in order. */
export function slotsByDay(slots: readonly MeetingSlot[]): { date: string; slots: MeetingSlot[] }[] {
  const days: { date: string; slots: MeetingSlot[] }[] = [];
  for (const slot of slots) {
    const last = days[days.length - 1];
    if (last?.date === slot.date) last.slots.push(slot);
    else days.push({ date: slot.date, slots: [slot] });
  }
  return days;
}

/** A time range as read in a list, with its local day: "Tue, 16 Mar 2027, 10:00–10:30". */
export function formatSlot(start: string, end: string, zone: string): string {
  return `${formatDay(localParts(start, zone).date)}, ${formatTimeRange(start, end, zone)}`;
}

/** Options of a slot select, each slot named by its day and local time. */
export function slotOptions(slots: readonly MeetingSlot[], zone: string): { value: string; label: string }[] {
  return slots.map((slot) => ({ value: slot.start, label: formatSlot(slot.start, slot.end, zone) }));
}

/** The event, with its sessions, slots and counts. */
export function useEvent(id: string) {
  return useQuery({ queryKey: eventKey(id), queryFn: () => api.getEvent(id) });
}

// --- The event form -----------------------------------------------------------------------------

let rowCounter = 0;
/** A key that keeps React's identity of a form row stable while rows are added and removed. */
export const nextRowKey = () => `event-row-${++rowCounter}`;

export interface MeetingHoursValues {
  rowKey: string;
  date: string;
  from: string;
  to: string;
}

/** The event form: every value as typed. */
export type EventValues = { [K in Exclude<keyof NewEvent, 'meetingHours'>]: string } & { meetingHours: MeetingHoursValues[] };

export function emptyEventValues(): EventValues {
  return {
    titleUk: '',
    titleEn: '',
    descriptionUk: '',
    descriptionEn: '',
    venueUk: '',
    venueEn: '',
    startsOn: '',
    endsOn: '',
    timeZone: DEFAULT_TIME_ZONE,
    capacity: '',
    perCompanyLimit: '3',
    meetingMinutes: '30',
    tableCount: '0',
    meetingHours: [],
  };
}

/** The form filled with an event as it is. */
export function eventValuesOf(event: EventDetail): EventValues {
  return {
    titleUk: event.titleUk,
    titleEn: event.titleEn,
    descriptionUk: event.descriptionUk,
    descriptionEn: event.descriptionEn,
    venueUk: event.venueUk,
    venueEn: event.venueEn,
    startsOn: event.startsOn,
    endsOn: event.endsOn,
    timeZone: event.timeZone,
    capacity: String(event.capacity),
    perCompanyLimit: String(event.perCompanyLimit),
    meetingMinutes: String(event.meetingMinutes),
    tableCount: String(event.tableCount),
    meetingHours: event.meetingHours.map((hours) => ({ rowKey: nextRowKey(), ...hours })),
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : null;
}

/** Ranges of the event's numbers, as the server has them. */
const NUMBER_RANGES = { capacity: [1, 100_000], perCompanyLimit: [1, 1000], meetingMinutes: [10, 240], tableCount: [0, 1000] } as const;

/** What is wrong with the event as typed, by form path (empty when it can be sent). */
export function eventErrors(t: TFunction, values: EventValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of ['titleUk', 'titleEn', 'venueUk', 'venueEn'] as const) if (!values[field].trim()) errors[field] = t('validation.required');
  if (!ISO_DAY.test(values.startsOn)) errors.startsOn = t('validation.required');
  if (!ISO_DAY.test(values.endsOn)) errors.endsOn = t('validation.required');
  else if (values.endsOn < values.startsOn) errors.endsOn = t('validation.dateRange');
  if (!isTimeZone(values.timeZone)) errors.timeZone = t('events.validation.timeZone');
  for (const [field, [min, max]] of Object.entries(NUMBER_RANGES)) {
    if (wholeNumber(values[field as keyof typeof NUMBER_RANGES], min, max) === null) errors[field] = t('events.validation.range', { min, max });
  }
  values.meetingHours.forEach((hours, index) => {
    if (!ISO_DAY.test(hours.date)) errors[`meetingHours.${index}.date`] = t('validation.required');
    else if (hours.date < values.startsOn || hours.date > values.endsOn) errors[`meetingHours.${index}.date`] = t('events.validation.dayOfEvent');
    if (!LOCAL_TIME.test(hours.from)) errors[`meetingHours.${index}.from`] = t('events.validation.time');
    if (!LOCAL_TIME.test(hours.to)) errors[`meetingHours.${index}.to`] = t('events.validation.time');
    else if (LOCAL_TIME.test(hours.from) && hours.to <= hours.from) errors[`meetingHours.${index}.to`] = t('events.validation.afterFrom');
  });
  values.meetingHours.forEach((hours, index) => {
    const overlaps = values.meetingHours.some((other, j) => j !== index && other.date === hours.date && other.from < hours.to && hours.from < other.to);
    if (overlaps && !errors[`meetingHours.${index}.from`]) errors[`meetingHours.${index}.from`] = t('events.validation.hoursOverlap');
  });
  return errors;
}

/** The event as the API takes it (after `eventErrors` found nothing). */
export function eventInput(values: EventValues): NewEvent {
  return {
    titleUk: values.titleUk.trim(),
    titleEn: values.titleEn.trim(),
    descriptionUk: values.descriptionUk.trim(),
    descriptionEn: values.descriptionEn.trim(),
    venueUk: values.venueUk.trim(),
    venueEn: values.venueEn.trim(),
    startsOn: values.startsOn,
    endsOn: values.endsOn,
    timeZone: values.timeZone.trim(),
    capacity: Number(values.capacity),
    perCompanyLimit: Number(values.perCompanyLimit),
    meetingMinutes: Number(values.meetingMinutes),
    tableCount: Number(values.tableCount),
    meetingHours: values.meetingHours.map(({ date, from, to }) => ({ date, from, to })),
  };
}

// --- The session form ---------------------------------------------------------------------------

export interface SpeakerValues {
  rowKey: string;
  name: string;
  affiliation: string;
  /** A registered delegate who speaks ('' for none). */
  registrationId: string;
}

/** The session form: the day and local times in the event's zone. */
export interface SessionValues {
  titleUk: string;
  titleEn: string;
  descriptionUk: string;
  descriptionEn: string;
  room: string;
  date: string;
  from: string;
  to: string;
  speakers: SpeakerValues[];
}

export function sessionValuesOf(session: EventSession | null, event: Pick<EventDetail, 'startsOn' | 'timeZone'>): SessionValues {
  if (!session) return { titleUk: '', titleEn: '', descriptionUk: '', descriptionEn: '', room: '', date: event.startsOn, from: '', to: '', speakers: [] };
  const start = localParts(session.startsAt, event.timeZone);
  return {
    titleUk: session.titleUk,
    titleEn: session.titleEn,
    descriptionUk: session.descriptionUk,
    descriptionEn: session.descriptionEn,
    room: session.room,
    date: start.date,
    from: start.time,
    to: localParts(session.endsAt, event.timeZone).time,
    speakers: session.speakers.map((speaker) => ({ rowKey: nextRowKey(), name: speaker.name, affiliation: speaker.affiliation ?? '', registrationId: speaker.registrationId ?? '' })),
  };
}

/** What is wrong with the session as typed, by form path. */
export function sessionErrors(t: TFunction, values: SessionValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.titleUk.trim()) errors.titleUk = t('validation.required');
  if (!values.titleEn.trim()) errors.titleEn = t('validation.required');
  if (!ISO_DAY.test(values.date)) errors.date = t('validation.required');
  if (!LOCAL_TIME.test(values.from)) errors.from = t('events.validation.time');
  if (!LOCAL_TIME.test(values.to)) errors.to = t('events.validation.time');
  else if (LOCAL_TIME.test(values.from) && values.to <= values.from) errors.to = t('events.validation.afterFrom');
  values.speakers.forEach((speaker, index) => {
    if (!speaker.name.trim()) errors[`speakers.${index}.name`] = t('validation.required');
  });
  return errors;
}

/** The session as the API takes it, its local times turned into instants in the event's zone. */
export function sessionInput(values: SessionValues, zone: string): SessionInput {
  return {
    titleUk: values.titleUk.trim(),
    titleEn: values.titleEn.trim(),
    descriptionUk: values.descriptionUk.trim(),
    descriptionEn: values.descriptionEn.trim(),
    room: values.room.trim(),
    startsAt: zonedInstant(values.date, values.from, zone),
    endsAt: zonedInstant(values.date, values.to, zone),
    speakers: values.speakers.map((speaker) => ({
      name: speaker.name.trim(),
      ...(speaker.affiliation.trim() && { affiliation: speaker.affiliation.trim() }),
      ...(speaker.registrationId && { registrationId: speaker.registrationId }),
    })),
  };
}

/** A badge code as typed or read from the printed badge ("ABCD EFGH …"), or null when it is not one. */
export function badgeCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return /^[A-Z2-7]{16}$/.test(code) ? code : null;
}
