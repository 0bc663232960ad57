// An event's form (officers): titles, descriptions and venue in both languages, the days and the
// time zone they are local to, seats and the per-company limit, and the B2B meetings: their length,
// the tables, and per day the hours when meetings are held. Used to create an event and to change one.
import { Autocomplete, Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError, NewEvent } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCard } from '../../components/FormCard';
import { fieldErrorsByPath } from '../../errors';
import { DEFAULT_TIME_ZONE, eventDays, eventErrors, eventInput, formatDay, nextRowKey, type EventValues } from '../../events';

const FORM_FIELDS = ['titleUk', 'titleEn', 'descriptionUk', 'descriptionEn', 'venueUk', 'venueEn', 'startsOn', 'endsOn', 'timeZone', 'capacity', 'perCompanyLimit', 'meetingMinutes', 'tableCount'];

/** Every IANA zone the browser knows (Kyiv first), for the time zone field's suggestions. */
function timeZones(): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [DEFAULT_TIME_ZONE, ...known.filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

interface EventFormProps {
  id: string;
  title: string;
  initial: EventValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSave: (input: NewEvent) => void;
  onCancel?: () => void;
}

export function EventForm({ id, title, initial, submitLabel, pending, error, onSave, onCancel }: EventFormProps) {
  const { t } = useTranslation();
  const form = useForm<EventValues>({ initialValues: initial });
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const zones = useMemo(timeZones, []);
  const values = form.getValues();
  const days = eventDays(values.startsOn, values.endsOn);

  // The server's field errors go next to their inputs; any other is listed in the alert.
  useEffect(() => {
    const errors: Record<string, string> = {};
    const other: FieldError[] = [];
    for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
      if (FORM_FIELDS.includes(path) || /^meetingHours\.\d+\.(date|from|to)$/.test(path)) errors[path] = message;
      else other.push({ field: path, message });
    }
    setUnplaced(other);
    if (Object.keys(errors).length) form.setErrors(errors);
  }, [error]);

  const addHours = () => {
    const used = new Set(values.meetingHours.map((h) => h.date));
    form.insertListItem('meetingHours', { rowKey: nextRowKey(), date: days.find((day) => !used.has(day)) ?? days[0] ?? '', from: '10:00', to: '12:00' });
  };

  return (
    <FormCard
      id={id}
      title={title}
      onSubmit={() => {
        const current = form.getValues();
        const errors = eventErrors(t, current);
        form.setErrors(errors);
        if (Object.keys(errors).length > 0) {
          window.setTimeout(() => document.querySelector<HTMLElement>(`#${id} ~ form [aria-invalid="true"]`)?.focus(), 0);
          return;
        }
        onSave(eventInput(current));
      }}
    >
      <ErrorAlert error={error} fieldErrors={unplaced} />
      <Fieldset legend={t('events.form.aboutLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('events.form.titleUk')} required lang="uk" maxLength={200} {...form.getInputProps('titleUk')} data-testid="event-title-uk" />
          <TextInput label={t('events.form.titleEn')} required lang="en" maxLength={200} {...form.getInputProps('titleEn')} data-testid="event-title-en" />
          <Textarea label={t('events.form.descriptionUk')} lang="uk" autosize minRows={2} maxRows={10} maxLength={5000} {...form.getInputProps('descriptionUk')} data-testid="event-description-uk" />
          <Textarea label={t('events.form.descriptionEn')} lang="en" autosize minRows={2} maxRows={10} maxLength={5000} {...form.getInputProps('descriptionEn')} data-testid="event-description-en" />
          <TextInput label={t('events.form.venueUk')} required lang="uk" maxLength={300} {...form.getInputProps('venueUk')} data-testid="event-venue-uk" />
          <TextInput label={t('events.form.venueEn')} required lang="en" maxLength={300} {...form.getInputProps('venueEn')} data-testid="event-venue-en" />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('events.form.datesLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput type="date" label={t('events.form.startsOn')} required {...form.getInputProps('startsOn')} data-testid="event-starts-on" />
          <TextInput type="date" label={t('events.form.endsOn')} required {...form.getInputProps('endsOn')} data-testid="event-ends-on" />
          <Autocomplete
            label={t('events.form.timeZone')}
            description={t('events.form.timeZoneHelp')}
            required
            data={zones}
            limit={12}
            maxLength={64}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('timeZone')}
            data-testid="event-time-zone"
          />
          <TextInput label={t('events.form.capacity')} description={t('events.form.capacityHelp')} required inputMode="numeric" maxLength={6} {...form.getInputProps('capacity')} data-testid="event-capacity" />
          <TextInput label={t('events.form.perCompanyLimit')} description={t('events.form.perCompanyLimitHelp')} required inputMode="numeric" maxLength={4} {...form.getInputProps('perCompanyLimit')} data-testid="event-per-company" />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('events.form.meetingsLegend')}>
        <Stack>
          <Text size="sm">{t('events.form.meetingsHelp')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <TextInput label={t('events.form.meetingMinutes')} description={t('events.form.meetingMinutesHelp')} required inputMode="numeric" maxLength={3} {...form.getInputProps('meetingMinutes')} data-testid="event-meeting-minutes" />
            <TextInput label={t('events.form.tableCount')} description={t('events.form.tableCountHelp')} required inputMode="numeric" maxLength={4} {...form.getInputProps('tableCount')} data-testid="event-table-count" />
          </SimpleGrid>
          {values.meetingHours.map((row, index) => (
            <MeetingHoursRow key={row.rowKey} form={form} index={index} days={days} />
          ))}
          <Group>
            <Button variant="default" onClick={addHours} data-testid="add-meeting-hours">
              {t('events.form.addHours')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
      <Group justify="flex-end">
        {onCancel && (
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
        <Button type="submit" loading={pending} data-testid="save-event">
          {submitLabel}
        </Button>
      </Group>
    </FormCard>
  );
}

function MeetingHoursRow({ form, index, days }: { form: UseFormReturnType<EventValues>; index: number; days: string[] }) {
  const { t } = useTranslation();
  const path = (field: string) => `meetingHours.${index}.${field}`;
  const row = form.getValues().meetingHours[index]!;
  // A day no longer within the dates stays selectable, so the error next to it can say why.
  const options = [...new Set([...days, ...(row.date ? [row.date] : [])])].sort();
  return (
    <Fieldset legend={t('events.form.hoursLegend', { n: index + 1 })} data-testid={`meeting-hours-${index}`}>
      <Group align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('events.form.hoursDay')}
          data={[{ value: '', label: days.length ? t('events.form.chooseDay') : t('events.form.datesFirst') }, ...options.map((day) => ({ value: day, label: formatDay(day) }))]}
          {...form.getInputProps(path('date'))}
          style={{ flex: '2 1 200px' }}
          data-testid={`meeting-hours-${index}-date`}
        />
        <TextInput type="time" label={t('events.form.hoursFrom')} {...form.getInputProps(path('from'))} style={{ flex: '1 1 120px' }} data-testid={`meeting-hours-${index}-from`} />
        <TextInput type="time" label={t('events.form.hoursTo')} {...form.getInputProps(path('to'))} style={{ flex: '1 1 120px' }} data-testid={`meeting-hours-${index}-to`} />
        <Button
          variant="subtle"
          color="red"
          mt={24}
          onClick={() => form.removeListItem('meetingHours', index)}
          aria-label={t('events.form.removeHoursOf', { n: index + 1 })}
          data-testid={`meeting-hours-${index}-remove`}
        >
          {t('common.remove')}
        </Button>
      </Group>
    </Fieldset>
  );
}
