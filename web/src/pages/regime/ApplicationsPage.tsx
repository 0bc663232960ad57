// Applications for residency in the special economic regime. Staff get the queue (status filter and
// search, overdue decisions flagged); a company sees its own and starts a new one (a draft whose
// figures it fills in on the application's page). Officers and administrators may file for a company.
import { Anchor, Badge, Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, newIdempotencyKey, REGIME_APPLICATION_STATUSES, type RegimeApplication } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { REGIME_NAV_PAGES as REGIME_PAGES, RegimeNav } from '../../components/RegimeNav';
import { OutcomeBadge, RegimeApplicationStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { REGIME_FILERS, REGIME_KEY, REGIME_READERS, regimeApplicationKey } from '../../regime';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyPage } from '../OrganizationsPage';

const PAGE_SIZE = 20;
/** An organization has at most one application in these states at a time. */
const OPEN = ['draft', 'submitted', 'checks'];

export function RegimeApplicationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  // Fund officers open the section for the benefits estimate, evaluators for the appeals they decide.
  if (!hasAnyRole(me.user, REGIME_READERS)) {
    const first = REGIME_PAGES.find((page) => page.path !== '/app/regime' && hasAnyRole(me.user, page.roles));
    if (first) return <Navigate to={first.path} replace />;
  }
  const company = isCompanyUser(me.user);
  if (company && !me.user.organizationId) {
    return <RegisterYourCompanyPage title={t('regime.applications.companyTitle')} />;
  }
  return <ApplicationQueue company={company} canFile={!company && hasAnyRole(me.user, REGIME_FILERS)} />;
}

function ApplicationQueue({ company, canFile }: { company: boolean; canFile: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [filing, setFiling] = useState(false);
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [organizationMissing, setOrganizationMissing] = useState(false);

  const applications = useQuery({
    queryKey: [...REGIME_KEY, 'applications', { q, status, offset }],
    queryFn: () => api.listRegimeApplications({ q, status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  // A current resident does not apply again (the server would refuse it).
  const residents = useQuery({
    queryKey: [...REGIME_KEY, 'residents', 'own'],
    queryFn: () => api.listResidents({ limit: 50, offset: 0 }),
    enabled: company,
  });
  const isResident = (residents.data?.items ?? []).some((r) => r.status === 'active' || r.status === 'suspended');

  const create = useMutation({
    mutationFn: (forOrganization: string | null) =>
      api.createRegimeApplication(forOrganization ? { organizationId: forOrganization } : {}, newIdempotencyKey()),
    onSuccess: (created) => {
      queryClient.setQueryData(regimeApplicationKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'applications'] });
      navigate(`/app/regime/applications/${created.id}`, { state: { notice: t('regime.applications.created') } });
    },
  });

  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  const title = company ? t('regime.applications.companyTitle') : t('regime.applications.queueTitle');
  const hasOpen = (applications.data?.items ?? []).some((a) => OPEN.includes(a.status));
  const columns = company ? 6 : 7;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {company && applications.isSuccess && residents.isSuccess && !hasOpen && !isResident && (
          <Button onClick={() => create.mutate(null)} loading={create.isPending} data-testid="new-regime-application">
            {t('regime.applications.new')}
          </Button>
        )}
        {canFile && (
          <Button
            variant="default"
            onClick={() => {
              create.reset();
              setOrganizationId(null);
              setOrganizationMissing(false);
              setFiling(true);
            }}
            data-testid="file-regime-application"
          >
            {t('regime.applications.fileForCompany')}
          </Button>
        )}
      </Group>
      <RegimeNav />
      <Text maw={760}>{company ? t('regime.applications.companyIntro') : t('regime.applications.queueIntro')}</Text>
      {!filing && <ErrorAlert error={create.error} />}

      {!company && (
        <Group align="flex-end" role="search" aria-label={t('regime.applications.filters')} wrap="wrap">
          <TextInput
            label={t('regime.applications.search')}
            type="search"
            maxLength={200}
            value={search}
            onChange={(event) => filter(setSearch)(event.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
          />
          <NativeSelect
            label={t('regime.applications.status')}
            data={[
              { value: '', label: t('regime.applications.anyStatus') },
              ...REGIME_APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`regime.applicationStatus.${s}`) })),
            ]}
            value={status}
            onChange={(event) => filter(setStatus)(event.currentTarget.value)}
            data-testid="regime-status-filter"
          />
        </Group>
      )}

      {applications.isPending ? (
        <Loading />
      ) : applications.isError ? (
        <ErrorAlert error={applications.error} onRetry={() => void applications.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{company ? t('regime.applications.companyCaption') : t('regime.applications.queueCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {!company && <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>}
                  <Table.Th scope="col">{t('regime.columns.application')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.evaluation')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.decisionDue')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.submittedAt')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {applications.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>{company ? t('regime.applications.noneCompany') : t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {applications.data.items.map((application) => (
                  <ApplicationRow key={application.id} application={application} company={company} />
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={applications.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}

      <Modal opened={filing} onClose={() => setFiling(false)} title={t('regime.applications.fileForCompany')} closeButtonProps={{ 'aria-label': t('common.close') }}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!organizationId) {
              setOrganizationMissing(true);
              return;
            }
            create.mutate(organizationId);
          }}
        >
          <Stack>
            <Text size="sm">{t('regime.applications.fileHelp')}</Text>
            <ErrorAlert error={create.error} />
            <OrganizationSelect
              label={t('applicationForm.organization')}
              required
              placeholder={t('applicationForm.chooseOrganization')}
              value={organizationId}
              onChange={(value) => {
                setOrganizationId(value);
                setOrganizationMissing(false);
              }}
              error={organizationMissing ? t('validation.required') : undefined}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setFiling(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('regime.applications.createDraft')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}

function ApplicationRow({ application, company }: { application: RegimeApplication; company: boolean }) {
  const { t } = useTranslation();
  const link = `/app/regime/applications/${application.id}`;
  return (
    <Table.Tr data-overdue={application.overdue || undefined} style={application.overdue ? { background: 'var(--mantine-color-red-0)' } : undefined}>
      {!company && (
        <Table.Td>
          <Anchor component={Link} to={link} fw={600}>
            {application.organizationName}
          </Anchor>
        </Table.Td>
      )}
      <Table.Td>
        {company ? (
          <Anchor component={Link} to={link}>
            {t('regime.applications.applicationOf', { date: formatDateTime(application.createdAt) })}
          </Anchor>
        ) : (
          t('regime.applications.applicationOf', { date: formatDateTime(application.createdAt) })
        )}
      </Table.Td>
      <Table.Td>
        <RegimeApplicationStatusBadge status={application.status} />
      </Table.Td>
      <Table.Td>{application.evaluation ? <OutcomeBadge outcome={application.evaluation.outcome} testId="application-outcome" /> : t('common.none')}</Table.Td>
      <Table.Td>
        <Group gap={6}>
          <span>{application.decisionDueAt ? formatDateTime(application.decisionDueAt) : t('common.none')}</span>
          {application.overdue && (
            <Badge color="red" variant="filled" tt="none" miw="max-content">
              {t('regime.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{application.submittedAt ? formatDateTime(application.submittedAt) : t('common.none')}</Table.Td>
      <Table.Td>{formatDateTime(application.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}
