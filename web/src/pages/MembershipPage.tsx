// Membership applications. Staff get the work queue (nearest deadline first, overdue ones flagged)
// with a status filter and search; a company sees its own applications and may apply.
import { Anchor, Badge, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, MEMBERSHIP_STATUSES, type MembershipApplication } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { MembershipStatusBadge } from '../components/StatusBadge';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { TableFrame } from '../components/TableFrame';
import { formatDateTime } from '../format';
import { hasAnyRole, isCompanyUser, useMe } from '../session';
import { RegisterYourCompanyPage } from './OrganizationsPage';

const PAGE_SIZE = 20;
const CLOSED = ['rejected', 'terminated'];

export function MembershipPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const company = isCompanyUser(me.user);
  if (company && !me.user.organizationId) {
    return <RegisterYourCompanyPage title={t('membership.title')} />;
  }
  return <ApplicationQueue company={company} canFile={!company && hasAnyRole(me.user, ['officer', 'admin'])} />;
}

function ApplicationQueue({ company, canFile }: { company: boolean; canFile: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [offset, setOffset] = useState(0);

  const applications = useQuery({
    queryKey: ['applications', 'list', { q, status, overdueOnly, offset }],
    queryFn: () =>
      api.listApplications({ q, status, overdue: overdueOnly ? 'true' : undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  const title = company ? t('membership.companyTitle') : t('membership.queueTitle');
  const open = (applications.data?.items ?? []).some((a) => !CLOSED.includes(a.status));
  const columns = company ? 5 : 6;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {company && applications.isSuccess && !open && (
          <Button component={Link} to="/app/membership/new" data-testid="apply">
            {t('membership.apply')}
          </Button>
        )}
        {canFile && (
          <Button component={Link} to="/app/membership/new" variant="default">
            {t('membership.fileForCompany')}
          </Button>
        )}
      </Group>
      <Text maw={760}>{company ? t('membership.companyIntro') : t('membership.queueIntro')}</Text>

      {!company && (
        <Group align="flex-end" role="search" wrap="wrap">
          <TextInput
            label={t('membership.search')}
            type="search"
            value={search}
            onChange={(event) => filter(setSearch)(event.currentTarget.value)}
            style={{ flex: '1 1 260px' }}
          />
          <NativeSelect
            label={t('membership.status')}
            data={[
              { value: '', label: t('membership.anyStatus') },
              ...MEMBERSHIP_STATUSES.map((s) => ({ value: s, label: t(`membershipStatus.${s}`) })),
            ]}
            value={status}
            onChange={(event) => filter(setStatus)(event.currentTarget.value)}
          />
          <Checkbox
            label={t('membership.overdueOnly')}
            checked={overdueOnly}
            onChange={(event) => filter(setOverdueOnly)(event.currentTarget.checked)}
            mb={8}
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
            <Table striped captionSide="top" verticalSpacing="sm" miw={820}>
              <Table.Caption>{company ? t('membership.companyCaption') : t('membership.queueCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {!company && <Table.Th scope="col">{t('membership.columns.organization')}</Table.Th>}
                  <Table.Th scope="col">{t('membership.columns.application')}</Table.Th>
                  <Table.Th scope="col">{t('membership.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('membership.columns.due')}</Table.Th>
                  <Table.Th scope="col">{t('membership.columns.submittedAt')}</Table.Th>
                  <Table.Th scope="col">{t('membership.columns.updatedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {applications.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>{company ? t('membership.noneCompany') : t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {applications.data.items.map((application) => (
                  <ApplicationRow key={application.id} application={application} company={company} />
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager
            total={applications.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={title}
          />
        </>
      )}
    </Stack>
  );
}

function ApplicationRow({ application, company }: { application: MembershipApplication; company: boolean }) {
  const { t } = useTranslation();
  const link = `/app/membership/applications/${application.id}`;
  return (
    <Table.Tr
      data-overdue={application.overdue || undefined}
      // Overdue rows stand out by colour and, for those who cannot see it, by the badge's text.
      style={application.overdue ? { background: 'var(--mantine-color-red-0)' } : undefined}
    >
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
            {t('membership.applicationOf', { date: formatDateTime(application.createdAt) })}
          </Anchor>
        ) : (
          t('membership.applicationOf', { date: formatDateTime(application.createdAt) })
        )}
      </Table.Td>
      <Table.Td>
        <MembershipStatusBadge status={application.status} />
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <span>{application.dueAt ? formatDateTime(application.dueAt) : t('common.none')}</span>
          {application.overdue && (
            <Badge color="red" variant="filled" tt="none" miw="max-content">
              {t('membership.overdue')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{application.submittedAt ? formatDateTime(application.submittedAt) : t('common.none')}</Table.Td>
      <Table.Td>{formatDateTime(application.updatedAt)}</Table.Td>
    </Table.Tr>
  );
}
