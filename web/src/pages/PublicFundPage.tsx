// The special defense fund as the public sees it: money in by source and out by use, per currency, for a
// period. Aggregates only (the API returns nothing else); amounts are exact minor units formatted here.
import { Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FundFlow } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { TableFrame } from '../components/TableFrame';
import { currentLanguage } from '../i18n';
import { formatMoney } from '../money';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function FlowTable({ caption, rows }: { caption: string; rows: FundFlow[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (rows.length === 0) return <Text c="dimmed">{t('publicFund.none')}</Text>;
  return (
    <TableFrame label={caption}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('publicFund.category')}</Table.Th>
            <Table.Th scope="col">{t('publicFund.currency')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('publicFund.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.currency}-${row.category}`}>
              <Table.Td>{t(`publicFund.categories.${row.category}`, { defaultValue: row.category })}</Table.Td>
              <Table.Td>{row.currency}</Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(row.amount, row.currency, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

export function PublicFundPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('2000-01-01');
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [period] = useDebouncedValue({ from, to }, 300);
  const valid = ISO_DATE.test(period.from) && ISO_DATE.test(period.to) && period.from <= period.to;
  const flows = useQuery({
    queryKey: ['public', 'fund', period],
    queryFn: () => api.publicFundFlows(period),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <PageHeading documentTitle={t('publicFund.title')}>{t('publicFund.title')}</PageHeading>
      <Text maw={760}>{t('publicFund.intro')}</Text>
      <Group align="flex-end">
        <TextInput type="date" label={t('publicFund.from')} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
        <TextInput type="date" label={t('publicFund.to')} value={to} onChange={(event) => setTo(event.currentTarget.value)} error={valid || !ISO_DATE.test(to) ? undefined : t('publicFund.badPeriod')} />
      </Group>
      {flows.isPending ? (
        <Loading />
      ) : flows.isError ? (
        <ErrorAlert error={flows.error} onRetry={() => void flows.refetch()} />
      ) : (
        <>
          <Title order={2} size="h3">
            {t('publicFund.sources')}
          </Title>
          <FlowTable caption={t('publicFund.sourcesCaption')} rows={flows.data.sources} />
          <Title order={2} size="h3">
            {t('publicFund.uses')}
          </Title>
          <FlowTable caption={t('publicFund.usesCaption')} rows={flows.data.uses} />
        </>
      )}
    </Stack>
  );
}
