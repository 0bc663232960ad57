// The public register of Alliance members: anyone may read, search, filter and sort it (by the column
// headers, with a mouse or the keyboard), page through it and download every matching member as CSV or
// JSON in the same order. The search, filters, sort and page live in the address, so a view can be shared.
import { Badge, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { capabilityLabel } from '../capabilities';
import { countryName } from '../countries';
import { CapabilityFilter } from '../components/CapabilityFilter';
import { CountrySelect } from '../components/CountrySelect';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { RegisterDownloads } from '../components/RegisterDownloads';
import { SortableTh } from '../components/SortableTh';
import { TableFrame } from '../components/TableFrame';
import { formatDate } from '../format';
import { MEMBER_SORTS, useRegisterQuery } from '../registers';

const PAGE_SIZE = 25;
const FILTERS = ['country', 'capability'] as const;

export function PublicMembersPage() {
  const { t } = useTranslation();
  const register = useRegisterQuery(MEMBER_SORTS, FILTERS);
  const { query, offset } = register;
  const members = useQuery({
    queryKey: ['public', 'members', query, offset],
    queryFn: () => api.listPublicMembers({ ...query, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const sortProps = { sort: query.sort, order: query.order, onSort: register.sortBy };

  return (
    <Stack>
      <PageHeading documentTitle={t('publicMembers.title')}>{t('publicMembers.title')}</PageHeading>
      <Text maw={760}>{t('publicMembers.intro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('publicMembers.filters')} wrap="wrap">
        <TextInput
          label={t('publicMembers.search')}
          type="search"
          maxLength={200}
          value={register.search}
          onChange={(event) => register.setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          data-testid="members-search"
        />
        <CountrySelect
          label={t('publicMembers.country')}
          anyLabel={t('organizations.anyCountry')}
          value={query.country}
          onChange={(value) => register.setFilter('country', value ?? '')}
          style={{ flex: '0 1 240px' }}
        />
        <CapabilityFilter label={t('publicMembers.capability')} value={query.capability} onChange={(value) => register.setFilter('capability', value)} style={{ flex: '0 1 260px' }} />
      </Group>
      <RegisterDownloads
        csv={api.publicMembersUrl(query, 'csv')}
        json={api.publicMembersUrl(query, 'json')}
        jsonFileName="adi-members.json"
        what={t('publicMembers.what')}
        testId="members"
      />
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <TableFrame label={t('publicMembers.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={760} data-testid="members-table">
              <Table.Caption>{t('publicMembers.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" label={t('publicMembers.name')} testId="sort-name" {...sortProps} />
                  <Table.Th scope="col">{t('publicMembers.nameUk')}</Table.Th>
                  <SortableTh field="country" label={t('publicMembers.country')} testId="sort-country" {...sortProps} />
                  <Table.Th scope="col">{t('publicMembers.capabilities')}</Table.Th>
                  <SortableTh field="member_since" label={t('publicMembers.memberSince')} testId="sort-member_since" {...sortProps} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('publicMembers.none')}</Table.Td>
                  </Table.Tr>
                )}
                {members.data.items.map((member, index) => (
                  <Table.Tr key={`${offset + index}-${member.name}`} data-testid="public-member">
                    <Table.Td fw={600}>{member.name}</Table.Td>
                    <Table.Td lang="uk">{member.nameUk ?? t('common.none')}</Table.Td>
                    <Table.Td>{countryName(member.country)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {member.capabilities.map((c) => (
                          <Badge key={c.code} variant="light" color="gray" tt="none" miw="max-content">
                            {capabilityLabel(c)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(member.memberSince)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={members.data.total} limit={PAGE_SIZE} offset={offset} onChange={register.setOffset} label={t('publicMembers.title')} />
        </>
      )}
    </Stack>
  );
}
