// One published event as anyone sees it, with no sign-in: its title, days, venue and description,
// and the agenda of sessions with their speakers, in the event's time zone (named on the page).
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, type PublicEvent } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { EventStatusBadge } from '../../components/StatusBadge';
import { TitledSection } from '../../components/TitledSection';
import { formatEventDates, inLanguage, titleOf, zoneLabel } from '../../events';
import { SessionList } from './SessionList';

export function PublicEventPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useQuery({ queryKey: ['public', 'event', id], queryFn: () => api.getPublicEvent(id) });
  if (event.isPending) return <Loading />;
  if (event.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('events.public.title')}>{t('events.public.title')}</PageHeading>
        <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />
        <AllEvents />
      </Stack>
    );
  }
  return <PublicEventView event={event.data} />;
}

function AllEvents() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/events" size="sm">
      {t('events.public.all')}
    </Anchor>
  );
}

function PublicEventView({ event }: { event: PublicEvent }) {
  const { t } = useTranslation();
  const title = titleOf(event);
  const description = inLanguage(event.descriptionUk, event.descriptionEn);
  const zone = zoneLabel(event.timeZone, event.sessions[0]?.startsAt ?? `${event.startsOn}T12:00:00Z`);
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <AllEvents />
      <Facts testId="public-event-facts">
        <Fact label={t('events.columns.dates')}>
          <Group gap="xs" component="span">
            {formatEventDates(event)}
            {event.status !== 'published' && <EventStatusBadge status={event.status} />}
          </Group>
        </Fact>
        <Fact label={t('events.columns.venue')}>{inLanguage(event.venueUk, event.venueEn)}</Fact>
      </Facts>
      {description && (
        <Text maw={760} style={{ whiteSpace: 'pre-wrap' }} data-testid="public-event-description">
          {description}
        </Text>
      )}
      <TitledSection id="public-agenda-heading" title={t('events.overview.agenda')} testId="public-agenda">
        <Text size="sm">{t('events.timesIn', { zone })}</Text>
        <SessionList sessions={event.sessions} timeZone={event.timeZone} />
      </TitledSection>
    </Stack>
  );
}
