// The special defense fund at a glance: every ledger account's balance, grouped by currency, with the
// earmark of earmarked cash accounts, and the way to each of the fund's pages.
import { Anchor, Badge, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { LedgerAccount } from '../../api';
import { useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { TableFrame } from '../../components/TableFrame';
import { accountName, earmarkText, useLedgerAccounts } from '../../fund';

const LINKS = [
  { path: '/app/fund/journal', key: 'journal' },
  { path: '/app/fund/trial-balance', key: 'trialBalance' },
  { path: '/app/fund/donations', key: 'donations' },
  { path: '/app/fund/assets', key: 'assets' },
  { path: '/app/fund/tracing', key: 'tracing' },
] as const;

export function FundOverviewPage() {
  const { t } = useTranslation();
  const accounts = useLedgerAccounts();

  const byCurrency = new Map<string, LedgerAccount[]>();
  for (const account of accounts.data?.items ?? []) {
    byCurrency.set(account.currency, [...(byCurrency.get(account.currency) ?? []), account]);
  }

  return (
    <Stack>
      <PageHeading documentTitle={t('fund.overview.title')}>{t('fund.overview.title')}</PageHeading>
      <FundNav />
      <Text maw={760}>{t('fund.overview.intro')}</Text>

      <section aria-labelledby="fund-pages-heading">
        <Title order={2} size="h3" id="fund-pages-heading" mb="sm">
          {t('fund.overview.pagesHeading')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          {LINKS.map((link) => (
            <Card key={link.path} withBorder padding="md">
              <Title order={3} size="h5" mb={4}>
                <Anchor component={Link} to={link.path}>
                  {t(`fund.nav.${link.key}`)}
                </Anchor>
              </Title>
              <Text size="sm">{t(`fund.overview.about.${link.key}`)}</Text>
            </Card>
          ))}
        </SimpleGrid>
      </section>

      <Title order={2} size="h3">
        {t('fund.overview.balancesHeading')}
      </Title>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : byCurrency.size === 0 ? (
        <Text>{t('common.empty')}</Text>
      ) : (
        <>
          {/* The hryvnia first: most of the fund's money is in it. */}
          {[...byCurrency.entries()]
            .sort(([a], [b]) => Number(b === 'UAH') - Number(a === 'UAH') || a.localeCompare(b))
            .map(([currency, items]) => (
              <CurrencyAccounts key={currency} currency={currency} accounts={items} />
            ))}
          {accounts.data.total > accounts.data.items.length && (
            <Text size="sm">{t('fund.overview.more', { shown: accounts.data.items.length, total: accounts.data.total })}</Text>
          )}
        </>
      )}
    </Stack>
  );
}

function CurrencyAccounts({ currency, accounts }: { currency: string; accounts: LedgerAccount[] }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const caption = t('fund.overview.caption', { currency });
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing="xs" miw={720} data-testid={`accounts-${currency}`}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('fund.account.code')}</Table.Th>
            <Table.Th scope="col">{t('fund.account.name')}</Table.Th>
            <Table.Th scope="col">{t('fund.account.type')}</Table.Th>
            <Table.Th scope="col" style={NUMERIC}>
              {t('fund.account.balance')}
            </Table.Th>
            <Table.Th scope="col" style={NUMERIC}>
              {t('fund.account.available')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.map((account) => (
            <Table.Tr key={account.id}>
              <Table.Td>
                <Anchor component={Link} to={`/app/fund/accounts/${account.id}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {account.code}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <span>{accountName(account)}</span>
                  {account.earmark && (
                    <Text size="xs" data-testid="account-earmark">
                      {t('fund.account.earmarked', { earmark: earmarkText(t, account.earmark, capabilities.data) })}
                    </Text>
                  )}
                  {account.closedAt && (
                    <Badge color="gray" variant="light" tt="none" w="max-content">
                      {t('fund.account.closed')}
                    </Badge>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>{t(`fund.accountType.${account.type}`)}</Table.Td>
              <Table.Td style={NUMERIC}>
                <Money minor={account.balance} currency={account.currency} />
              </Table.Td>
              <Table.Td style={NUMERIC}>
                <Money minor={account.available} currency={account.currency} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}
