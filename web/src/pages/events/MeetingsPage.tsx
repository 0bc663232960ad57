// B2B meetings at an event. A company answers the requests it received (accept, naming who attends
// and optionally booking a slot; or decline), follows the ones it sent, and keeps its schedule:
// book or move an accepted meeting into a slot, or cancel it. Officers and auditors see every
// meeting, filtered by status and by whether it has a slot; officers run the scheduler.
import { Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MEETING_STATUSES, type EventDetail, type MeetingRequest } from '../../api';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { EVENT_MANAGERS } from '../../events';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyCard } from '../OrganizationsPage';
import { EventFrame } from './EventFrame';
import { MeetingDialogs, type MeetingTarget } from './MeetingDialogs';
import { MeetingTable, type MeetingAction } from './MeetingTable';
import { SchedulerPanel } from './SchedulerPanel';

export function MeetingsPage() {
  return <EventFrame page="meetings">{(event) => <Meetings event={event} />}</EventFrame>;
}

function Meetings({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [target, setTarget] = useState<MeetingTarget | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!me) return null;
  const company = isCompanyUser(me.user);
  const own = me.user.organizationId;
  if (company && !own) return <RegisterYourCompanyCard />;
  const officer = hasAnyRole(me.user, EVENT_MANAGERS);
  const open = event.status === 'published';
  const bookable = open && event.tableCount > 0 && event.slots.length > 0;
  // What the viewer may do: the organization asked accepts or declines, the one asking withdraws;
  // either side books, moves or cancels an accepted meeting, and so do officers; auditors only read.
  const actionsFor = (meeting: MeetingRequest): MeetingAction[] => {
    if (!company && !officer) return [];
    if (meeting.status === 'requested') {
      if (company && meeting.recipient.organizationId === own) return open ? ['accept', 'decline'] : ['decline'];
      return ['cancel'];
    }
    if (meeting.status === 'accepted') return [...(bookable ? (['book'] as const) : []), 'cancel'];
    return [];
  };
  const onAction = (meeting: MeetingRequest, action: MeetingAction) => setTarget({ meeting, action });

  return (
    <>
      <Text maw={760}>{company ? t('events.meetings.companyIntro') : t('events.meetings.staffIntro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {officer && <SchedulerPanel event={event} />}
      {company ? (
        <>
          <TitledSection id="incoming-heading" title={t('events.meetings.incoming')} testId="incoming">
            <MeetingTable event={event} caption={t('events.meetings.incomingCaption')} empty={t('events.meetings.noIncoming')} query={{ direction: 'incoming', status: 'requested' }} actionsFor={actionsFor} onAction={onAction} testId="incoming-table" />
          </TitledSection>
          <TitledSection id="outgoing-heading" title={t('events.meetings.outgoing')} testId="outgoing">
            <MeetingTable event={event} caption={t('events.meetings.outgoingCaption')} empty={t('events.meetings.noOutgoing')} query={{ direction: 'outgoing', status: 'requested' }} actionsFor={actionsFor} onAction={onAction} testId="outgoing-table" />
          </TitledSection>
          <TitledSection id="schedule-heading" title={t('events.meetings.schedule')} testId="own-schedule">
            <MeetingTable event={event} caption={t('events.meetings.scheduleCaption')} empty={t('events.meetings.noSchedule')} query={{ direction: 'all', status: 'accepted' }} actionsFor={actionsFor} onAction={onAction} testId="schedule-table" />
          </TitledSection>
          <TitledSection id="closed-heading" title={t('events.meetings.closed')}>
            <ClosedMeetings event={event} actionsFor={actionsFor} onAction={onAction} />
          </TitledSection>
        </>
      ) : (
        <AllMeetings event={event} actionsFor={actionsFor} onAction={onAction} />
      )}
      <MeetingDialogs
        event={event}
        target={target}
        onClose={() => setTarget(null)}
        onDone={(text) => {
          setTarget(null);
          setNotice(text);
        }}
      />
    </>
  );
}

type ActionProps = { event: EventDetail; actionsFor: (meeting: MeetingRequest) => MeetingAction[]; onAction: (meeting: MeetingRequest, action: MeetingAction) => void };

/** Declined and cancelled requests, one status at a time. */
function ClosedMeetings({ event, actionsFor, onAction }: ActionProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'declined' | 'cancelled'>('declined');
  return (
    <Stack gap="sm">
      <NativeSelect
        label={t('events.columns.status')}
        data={(['declined', 'cancelled'] as const).map((s) => ({ value: s, label: t(`events.meetingStatus.${s}`) }))}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as 'declined' | 'cancelled')}
        maw={280}
      />
      <MeetingTable event={event} caption={t('events.meetings.closedCaption')} empty={t('events.meetings.noClosed')} query={{ direction: 'all', status }} actionsFor={actionsFor} onAction={onAction} testId="closed-table" />
    </Stack>
  );
}

/** Every meeting of the event (staff), filtered by status, placement and organization. */
function AllMeetings({ event, actionsFor, onAction }: ActionProps) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const [placed, setPlaced] = useState('');
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  return (
    <TitledSection id="all-meetings-heading" title={t('events.meetings.all')} testId="all-meetings">
      <Group align="flex-end" role="search" aria-label={t('events.meetings.filters')} wrap="wrap">
        <NativeSelect
          label={t('events.columns.status')}
          data={[{ value: '', label: t('events.list.anyStatus') }, ...MEETING_STATUSES.map((s) => ({ value: s, label: t(`events.meetingStatus.${s}`) }))]}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value)}
          data-testid="meetings-status-filter"
        />
        <NativeSelect
          label={t('events.meetings.placedFilter')}
          data={[
            { value: '', label: t('events.meetings.placedAny') },
            { value: 'true', label: t('events.meetings.placedYes') },
            { value: 'false', label: t('events.meetings.placedNo') },
          ]}
          value={placed}
          onChange={(e) => setPlaced(e.currentTarget.value)}
          data-testid="meetings-placed-filter"
        />
        <OrganizationSelect label={t('events.delegates.organization')} value={organizationId} onChange={setOrganizationId} placeholder={t('events.delegates.anyOrganization')} style={{ flex: '1 1 240px' }} />
      </Group>
      <MeetingTable
        event={event}
        caption={t('events.meetings.allCaption')}
        empty={t('events.meetings.none')}
        query={{ direction: 'all', status, placed, organizationId: organizationId ?? undefined }}
        actionsFor={actionsFor}
        onAction={onAction}
        testId="meetings-table"
      />
    </TitledSection>
  );
}
