// The fund's calls for proposals. Fund staff see every call, drafts too (status filter and search),
// and fund officers start a new one; a company sees the published calls and applies to an open one
// (or opens the proposal it started); an evaluator lands on the evaluations assigned to them.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api, CALL_STATUSES, type FundCall, type FundProposal } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ProgramsNav } from '../../components/ProgramsNav';
import { CallPhaseBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { CALL_MANAGERS, callTitle, PROGRAM_STAFF, PROGRAMS_KEY } from '../../programs';
import { hasAnyRole, isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyPage } from '../OrganizationsPage';

const PAGE_SIZE = 20;

export function CallsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const staff = hasAnyRole(me.user, PROGRAM_STAFF);
  const company = isCompanyUser(me.user);
  // Evaluators come here for the proposals they score.
  if (!staff && !company && me.user.roles.includes('evaluator')) return <Navigate to="/app/programs/evaluations" replace />;
  if (company && !me.user.organizationId) {
    return <RegisterYourCompanyPage title={t('programs.calls.title')} />;
  }
  return <CallList staff={staff} company={company} canCreate={hasAnyRole(me.user, CALL_MANAGERS)} />;
}

function CallList({ staff, company, canCreate }: { staff: boolean; company: boolean; canCreate: boolean }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const calls = useQuery({
    queryKey: [...PROGRAMS_KEY, 'calls', { q, status, offset }],
    queryFn: () => api.listCalls({ q, status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  // A company applies once per call: its proposals say where it has started already.
  const own = useQuery({
    queryKey: [...PROGRAMS_KEY, 'proposals', 'own'],
    queryFn: () => api.listFundProposals({ limit: 200, offset: 0 }),
    enabled: company,
  });
  const ownByCall = new Map((own.data?.items ?? []).map((p) => [p.callId, p]));
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const title = t('programs.calls.title');
  const columns = staff ? 7 : company ? 7 : 6;

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {canCreate && (
          <Button component={Link} to="/app/programs/calls/new" data-testid="new-call">
            {t('programs.calls.new')}
          </Button>
        )}
      </Group>
      <ProgramsNav />
      <Text maw={760}>{staff ? t('programs.calls.staffIntro') : t('programs.calls.companyIntro')}</Text>

      <Group align="flex-end" role="search" aria-label={t('programs.calls.filters')} wrap="wrap">
        <TextInput
          label={t('programs.calls.search')}
          type="search"
          maxLength={200}
          value={search}
          onChange={(event) => filter(setSearch)(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
        />
        <NativeSelect
          label={t('programs.calls.status')}
          data={[
            { value: '', label: t('programs.calls.anyStatus') },
            ...CALL_STATUSES.filter((s) => staff || s !== 'draft').map((s) => ({ value: s, label: t(`programs.callStatus.${s}`) })),
          ]}
          value={status}
          onChange={(event) => filter(setStatus)(event.currentTarget.value)}
          data-testid="call-status-filter"
        />
      </Group>

      {calls.isPending ? (
        <Loading />
      ) : calls.isError ? (
        <ErrorAlert error={calls.error} onRetry={() => void calls.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('programs.calls.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.call')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.code')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.budget')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.opensAt')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.closesAt')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.phase')}</Table.Th>
                  {staff && (
                    <Table.Th scope="col" style={{ textAlign: 'right' }}>
                      {t('programs.columns.proposals')}
                    </Table.Th>
                  )}
                  {company && <Table.Th scope="col">{t('programs.columns.yourProposal')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {calls.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={columns}>{staff ? t('programs.calls.noneStaff') : t('programs.calls.none')}</Table.Td>
                  </Table.Tr>
                )}
                {calls.data.items.map((call) => (
                  <CallRow key={call.id} call={call} staff={staff} company={company} proposal={ownByCall.get(call.id)} ownLoaded={own.isSuccess} />
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={calls.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}

function CallRow({ call, staff, company, proposal, ownLoaded }: { call: FundCall; staff: boolean; company: boolean; proposal: FundProposal | undefined; ownLoaded: boolean }) {
  const { t } = useTranslation();
  const name = callTitle(call);
  return (
    <Table.Tr data-testid="call-row">
      <Table.Td>
        <Anchor component={Link} to={`/app/programs/calls/${call.id}`} fw={600}>
          {name}
        </Anchor>
      </Table.Td>
      <Table.Td>{call.code}</Table.Td>
      <Table.Td style={NUMERIC}>
        <Money minor={call.budgetMinor} currency={call.currency} />
      </Table.Td>
      <Table.Td>{formatDateTime(call.opensAt)}</Table.Td>
      <Table.Td>{formatDateTime(call.closesAt)}</Table.Td>
      <Table.Td>
        <CallPhaseBadge phase={call.phase} />
      </Table.Td>
      {staff && <Table.Td style={NUMERIC}>{call.proposals}</Table.Td>}
      {company && (
        <Table.Td>
          {proposal ? (
            <Anchor component={Link} to={`/app/programs/proposals/${proposal.id}`}>
              {t('programs.calls.openProposal', { status: t(`programs.proposalStatus.${proposal.status}`) })}
            </Anchor>
          ) : call.phase === 'open' && ownLoaded ? (
            <Button component={Link} to={`/app/programs/calls/${call.id}/apply`} size="xs" aria-label={t('programs.calls.applyTo', { name })} data-testid="apply">
              {t('programs.calls.apply')}
            </Button>
          ) : (
            t('common.none')
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}
