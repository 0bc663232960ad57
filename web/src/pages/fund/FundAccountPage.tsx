// One ledger account: its balances and its statement over a period (posted lines by booking date with
// the running balance, opening and closing balance), a page at a time, or the whole period as CSV/XLSX.
import { Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../api';
import { useCapabilities } from '../../capabilities';
import { Downloads } from '../../components/Downloads';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { accountName, earmarkText, FUND_KEY, ISO_DATE } from '../../fund';

const PAGE_SIZE = 50;

export function FundAccountPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const capabilities = useCapabilities();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const period = { from: ISO_DATE.test(from) ? from : undefined, to: ISO_DATE.test(to) ? to : undefined };
  const badPeriod = Boolean(period.from && period.to && period.from > period.to);

  const statement = useQuery({
    queryKey: [...FUND_KEY, 'statement', id, { ...period, offset }],
    queryFn: () => api.accountStatement(id, { ...period, limit: PAGE_SIZE, offset }),
    enabled: !badPeriod,
    placeholderData: keepPreviousData,
  });

  const account = statement.data?.account;
  const title = account ? t('fund.statement.heading', { code: account.code }) : t('fund.statement.title');

  return (
    <Stack>
      <PageHeading documentTitle={account?.code ?? t('fund.statement.title')}>{title}</PageHeading>
      <FundNav />
      {account && (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Fact label={t('fund.account.name')} value={accountName(account)} />
          <Fact label={t('fund.account.type')} value={t(`fund.accountType.${account.type}`)} />
          <Fact label={t('fund.account.earmark')} value={earmarkText(t, account.earmark, capabilities.data)} />
          <Fact label={t('fund.account.balance')} value={<Money minor={account.balance} currency={account.currency} />} />
          <Fact label={t('fund.account.available')} value={<Money minor={account.available} currency={account.currency} />} />
          <Fact label={t('fund.account.normalSide')} value={t(`fund.direction.${account.normalSide}`)} />
        </SimpleGrid>
      )}

      <Group align="flex-start" wrap="wrap" role="search" aria-label={t('fund.statement.period')}>
        <TextInput
          type="date"
          label={t('fund.from')}
          value={from}
          onChange={(event) => {
            setFrom(event.currentTarget.value);
            setOffset(0);
          }}
        />
        <TextInput
          type="date"
          label={t('fund.to')}
          value={to}
          error={badPeriod ? t('validation.dateRange') : undefined}
          onChange={(event) => {
            setTo(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      <Downloads
        what={title}
        csv={api.accountStatementUrl(id, period, 'csv')}
        xlsx={api.accountStatementUrl(id, period, 'xlsx')}
        testId="statement-downloads"
      />

      {badPeriod ? null : statement.isPending ? (
        <Loading />
      ) : statement.isError ? (
        <ErrorAlert error={statement.error} onRetry={() => void statement.refetch()} />
      ) : (
        <>
          <Group gap="xl">
            <Text size="sm">
              {t('fund.statement.opening')}: <Money minor={statement.data.openingBalance} currency={statement.data.account.currency} />
            </Text>
            <Text size="sm">
              {t('fund.statement.closing')}: <Money minor={statement.data.closingBalance} currency={statement.data.account.currency} />
            </Text>
          </Group>
          <TableFrame label={t('fund.statement.caption')}>
            <Table striped captionSide="top" verticalSpacing="xs" miw={820} data-testid="statement">
              <Table.Caption>{t('fund.statement.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.entry.effectiveDate')}</Table.Th>
                  <Table.Th scope="col">{t('fund.entry.seqShort')}</Table.Th>
                  <Table.Th scope="col">{t('fund.entry.description')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.direction.debit')}
                  </Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.direction.credit')}
                  </Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.statement.runningBalance')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {statement.data.lines.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {statement.data.lines.map((line, index) => (
                  <Table.Tr key={`${offset + index}-${line.entryId}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.effectiveDate)}</Table.Td>
                    <Table.Td>{line.entrySeq}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{line.description}</Text>
                      <Text size="xs">
                        {t(`fund.referenceType.${line.referenceType}`)}
                        {line.referenceId && (
                          <>
                            {' · '}
                            <Mono>{line.referenceId}</Mono>
                          </>
                        )}
                      </Text>
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      {line.direction === 'debit' ? <Money minor={line.amount} currency={statement.data.account.currency} /> : ''}
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      {line.direction === 'credit' ? <Money minor={line.amount} currency={statement.data.account.currency} /> : ''}
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={line.balance} currency={statement.data.account.currency} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={statement.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('fund.statement.caption')} />
        </>
      )}
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
