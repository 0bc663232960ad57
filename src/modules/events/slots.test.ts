import { describe, expect, it } from 'vitest';
import { instantToLocal, localToInstant, meetingSlots, slotsOverlapping, zoneOffsetMinutes } from './slots.ts';

describe('meeting slots', () => {
  it('knows Kyiv is UTC+2 in winter and UTC+3 in summer', () => {
    expect(zoneOffsetMinutes('Europe/Kyiv', new Date('2026-12-01T12:00:00Z'))).toBe(120);
    expect(zoneOffsetMinutes('Europe/Kyiv', new Date('2027-07-01T12:00:00Z'))).toBe(180);
    expect(localToInstant('2026-12-01', '09:00', 'Europe/Kyiv').toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(localToInstant('2027-07-01', '09:00', 'Europe/Kyiv').toISOString()).toBe('2027-07-01T06:00:00.000Z');
    expect(instantToLocal(new Date('2027-07-01T06:30:00Z'), 'Europe/Kyiv')).toEqual({ date: '2027-07-01', time: '09:30' });
  });

  it('cuts each day into whole meetings and drops a remainder', () => {
    const slots = meetingSlots({
      timeZone: 'Europe/Kyiv',
      meetingMinutes: 30,
      meetingHours: [
        { date: '2026-12-02', from: '14:00', to: '15:10' },
        { date: '2026-12-01', from: '09:00', to: '10:00' },
      ],
    });
    expect(slots.map((s) => `${s.date} ${s.localTime}`)).toEqual(['2026-12-01 09:00', '2026-12-01 09:30', '2026-12-02 14:00', '2026-12-02 14:30']);
    expect(slots[0]).toMatchObject({ start: '2026-12-01T07:00:00.000Z', end: '2026-12-01T07:30:00.000Z' });
    expect(slotsOverlapping(slots, new Date('2026-12-01T07:15:00Z'), new Date('2026-12-01T07:45:00Z'))).toEqual(['2026-12-01T07:00:00.000Z', '2026-12-01T07:30:00.000Z']);
    expect(slotsOverlapping(slots, new Date('2026-12-01T07:30:00Z'), new Date('2026-12-01T08:00:00Z'))).toEqual(['2026-12-01T07:30:00.000Z']);
  });
});
