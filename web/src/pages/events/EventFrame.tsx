// The frame of every page of one event: the heading (the page and the event), the event's status,
// dates, venue and the time zone its times are shown in, and the event's navigation. The page's own
// content gets the loaded event; while it loads or if it cannot be read, the frame says so.
import { Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { EventDetail } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { EventNav } from '../../components/EventNav';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { EventStatusBadge } from '../../components/StatusBadge';
import { formatEventDates, inLanguage, titleOf, useEvent, zoneLabel } from '../../events';

export type EventPageKey = 'overview' | 'delegates' | 'partners' | 'meetings' | 'schedule';

export function EventFrame({ page, children }: { page: EventPageKey; children: (event: EventDetail) => ReactNode }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const event = useEvent(id);
  if (event.isPending) return <Loading />;
  if (event.isError) {
    const title = t('events.list.title');
    return (
      <Stack>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <ErrorAlert error={event.error} onRetry={() => void event.refetch()} />
      </Stack>
    );
  }
  const data = event.data;
  const title = titleOf(data);
  const heading = page === 'overview' ? title : t(`events.${page}.heading`, { title });
  return (
    <Stack>
      <div>
        <PageHeading documentTitle={page === 'overview' ? title : `${t(`events.nav.${page}`)} · ${title}`}>{heading}</PageHeading>
        <Group gap="xs" mt={-8} wrap="wrap" data-testid="event-summary">
          <EventStatusBadge status={data.status} />
          <Text size="sm">{[formatEventDates(data), inLanguage(data.venueUk, data.venueEn)].join(' · ')}</Text>
          <Text size="sm">{t('events.timesIn', { zone: zoneLabel(data.timeZone, `${data.startsOn}T12:00:00Z`) })}</Text>
        </Group>
      </div>
      <EventNav eventId={data.id} />
      {children(data)}
    </Stack>
  );
}
