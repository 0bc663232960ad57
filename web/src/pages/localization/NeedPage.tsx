// One need: its current quantity and note, and every version with who recorded it, when and why
// (a revision never overwrites what was planned before). Officers revise it from here.
import { Anchor, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { formatDateTime, formatNumber } from '../../format';
import { LOCALIZATION_OFFICERS, categoryUnit, columnsOf, needKey, ownCategoryName } from '../../localization';
import { hasAnyRole, useMe } from '../../session';
import { ReviseNeedDialog } from './ReviseNeedDialog';

export function NeedPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const need = useQuery({ queryKey: needKey(id), queryFn: () => api.getNeed(id) });
  const [revising, setRevising] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fallback = t('localization.need.title');
  if (need.isPending) return <Loading />;
  if (need.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={fallback}>{fallback}</PageHeading>
        <ErrorAlert error={need.error} onRetry={() => void need.refetch()} />
      </Stack>
    );
  }
  const data = need.data;
  const unit = categoryUnit(data);
  const caption = t('localization.need.historyCaption');
  return (
    <Stack>
      <PageHeading documentTitle={fallback}>{t('localization.need.heading', { category: ownCategoryName(data), period: data.period })}</PageHeading>
      <LocalizationNav />
      <Anchor component={Link} to="/app/localization/needs" size="sm">
        {t('localization.need.back')}
      </Anchor>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <Card withBorder component="section" aria-labelledby="need-current">
        <Group justify="space-between" align="flex-start" mb="sm">
          <Title order={2} size="h3" id="need-current">
            {t('localization.need.current')}
          </Title>
          {me && hasAnyRole(me.user, LOCALIZATION_OFFICERS) && (
            <Button variant="default" onClick={() => setRevising(true)} data-testid="revise-need">
              {t('localization.needs.revise')}
            </Button>
          )}
        </Group>
        <Facts testId="need-facts">
          <Fact label={t('localization.columns.category')}>{ownCategoryName(data)}</Fact>
          <Fact label={t('localization.columns.period')}>{data.period}</Fact>
          <Fact label={t('localization.columns.need')} testId="need-quantity-shown">{`${formatNumber(data.quantity)} ${unit}`}</Fact>
          <Fact label={t('localization.columns.note')}>{data.note ?? t('common.none')}</Fact>
          <Fact label={t('localization.columns.version')}>{data.version}</Fact>
          <Fact label={t('localization.need.enteredBy')}>{`${data.createdBy}, ${formatDateTime(data.createdAt)}`}</Fact>
        </Facts>
        <Text size="sm" mt="sm">
          {t('localization.need.restricted')}
        </Text>
      </Card>
      <TitledSection id="need-history" title={t('localization.need.history')}>
        <DataTable
          caption={caption}
          columns={[...columnsOf(t, ['version']), ...columnsOf(t, ['need'], true), ...columnsOf(t, ['note', 'reason', 'recordedBy'])]}
          minWidth={760}
          verticalSpacing="sm"
          testId="need-history"
        >
          {[...data.history].sort((a, b) => b.version - a.version).map((version) => (
            <Table.Tr key={version.version} data-testid="need-version">
              <Table.Th scope="row" fw={400}>
                {version.version}
              </Table.Th>
              <Table.Td style={NUMERIC}>{`${formatNumber(version.quantity)} ${unit}`}</Table.Td>
              <Table.Td maw={280} style={{ whiteSpace: 'pre-wrap' }}>
                {version.note ?? t('common.none')}
              </Table.Td>
              <Table.Td maw={320} style={{ whiteSpace: 'pre-wrap' }}>
                {version.reason ?? t('localization.need.firstVersion')}
              </Table.Td>
              <Table.Td>{`${version.recordedBy}, ${formatDateTime(version.recordedAt)}`}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </TitledSection>
      <ReviseNeedDialog
        need={revising ? data : null}
        onClose={() => setRevising(false)}
        onRevised={(saved) => {
          setRevising(false);
          setNotice(t('localization.needs.revised', { category: ownCategoryName(saved), period: saved.period, version: saved.version }));
        }}
      />
    </Stack>
  );
}
