// The public register of residents of the special economic regime: anyone may read and search it,
// choose current (active or suspended) or former (terminated or exited) residents, open each
// certificate's verification page and download the register as CSV or JSON.
import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type PublicResident } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { ResidentStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';

const PAGE_SIZE = 25;

export function PublicResidentsPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<'current' | 'former' | ''>('current');
  const [offset, setOffset] = useState(0);
  const residents = useQuery({
    queryKey: ['public', 'regime-residents', { q, status, offset }],
    queryFn: () => api.listPublicResidents({ q, status: status || undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('regime.public.title');
  const filters = { q, status: status || undefined };

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text maw={760}>{t('regime.public.intro')}</Text>
      <Group gap="lg">
        <Anchor href={api.publicResidentsUrl(filters, 'csv')} download data-testid="residents-csv">
          {t('regime.public.downloadCsv')}
        </Anchor>
        <Anchor href={api.publicResidentsUrl(filters, 'json')} target="_blank" rel="noopener" data-testid="residents-json">
          {t('regime.public.openJson')}
        </Anchor>
      </Group>
      <Group align="flex-end" role="search" aria-label={t('regime.public.filters')} wrap="wrap">
        <TextInput
          label={t('regime.public.search')}
          description={t('regime.public.searchHelp')}
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
          label={t('regime.public.which')}
          data={[
            { value: 'current', label: t('regime.public.current') },
            { value: 'former', label: t('regime.public.former') },
            { value: '', label: t('regime.public.all') },
          ]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value as 'current' | 'former' | '');
            setOffset(0);
          }}
          data-testid="residents-which"
        />
      </Group>
      {residents.isPending ? (
        <Loading />
      ) : residents.isError ? (
        <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />
      ) : (
        <>
          <TableFrame label={t('regime.public.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('regime.public.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('regime.public.name')}</Table.Th>
                  <Table.Th scope="col">{t('regime.public.identifiers')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.certificate')}</Table.Th>
                  <Table.Th scope="col">{t('regime.public.dates')}</Table.Th>
                  <Table.Th scope="col">{t('regime.public.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {residents.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('regime.public.none')}</Table.Td>
                  </Table.Tr>
                )}
                {residents.data.items.map((resident) => (
                  <ResidentRow key={resident.certificateId} resident={resident} />
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

function ResidentRow({ resident }: { resident: PublicResident }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const hidden = t('regime.public.hidden');
  return (
    <Table.Tr data-testid="public-resident">
      <Table.Td>
        <Text fw={600}>{resident.name}</Text>
        {resident.nameUk && (
          <Text size="sm" lang="uk">
            {resident.nameUk}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          {resident.identifiers.length === 0 ? t('common.none') : resident.identifiers.map((identifier) => <Mono key={identifier} nowrap>{identifier}</Mono>)}
        </Stack>
      </Table.Td>
      <Table.Td>
        <ResidentStatusBadge status={resident.status} />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} to={`/verify/${resident.certificateId}`} style={{ whiteSpace: 'nowrap' }} aria-label={t('regime.public.verifyCertificate', { number: resident.certificateNumber })}>
          {resident.certificateNumber}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">{t('regime.public.grantedOn', { date: formatDate(resident.grantedAt) })}</Text>
          {resident.suspendedAt && <Text size="sm">{t('regime.public.suspendedOn', { date: formatDate(resident.suspendedAt) })}</Text>}
          {resident.endedAt && <Text size="sm">{t('regime.public.endedOn', { date: formatDate(resident.endedAt) })}</Text>}
          {resident.endGrounds && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {t('regime.public.grounds', { grounds: resident.endGrounds })}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Text size="sm">
            {t('regime.public.website')}:{' '}
            {resident.website ? (
              <Anchor href={resident.website} target="_blank" rel="noopener noreferrer" size="sm">
                {resident.website.replace(/^https?:\/\//, '')}
              </Anchor>
            ) : (
              hidden
            )}
          </Text>
          <Text size="sm">
            {t('regime.public.address')}: {resident.address ?? hidden}
          </Text>
          <Group gap={4}>
            <Text size="sm">{t('regime.public.capabilities')}:</Text>
            {resident.capabilities === null
              ? <Text size="sm">{hidden}</Text>
              : resident.capabilities.length === 0
                ? <Text size="sm">{t('common.none')}</Text>
                : capabilityNames(capabilities.data, resident.capabilities).map((name) => (
                    <Badge key={name} variant="light" color="gray" tt="none" miw="max-content">
                      {name}
                    </Badge>
                  ))}
          </Group>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
