// The forum's events: officers and auditors see every event (drafts too), companies the published
// and closed ones; a search, a status filter and pages. Officers create an event here as a draft,
// then publish it on its page.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, EVENT_STATUSES, type NewEvent } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { EventStatusBadge } from '../../components/StatusBadge';
import { TitledSection } from '../../components/TitledSection';
import { EVENT_MANAGERS, EVENT_STAFF, EVENTS_KEY, emptyEventValues, eventKey, formatEventDates, inLanguage, titleOf } from '../../events';
import { formatNumber } from '../../format';
import { useIdempotencyKeys } from '../../fund';
import { hasAnyRole, useMe } from '../../session';
import { EventForm } from './EventForm';

const PAGE_SIZE = 20;

export function EventsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const events = useQuery({
    queryKey: [...EVENTS_KEY, 'list', { status, q, offset }],
    queryFn: () => api.listEvents({ status, q, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const officer = hasAnyRole(me.user, EVENT_MANAGERS);
  const staff = hasAnyRole(me.user, EVENT_STAFF);
  const statuses = staff ? EVENT_STATUSES : (['published', 'closed'] as const);
  const title = t('events.list.title');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {officer && !creating && (
          <Button onClick={() => setCreating(true)} data-testid="new-event">
            {t('events.list.new')}
          </Button>
        )}
      </Group>
      <Text maw={760}>{staff ? t('events.list.staffIntro') : t('events.list.companyIntro')}</Text>
      {officer && creating && <NewEventForm onCancel={() => setCreating(false)} />}

      <TitledSection id="events-list-heading" title={t('events.list.listHeading')}>
        <Group align="flex-end" role="search" aria-label={t('events.list.filters')} wrap="wrap">
          <TextInput
            label={t('events.list.search')}
            type="search"
            maxLength={200}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setOffset(0);
            }}
            style={{ flex: '1 1 240px' }}
            data-testid="events-search"
          />
          <NativeSelect
            label={t('events.columns.status')}
            data={[{ value: '', label: t('events.list.anyStatus') }, ...statuses.map((s) => ({ value: s, label: t(`events.status.${s}`) }))]}
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value);
              setOffset(0);
            }}
            data-testid="events-status-filter"
          />
        </Group>
        {events.isPending ? (
          <Loading />
        ) : events.isError ? (
          <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
        ) : (
          <>
            <DataTable
              caption={t('events.list.caption')}
              columns={[
                { label: t('events.columns.event') },
                { label: t('events.columns.dates') },
                { label: t('events.columns.venue') },
                { label: t('events.columns.status') },
                { label: t('events.columns.seats'), numeric: true },
                { label: t('events.columns.waitlisted'), numeric: true },
              ]}
              minWidth={820}
              verticalSpacing="sm"
              testId="events-table"
              isEmpty={events.data.items.length === 0}
              empty={t('events.list.none')}
            >
              {events.data.items.map((event) => (
                <Table.Tr key={event.id} data-testid="event-row">
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/app/events/${event.id}`} fw={600}>
                      {titleOf(event)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{formatEventDates(event)}</Table.Td>
                  <Table.Td>{inLanguage(event.venueUk, event.venueEn)}</Table.Td>
                  <Table.Td>
                    <EventStatusBadge status={event.status} />
                  </Table.Td>
                  <Table.Td style={NUMERIC}>{t('events.list.seatsOf', { registered: formatNumber(event.registered), capacity: formatNumber(event.capacity) })}</Table.Td>
                  <Table.Td style={NUMERIC}>{formatNumber(event.waitlisted)}</Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
            <Pager total={events.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
          </>
        )}
      </TitledSection>
    </Stack>
  );
}

/** An officer creates an event as a draft and goes to its page. */
function NewEventForm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const create = useMutation({
    mutationFn: (input: NewEvent) => api.createEvent(input, keyFor(input)),
    onSuccess: (created) => {
      queryClient.setQueryData(eventKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'list'] });
      navigate(`/app/events/${created.id}`, { state: { notice: t('events.list.created') } });
    },
  });
  return (
    <EventForm
      id="new-event-heading"
      title={t('events.list.formHeading')}
      initial={emptyEventValues()}
      submitLabel={t('events.list.create')}
      pending={create.isPending}
      error={create.error}
      onSave={(input) => create.mutate(input)}
      onCancel={onCancel}
    />
  );
}
