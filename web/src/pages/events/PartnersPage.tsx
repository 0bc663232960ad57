// Partners at an event. A company states what it seeks and offers and what interests it (its
// profile), reads the partners recommended for it with the reasons, and asks one for a meeting,
// naming which of its delegates attends. Everyone searches the organizations taking part by name or
// goals, country and capability.
import { Badge, Button, Card, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, isApiError, PARTNERING_TOPICS, type EventDetail, type EventParticipant, type MeetingStatus, type PartneringTopic } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { CapabilitiesSelect } from '../../components/CapabilitiesSelect';
import { CapabilityFilter } from '../../components/CapabilityFilter';
import { CountrySelect } from '../../components/CountrySelect';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCard } from '../../components/FormCard';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { countryName } from '../../countries';
import { splitFieldErrors } from '../../errors';
import { EVENTS_KEY, eventKey, inLanguage } from '../../events';
import { useIdempotencyKeys } from '../../fund';
import { isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyCard } from '../OrganizationsPage';
import { EventFrame } from './EventFrame';

const PAGE_SIZE = 20;

/** A partner to ask for a meeting. */
interface Partner {
  organizationId: string;
  name: string;
}

export function PartnersPage() {
  return <EventFrame page="partners">{(event) => <Partners event={event} />}</EventFrame>;
}

function Partners({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [asking, setAsking] = useState<Partner | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!me) return null;
  const company = isCompanyUser(me.user);
  const own = company ? me.user.organizationId : null;
  if (company && !own) return <RegisterYourCompanyCard />;
  return (
    <>
      <Text maw={760}>{company ? t('events.partners.companyIntro') : t('events.partners.staffIntro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {own && <CompanyPartnering event={event} organizationId={own} onAsk={setAsking} />}
      <PartnerSearch event={event} own={own} onAsk={setAsking} />
      {own && (
        <RequestMeetingDialog
          event={event}
          organizationId={own}
          partner={asking}
          onClose={() => setAsking(null)}
          onRequested={(partner) => {
            setAsking(null);
            setNotice(t('events.partners.requested', { name: partner.name }));
          }}
        />
      )}
    </>
  );
}

/** Where a company stands with each partner: the open request between them, either way. */
function useOpenRequests(eventId: string, organizationId: string | null) {
  return useQuery({
    queryKey: [...EVENTS_KEY, 'meetings', eventId, 'open', organizationId],
    enabled: organizationId !== null,
    queryFn: async () => {
      const [requested, accepted] = await Promise.all(
        (['requested', 'accepted'] as const).map((status) => api.listMeetings(eventId, { direction: 'all', status, limit: 200, offset: 0 })),
      );
      const open = new Map<string, { status: MeetingStatus; incoming: boolean }>();
      for (const meeting of [...requested!.items, ...accepted!.items]) {
        const incoming = meeting.recipient.organizationId === organizationId;
        open.set(incoming ? meeting.requester.organizationId : meeting.recipient.organizationId, { status: meeting.status, incoming });
      }
      return open;
    },
  });
}

/** The button that asks a partner for a meeting, or what stands in its way. */
/** `delegates` is how many seated delegates the partner has (recommended partners always have one). */
function AskButton({ partner, open, delegates = 1, onAsk }: { partner: Partner; open: { status: MeetingStatus; incoming: boolean } | undefined; delegates?: number; onAsk: (partner: Partner) => void }) {
  const { t } = useTranslation();
  const blocked = open ? (open.incoming ? t('events.partners.theyAsked') : t(`events.partners.open.${open.status === 'accepted' ? 'accepted' : 'requested'}`)) : delegates === 0 ? t('events.partners.noDelegates') : null;
  return (
    <Button
      size="xs"
      variant={blocked ? 'default' : 'filled'}
      disabled={blocked !== null}
      onClick={() => onAsk(partner)}
      aria-label={blocked ? `${partner.name}: ${blocked}` : t('events.partners.requestOf', { name: partner.name })}
      data-testid="request-meeting"
    >
      {blocked ?? t('events.partners.request')}
    </Button>
  );
}

function CompanyPartnering({ event, organizationId, onAsk }: { event: EventDetail; organizationId: string; onAsk: (partner: Partner) => void }) {
  const { t } = useTranslation();
  const profile = useQuery({
    queryKey: [...EVENTS_KEY, 'participant', event.id, organizationId],
    queryFn: () => api.getParticipant(event.id, organizationId),
    retry: false,
  });
  if (profile.isPending) return <Loading />;
  // An organization takes part once its first delegate registers.
  if (profile.isError && isApiError(profile.error, 'not_found')) {
    return (
      <Card withBorder data-testid="register-first">
        <Text>{t('events.partners.registerFirst')}</Text>
        <Button component={Link} to={`/app/events/${event.id}/delegates`} variant="default" mt="sm" style={{ alignSelf: 'flex-start' }}>
          {t('events.partners.toDelegates')}
        </Button>
      </Card>
    );
  }
  if (profile.isError) return <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />;
  return (
    <>
      <ProfileForm event={event} participant={profile.data} />
      <Recommendations event={event} organizationId={organizationId} onAsk={onAsk} />
    </>
  );
}

const PROFILE_FIELDS = ['goals', 'seeks', 'offers', 'interests'];

function ProfileForm({ event, participant }: { event: EventDetail; participant: EventParticipant }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [goals, setGoals] = useState(participant.goals);
  const [seeks, setSeeks] = useState<string[]>(participant.seeks);
  const [offers, setOffers] = useState<string[]>(participant.offers);
  const [interests, setInterests] = useState<string[]>(participant.interests);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () => api.putParticipantProfile(event.id, participant.organizationId, { version: participant.version, goals: goals.trim(), seeks: seeks as PartneringTopic[], offers: offers as PartneringTopic[], interests }),
    onSuccess: (next) => {
      queryClient.setQueryData([...EVENTS_KEY, 'participant', event.id, participant.organizationId], next);
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'recommendations', event.id] });
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'participants', event.id] });
      setSaved(true);
    },
  });
  const { byField, other } = splitFieldErrors(save.error, PROFILE_FIELDS);
  const topics = PARTNERING_TOPICS.map((topic) => ({ value: topic, label: t(`events.topics.${topic}`) }));
  return (
    <FormCard id="partner-profile-heading" title={t('events.partners.profileHeading')} onSubmit={() => save.mutate()}>
      <Text size="sm">{t('events.partners.profileHelp')}</Text>
      {saved && <SuccessAlert onClose={() => setSaved(false)}>{t('events.partners.profileSaved')}</SuccessAlert>}
      <ErrorAlert error={save.error} fieldErrors={other} />
      <Textarea label={t('events.partners.goals')} description={t('events.partners.goalsHelp')} autosize minRows={2} maxRows={8} maxLength={2000} value={goals} onChange={(e) => setGoals(e.currentTarget.value)} error={byField.goals} data-testid="profile-goals" />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Checkbox.Group label={t('events.partners.seeks')} value={seeks} onChange={setSeeks} error={byField.seeks} data-testid="profile-seeks">
          <Stack gap={6} mt="xs">
            {topics.map((topic) => (
              <Checkbox key={topic.value} value={topic.value} label={topic.label} data-testid={`seeks-${topic.value}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Checkbox.Group label={t('events.partners.offers')} value={offers} onChange={setOffers} error={byField.offers} data-testid="profile-offers">
          <Stack gap={6} mt="xs">
            {topics.map((topic) => (
              <Checkbox key={topic.value} value={topic.value} label={topic.label} data-testid={`offers-${topic.value}`} />
            ))}
          </Stack>
        </Checkbox.Group>
      </SimpleGrid>
      <CapabilitiesSelect label={t('events.partners.interests')} description={t('events.partners.interestsHelp')} value={interests} onChange={setInterests} error={byField.interests} data-testid="profile-interests" />
      <Group justify="flex-end">
        <Button type="submit" loading={save.isPending} data-testid="save-profile">
          {t('events.partners.saveProfile')}
        </Button>
      </Group>
    </FormCard>
  );
}

function Recommendations({ event, organizationId, onAsk }: { event: EventDetail; organizationId: string; onAsk: (partner: Partner) => void }) {
  const { t } = useTranslation();
  const recommended = useQuery({
    queryKey: [...EVENTS_KEY, 'recommendations', event.id, organizationId],
    queryFn: () => api.recommendations(event.id, organizationId),
  });
  const open = useOpenRequests(event.id, organizationId);
  return (
    <TitledSection id="recommendations-heading" title={t('events.partners.recommendedHeading')} testId="recommendations">
      {recommended.isPending ? (
        <Loading />
      ) : recommended.isError ? (
        <ErrorAlert error={recommended.error} onRetry={() => void recommended.refetch()} />
      ) : recommended.data.items.length === 0 ? (
        <Text>{t('events.partners.noRecommendations')}</Text>
      ) : (
        <Stack gap="sm">
          {recommended.data.items.map((item, index) => {
            const state = open.data?.get(item.organizationId) ?? (item.openRequest ? { status: item.openRequest, incoming: false } : undefined);
            return (
              <Card key={item.organizationId} withBorder padding="sm" component="article" aria-labelledby={`recommended-${item.organizationId}`} data-testid="recommendation">
                <Group justify="space-between" align="flex-start" wrap="wrap">
                  <Stack gap={4} style={{ flex: '1 1 320px' }}>
                    <Title order={3} size="h4" id={`recommended-${item.organizationId}`}>
                      {`${index + 1}. ${item.name}`}
                    </Title>
                    <Group gap="xs">
                      <Text size="sm">{[countryName(item.country), t(`organizationKind.${item.kind}`)].join(' · ')}</Text>
                      <Badge variant="light" color="blue" tt="none" data-testid="recommendation-score">
                        {t('events.partners.score', { score: item.score })}
                      </Badge>
                    </Group>
                    <Text size="sm" fw={600}>
                      {t('events.partners.why')}
                    </Text>
                    <ul style={{ margin: 0, paddingInlineStart: '1.25rem' }} data-testid="recommendation-reasons">
                      {item.reasons.map((reason) => (
                        <li key={`${reason.code}-${reason.textEn}`}>
                          <Text size="sm" span>
                            {`${inLanguage(reason.textUk, reason.textEn)} `}
                          </Text>
                          <Text size="sm" span c="dimmed">
                            {t('events.partners.points', { count: reason.points })}
                          </Text>
                        </li>
                      ))}
                    </ul>
                  </Stack>
                  <AskButton partner={item} open={state} onAsk={onAsk} />
                </Group>
              </Card>
            );
          })}
        </Stack>
      )}
    </TitledSection>
  );
}

function PartnerSearch({ event, own, onAsk }: { event: EventDetail; own: string | null; onAsk: (partner: Partner) => void }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [capability, setCapability] = useState('');
  const [offset, setOffset] = useState(0);
  const participants = useQuery({
    queryKey: [...EVENTS_KEY, 'participants', event.id, { q, country, capability, offset }],
    queryFn: () => api.listParticipants(event.id, { q, country, capability, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const open = useOpenRequests(event.id, own);
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const title = t('events.partners.searchHeading');
  const topicNames = (topics: readonly string[]) => (topics.length ? topics.map((topic) => t(`events.topics.${topic as PartneringTopic}`)).join(', ') : t('common.none'));
  return (
    <TitledSection id="partner-search-heading" title={title} testId="partner-search">
      <Group align="flex-end" role="search" aria-label={t('events.partners.filters')} wrap="wrap">
        <TextInput label={t('events.partners.search')} type="search" maxLength={200} value={search} onChange={(e) => filter(setSearch)(e.currentTarget.value)} style={{ flex: '1 1 220px' }} data-testid="partner-search-q" />
        <CountrySelect label={t('organizations.country')} anyLabel={t('organizations.anyCountry')} value={country} onChange={(value) => filter(setCountry)(value ?? '')} style={{ flex: '1 1 200px' }} maw={280} />
        <CapabilityFilter label={t('organizations.capability')} value={capability} onChange={filter(setCapability)} style={{ flex: '1 1 200px' }} maw={320} />
      </Group>
      {participants.isPending ? (
        <Loading />
      ) : participants.isError ? (
        <ErrorAlert error={participants.error} onRetry={() => void participants.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('events.partners.caption')}
            columns={[
              { label: t('events.partners.organization') },
              { label: t('events.partners.capabilities') },
              { label: t('events.partners.seeks') },
              { label: t('events.partners.offers') },
              { label: t('events.partners.goals') },
              { label: t('events.partners.delegates'), numeric: true },
              ...(own ? [{ label: t('common.actions') }] : []),
            ]}
            minWidth={1000}
            verticalSpacing="sm"
            testId="participants-table"
            isEmpty={participants.data.items.length === 0}
            empty={t('events.partners.none')}
          >
            {participants.data.items.map((participant) => (
              <Table.Tr key={participant.organizationId} data-testid="participant-row">
                <Table.Th scope="row" fw={400}>
                  <Text fw={600} size="sm">
                    {participant.name}
                  </Text>
                  <Text size="sm">{[countryName(participant.country), t(`organizationKind.${participant.kind}`)].join(' · ')}</Text>
                </Table.Th>
                <Table.Td>{capabilityNames(capabilities.data, participant.capabilities).join(', ') || t('common.none')}</Table.Td>
                <Table.Td>{topicNames(participant.seeks)}</Table.Td>
                <Table.Td>{topicNames(participant.offers)}</Table.Td>
                <Table.Td maw={280} style={{ whiteSpace: 'pre-wrap' }}>
                  {participant.goals || t('common.none')}
                </Table.Td>
                <Table.Td ta="right">{participant.delegates}</Table.Td>
                {own && (
                  <Table.Td>
                    {participant.organizationId === own ? (
                      t('events.partners.you')
                    ) : (
                      <AskButton partner={participant} open={open.data?.get(participant.organizationId)} delegates={participant.delegates} onAsk={onAsk} />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
          <Pager total={participants.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </TitledSection>
  );
}

const REQUEST_FIELDS = ['requesterRegistrationId', 'message'];

/** Asks a partner for a meeting, naming which of the company's delegates attends. */
function RequestMeetingDialog({ event, organizationId, partner, onClose, onRequested }: { event: EventDetail; organizationId: string; partner: Partner | null; onClose: () => void; onRequested: (partner: Partner) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [delegate, setDelegate] = useState('');
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState(false);
  const delegates = useQuery({
    queryKey: [...EVENTS_KEY, 'registrations', event.id, 'seated', organizationId],
    enabled: partner !== null,
    queryFn: () => api.listRegistrations(event.id, { status: 'registered', limit: 200, offset: 0 }),
  });
  const options = (delegates.data?.items ?? []).map((r) => ({ value: r.id, label: r.position ? `${r.fullName}, ${r.position}` : r.fullName }));
  useEffect(() => {
    if (!partner) return;
    setMessage('');
    setMissing(false);
  }, [partner]);
  // The only delegate is chosen for the company.
  useEffect(() => {
    if (options.length === 1 && !delegate) setDelegate(options[0]!.value);
  }, [options.length]);
  const ask = useMutation({
    mutationFn: (target: Partner) => {
      const body = { requesterRegistrationId: delegate, recipientOrganizationId: target.organizationId, message: message.trim() };
      return api.requestMeeting(event.id, body, keyFor(body));
    },
    onSuccess: (_meeting, target) => {
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'meetings', event.id] });
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'recommendations', event.id] });
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onRequested(target);
    },
  });
  const { byField, other } = splitFieldErrors(ask.error, REQUEST_FIELDS);
  const close = () => {
    ask.reset();
    onClose();
  };
  return (
    <Modal opened={partner !== null} onClose={close} title={partner ? t('events.partners.requestTitle', { name: partner.name }) : ''} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(submitted) => {
          submitted.preventDefault();
          if (!delegate) {
            setMissing(true);
            return;
          }
          if (partner) ask.mutate(partner);
        }}
      >
        <Stack>
          <Text size="sm">{t('events.partners.requestText')}</Text>
          <ErrorAlert error={ask.error} fieldErrors={other} />
          {delegates.isSuccess && options.length === 0 ? (
            <Text role="alert">{t('events.partners.noSeatedDelegate')}</Text>
          ) : (
            <NativeSelect
              label={t('events.partners.attendingDelegate')}
              required
              data={[{ value: '', label: t('events.partners.chooseDelegate') }, ...options]}
              value={delegate}
              onChange={(e) => {
                setDelegate(e.currentTarget.value);
                setMissing(false);
              }}
              error={missing ? t('validation.required') : byField.requesterRegistrationId}
              data-testid="request-delegate"
            />
          )}
          <Textarea label={t('events.partners.message')} description={t('events.partners.messageHelp')} autosize minRows={3} maxRows={8} maxLength={2000} value={message} onChange={(e) => setMessage(e.currentTarget.value)} error={byField.message} data-testid="request-message" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={ask.isPending} disabled={delegates.isSuccess && options.length === 0} data-testid="send-request">
              {t('events.partners.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
