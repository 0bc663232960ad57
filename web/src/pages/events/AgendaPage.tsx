// A delegate's personal agenda: the event's sessions (marked where the delegate speaks) and the
// delegate's placed meetings with the organization and people across the table, by day, in the
// event's time zone; the same agenda downloads as a PDF and as an iCalendar file.
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, type AgendaItem, type DelegateAgenda } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EventNav } from '../../components/EventNav';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegistrationStatusBadge } from '../../components/StatusBadge';
import { countryName } from '../../countries';
import { EVENTS_KEY, formatDay, formatEventDates, formatTimeRange, localParts, titleOf, zoneLabel } from '../../events';

export function AgendaPage() {
  const { t } = useTranslation();
  const { id = '', registrationId = '' } = useParams();
  const agenda = useQuery({ queryKey: [...EVENTS_KEY, 'agenda', id, registrationId], queryFn: () => api.agenda(id, registrationId) });
  if (agenda.isPending) return <Loading />;
  if (agenda.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('events.agenda.title')}>{t('events.agenda.title')}</PageHeading>
        <ErrorAlert error={agenda.error} onRetry={() => void agenda.refetch()} />
      </Stack>
    );
  }
  return <Agenda agenda={agenda.data} />;
}

function Agenda({ agenda }: { agenda: DelegateAgenda }) {
  const { t } = useTranslation();
  const { event, delegate } = agenda;
  const heading = t('events.agenda.heading', { name: delegate.fullName });
  const days: { date: string; items: AgendaItem[] }[] = [];
  for (const item of agenda.items) {
    const date = localParts(item.startsAt, event.timeZone).date;
    const last = days[days.length - 1];
    if (last?.date === date) last.items.push(item);
    else days.push({ date, items: [item] });
  }
  return (
    <Stack>
      <div>
        <PageHeading documentTitle={`${heading} · ${titleOf(event)}`}>{heading}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap" data-testid="agenda-delegate">
          <RegistrationStatusBadge status={delegate.status} />
          <Text size="sm">{[delegate.position, delegate.organizationName].filter(Boolean).join(', ')}</Text>
          <Text size="sm">{`${titleOf(event)} · ${formatEventDates(event)}`}</Text>
        </Group>
      </div>
      <EventNav eventId={event.id} />
      <Group gap="sm">
        <Button component="a" href={api.agendaUrl(event.id, delegate.registrationId, 'pdf')} download variant="default" data-testid="agenda-pdf">
          {t('events.agenda.pdf')}
        </Button>
        <Button component="a" href={api.agendaUrl(event.id, delegate.registrationId, 'ics')} download variant="default" data-testid="agenda-ics">
          {t('events.agenda.ics')}
        </Button>
      </Group>
      <Text size="sm">{t('events.timesIn', { zone: zoneLabel(event.timeZone, agenda.items[0]?.startsAt ?? `${event.startsOn}T12:00:00Z`) })}</Text>
      {agenda.unplacedMeetings > 0 && (
        <Text size="sm" data-testid="agenda-unplaced">
          {t('events.agenda.unplaced', { count: agenda.unplacedMeetings })}
        </Text>
      )}
      {days.length === 0 ? (
        <Text>{t('events.agenda.empty')}</Text>
      ) : (
        days.map((day) => (
          <Stack key={day.date} gap="xs" component="section" aria-labelledby={`agenda-${day.date}`}>
            <Title order={2} size="h3" id={`agenda-${day.date}`}>
              {formatDay(day.date)}
            </Title>
            {day.items.map((item) => (
              <AgendaEntry key={`${item.kind}-${item.id}`} item={item} timeZone={event.timeZone} />
            ))}
          </Stack>
        ))
      )}
    </Stack>
  );
}

function AgendaEntry({ item, timeZone }: { item: AgendaItem; timeZone: string }) {
  const { t } = useTranslation();
  const meeting = item.kind === 'meeting';
  return (
    <Card withBorder padding="sm" data-testid={`agenda-${item.kind}`} bg={meeting ? 'blue.0' : undefined}>
      <Group gap="sm" align="flex-start" wrap="wrap">
        <Text fw={700} miw={110} data-testid="agenda-time">
          {formatTimeRange(item.startsAt, item.endsAt, timeZone)}
        </Text>
        <Stack gap={4} style={{ flex: '1 1 280px' }}>
          <Group gap="xs">
            <Badge variant="light" color={meeting ? 'blue' : 'gray'} tt="none">
              {t(`events.agenda.kind.${item.kind}`)}
            </Badge>
            {item.speaking && (
              <Badge variant="light" color="grape" tt="none">
                {t('events.agenda.speaking')}
              </Badge>
            )}
          </Group>
          <Text fw={600}>{meeting && item.counterpart ? t('events.agenda.meetingWith', { name: item.counterpart.organizationName }) : titleOf(item)}</Text>
          {item.counterpart && (
            <Text size="sm">
              {t('events.agenda.counterpart', { country: countryName(item.counterpart.country), people: item.counterpart.people.join(', ') })}
            </Text>
          )}
          {item.location && <Text size="sm">{meeting ? item.location : t('events.agenda.room', { room: item.location })}</Text>}
        </Stack>
      </Group>
    </Card>
  );
}
