import type { MeetingHours } from '../../db/schema.ts';

// Meeting slots are not stored: they follow from an event's meeting hours, its time zone and the
// meeting length, so changing the hours changes the slots, and a meeting placed in a slot that no
// longer exists is displaced the next time the scheduler runs.

/** One meeting slot: its start (the slot's id, as an ISO instant) and end. */
export interface MeetingSlot {
  start: string;
  end: string;
  /** The local date in the event's time zone, for grouping by day. */
  date: string;
  /** The local start time (HH:MM) in the event's time zone. */
  localTime: string;
}

/** Minutes east of UTC that a time zone has at an instant (Kyiv: 120 in winter, 180 in summer). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant of a local date and time (HH:MM) in a time zone. */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  // Two passes settle the offset on either side of a daylight-saving change.
  let instant = naive - zoneOffsetMinutes(timeZone, new Date(naive)) * 60_000;
  instant = naive - zoneOffsetMinutes(timeZone, new Date(instant)) * 60_000;
  return new Date(instant);
}

/** The local date (YYYY-MM-DD) and time (HH:MM) of an instant in a time zone. */
export function instantToLocal(at: Date, timeZone: string): { date: string; time: string } {
  const shifted = new Date(at.getTime() + zoneOffsetMinutes(timeZone, at) * 60_000).toISOString();
  return { date: shifted.slice(0, 10), time: shifted.slice(11, 16) };
}

/** True when the name is a time zone this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The meeting slots of an event in chronological order: each day's hours cut into meetings of the given length. */
export function meetingSlots(event: { meetingHours: MeetingHours[]; meetingMinutes: number; timeZone: string }): MeetingSlot[] {
  const slots: MeetingSlot[] = [];
  for (const hours of [...event.meetingHours].sort((a, b) => `${a.date}${a.from}`.localeCompare(`${b.date}${b.from}`))) {
    const end = localToInstant(hours.date, hours.to, event.timeZone).getTime();
    for (let start = localToInstant(hours.date, hours.from, event.timeZone).getTime(); start + event.meetingMinutes * 60_000 <= end; start += event.meetingMinutes * 60_000) {
      const at = new Date(start);
      const local = instantToLocal(at, event.timeZone);
      slots.push({ start: at.toISOString(), end: new Date(start + event.meetingMinutes * 60_000).toISOString(), date: local.date, localTime: local.time });
    }
  }
  return slots;
}

/** Slots that overlap a time range (a session a delegate speaks at). */
export function slotsOverlapping(slots: MeetingSlot[], from: Date, to: Date): string[] {
  return slots.filter((slot) => Date.parse(slot.start) < to.getTime() && Date.parse(slot.end) > from.getTime()).map((slot) => slot.start);
}
