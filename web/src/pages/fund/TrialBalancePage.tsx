// The trial balance at a date: per currency, every account's posted debits and credits from entries
// booked up to that date, with totals and whether they balance (said in words, not only in colour).
import { Anchor, Badge, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type TrialBalance } from '../../api';
import { Downloads } from '../../components/Downloads';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { accountName, FUND_KEY, ISO_DATE, todayIso } from '../../fund';

export function TrialBalancePage() {
  const { t } = useTranslation();
  const [at, setAt] = useState(todayIso());
  const date = ISO_DATE.test(at) ? at : undefined;
  const balance = useQuery({
    queryKey: [...FUND_KEY, 'trial-balance', date ?? 'today'],
    queryFn: () => api.trialBalance(date),
    placeholderData: keepPreviousData,
  });
  const title = t('fund.trialBalance.title');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <FundNav />
      <Text maw={760}>{t('fund.trialBalance.intro')}</Text>
      <Group align="flex-end" wrap="wrap" gap="xl">
        <TextInput type="date" label={t('fund.trialBalance.at')} value={at} onChange={(event) => setAt(event.currentTarget.value)} />
        <Downloads what={title} csv={api.trialBalanceUrl(date, 'csv')} xlsx={api.trialBalanceUrl(date, 'xlsx')} testId="trial-balance-downloads" />
      </Group>
      {balance.isPending ? (
        <Loading />
      ) : balance.isError ? (
        <ErrorAlert error={balance.error} onRetry={() => void balance.refetch()} />
      ) : (
        <>
          <Group gap="sm" data-testid="trial-balance-status">
            <BalancedBadge balanced={balance.data.balanced} />
            <Text size="sm">{t('fund.trialBalance.asOf', { date: formatDate(balance.data.at) })}</Text>
          </Group>
          {balance.data.currencies.length === 0 && <Text>{t('common.empty')}</Text>}
          {balance.data.currencies.map((currency) => (
            <CurrencyTable key={currency.currency} data={currency} />
          ))}
        </>
      )}
    </Stack>
  );
}

function BalancedBadge({ balanced }: { balanced: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={balanced ? 'green' : 'red'} variant="light" tt="none" miw="max-content" data-testid="balanced">
      {balanced ? t('fund.trialBalance.balanced') : t('fund.trialBalance.unbalanced')}
    </Badge>
  );
}

function CurrencyTable({ data }: { data: TrialBalance['currencies'][number] }) {
  const { t } = useTranslation();
  const caption = t('fund.trialBalance.caption', { currency: data.currency });
  return (
    <section aria-labelledby={`tb-${data.currency}`}>
      <Group gap="sm" mb="xs">
        <Title order={2} size="h3" id={`tb-${data.currency}`}>
          {data.currency}
        </Title>
        <BalancedBadge balanced={data.balanced} />
      </Group>
      <TableFrame label={caption}>
        <Table striped captionSide="top" verticalSpacing="xs" miw={760} data-testid={`trial-balance-${data.currency}`}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('fund.account.code')}</Table.Th>
              <Table.Th scope="col">{t('fund.account.name')}</Table.Th>
              <Table.Th scope="col">{t('fund.account.type')}</Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                {t('fund.trialBalance.debits')}
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                {t('fund.trialBalance.credits')}
              </Table.Th>
              <Table.Th scope="col" style={NUMERIC}>
                {t('fund.account.balance')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.accounts.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/app/fund/accounts/${account.id}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {account.code}
                  </Anchor>
                </Table.Td>
                <Table.Td>{accountName(account)}</Table.Td>
                <Table.Td>{t(`fund.accountType.${account.type}`)}</Table.Td>
                <Table.Td style={NUMERIC}>
                  <Money minor={account.debits} currency={data.currency} />
                </Table.Td>
                <Table.Td style={NUMERIC}>
                  <Money minor={account.credits} currency={data.currency} />
                </Table.Td>
                <Table.Td style={NUMERIC}>
                  <Money minor={account.balance} currency={data.currency} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row" colSpan={3}>
                {t('fund.trialBalance.total')}
              </Table.Th>
              <Table.Td style={{ ...NUMERIC, fontWeight: 700 }}>
                <Money minor={data.debits} currency={data.currency} />
              </Table.Td>
              <Table.Td style={{ ...NUMERIC, fontWeight: 700 }}>
                <Money minor={data.credits} currency={data.currency} />
              </Table.Td>
              <Table.Td />
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </TableFrame>
    </section>
  );
}
