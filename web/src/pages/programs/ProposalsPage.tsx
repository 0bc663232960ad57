// Proposals: a company's own, with their status and, once the call is awarded, the outcome and the
// amount awarded; fund staff see every proposal (status filter), ranked ones first.
import { Anchor, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, FUND_PROPOSAL_STATUSES } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ProgramsNav } from '../../components/ProgramsNav';
import { FundProposalStatusBadge, RankingOutcomeBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { callTitle, PROGRAM_STAFF, PROGRAMS_KEY } from '../../programs';
import { hasAnyRole, useMe } from '../../session';

const PAGE_SIZE = 20;

export function ProposalsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const proposals = useQuery({
    queryKey: [...PROGRAMS_KEY, 'proposals', 'list', { status, offset }],
    queryFn: () => api.listFundProposals({ status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const staff = hasAnyRole(me.user, PROGRAM_STAFF);
  const title = staff ? t('programs.proposals.staffTitle') : t('programs.proposals.companyTitle');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{staff ? t('programs.proposals.staffIntro') : t('programs.proposals.companyIntro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('programs.proposals.filters')}>
        <NativeSelect
          label={t('programs.columns.status')}
          data={[{ value: '', label: t('programs.calls.anyStatus') }, ...FUND_PROPOSAL_STATUSES.map((s) => ({ value: s, label: t(`programs.proposalStatus.${s}`) }))]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {proposals.isPending ? (
        <Loading />
      ) : proposals.isError ? (
        <ErrorAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={960}>
              <Table.Caption>{t('programs.proposals.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.proposal')}</Table.Th>
                  {staff && <Table.Th scope="col">{t('programs.columns.organization')}</Table.Th>}
                  <Table.Th scope="col">{t('programs.columns.call')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.requested')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.submittedAt')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.outcome')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.awarded')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {proposals.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={staff ? 8 : 7}>{staff ? t('common.empty') : t('programs.proposals.noneCompany')}</Table.Td>
                  </Table.Tr>
                )}
                {proposals.data.items.map((proposal) => (
                  <Table.Tr key={proposal.id} data-testid="proposal-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/app/programs/proposals/${proposal.id}`} fw={600}>
                        {proposal.title}
                      </Anchor>
                    </Table.Td>
                    {staff && <Table.Td>{proposal.organizationName}</Table.Td>}
                    <Table.Td>
                      <Anchor component={Link} to={`/app/programs/calls/${proposal.callId}`}>
                        {callTitle(proposal)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <FundProposalStatusBadge status={proposal.status} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={proposal.requestedMinor} currency={proposal.currency} />
                    </Table.Td>
                    <Table.Td>{proposal.submittedAt ? formatDateTime(proposal.submittedAt) : t('common.none')}</Table.Td>
                    <Table.Td>{proposal.outcome ? <RankingOutcomeBadge outcome={proposal.outcome} /> : t('common.none')}</Table.Td>
                    <Table.Td style={NUMERIC}>{proposal.awardedMinor ? <Money minor={proposal.awardedMinor} currency={proposal.currency} /> : t('common.none')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={proposals.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
