// An event's overview: its facts and counts, the agenda of sessions and the B2B meeting slots, all
// in the event's time zone. Officers publish, close, reopen or cancel the event, change it, and add,
// change or remove sessions; a company sees how many delegates it registered.
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, type EventDetail, type EventSession, type EventStatus, type NewEvent } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Fact, Facts } from '../../components/Facts';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { EVENT_MANAGERS, EVENTS_KEY, eventKey, eventValuesOf, formatDay, formatTime, inLanguage, slotsByDay, titleOf, zoneLabel } from '../../events';
import { formatNumber } from '../../format';
import { hasAnyRole, useMe } from '../../session';
import { EventForm } from './EventForm';
import { EventFrame } from './EventFrame';
import { SessionDialog } from './SessionDialog';
import { SessionList } from './SessionList';

/** The status changes an officer may make from each status (the server's EVENT_TRANSITIONS). */
const STATUS_ACTIONS: Record<EventStatus, { to: EventStatus; key: 'publish' | 'close' | 'reopen' | 'cancel' }[]> = {
  draft: [{ to: 'published', key: 'publish' }, { to: 'cancelled', key: 'cancel' }],
  published: [{ to: 'closed', key: 'close' }, { to: 'cancelled', key: 'cancel' }],
  closed: [{ to: 'published', key: 'reopen' }],
  cancelled: [],
};

export function EventPage() {
  return <EventFrame page="overview">{(event) => <Overview event={event} />}</EventFrame>;
}

function Overview({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>((location.state as { notice?: string } | null)?.notice ?? null);
  const [action, setAction] = useState<(typeof STATUS_ACTIONS)[EventStatus][number] | null>(null);
  const [editing, setEditing] = useState(false);
  const [session, setSession] = useState<EventSession | null | undefined>(undefined);
  const [removing, setRemoving] = useState<EventSession | null>(null);
  useEffect(() => {
    if ((location.state as { notice?: string } | null)?.notice) navigate({ pathname: location.pathname }, { replace: true, state: null });
  }, [location.state]);

  const saved = (next: EventDetail) => {
    queryClient.setQueryData(eventKey(next.id), next);
    void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'list'] });
  };
  const transition = useMutation({
    mutationFn: (to: EventStatus) => api.updateEvent(event.id, { version: event.version, status: to }),
    onSuccess: (next) => {
      saved(next);
      setAction(null);
      setNotice(t(`events.overview.${next.status}Notice`));
    },
  });
  const change = useMutation({
    mutationFn: (input: NewEvent) => api.updateEvent(event.id, { ...input, version: event.version }),
    onSuccess: (next) => {
      saved(next);
      setEditing(false);
      setNotice(t('events.overview.savedNotice'));
    },
  });
  const remove = useMutation({
    mutationFn: (target: EventSession) => api.deleteSession(event.id, target.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      setNotice(t('events.overview.sessionRemoved', { title: removing ? titleOf(removing) : '' }));
      setRemoving(null);
    },
  });
  if (!me) return null;
  const officer = hasAnyRole(me.user, EVENT_MANAGERS);
  const description = inLanguage(event.descriptionUk, event.descriptionEn);
  const zone = zoneLabel(event.timeZone, `${event.startsOn}T12:00:00Z`);

  return (
    <>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {officer && (
        <Group gap="sm" data-testid="event-actions">
          {STATUS_ACTIONS[event.status].map((next) => (
            <Button
              key={next.key}
              variant={next.key === 'cancel' ? 'outline' : 'filled'}
              color={next.key === 'cancel' ? 'red' : undefined}
              onClick={() => setAction(next)}
              data-testid={`event-${next.key}`}
            >
              {t(`events.overview.${next.key}`)}
            </Button>
          ))}
          {!editing && event.status !== 'cancelled' && (
            <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-event">
              {t('events.overview.edit')}
            </Button>
          )}
        </Group>
      )}
      {officer && editing && (
        <EventForm
          id="edit-event-heading"
          title={t('events.overview.editHeading')}
          initial={eventValuesOf(event)}
          submitLabel={t('common.save')}
          pending={change.isPending}
          error={change.error}
          onSave={(input) => change.mutate(input)}
          onCancel={() => {
            change.reset();
            setEditing(false);
          }}
        />
      )}

      <Card withBorder component="section" aria-labelledby="event-facts-heading">
        <Title order={2} size="h3" id="event-facts-heading" mb="sm">
          {t('events.overview.facts')}
        </Title>
        <Facts testId="event-facts">
          <Fact label={t('events.columns.venue')}>{inLanguage(event.venueUk, event.venueEn)}</Fact>
          <Fact label={t('events.columns.timeZone')}>{zone}</Fact>
          <Fact label={t('events.form.capacity')}>{formatNumber(event.capacity)}</Fact>
          <Fact label={t('events.form.perCompanyLimit')}>{formatNumber(event.perCompanyLimit)}</Fact>
          <Fact label={t('events.overview.meetingLength')}>{t('events.overview.minutes', { count: event.meetingMinutes })}</Fact>
          <Fact label={t('events.form.tableCount')}>{formatNumber(event.tableCount)}</Fact>
          {event.ownRegistrations !== null && (
            <Fact label={t('events.overview.ownDelegates')} testId="own-delegates">
              <Anchor component={Link} to={`/app/events/${event.id}/delegates`}>
                {formatNumber(event.ownRegistrations)}
              </Anchor>
            </Fact>
          )}
        </Facts>
        {description && (
          <Text mt="md" maw={760} style={{ whiteSpace: 'pre-wrap' }}>
            {description}
          </Text>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="event-counts-heading">
        <Title order={2} size="h3" id="event-counts-heading" mb="sm">
          {t('events.overview.counts')}
        </Title>
        <Facts testId="event-counts">
          <Fact label={t('events.overview.registered')}>{t('events.list.seatsOf', { registered: formatNumber(event.counts.registered), capacity: formatNumber(event.capacity) })}</Fact>
          <Fact label={t('events.overview.waitlisted')}>{formatNumber(event.counts.waitlisted)}</Fact>
          <Fact label={t('events.overview.checkedIn')}>{formatNumber(event.counts.checkedIn)}</Fact>
          <Fact label={t('events.overview.organizations')}>{formatNumber(event.counts.organizations)}</Fact>
          <Fact label={t('events.overview.meetingsRequested')}>{formatNumber(event.counts.meetingsRequested)}</Fact>
          <Fact label={t('events.overview.meetingsAccepted')}>{formatNumber(event.counts.meetingsAccepted)}</Fact>
          <Fact label={t('events.overview.meetingsPlaced')}>{formatNumber(event.counts.meetingsPlaced)}</Fact>
        </Facts>
      </Card>

      <TitledSection id="event-agenda-heading" title={t('events.overview.agenda')} testId="event-agenda">
        {officer && (
          <Group>
            <Button variant="default" onClick={() => setSession(null)} data-testid="add-session">
              {t('events.session.addTitle')}
            </Button>
          </Group>
        )}
        <SessionList
          sessions={event.sessions}
          timeZone={event.timeZone}
          actions={
            officer
              ? (item) => (
                  <Group gap="xs">
                    <Button size="xs" variant="default" onClick={() => setSession(item)} aria-label={t('events.session.editOf', { title: titleOf(item) })} data-testid="edit-session">
                      {t('events.session.edit')}
                    </Button>
                    <Button size="xs" variant="outline" color="red" onClick={() => setRemoving(item)} aria-label={t('events.session.removeOf', { title: titleOf(item) })} data-testid="remove-session">
                      {t('common.remove')}
                    </Button>
                  </Group>
                )
              : undefined
          }
        />
      </TitledSection>

      <TitledSection id="event-slots-heading" title={t('events.overview.slots')} testId="event-slots">
        {event.slots.length === 0 ? (
          <Text>{t('events.overview.noSlots')}</Text>
        ) : (
          <>
            <Text size="sm">{t('events.overview.slotsIntro', { minutes: event.meetingMinutes, tables: event.tableCount })}</Text>
            <Stack gap={4}>
              {slotsByDay(event.slots).map((day) => (
                <Text key={day.date} size="sm">
                  <Text span fw={600}>
                    {formatDay(day.date)}:
                  </Text>{' '}
                  {day.slots.map((slot) => formatTime(slot.start, event.timeZone)).join(', ')}
                </Text>
              ))}
            </Stack>
          </>
        )}
      </TitledSection>

      <ConfirmDialog
        opened={action !== null}
        title={action ? t(`events.overview.${action.key}Title`) : ''}
        text={action ? t(`events.overview.${action.key}Text`, { title: titleOf(event) }) : ''}
        confirmLabel={action ? t(`events.overview.${action.key}`) : ''}
        confirmColor={action?.key === 'cancel' ? 'red' : 'blue'}
        confirmTestId="confirm-event-action"
        pending={transition.isPending}
        error={transition.error}
        onConfirm={() => action && transition.mutate(action.to)}
        onClose={() => {
          transition.reset();
          setAction(null);
        }}
      />
      <ConfirmDialog
        opened={removing !== null}
        title={t('events.session.removeTitle')}
        text={removing ? t('events.session.removeText', { title: titleOf(removing) }) : ''}
        confirmLabel={t('common.remove')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => {
          remove.reset();
          setRemoving(null);
        }}
      />
      <SessionDialog
        event={event}
        session={session}
        onClose={() => setSession(undefined)}
        onSaved={(result) => {
          setNotice(t(session ? 'events.overview.sessionSaved' : 'events.overview.sessionAdded', { title: titleOf(result) }));
          setSession(undefined);
        }}
      />
    </>
  );
}
