// Meeting requests of an event as a table, one page at a time: who asked whom and who attends, when
// and at which table (in the event's time zone), the status and the message or reason, and the
// actions the viewer may take on each (accept, decline, book or move, cancel).
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type EventDetail, type MeetingQuery, type MeetingRequest } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { MeetingStatusBadge } from '../../components/StatusBadge';
import { EVENTS_KEY, formatSlot } from '../../events';

const PAGE_SIZE = 20;

/** What the viewer may do to a meeting; the page opens the matching dialog. */
export type MeetingAction = 'accept' | 'decline' | 'book' | 'cancel';

interface MeetingTableProps {
  event: EventDetail;
  caption: string;
  empty: string;
  query: Omit<MeetingQuery, 'limit' | 'offset'>;
  /** The actions offered on a meeting (none for readers). */
  actionsFor: (meeting: MeetingRequest) => MeetingAction[];
  onAction: (meeting: MeetingRequest, action: MeetingAction) => void;
  testId: string;
}

export function MeetingTable({ event, caption, empty, query, actionsFor, onAction, testId }: MeetingTableProps) {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [lastQuery, setLastQuery] = useState(query);
  // A changed filter starts again from the first page.
  if (JSON.stringify(lastQuery) !== JSON.stringify(query)) {
    setLastQuery(query);
    setOffset(0);
  }
  const meetings = useQuery({
    queryKey: [...EVENTS_KEY, 'meetings', event.id, { ...query, offset }],
    queryFn: () => api.listMeetings(event.id, { ...query, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (meetings.isPending) return <Loading />;
  if (meetings.isError) return <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} />;
  return (
    <>
      <DataTable
        caption={caption}
        columns={[{ label: t('events.meetings.between') }, { label: t('events.meetings.when'), minWidth: 190 }, { label: t('events.columns.status') }, { label: t('events.meetings.message') }, { label: t('common.actions') }]}
        minWidth={960}
        verticalSpacing="sm"
        testId={testId}
        isEmpty={meetings.data.items.length === 0}
        empty={empty}
      >
        {meetings.data.items.map((meeting) => (
          <MeetingRow key={meeting.id} event={event} meeting={meeting} actions={actionsFor(meeting)} onAction={onAction} />
        ))}
      </DataTable>
      {meetings.data.total > 0 && <Pager total={meetings.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={caption} />}
    </>
  );
}

/** "Org (Person, Position)". */
function side(name: string, people: { fullName: string; position: string }[]): string {
  return people.length ? `${name} (${people.map((p) => (p.position ? `${p.fullName}, ${p.position}` : p.fullName)).join('; ')})` : name;
}

function MeetingRow({ event, meeting, actions, onAction }: { event: EventDetail; meeting: MeetingRequest; actions: MeetingAction[]; onAction: (meeting: MeetingRequest, action: MeetingAction) => void }) {
  const { t } = useTranslation();
  const subject = t('events.meetings.subject', { requester: meeting.requester.name, recipient: meeting.recipient.name });
  return (
    <Table.Tr data-testid="meeting-row" data-meeting-id={meeting.id}>
      <Table.Th scope="row" fw={400} maw={340}>
        <Text size="sm">
          <Text span size="sm" fw={600}>
            {t('events.meetings.from')}
          </Text>{' '}
          {side(meeting.requester.name, [meeting.requester.delegate])}
        </Text>
        <Text size="sm">
          <Text span size="sm" fw={600}>
            {t('events.meetings.to')}
          </Text>{' '}
          {side(meeting.recipient.name, meeting.recipient.delegates)}
        </Text>
      </Table.Th>
      <Table.Td data-testid="meeting-when">
        {meeting.slotStart && meeting.slotEnd ? (
          <Stack gap={0}>
            <Text size="sm">{formatSlot(meeting.slotStart, meeting.slotEnd, event.timeZone)}</Text>
            <Text size="sm" fw={600}>
              {t('events.meetings.table', { table: meeting.tableNo })}
            </Text>
          </Stack>
        ) : meeting.status === 'accepted' ? (
          t('events.meetings.notPlaced')
        ) : (
          t('common.none')
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <MeetingStatusBadge status={meeting.status} />
          {meeting.placedBy && <Text size="xs">{t(`events.meetings.placedBy.${meeting.placedBy}`)}</Text>}
        </Stack>
      </Table.Td>
      <Table.Td maw={280} style={{ whiteSpace: 'pre-wrap' }}>
        <Text size="sm">{meeting.message || t('common.none')}</Text>
        {meeting.decisionReason && <Text size="sm">{t('events.meetings.reason', { reason: meeting.decisionReason })}</Text>}
      </Table.Td>
      <Table.Td>
        {actions.length === 0 ? (
          t('common.none')
        ) : (
          <Group gap="xs" wrap="wrap">
            {actions.map((action) => (
              <Button
                key={action}
                size="xs"
                variant={action === 'accept' || action === 'book' ? 'filled' : 'outline'}
                color={action === 'decline' || action === 'cancel' ? 'red' : undefined}
                onClick={() => onAction(meeting, action)}
                aria-label={t(`events.meetings.actionOf.${action === 'book' && meeting.slotStart ? 'move' : action}`, { subject })}
                data-testid={`meeting-${action}`}
              >
                {t(`events.meetings.action.${action === 'book' && meeting.slotStart ? 'move' : action}`)}
              </Button>
            ))}
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
