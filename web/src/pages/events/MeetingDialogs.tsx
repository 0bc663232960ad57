// The dialogs behind a meeting's actions: accept (who of the organization attends, and a slot now
// or later by the scheduler), decline or cancel (with an optional reason), and book or move an
// accepted meeting into a slot. Slots are named in the event's time zone.
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EventDetail, type MeetingRequest } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ReasonDialog } from '../../components/ReasonDialog';
import { splitFieldErrors } from '../../errors';
import { EVENTS_KEY, eventKey, formatSlot, slotOptions, zoneLabel } from '../../events';
import { useIdempotencyKeys } from '../../fund';
import type { MeetingAction } from './MeetingTable';

export interface MeetingTarget {
  meeting: MeetingRequest;
  action: MeetingAction;
}

interface MeetingDialogsProps {
  event: EventDetail;
  target: MeetingTarget | null;
  onClose: () => void;
  /** Called with what was done, for the page's notice. */
  onDone: (notice: string) => void;
}

/** Refreshes what a change to a meeting touches: the lists, the event's counts and the agendas. */
function useMeetingSaved(event: EventDetail) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'meetings', event.id] });
    void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'agenda', event.id] });
    void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'recommendations', event.id] });
    void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
  };
}

export function MeetingDialogs({ event, target, onClose, onDone }: MeetingDialogsProps) {
  const { t } = useTranslation();
  const saved = useMeetingSaved(event);
  const keyFor = useIdempotencyKeys();
  const decide = useMutation({
    mutationFn: ({ meeting, action, reason }: { meeting: MeetingRequest; action: 'decline' | 'cancel'; reason: string }) => {
      const body = { version: meeting.version, ...(reason && { reason }) };
      return api.decideMeeting(event.id, meeting.id, action, body, keyFor({ id: meeting.id, action, ...body }));
    },
    onSuccess: (meeting, { action }) => {
      saved();
      onDone(t(action === 'decline' ? 'events.meetings.declined' : 'events.meetings.cancelled', { subject: subjectOf(t, meeting) }));
    },
  });
  const reasonAction = target && (target.action === 'decline' || target.action === 'cancel') ? target.action : null;
  return (
    <>
      <ReasonDialog
        opened={reasonAction !== null}
        title={reasonAction ? t(`events.meetings.${reasonAction}Title`) : ''}
        text={target ? subjectOf(t, target.meeting) : undefined}
        label={t('events.meetings.reasonLabel')}
        description={t('events.meetings.reasonHelp')}
        required={false}
        confirmLabel={reasonAction ? t(`events.meetings.action.${reasonAction}`) : ''}
        confirmColor="red"
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(reason) => target && reasonAction && decide.mutate({ meeting: target.meeting, action: reasonAction, reason })}
        onClose={() => {
          decide.reset();
          onClose();
        }}
      />
      <Modal
        opened={target?.action === 'accept' || target?.action === 'book'}
        onClose={onClose}
        title={target ? t(target.action === 'accept' ? 'events.meetings.acceptTitle' : target.meeting.slotStart ? 'events.meetings.moveTitle' : 'events.meetings.bookTitle') : ''}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {target?.action === 'accept' && <AcceptForm key={target.meeting.id} event={event} meeting={target.meeting} onClose={onClose} onDone={onDone} />}
        {target?.action === 'book' && <BookForm key={target.meeting.id} event={event} meeting={target.meeting} onClose={onClose} onDone={onDone} />}
      </Modal>
    </>
  );
}

function subjectOf(t: TFunction, meeting: MeetingRequest): string {
  return t('events.meetings.subject', { requester: meeting.requester.name, recipient: meeting.recipient.name });
}

/** The slot select: optional when accepting (the scheduler places the meeting), required when booking. */
function SlotSelect({ event, value, onChange, optional, error }: { event: EventDetail; value: string; onChange: (value: string) => void; optional: boolean; error?: string }) {
  const { t } = useTranslation();
  const first = event.slots[0]?.start ?? `${event.startsOn}T12:00:00Z`;
  return (
    <NativeSelect
      label={t('events.meetings.slot')}
      description={t('events.timesIn', { zone: zoneLabel(event.timeZone, first) })}
      required={!optional}
      data={[{ value: '', label: optional ? t('events.meetings.slotLater') : t('events.meetings.chooseSlot') }, ...slotOptions(event.slots, event.timeZone)]}
      value={value}
      onChange={(changed) => onChange(changed.currentTarget.value)}
      error={error}
      data-testid="meeting-slot"
    />
  );
}

function AcceptForm({ event, meeting, onClose, onDone }: { event: EventDetail; meeting: MeetingRequest; onClose: () => void; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const saved = useMeetingSaved(event);
  const keyFor = useIdempotencyKeys();
  const [attendees, setAttendees] = useState<string[]>([]);
  const [slot, setSlot] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  // The recipient's delegates holding a seat (a company lists only its own).
  const delegates = useQuery({
    queryKey: [...EVENTS_KEY, 'registrations', event.id, 'seated', meeting.recipient.organizationId],
    queryFn: () => api.listRegistrations(event.id, { organizationId: meeting.recipient.organizationId, status: 'registered', limit: 200, offset: 0 }),
  });
  const items = delegates.data?.items ?? [];
  useEffect(() => {
    if (items.length === 1 && attendees.length === 0) setAttendees([items[0]!.id]);
  }, [items.length]);
  const accept = useMutation({
    mutationFn: () => {
      const body = { version: meeting.version, registrationIds: attendees, ...(slot && { slotStart: slot }) };
      return api.acceptMeeting(event.id, meeting.id, body, keyFor({ id: meeting.id, ...body }));
    },
    onSuccess: (next) => {
      saved();
      onDone(
        next.slotStart && next.slotEnd
          ? t('events.meetings.acceptedAt', { subject: subjectOf(t, next), when: formatSlot(next.slotStart, next.slotEnd, event.timeZone), table: next.tableNo })
          : t('events.meetings.accepted', { subject: subjectOf(t, next) }),
      );
    },
  });
  const { byField, other } = splitFieldErrors(accept.error, ['registrationIds', 'slotStart']);
  const canBook = event.tableCount > 0 && event.slots.length > 0;
  return (
    <form
      noValidate
      onSubmit={(submitted) => {
        submitted.preventDefault();
        if (attendees.length === 0) setMissing(t('events.meetings.chooseAttendee'));
        else if (attendees.length > 3) setMissing(t('events.meetings.atMostThree'));
        else accept.mutate();
      }}
    >
      <Stack>
        <Text size="sm">{subjectOf(t, meeting)}</Text>
        {meeting.message && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {t('events.meetings.theirMessage', { message: meeting.message })}
          </Text>
        )}
        <ErrorAlert error={accept.error ?? delegates.error} fieldErrors={other} />
        <Checkbox.Group
          label={t('events.meetings.attendees')}
          description={t('events.meetings.attendeesHelp')}
          required
          value={attendees}
          onChange={(value) => {
            setAttendees(value);
            setMissing(null);
          }}
          error={missing ?? byField.registrationIds}
          data-testid="meeting-attendees"
        >
          <Stack gap={6} mt="xs">
            {items.map((delegate) => (
              <Checkbox key={delegate.id} value={delegate.id} label={delegate.position ? `${delegate.fullName}, ${delegate.position}` : delegate.fullName} />
            ))}
            {delegates.isSuccess && items.length === 0 && <Text size="sm">{t('events.partners.noSeatedDelegate')}</Text>}
          </Stack>
        </Checkbox.Group>
        {canBook && <SlotSelect event={event} value={slot} onChange={setSlot} optional error={byField.slotStart} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={accept.isPending} data-testid="confirm-accept">
            {t('events.meetings.action.accept')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function BookForm({ event, meeting, onClose, onDone }: { event: EventDetail; meeting: MeetingRequest; onClose: () => void; onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const saved = useMeetingSaved(event);
  const keyFor = useIdempotencyKeys();
  const [slot, setSlot] = useState('');
  const [missing, setMissing] = useState(false);
  const book = useMutation({
    mutationFn: () => {
      const body = { version: meeting.version, slotStart: slot };
      return api.bookMeeting(event.id, meeting.id, body, keyFor({ id: meeting.id, ...body }));
    },
    onSuccess: (next) => {
      saved();
      onDone(t('events.meetings.booked', { subject: subjectOf(t, next), when: formatSlot(next.slotStart!, next.slotEnd!, event.timeZone), table: next.tableNo }));
    },
  });
  const { byField, other } = splitFieldErrors(book.error, ['slotStart']);
  return (
    <form
      noValidate
      onSubmit={(submitted) => {
        submitted.preventDefault();
        if (!slot) setMissing(true);
        else book.mutate();
      }}
    >
      <Stack>
        <Text size="sm">{subjectOf(t, meeting)}</Text>
        {meeting.slotStart && meeting.slotEnd && <Text size="sm">{t('events.meetings.now', { when: formatSlot(meeting.slotStart, meeting.slotEnd, event.timeZone), table: meeting.tableNo })}</Text>}
        <ErrorAlert error={book.error} fieldErrors={other} />
        <SlotSelect
          event={event}
          value={slot}
          onChange={(value) => {
            setSlot(value);
            setMissing(false);
          }}
          optional={false}
          error={missing ? t('validation.required') : byField.slotStart}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={book.isPending} data-testid="confirm-book">
            {t(meeting.slotStart ? 'events.meetings.action.move' : 'events.meetings.action.book')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
