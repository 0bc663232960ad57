// The public register of residents of the special economic regime: anyone may read and search it,
// choose current (active or suspended) or former (terminated or exited) residents, sort it by the
// column headers (mouse or keyboard), open each certificate's verification page and download every
// matching resident as CSV or JSON in the same order. The view lives in the address, to be shared.
import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type PublicResident, type PublicResidentQuery } from '../../api';
import { capabilityNames, useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { RegisterDownloads } from '../../components/RegisterDownloads';
import { SortableTh } from '../../components/SortableTh';
import { ResidentStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { RESIDENT_SORTS, useRegisterQuery } from '../../registers';

const PAGE_SIZE = 25;
const FILTERS = ['status'] as const;
/** The "which residents" choice in the address: none means current ones, `all` means every one. */
const ALL = 'all';

export function PublicResidentsPage() {
  const { t } = useTranslation();
  const register = useRegisterQuery(RESIDENT_SORTS, FILTERS);
  const { offset } = register;
  const which = register.query.status === 'former' || register.query.status === ALL ? register.query.status : 'current';
  const query: PublicResidentQuery = { ...register.query, status: which === ALL ? undefined : which };
  const residents = useQuery({
    queryKey: ['public', 'regime-residents', query, offset],
    queryFn: () => api.listPublicResidents({ ...query, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('regime.public.title');
  const sortProps = { sort: register.query.sort, order: register.query.order, onSort: register.sortBy };

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text maw={760}>{t('regime.public.intro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('regime.public.filters')} wrap="wrap">
        <TextInput
          label={t('regime.public.search')}
          description={t('regime.public.searchHelp')}
          type="search"
          maxLength={200}
          value={register.search}
          onChange={(event) => register.setSearch(event.currentTarget.value)}
          style={{ flex: '1 1 260px' }}
          data-testid="residents-search"
        />
        <NativeSelect
          label={t('regime.public.which')}
          data={[
            { value: 'current', label: t('regime.public.current') },
            { value: 'former', label: t('regime.public.former') },
            { value: ALL, label: t('regime.public.all') },
          ]}
          value={which}
          onChange={(event) => register.setFilter('status', event.currentTarget.value === 'current' ? '' : event.currentTarget.value)}
          data-testid="residents-which"
        />
      </Group>
      <RegisterDownloads
        csv={api.publicResidentsUrl(query, 'csv')}
        json={api.publicResidentsUrl(query, 'json')}
        jsonFileName="adi-regime-residents.json"
        what={t('regime.public.what')}
        testId="residents"
      />
      {residents.isPending ? (
        <Loading />
      ) : residents.isError ? (
        <ErrorAlert error={residents.error} onRetry={() => void residents.refetch()} />
      ) : (
        <>
          <TableFrame label={t('regime.public.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900} data-testid="residents-table">
              <Table.Caption>{t('regime.public.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <SortableTh field="name" label={t('regime.public.name')} testId="sort-name" {...sortProps} />
                  <Table.Th scope="col">{t('regime.public.identifiers')}</Table.Th>
                  <SortableTh field="status" label={t('regime.columns.status')} testId="sort-status" {...sortProps} />
                  <Table.Th scope="col">{t('regime.columns.certificate')}</Table.Th>
                  <SortableTh field="since" label={t('regime.public.dates')} testId="sort-since" {...sortProps} />
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
          <Pager total={residents.data.total} limit={PAGE_SIZE} offset={offset} onChange={register.setOffset} label={title} />
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
