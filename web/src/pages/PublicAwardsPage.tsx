// The public register of the special defense fund's awards: who got how much under which call, what
// has been paid and clawed back, and the status. Anyone may search it (recipient, call, agreement),
// filter it by call, status and currency, sort it by the column headers (mouse or keyboard), page
// through it and download every matching award as CSV or JSON in the same order. Money is exact minor
// units from the API, formatted here. The view lives in the address, to be shared.
import { Anchor, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, CALL_CURRENCIES, type PublicAwardQuery } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Money, NUMERIC, NUMERIC_HEADER } from '../components/Money';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { RegisterDownloads } from '../components/RegisterDownloads';
import { SortableTh } from '../components/SortableTh';
import { AwardStatusBadge } from '../components/StatusBadge';
import { TableFrame } from '../components/TableFrame';
import { formatDate } from '../format';
import { callTitle } from '../programs';
import { AWARD_SORTS, useRegisterQuery } from '../registers';

const PAGE_SIZE = 25;
const FILTERS = ['callId', 'status', 'currency'] as const;
const AWARD_STATUSES = ['active', 'completed', 'terminated'] as const;

export function PublicAwardsPage() {
  const { t } = useTranslation();
  const register = useRegisterQuery(AWARD_SORTS, FILTERS);
  const { offset } = register;
  const { status, currency } = register.query;
  const query: PublicAwardQuery = {
    ...register.query,
    status: (AWARD_STATUSES as readonly string[]).includes(status) ? (status as PublicAwardQuery['status']) : undefined,
    currency: (CALL_CURRENCIES as readonly string[]).includes(currency) ? currency : undefined,
  };
  const awards = useQuery({
    queryKey: ['public', 'fund', 'awards-register', query, offset],
    queryFn: () => api.publicAwards({ ...query, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  // The calls that awarded grants, for the call filter (published calls are public).
  const calls = useQuery({ queryKey: ['public', 'fund', 'awarded-calls'], queryFn: () => api.listCalls({ status: 'awarded', limit: 200, offset: 0 }) });
  const title = t('publicAwards.title');
  const sortProps = { sort: register.query.sort, order: register.query.order, onSort: register.sortBy };

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text maw={760}>{t('publicAwards.intro')}</Text>
      <Anchor component={Link} to="/transparency/fund" size="sm">
        {t('publicAwards.fundLink')}
      </Anchor>
      <Group align="flex-end" role="search" aria-label={t('publicAwards.filters')} wrap="wrap">
        <TextInput
          label={t('publicAwards.search')}
          description={t('publicAwards.searchHelp')}
          type="search"
          maxLength={200}
          value={register.search}
          onChange={(event) => register.setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          data-testid="awards-search"
        />
        <NativeSelect
          label={t('publicAwards.call')}
          data={[{ value: '', label: t('publicAwards.anyCall') }, ...(calls.data?.items ?? []).map((call) => ({ value: call.id, label: `${call.code} · ${callTitle(call)}` }))]}
          value={query.callId ?? ''}
          onChange={(event) => register.setFilter('callId', event.currentTarget.value)}
          style={{ flex: '0 1 280px' }}
          data-testid="awards-call"
        />
        <NativeSelect
          label={t('publicAwards.status')}
          data={[{ value: '', label: t('publicAwards.anyStatus') }, ...AWARD_STATUSES.map((value) => ({ value, label: t(`programs.awardStatus.${value}`) }))]}
          value={query.status ?? ''}
          onChange={(event) => register.setFilter('status', event.currentTarget.value)}
          data-testid="awards-status"
        />
        <NativeSelect
          label={t('publicAwards.currency')}
          data={[{ value: '', label: t('publicAwards.anyCurrency') }, ...CALL_CURRENCIES.map((value) => ({ value, label: value }))]}
          value={query.currency ?? ''}
          onChange={(event) => register.setFilter('currency', event.currentTarget.value)}
          data-testid="awards-currency"
        />
      </Group>
      <RegisterDownloads
        csv={api.publicAwardsUrl(query, 'csv')}
        json={api.publicAwardsUrl(query, 'json')}
        jsonFileName="adi-fund-awards.json"
        what={t('publicAwards.what')}
        testId="awards"
      />
      {awards.isPending ? (
        <Loading />
      ) : awards.isError ? (
        <ErrorAlert error={awards.error} onRetry={() => void awards.refetch()} />
      ) : (
        <>
          <TableFrame label={t('publicAwards.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={1000} data-testid="awards-table">
              <Table.Caption>{t('publicAwards.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="recipient" label={t('publicAwards.recipient')} testId="sort-recipient" {...sortProps} />
                  <SortableTh field="call" label={t('publicAwards.call')} testId="sort-call" {...sortProps} />
                  <Table.Th scope="col">{t('publicAwards.agreement')}</Table.Th>
                  <SortableTh field="amount" label={t('publicAwards.amount')} testId="sort-amount" numeric {...sortProps} />
                  <Table.Th scope="col" style={NUMERIC_HEADER}>
                    {t('publicAwards.paid')}
                  </Table.Th>
                  <Table.Th scope="col" style={NUMERIC_HEADER}>
                    {t('publicAwards.clawedBack')}
                  </Table.Th>
                  <Table.Th scope="col">{t('publicAwards.status')}</Table.Th>
                  <SortableTh field="date" label={t('publicAwards.date')} testId="sort-date" {...sortProps} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awards.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={8}>{t('publicAwards.none')}</Table.Td>
                  </Table.Tr>
                )}
                {awards.data.items.map((award) => (
                  <Table.Tr key={award.id} data-testid="register-award">
                    <Table.Td>
                      <Text fw={600}>{award.organizationName}</Text>
                      <Text size="sm">{award.title}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{callTitle(award)}</Text>
                      <Mono nowrap>{award.callCode}</Mono>
                    </Table.Td>
                    <Table.Td>
                      <Mono nowrap>{award.agreementNumber}</Mono>
                    </Table.Td>
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
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(award.awardedAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={awards.data.total} limit={PAGE_SIZE} offset={offset} onChange={register.setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
