// The public register of Alliance members: anyone may read, search and download it (CSV, JSON).
import { Anchor, Badge, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
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
import { TableFrame } from '../components/TableFrame';
import { formatDate } from '../format';

const PAGE_SIZE = 25;

export function PublicMembersPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [capability, setCapability] = useState('');
  const [offset, setOffset] = useState(0);
  const members = useQuery({
    queryKey: ['public', 'members', { q, country, capability, offset }],
    queryFn: () => api.listPublicMembers({ q, country, capability, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack>
      <PageHeading documentTitle={t('publicMembers.title')}>{t('publicMembers.title')}</PageHeading>
      <Text maw={760}>{t('publicMembers.intro')}</Text>
      <Group gap="lg">
        <Anchor href={api.publicMembersCsvUrl} download data-testid="members-csv">
          {t('publicMembers.downloadCsv')}
        </Anchor>
        <Anchor href={api.publicMembersJsonUrl} target="_blank" rel="noopener" data-testid="members-json">
          {t('publicMembers.openJson')}
        </Anchor>
      </Group>
      <Group align="flex-end" role="search" wrap="wrap">
        <TextInput
          label={t('publicMembers.search')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setOffset(0);
          }}
          style={{ flex: '1 1 260px' }}
        />
        <CountrySelect
          label={t('publicMembers.country')}
          anyLabel={t('organizations.anyCountry')}
          value={country}
          onChange={(value) => {
            setCountry(value ?? '');
            setOffset(0);
          }}
          style={{ flex: '0 1 240px' }}
        />
        <CapabilityFilter
          label={t('publicMembers.capability')}
          value={capability}
          onChange={(value) => {
            setCapability(value);
            setOffset(0);
          }}
          style={{ flex: '0 1 260px' }}
        />
      </Group>
      {members.isPending ? (
        <Loading />
      ) : members.isError ? (
        <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <>
          <TableFrame label={t('publicMembers.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={760}>
              <Table.Caption>{t('publicMembers.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('publicMembers.name')}</Table.Th>
                  <Table.Th scope="col">{t('publicMembers.nameUk')}</Table.Th>
                  <Table.Th scope="col">{t('publicMembers.country')}</Table.Th>
                  <Table.Th scope="col">{t('publicMembers.capabilities')}</Table.Th>
                  <Table.Th scope="col">{t('publicMembers.memberSince')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('publicMembers.none')}</Table.Td>
                  </Table.Tr>
                )}
                {members.data.items.map((member) => (
                  <Table.Tr key={`${member.name}-${member.memberSince}`}>
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
          <Pager total={members.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('publicMembers.title')} />
        </>
      )}
    </Stack>
  );
}
