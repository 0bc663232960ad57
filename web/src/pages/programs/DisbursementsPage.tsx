// Payments of verified milestones. The queue shows those prepared and awaiting approval (fund
// officers approve, never one they prepared: the server refuses, and its answer is shown); paid and
// cancelled ones are a filter away. Auditors and administrators read it.
import { Anchor, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, DISBURSEMENT_STATUSES, type FundAwardDetail, type FundDisbursement } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ProgramsNav } from '../../components/ProgramsNav';
import { DisbursementStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { formatDateTime } from '../../format';
import { awardKey, CALL_MANAGERS, PROGRAMS_KEY } from '../../programs';
import { hasAnyRole, useMe } from '../../session';
import { ApproveDialog } from './ApproveDialog';
import { ApprovalList } from './AwardPage';

const PAGE_SIZE = 50;

export function DisbursementsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const [status, setStatus] = useState<string>('prepared');
  const [offset, setOffset] = useState(0);
  const [approving, setApproving] = useState<FundDisbursement | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const disbursements = useQuery({
    queryKey: [...PROGRAMS_KEY, 'disbursements', { status, offset }],
    queryFn: () => api.listDisbursements({ status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  // A disbursement names its award and milestone by id: the awards give the agreement, recipient and deliverable.
  const awardIds = [...new Set((disbursements.data?.items ?? []).map((d) => d.awardId))];
  const awards = useQueries({ queries: awardIds.map((id) => ({ queryKey: awardKey(id), queryFn: () => api.getAward(id) })) });
  const awardOf = new Map<string, FundAwardDetail>();
  awards.forEach((a) => a.data && awardOf.set(a.data.id, a.data));
  if (!me) return null;
  const manager = hasAnyRole(me.user, CALL_MANAGERS);
  const title = t('programs.disbursements.title');
  const describe = (d: FundDisbursement) => {
    const award = awardOf.get(d.awardId);
    const milestone = award?.milestones.find((m) => m.id === d.milestoneId);
    return award ? `${award.agreementNumber}, ${award.organizationName}${milestone ? `, ${t('programs.award.milestoneN', { n: milestone.seq })}` : ''}` : '';
  };
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{t('programs.disbursements.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <NativeSelect
        label={t('programs.columns.status')}
        data={[{ value: '', label: t('programs.calls.anyStatus') }, ...DISBURSEMENT_STATUSES.map((s) => ({ value: s, label: t(`programs.disbursementStatus.${s}`) }))]}
        value={status}
        onChange={(event) => {
          setStatus(event.currentTarget.value);
          setOffset(0);
        }}
        maw={260}
        data-testid="disbursement-status-filter"
      />
      {disbursements.isPending ? (
        <Loading />
      ) : disbursements.isError ? (
        <ErrorAlert error={disbursements.error} onRetry={() => void disbursements.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={1000}>
              <Table.Caption>{t('programs.disbursements.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.agreement')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.milestone')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.preparedBy')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.approvals')}</Table.Th>
                  {manager && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {disbursements.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={manager ? 7 : 6}>{status === 'prepared' ? t('programs.disbursements.noneWaiting') : t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {disbursements.data.items.map((d) => {
                  const award = awardOf.get(d.awardId);
                  const milestone = award?.milestones.find((m) => m.id === d.milestoneId);
                  return (
                    <Table.Tr key={d.id} data-testid="disbursement-row">
                      <Table.Td>
                        <Anchor component={Link} to={`/app/programs/awards/${d.awardId}`} fw={600}>
                          {award?.agreementNumber ?? t('programs.award.title')}
                        </Anchor>
                        {award && <Text size="xs">{award.organizationName}</Text>}
                      </Table.Td>
                      <Table.Td>{milestone ? `${milestone.seq}. ${milestone.deliverable}` : t('common.loading')}</Table.Td>
                      <Table.Td style={NUMERIC}>
                        <Money minor={d.amountMinor} currency={d.currency} />
                      </Table.Td>
                      <Table.Td>
                        <DisbursementStatusBadge status={d.status} />
                      </Table.Td>
                      <Table.Td>
                        {d.preparedBy}
                        <Text size="xs">{formatDateTime(d.preparedAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <ApprovalList disbursement={d} />
                      </Table.Td>
                      {manager && (
                        <Table.Td>
                          {d.status === 'prepared' && (
                            <Button size="xs" color="teal.9" onClick={() => setApproving(d)} aria-label={t('programs.disbursements.approveFor', { what: describe(d) })} data-testid="approve-disbursement">
                              {t('programs.disbursements.approve')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={disbursements.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
      <ApproveDialog
        disbursement={approving}
        description={approving ? describe(approving) : ''}
        onClose={() => setApproving(null)}
        onDone={(saved) => {
          setApproving(null);
          setNotice(saved.status === 'paid' ? t('programs.disbursements.paid') : t('programs.disbursements.approved'));
          void queryClient.invalidateQueries({ queryKey: PROGRAMS_KEY });
          void queryClient.invalidateQueries({ queryKey: ['fund'] });
        }}
      />
    </Stack>
  );
}
