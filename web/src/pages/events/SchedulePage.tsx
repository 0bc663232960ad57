// The officers' view of the B2B schedule: the scheduler run (preview, then apply) and, per day, a
// grid of the meeting slots (local times in the event's time zone) against the tables, each cell the
// meeting placed there.
import { Alert, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, type EventDetail, type MeetingRequest } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { TitledSection } from '../../components/TitledSection';
import { EVENTS_KEY, formatDay, formatTimeRange, slotsByDay } from '../../events';
import { EventFrame } from './EventFrame';
import { SchedulerPanel } from './SchedulerPanel';

/** The grid reads the placed meetings in one page of at most this many. */
const GRID_LIMIT = 200;

export function SchedulePage() {
  return <EventFrame page="schedule">{(event) => <Schedule event={event} />}</EventFrame>;
}

function Schedule({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const placed = useQuery({
    queryKey: [...EVENTS_KEY, 'meetings', event.id, 'grid'],
    queryFn: () => api.listMeetings(event.id, { direction: 'all', status: 'accepted', placed: 'true', limit: GRID_LIMIT, offset: 0 }),
  });
  return (
    <>
      <SchedulerPanel event={event} />
      <TitledSection id="grid-heading" title={t('events.schedule.gridHeading')} testId="schedule-grid">
        {event.slots.length === 0 || event.tableCount === 0 ? (
          <Text>{t('events.overview.noSlots')}</Text>
        ) : placed.isPending ? (
          <Loading />
        ) : placed.isError ? (
          <ErrorAlert error={placed.error} onRetry={() => void placed.refetch()} />
        ) : (
          <Grid event={event} meetings={placed.data.items} more={placed.data.total > placed.data.items.length} />
        )}
      </TitledSection>
    </>
  );
}

function Grid({ event, meetings, more }: { event: EventDetail; meetings: MeetingRequest[]; more: boolean }) {
  const { t } = useTranslation();
  const at = new Map(meetings.map((m) => [`${m.slotStart}#${m.tableNo}`, m]));
  const tables = Array.from({ length: event.tableCount }, (_, i) => i + 1);
  return (
    <Stack gap="lg">
      {more && (
        <Alert color="yellow" variant="light">
          {t('events.schedule.more', { count: GRID_LIMIT })}
        </Alert>
      )}
      {slotsByDay(event.slots).map((day) => (
        <DataTable
          key={day.date}
          caption={t('events.schedule.dayCaption', { day: formatDay(day.date) })}
          columns={[{ label: t('events.meetings.when') }, ...tables.map((n) => ({ label: t('events.meetings.table', { table: n }), minWidth: 180 }))]}
          minWidth={160 + 180 * tables.length}
          testId={`grid-${day.date}`}
        >
          {day.slots.map((slot) => (
            <Table.Tr key={slot.start}>
              <Table.Th scope="row">{formatTimeRange(slot.start, slot.end, event.timeZone)}</Table.Th>
              {tables.map((n) => {
                const meeting = at.get(`${slot.start}#${n}`);
                return (
                  <Table.Td key={n} data-testid={meeting ? 'grid-meeting' : undefined}>
                    {meeting ? (
                      <Text size="sm">
                        {`${meeting.requester.name} — ${meeting.recipient.name}`}
                        <br />
                        <Text span size="xs">
                          {[meeting.requester.delegate.fullName, ...meeting.recipient.delegates.map((d) => d.fullName)].join(', ')}
                        </Text>
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('events.schedule.free')}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </DataTable>
      ))}
    </Stack>
  );
}
