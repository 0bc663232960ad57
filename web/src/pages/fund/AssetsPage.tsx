// The register of confiscated assets, newest first, filtered by kind and status.
import { Anchor, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ASSET_KINDS, ASSET_STATUSES } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { AssetStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { FUND_KEY } from '../../fund';

const PAGE_SIZE = 20;

export function AssetsPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const assets = useQuery({
    queryKey: [...FUND_KEY, 'assets', { kind, status, offset }],
    queryFn: () => api.listAssets({ kind, status, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('fund.assets.title');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <FundNav />
      <Text maw={760}>{t('fund.assets.intro')}</Text>
      <Group align="flex-end" role="search" aria-label={t('fund.assets.filters')} wrap="wrap">
        <NativeSelect
          label={t('fund.asset.kind')}
          data={[{ value: '', label: t('fund.assets.anyKind') }, ...ASSET_KINDS.map((k) => ({ value: k, label: t(`fund.assetKind.${k}`) }))]}
          value={kind}
          onChange={(event) => {
            setKind(event.currentTarget.value);
            setOffset(0);
          }}
        />
        <NativeSelect
          label={t('fund.asset.status')}
          data={[{ value: '', label: t('fund.anyStatus') }, ...ASSET_STATUSES.map((s) => ({ value: s, label: t(`fund.assetStatus.${s}`) }))]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {assets.isPending ? (
        <Loading />
      ) : assets.isError ? (
        <ErrorAlert error={assets.error} onRetry={() => void assets.refetch()} />
      ) : (
        <>
          <TableFrame label={t('fund.assets.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={820} data-testid="assets">
              <Table.Caption>{t('fund.assets.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.asset.description')}</Table.Th>
                  <Table.Th scope="col">{t('fund.asset.kind')}</Table.Th>
                  <Table.Th scope="col">{t('fund.asset.formerOwner')}</Table.Th>
                  <Table.Th scope="col">{t('fund.asset.decision')}</Table.Th>
                  <Table.Th scope="col">{t('fund.asset.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {assets.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {assets.data.items.map((asset) => (
                  <Table.Tr key={asset.id}>
                    <Table.Td maw={360}>
                      <Anchor component={Link} to={`/app/fund/assets/${asset.id}`} fw={600} lineClamp={2}>
                        {asset.description}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t(`fund.assetKind.${asset.kind}`)}</Table.Td>
                    <Table.Td>{asset.formerOwner?.name ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{asset.legalBasis.decisionNumber}</Text>
                      <Text size="xs">
                        {asset.legalBasis.court}, {formatDate(asset.legalBasis.decisionDate)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <AssetStatusBadge status={asset.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={assets.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
