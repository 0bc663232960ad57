// Audit section (auditor, admin): the event log with filters and details, and signed checkpoints.
import { LoadMore } from '../components/LoadMore';
import {
  Anchor,
  Button,
  Drawer,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, type AuditEvent } from '../api';
import { CheckpointTable } from '../components/CheckpointTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { dayBoundary, formatDateTime } from '../format';

const EVENTS_PAGE_SIZE = 50;
const CHECKPOINTS_PAGE_SIZE = 20;

export function AuditPage() {
  const { t } = useTranslation();
  // The tab lives in the URL so reloading or sharing the link keeps it.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'checkpoints' ? 'checkpoints' : 'events';

  return (
    <Stack>
      <PageHeading documentTitle={t('audit.title')}>{t('audit.title')}</PageHeading>
      <Tabs
        value={tab}
        onChange={(value) => setParams(value === 'checkpoints' ? { tab: 'checkpoints' } : {}, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('audit.tabsLabel')}>
          <Tabs.Tab value="events">{t('audit.tabEvents')}</Tabs.Tab>
          <Tabs.Tab value="checkpoints">{t('audit.tabCheckpoints')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events" pt="md">
          <EventsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="checkpoints" pt="md">
          <CheckpointsPanel />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

interface Filters {
  action: string;
  targetType: string;
  targetId: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { action: '', targetType: '', targetId: '', from: '', to: '' };

function EventsPanel() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<AuditEvent | null>(null);

  // Filters apply on submit, not per keystroke, so typing an action name does not fire a query each time.
  const form = useForm({
    initialValues: NO_FILTERS,
    validate: {
      to: (value, values) => (value && values.from && value < values.from ? t('validation.dateRange') : null),
    },
  });

  const events = useInfiniteQuery({
    queryKey: ['audit-events', filters],
    queryFn: ({ pageParam }) =>
      api.listAuditEvents({
        action: filters.action.trim(),
        targetType: filters.targetType.trim(),
        targetId: filters.targetId.trim(),
        from: dayBoundary(filters.from, 'start'),
        to: dayBoundary(filters.to, 'end'),
        before: pageParam,
        limit: EVENTS_PAGE_SIZE,
      }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <form
        noValidate
        role="search"
        aria-labelledby="audit-filters-heading"
        onSubmit={form.onSubmit((values) => setFilters(values))}
        onReset={() => {
          form.reset();
          setFilters(NO_FILTERS);
        }}
      >
        <Title order={2} size="h4" id="audit-filters-heading" mb="xs">
          {t('audit.filtersHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput label={t('audit.action')} description={t('audit.actionHelp')} {...form.getInputProps('action')} />
          <TextInput label={t('audit.targetType')} {...form.getInputProps('targetType')} />
          <TextInput label={t('audit.targetId')} {...form.getInputProps('targetId')} />
          <TextInput type="date" label={t('audit.from')} {...form.getInputProps('from')} />
          <TextInput type="date" label={t('audit.to')} {...form.getInputProps('to')} />
          <Group align="flex-end">
            <Button type="submit">{t('common.apply')}</Button>
            <Button type="reset" variant="default">
              {t('common.reset')}
            </Button>
          </Group>
        </SimpleGrid>
      </form>

      {events.isPending && <Loading />}
      {events.data && (
        <>
          <TableFrame label={t('audit.eventsCaption')}>
            <Table striped highlightOnHover captionSide="top" verticalSpacing="xs">
              <Table.Caption>{t('audit.eventsCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.columns.seq')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.time')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.target')}</Table.Th>
                  <Table.Th scope="col">{t('audit.columns.requestId')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {rows.map((event) => (
                  <Table.Tr key={event.seq} className="clickable-row" onClick={() => setSelected(event)}>
                    <Table.Td>
                      {/* Mouse users can click anywhere on the row; this button is the keyboard route. */}
                      <Anchor
                        component="button"
                        type="button"
                        aria-label={t('audit.viewEvent', { seq: event.seq })}
                        onClick={(e) => {
                          e.stopPropagation();
                          setSelected(event);
                        }}
                      >
                        {event.seq}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                    <Table.Td>{actorText(event, t('audit.system'))}</Table.Td>
                    <Table.Td>
                      <Mono nowrap>{event.action}</Mono>
                    </Table.Td>
                    <Table.Td>{targetText(event)}</Table.Td>
                    <Table.Td>{event.requestId && <Mono>{event.requestId}</Mono>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <LoadMore query={events} />
        </>
      )}
      {/* A failed "load more" keeps the rows already shown; retry continues from where it stopped. */}
      {events.isError && (
        <ErrorAlert
          error={events.error}
          onRetry={() => void (events.isFetchNextPageError ? events.fetchNextPage() : events.refetch())}
        />
      )}

      <EventDrawer event={selected} onClose={() => setSelected(null)} />
    </Stack>
  );
}

function actorText(event: AuditEvent, system: string): string {
  return event.actorLabel ?? event.actorId ?? system;
}

function targetText(event: AuditEvent): string {
  if (!event.targetType && !event.targetId) return '';
  return [event.targetType, event.targetId].filter(Boolean).join(': ');
}

function EventDrawer({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={event !== null}
      onClose={onClose}
      position="right"
      size="lg"
      title={event ? t('audit.eventTitle', { seq: event.seq }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {event && (
        <dl style={{ margin: 0 }}>
          <Field label={t('audit.fields.id')}>
            <Mono>{event.id}</Mono>
          </Field>
          <Field label={t('audit.fields.occurredAt')}>
            {formatDateTime(event.occurredAt)} (<Mono>{event.occurredAt}</Mono>)
          </Field>
          <Field label={t('audit.fields.actor')}>{actorText(event, t('audit.system'))}</Field>
          {event.actorId && (
            <Field label={t('audit.fields.actorId')}>
              <Mono>{event.actorId}</Mono>
            </Field>
          )}
          <Field label={t('audit.fields.action')}>
            <Mono>{event.action}</Mono>
          </Field>
          <Field label={t('audit.fields.target')}>{targetText(event) || t('common.none')}</Field>
          <Field label={t('audit.fields.requestId')}>
            {event.requestId ? <Mono>{event.requestId}</Mono> : t('common.none')}
          </Field>
          <Field label={t('audit.fields.details')}>
            <Mono block>{JSON.stringify(event.details ?? null, null, 2)}</Mono>
          </Field>
          <Field label={t('audit.fields.prevHash')}>
            <Mono>{event.prevHash}</Mono>
          </Field>
          <Field label={t('audit.fields.hash')}>
            <Mono>{event.hash}</Mono>
          </Field>
        </dl>
      )}
    </Drawer>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 'var(--mantine-spacing-sm)' }}>
      <Text component="dt" fw={600} size="sm">
        {label}
      </Text>
      <Text component="dd" size="sm" ml={0}>
        {children}
      </Text>
    </div>
  );
}

function CheckpointsPanel() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();

  const checkpoints = useInfiniteQuery({
    queryKey: ['audit-checkpoints'],
    queryFn: ({ pageParam }) => api.listCheckpoints({ before: pageParam, limit: CHECKPOINTS_PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  const sign = useMutation({
    mutationFn: api.signCheckpoint,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['audit-checkpoints'] });
      // Signing is itself audited, so the event list changed too.
      void queryClient.invalidateQueries({ queryKey: ['audit-events'] });
    },
  });

  const items = checkpoints.data?.pages.flatMap((page) => page.items) ?? [];
  const publicKey = checkpoints.data?.pages[0]?.publicKey;

  return (
    <Stack>
      <Text maw={760}>{t('audit.checkpointsIntro')}</Text>
      <Group>
        <Button loading={sign.isPending} onClick={() => sign.mutate()}>
          {t('audit.sign')}
        </Button>
      </Group>
      {sign.isSuccess && (
        <SuccessAlert onClose={() => sign.reset()}>{t('audit.signed', { seq: sign.data.seq })}</SuccessAlert>
      )}
      {sign.isError && <ErrorAlert error={sign.error} />}

      {checkpoints.isPending && <Loading />}
      {checkpoints.data && (
        <>
          {items.length === 0 ? (
            <Text>{t('transparency.noCheckpoints')}</Text>
          ) : (
            <CheckpointTable items={items} caption={t('audit.checkpointsCaption')} />
          )}
          <LoadMore query={checkpoints} />
          {publicKey && (
            <section aria-labelledby="audit-public-key">
              <Title order={2} size="h4" id="audit-public-key" mb="xs">
                {t('audit.publicKey')}
              </Title>
              <Mono block>{publicKey}</Mono>
            </section>
          )}
        </>
      )}
      {checkpoints.isError && (
        <ErrorAlert
          error={checkpoints.error}
          onRetry={() => void (checkpoints.isFetchNextPageError ? checkpoints.fetchNextPage() : checkpoints.refetch())}
        />
      )}
    </Stack>
  );
}
