// Awards (grant agreements): a company's own, every award for fund staff (status filter), with the
// amount, what was paid and clawed back so far, and the status.
import { Anchor, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, AWARD_STATUSES } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ProgramsNav } from '../../components/ProgramsNav';
import { AwardStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { callTitle, PROGRAM_STAFF, PROGRAMS_KEY } from '../../programs';
import { hasAnyRole, useMe } from '../../session';

const PAGE_SIZE = 20;

export function AwardsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const awards = useQuery({
    queryKey: [...PROGRAMS_KEY, 'awards', { status, offset }],
    queryFn: () => api.listAwards({ status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const staff = hasAnyRole(me.user, PROGRAM_STAFF);
  const title = t('programs.awards.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{staff ? t('programs.awards.staffIntro') : t('programs.awards.companyIntro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('programs.awards.filters')}>
        <NativeSelect
          label={t('programs.columns.status')}
          data={[{ value: '', label: t('programs.calls.anyStatus') }, ...AWARD_STATUSES.map((s) => ({ value: s, label: t(`programs.awardStatus.${s}`) }))]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {awards.isPending ? (
        <Loading />
      ) : awards.isError ? (
        <ErrorAlert error={awards.error} onRetry={() => void awards.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={1000}>
              <Table.Caption>{t('programs.awards.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('programs.columns.agreement')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.call')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.amount')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.paid')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('programs.columns.clawedBack')}
                  </Table.Th>
                  <Table.Th scope="col">{t('programs.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('programs.columns.awardedAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awards.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>{staff ? t('programs.awards.none') : t('programs.awards.noneCompany')}</Table.Td>
                  </Table.Tr>
                )}
                {awards.data.items.map((award) => (
                  <Table.Tr key={award.id} data-testid="award-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/app/programs/awards/${award.id}`} fw={600}>
                        {award.agreementNumber}
                      </Anchor>
                      <Text size="xs">{award.title}</Text>
                    </Table.Td>
                    <Table.Td>{award.organizationName}</Table.Td>
                    <Table.Td>{callTitle(award)}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.amountMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.disbursedMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.clawedBackMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td>
                      <AwardStatusBadge status={award.status} />
                    </Table.Td>
                    <Table.Td>{formatDate(award.awardedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={awards.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
