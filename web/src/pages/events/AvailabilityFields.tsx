// The meeting slots a delegate cannot attend, as checkboxes grouped by day (times in the event's
// time zone): the scheduler and bookings keep the delegate free of meetings then.
import { Checkbox, Fieldset, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MeetingSlot } from '../../api';
import { formatDay, formatTimeRange, slotsByDay } from '../../events';

interface AvailabilityFieldsProps {
  slots: readonly MeetingSlot[];
  timeZone: string;
  /** Starts of the slots marked unavailable. */
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}

export function AvailabilityFields({ slots, timeZone, value, onChange, error }: AvailabilityFieldsProps) {
  const { t } = useTranslation();
  if (slots.length === 0) return null;
  return (
    <Fieldset legend={t('events.delegates.unavailable')} data-testid="availability">
      <Stack gap="sm">
        <Text size="sm">{t('events.delegates.unavailableHelp')}</Text>
        {slotsByDay(slots).map((day) => {
          const starts = new Set(day.slots.map((slot) => slot.start));
          return (
            <Checkbox.Group
              key={day.date}
              label={formatDay(day.date)}
              value={value.filter((start) => starts.has(start))}
              onChange={(chosen) => onChange([...value.filter((start) => !starts.has(start)), ...chosen].sort())}
            >
              <Group gap="md" mt={4} wrap="wrap">
                {day.slots.map((slot) => (
                  <Checkbox key={slot.start} value={slot.start} label={formatTimeRange(slot.start, slot.end, timeZone)} data-testid={`unavailable-${slot.start}`} />
                ))}
              </Group>
            </Checkbox.Group>
          );
        })}
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
