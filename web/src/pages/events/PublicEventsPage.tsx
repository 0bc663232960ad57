// The forum's published events as anyone sees them, with no sign-in: the title, days and venue of
// each, newest first; each opens its public page with the agenda.
import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { EventStatusBadge } from '../../components/StatusBadge';
import { formatEventDates, inLanguage, titleOf } from '../../events';

const PAGE_SIZE = 12;

export function PublicEventsPage() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const events = useQuery({
    queryKey: ['public', 'events', { offset }],
    queryFn: () => api.listPublicEvents({ limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('events.public.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text maw={760}>{t('events.public.intro')}</Text>
      {events.isPending ? (
        <Loading />
      ) : events.isError ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <Text>{t('events.public.none')}</Text>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="public-events">
            {events.data.items.map((event) => (
              <Card key={event.id} withBorder padding="lg" component="article" aria-labelledby={`public-event-${event.id}`}>
                <Stack gap="xs">
                  <Title order={2} size="h3" id={`public-event-${event.id}`}>
                    <Anchor component={Link} to={`/events/${event.id}`} data-testid="public-event-link">
                      {titleOf(event)}
                    </Anchor>
                  </Title>
                  <Group gap="xs">
                    {event.status !== 'published' && <EventStatusBadge status={event.status} />}
                    <Text size="sm" fw={600}>
                      {formatEventDates(event)}
                    </Text>
                  </Group>
                  <Text size="sm">{inLanguage(event.venueUk, event.venueEn)}</Text>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
          <Pager total={events.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
