// Residents of the special economic regime: staff see them all (status filter, search by name or
// certificate number), a company its own. Suspended residents past their cure deadline are flagged.
import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, RESIDENT_STATUSES } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { RegimeNav } from '../../components/RegimeNav';
import { ResidentStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { REGIME_KEY } from '../../regime';
import { isCompanyUser, useMe } from '../../session';

const PAGE_SIZE = 20;

export function ResidentsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const residents = useQuery({
    queryKey: [...REGIME_KEY, 'residents', { q, status, offset }],
    queryFn: () => api.listResidents({ q, status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const company = isCompanyUser(me.user);
  const title = t('regime.residents.title');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{company ? t('regime.residents.companyIntro') : t('regime.residents.intro')}</Text>
      {!company && (
        <Group align="flex-end" role="search" aria-label={t('regime.residents.filters')} wrap="wrap">
          <TextInput
            label={t('regime.residents.search')}
            type="search"
            maxLength={200}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setOffset(0);
            }}
            style={{ flex: '1 1 260px' }}
          />
          <NativeSelect
            label={t('regime.residents.status')}
            data={[{ value: '', label: t('regime.residents.anyStatus') }, ...RESIDENT_STATUSES.map((s) => ({ value: s, label: t(`regime.residentStatus.${s}`) }))]}
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value);
              setOffset(0);
            }}
          />
        </Group>
      )}
      {residents.isPending ? (
        <Loading />
      ) : residents.isError ? (
        <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={820}>
              <Table.Caption>{t('regime.residents.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.certificate')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.grantedAt')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.cureDeadline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {residents.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{company ? t('regime.residents.noneCompany') : t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {residents.data.items.map((resident) => (
                  <Table.Tr key={resident.id} data-testid="resident-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/app/regime/residents/${resident.id}`} fw={600}>
                        {resident.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Mono nowrap>{resident.certificateNumber}</Mono>
                    </Table.Td>
                    <Table.Td>
                      <ResidentStatusBadge status={resident.status} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(resident.grantedAt)}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <span>{resident.cureDeadline ? formatDate(resident.cureDeadline) : t('common.none')}</span>
                        {resident.cureOverdue && (
                          <Badge color="red" variant="filled" tt="none" miw="max-content">
                            {t('regime.overdue')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={residents.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
