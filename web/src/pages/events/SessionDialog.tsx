// An officer adds a session to an event's agenda or changes one: titles and descriptions in both
// languages, the room, the day and the local times in the event's time zone, and the speakers. A
// speaker may be a registered delegate: the scheduler then keeps that delegate free of meetings.
import { Button, Fieldset, Group, Modal, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EventDetail, type EventRegistration, type EventSession } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldErrorsByPath } from '../../errors';
import { EVENTS_KEY, eventDays, eventKey, formatDay, nextRowKey, sessionErrors, sessionInput, sessionValuesOf, zoneLabel, type SessionValues } from '../../events';
import { useIdempotencyKeys } from '../../fund';

/** `session` null adds one; `undefined` keeps the dialog closed. */
export function SessionDialog({ event, session, onClose, onSaved }: { event: EventDetail; session: EventSession | null | undefined; onClose: () => void; onSaved: (saved: EventSession) => void }) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={session !== undefined}
      onClose={onClose}
      title={session ? t('events.session.editTitle') : t('events.session.addTitle')}
      size="xl"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {session !== undefined && <SessionForm key={session?.id ?? 'new'} event={event} session={session} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function SessionForm({ event, session, onClose, onSaved }: { event: EventDetail; session: EventSession | null; onClose: () => void; onSaved: (saved: EventSession) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const form = useForm<SessionValues>({ initialValues: sessionValuesOf(session, event) });
  // Delegates who may speak: those holding a seat (a large forum lists its first 200).
  const delegates = useQuery({
    queryKey: [...EVENTS_KEY, 'registrations', event.id, 'speakers'],
    queryFn: () => api.listRegistrations(event.id, { status: 'registered', limit: 200, offset: 0 }),
  });
  const save = useMutation({
    mutationFn: (values: SessionValues) => {
      const input = sessionInput(values, event.timeZone);
      return session ? api.updateSession(event.id, session.id, { ...input, version: session.version }) : api.createSession(event.id, input, keyFor(input));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onSaved(saved);
    },
  });
  useEffect(() => {
    const byPath = fieldErrorsByPath(save.error);
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(byPath)) {
      if (path === 'startsAt') errors.from = message;
      else if (path === 'endsAt') errors.to = message;
      else errors[path] = message;
    }
    if (Object.keys(errors).length) form.setErrors(errors);
  }, [save.error]);
  const values = form.getValues();
  const days = eventDays(event.startsOn, event.endsOn);
  const delegateOptions = (delegates.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.fullName} (${r.organizationName})` }));

  return (
    <form
      noValidate
      onSubmit={(submitted) => {
        submitted.preventDefault();
        const current = form.getValues();
        const errors = sessionErrors(t, current);
        form.setErrors(errors);
        if (Object.keys(errors).length === 0) save.mutate(current);
      }}
    >
      <Stack>
        <ErrorAlert error={save.error} fieldErrors={[]} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('events.session.titleUk')} required lang="uk" maxLength={300} data-autofocus {...form.getInputProps('titleUk')} data-testid="session-title-uk" />
          <TextInput label={t('events.session.titleEn')} required lang="en" maxLength={300} {...form.getInputProps('titleEn')} data-testid="session-title-en" />
          <Textarea label={t('events.session.descriptionUk')} lang="uk" autosize minRows={2} maxRows={8} maxLength={5000} {...form.getInputProps('descriptionUk')} />
          <Textarea label={t('events.session.descriptionEn')} lang="en" autosize minRows={2} maxRows={8} maxLength={5000} {...form.getInputProps('descriptionEn')} />
        </SimpleGrid>
        <Text size="sm">{t('events.session.timesHelp', { zone: zoneLabel(event.timeZone, `${values.date || event.startsOn}T12:00:00Z`) })}</Text>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <NativeSelect label={t('events.session.day')} required data={days.map((day) => ({ value: day, label: formatDay(day) }))} {...form.getInputProps('date')} data-testid="session-day" />
          <TextInput type="time" label={t('events.session.from')} required {...form.getInputProps('from')} data-testid="session-from" />
          <TextInput type="time" label={t('events.session.to')} required {...form.getInputProps('to')} data-testid="session-to" />
          <TextInput label={t('events.session.room')} maxLength={200} {...form.getInputProps('room')} data-testid="session-room" />
        </SimpleGrid>
        <Fieldset legend={t('events.session.speakers')}>
          <Stack>
            {values.speakers.length === 0 && <Text size="sm">{t('events.session.noSpeakers')}</Text>}
            {values.speakers.map((speaker, index) => (
              <SpeakerRow key={speaker.rowKey} form={form} index={index} delegates={delegates.data?.items ?? []} options={delegateOptions} />
            ))}
            <Group>
              <Button variant="default" size="xs" onClick={() => form.insertListItem('speakers', { rowKey: nextRowKey(), name: '', affiliation: '', registrationId: '' })} data-testid="add-speaker">
                {t('events.session.addSpeaker')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="save-session">
            {session ? t('common.save') : t('events.session.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SpeakerRow({ form, index, delegates, options }: { form: UseFormReturnType<SessionValues>; index: number; delegates: EventRegistration[]; options: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const path = (field: string) => `speakers.${index}.${field}`;
  const speaker = form.getValues().speakers[index]!;
  const delegate = form.getInputProps(path('registrationId'));
  return (
    <Group align="flex-start" wrap="wrap" data-testid={`speaker-${index}`}>
      <NativeSelect
        label={t('events.session.speakerDelegate')}
        description={t('events.session.speakerDelegateHelp')}
        data={[{ value: '', label: t('events.session.notDelegate') }, ...options]}
        {...delegate}
        onChange={(changed) => {
          const id = changed.currentTarget.value;
          form.setFieldValue(path('registrationId'), id);
          // A delegate chosen for an empty row names the speaker and their organization.
          const chosen = delegates.find((d) => d.id === id);
          if (chosen && !speaker.name.trim()) form.setFieldValue(path('name'), chosen.fullName);
          if (chosen && !speaker.affiliation.trim()) form.setFieldValue(path('affiliation'), chosen.organizationName);
        }}
        style={{ flex: '2 1 220px' }}
        data-testid={`speaker-${index}-delegate`}
      />
      <TextInput label={t('events.session.speakerName')} required maxLength={200} {...form.getInputProps(path('name'))} style={{ flex: '2 1 200px' }} data-testid={`speaker-${index}-name`} />
      <TextInput label={t('events.session.speakerAffiliation')} maxLength={300} {...form.getInputProps(path('affiliation'))} style={{ flex: '2 1 200px' }} data-testid={`speaker-${index}-affiliation`} />
      <Button variant="subtle" color="red" mt={24} onClick={() => form.removeListItem('speakers', index)} aria-label={t('events.session.removeSpeakerOf', { n: index + 1 })}>
        {t('common.remove')}
      </Button>
    </Group>
  );
}
