// An event's delegates. A company registers its own (a seat while there are seats, else the
// waitlist; at most the per-company limit), marks the meeting slots each cannot attend, cancels a
// registration, downloads badges and opens agendas. Officers see every delegate, search and filter
// them and register one for any organization; auditors read.
import { Anchor, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, REGISTRATION_STATUSES, type EventDetail, type EventRegistration, type NewRegistration } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCard } from '../../components/FormCard';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { Pager } from '../../components/Pager';
import { ReasonDialog } from '../../components/ReasonDialog';
import { RegistrationStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { splitFieldErrors } from '../../errors';
import { EVENT_ACTORS, EVENT_MANAGERS, EVENT_STAFF, EVENTS_KEY, eventKey, formatDateTimeIn } from '../../events';
import { useIdempotencyKeys } from '../../fund';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyCard } from '../OrganizationsPage';
import { AvailabilityFields } from './AvailabilityFields';
import { EventFrame } from './EventFrame';

const PAGE_SIZE = 25;

export function DelegatesPage() {
  return <EventFrame page="delegates">{(event) => <Delegates event={event} />}</EventFrame>;
}

function Delegates({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<EventRegistration | null>(null);
  const [cancelling, setCancelling] = useState<EventRegistration | null>(null);
  if (!me) return null;
  const company = isCompanyUser(me.user);
  if (company && !me.user.organizationId) return <RegisterYourCompanyCard />;
  const staff = hasAnyRole(me.user, EVENT_STAFF);
  const canRegister = hasAnyRole(me.user, EVENT_ACTORS) && event.status === 'published';

  return (
    <>
      <Text maw={760}>{t(staff ? 'events.delegates.staffIntro' : 'events.delegates.companyIntro', { limit: event.perCompanyLimit })}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {canRegister ? (
        <RegisterForm event={event} officer={hasAnyRole(me.user, EVENT_MANAGERS)} onRegistered={(saved) => setNotice(registeredNotice(t, saved))} />
      ) : (
        hasAnyRole(me.user, EVENT_ACTORS) && <Text size="sm">{t('events.delegates.closed')}</Text>
      )}
      <DelegateList event={event} staff={staff} canChange={hasAnyRole(me.user, EVENT_ACTORS)} onEdit={setEditing} onCancel={setCancelling} />
      <EditDelegateDialog event={event} registration={editing} onClose={() => setEditing(null)} onSaved={(saved) => {
        setEditing(null);
        setNotice(t('events.delegates.saved', { name: saved.fullName }));
      }} />
      <CancelDelegateDialog event={event} registration={cancelling} onClose={() => setCancelling(null)} onCancelled={(saved) => {
        setCancelling(null);
        setNotice(t('events.delegates.cancelled', { name: saved.fullName }));
      }} />
    </>
  );
}

function registeredNotice(t: TFunction, saved: EventRegistration): string {
  return saved.status === 'waitlisted' ? t('events.delegates.waitlistedNotice', { name: saved.fullName, position: saved.waitlistPosition ?? '' }) : t('events.delegates.registeredNotice', { name: saved.fullName });
}

const REGISTRATION_FIELDS = ['organizationId', 'fullName', 'email', 'position', 'unavailableSlots'];

/** A company registers a delegate of its own; an officer one of any organization. */
function RegisterForm({ event, officer, onRegistered }: { event: EventDetail; officer: boolean; onRegistered: (saved: EventRegistration) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [position, setPosition] = useState('');
  const [unavailable, setUnavailable] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const register = useMutation({
    mutationFn: () => {
      const body: NewRegistration = { ...(officer && organizationId ? { organizationId } : {}), fullName: fullName.trim(), email: email.trim(), position: position.trim(), unavailableSlots: unavailable };
      return api.registerDelegate(event.id, body, keyFor(body));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'registrations', event.id] });
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      setFullName('');
      setEmail('');
      setPosition('');
      setUnavailable([]);
      onRegistered(saved);
    },
    onError: (error) => setErrors(splitFieldErrors(error, REGISTRATION_FIELDS).byField),
  });
  const clear = (field: string) => setErrors((current) => ({ ...current, [field]: '' }));
  return (
    <FormCard
      id="register-delegate-heading"
      title={t('events.delegates.formHeading')}
      onSubmit={() => {
        const found: Record<string, string> = {};
        if (officer && !organizationId) found.organizationId = t('validation.required');
        if (!fullName.trim()) found.fullName = t('validation.required');
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) found.email = t('validation.email');
        setErrors(found);
        if (Object.keys(found).length === 0) register.mutate();
      }}
    >
      <ErrorAlert error={register.error} fieldErrors={splitFieldErrors(register.error, REGISTRATION_FIELDS).other} />
      {officer && (
        <OrganizationSelect
          label={t('events.delegates.organization')}
          description={t('events.delegates.organizationHelp')}
          required
          value={organizationId}
          onChange={(value) => {
            setOrganizationId(value);
            clear('organizationId');
          }}
          error={errors.organizationId || undefined}
          data-testid="delegate-organization"
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label={t('events.delegates.fullName')} required maxLength={200} autoComplete="off" value={fullName} onChange={(e) => { setFullName(e.currentTarget.value); clear('fullName'); }} error={errors.fullName || undefined} data-testid="delegate-name" />
        <TextInput label={t('events.delegates.email')} required type="email" maxLength={254} autoComplete="off" value={email} onChange={(e) => { setEmail(e.currentTarget.value); clear('email'); }} error={errors.email || undefined} data-testid="delegate-email" />
        <TextInput label={t('events.delegates.position')} maxLength={200} value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={errors.position || undefined} data-testid="delegate-position" />
      </SimpleGrid>
      <AvailabilityFields slots={event.slots} timeZone={event.timeZone} value={unavailable} onChange={setUnavailable} error={errors.unavailableSlots || undefined} />
      <Group justify="flex-end">
        <Button type="submit" loading={register.isPending} data-testid="register-delegate">
          {t('events.delegates.register')}
        </Button>
      </Group>
    </FormCard>
  );
}

function DelegateList({ event, staff, canChange, onEdit, onCancel }: { event: EventDetail; staff: boolean; canChange: boolean; onEdit: (r: EventRegistration) => void; onCancel: (r: EventRegistration) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const registrations = useQuery({
    queryKey: [...EVENTS_KEY, 'registrations', event.id, { q, organizationId, status, offset }],
    queryFn: () => api.listRegistrations(event.id, { q, organizationId: organizationId ?? undefined, status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const title = staff ? t('events.delegates.allHeading') : t('events.delegates.ownHeading');
  return (
    <TitledSection id="delegates-list-heading" title={title}>
      {staff && (
        <Group align="flex-end" role="search" aria-label={t('events.delegates.filters')} wrap="wrap">
          <TextInput label={t('events.delegates.search')} type="search" maxLength={200} value={search} onChange={(e) => filter(setSearch)(e.currentTarget.value)} style={{ flex: '1 1 220px' }} data-testid="delegates-search" />
          <OrganizationSelect label={t('events.delegates.organization')} value={organizationId} onChange={filter(setOrganizationId)} placeholder={t('events.delegates.anyOrganization')} style={{ flex: '1 1 240px' }} />
          <NativeSelect
            label={t('events.columns.status')}
            data={[{ value: '', label: t('events.list.anyStatus') }, ...REGISTRATION_STATUSES.map((s) => ({ value: s, label: t(`events.registrationStatus.${s}`) }))]}
            value={status}
            onChange={(e) => filter(setStatus)(e.currentTarget.value)}
          />
        </Group>
      )}
      {registrations.isPending ? (
        <Loading />
      ) : registrations.isError ? (
        <ErrorAlert error={registrations.error} onRetry={() => void registrations.refetch()} />
      ) : (
        <>
          <DataTable
            caption={title}
            columns={[
              { label: t('events.delegates.delegate') },
              ...(staff ? [{ label: t('events.delegates.organization') }] : []),
              { label: t('events.columns.status') },
              { label: t('events.delegates.checkedIn') },
              { label: t('events.delegates.unavailableColumn') },
              { label: t('common.actions') },
            ]}
            minWidth={900}
            verticalSpacing="sm"
            testId="delegates-table"
            isEmpty={registrations.data.items.length === 0}
            empty={staff ? t('events.delegates.none') : t('events.delegates.noneOwn')}
          >
            {registrations.data.items.map((registration) => (
              <DelegateRow key={registration.id} event={event} registration={registration} staff={staff} canChange={canChange} onEdit={onEdit} onCancel={onCancel} />
            ))}
          </DataTable>
          <Pager total={registrations.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </TitledSection>
  );
}

function DelegateRow({ event, registration, staff, canChange, onEdit, onCancel }: { event: EventDetail; registration: EventRegistration; staff: boolean; canChange: boolean; onEdit: (r: EventRegistration) => void; onCancel: (r: EventRegistration) => void }) {
  const { t } = useTranslation();
  const active = registration.status !== 'cancelled';
  const name = registration.fullName;
  return (
    <Table.Tr data-testid="delegate-row">
      <Table.Th scope="row" fw={400}>
        <Text fw={600} size="sm">
          {name}
        </Text>
        <Text size="sm">{[registration.position, registration.email].filter(Boolean).join(' · ')}</Text>
      </Table.Th>
      {staff && <Table.Td>{`${registration.organizationName} (${registration.organizationCountry})`}</Table.Td>}
      <Table.Td>
        <RegistrationStatusBadge status={registration.status} waitlistPosition={registration.waitlistPosition} />
      </Table.Td>
      <Table.Td>{registration.checkedInAt ? formatDateTimeIn(registration.checkedInAt, event.timeZone) : t('common.no')}</Table.Td>
      <Table.Td>{registration.unavailableSlots.length === 0 ? t('events.delegates.alwaysAvailable') : t('events.delegates.slotsUnavailable', { count: registration.unavailableSlots.length })}</Table.Td>
      <Table.Td>
        {active ? (
          <Group gap="xs" wrap="wrap">
            <Anchor component={Link} to={`/app/events/${event.id}/delegates/${registration.id}/agenda`} size="sm" aria-label={t('events.delegates.agendaOf', { name })} data-testid="open-agenda">
              {t('events.delegates.agenda')}
            </Anchor>
            <Anchor href={api.badgeUrl(event.id, registration.id)} download size="sm" aria-label={t('events.delegates.badgeOf', { name })} data-testid="badge-pdf">
              {t('events.delegates.badge')}
            </Anchor>
            {canChange && (
              <>
                <Button size="xs" variant="default" onClick={() => onEdit(registration)} aria-label={t('events.delegates.editOf', { name })} data-testid="edit-delegate">
                  {t('events.delegates.edit')}
                </Button>
                <Button size="xs" variant="outline" color="red" onClick={() => onCancel(registration)} aria-label={t('events.delegates.cancelOf', { name })} data-testid="cancel-delegate">
                  {t('events.delegates.cancel')}
                </Button>
              </>
            )}
          </Group>
        ) : (
          t('common.none')
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** Changes a delegate's name, position and the slots they cannot attend. */
function EditDelegateDialog({ event, registration, onClose, onSaved }: { event: EventDetail; registration: EventRegistration | null; onClose: () => void; onSaved: (saved: EventRegistration) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [unavailable, setUnavailable] = useState<string[]>([]);
  useEffect(() => {
    if (!registration) return;
    setFullName(registration.fullName);
    setPosition(registration.position);
    setUnavailable(registration.unavailableSlots);
  }, [registration]);
  const save = useMutation({
    mutationFn: (target: EventRegistration) => api.updateRegistration(event.id, target.id, { version: target.version, fullName: fullName.trim(), position: position.trim(), unavailableSlots: unavailable }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'registrations', event.id] });
      onSaved(saved);
    },
  });
  const { byField, other } = splitFieldErrors(save.error, ['fullName', 'position', 'unavailableSlots']);
  const close = () => {
    save.reset();
    onClose();
  };
  return (
    <Modal opened={registration !== null} onClose={close} title={registration ? t('events.delegates.editTitle', { name: registration.fullName }) : ''} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(submitted) => {
          submitted.preventDefault();
          if (registration && fullName.trim()) save.mutate(registration);
        }}
      >
        <Stack>
          <ErrorAlert error={save.error} fieldErrors={other} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('events.delegates.fullName')} required maxLength={200} value={fullName} onChange={(e) => setFullName(e.currentTarget.value)} error={fullName.trim() ? byField.fullName : t('validation.required')} data-autofocus />
            <TextInput label={t('events.delegates.position')} maxLength={200} value={position} onChange={(e) => setPosition(e.currentTarget.value)} error={byField.position} />
          </SimpleGrid>
          <AvailabilityFields slots={event.slots} timeZone={event.timeZone} value={unavailable} onChange={setUnavailable} error={byField.unavailableSlots} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-delegate">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Cancels a registration: the delegate's meetings are cancelled and the first on the waitlist takes the seat. */
function CancelDelegateDialog({ event, registration, onClose, onCancelled }: { event: EventDetail; registration: EventRegistration | null; onClose: () => void; onCancelled: (saved: EventRegistration) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const cancel = useMutation({
    mutationFn: ({ target, reason }: { target: EventRegistration; reason: string }) => {
      const body = { version: target.version, ...(reason && { reason }) };
      return api.cancelRegistration(event.id, target.id, body, keyFor({ id: target.id, ...body }));
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [...EVENTS_KEY, 'registrations', event.id] });
      void queryClient.invalidateQueries({ queryKey: eventKey(event.id) });
      onCancelled(saved);
    },
  });
  return (
    <ReasonDialog
      opened={registration !== null}
      title={t('events.delegates.cancelTitle')}
      text={registration ? t('events.delegates.cancelText', { name: registration.fullName }) : undefined}
      label={t('events.delegates.cancelReason')}
      required={false}
      confirmLabel={t('events.delegates.cancel')}
      confirmColor="red"
      pending={cancel.isPending}
      error={cancel.error}
      onConfirm={(reason) => registration && cancel.mutate({ target: registration, reason })}
      onClose={() => {
        cancel.reset();
        onClose();
      }}
    />
  );
}
