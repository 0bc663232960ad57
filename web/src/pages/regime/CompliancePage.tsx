// Annual reporting for one year: each current resident's report (not started, draft, accepted or
// failed), the due date and the end of the grace period, with overdue reports flagged in words.
import { Anchor, Badge, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { ReportStatusBadge, ResidentStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { formatDate } from '../../format';
import { lastYear, REGIME_KEY, yearOptions } from '../../regime';

export function CompliancePage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(lastYear());
  const compliance = useQuery({
    queryKey: [...REGIME_KEY, 'compliance', year],
    queryFn: () => api.compliance(year),
    placeholderData: keepPreviousData,
  });
  const title = t('regime.compliance.title');
  const items = compliance.data?.items ?? [];
  const counts = {
    overdue: items.filter((i) => i.overdue).length,
    accepted: items.filter((i) => i.reportStatus === 'accepted').length,
    failed: items.filter((i) => i.reportStatus === 'failed').length,
  };

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{t('regime.compliance.intro')}</Text>
      <Group align="flex-end" wrap="wrap" gap="xl">
        <NativeSelect label={t('regime.compliance.year')} data={yearOptions()} value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))} data-testid="compliance-year" />
        {compliance.data && <Text size="sm">{t('regime.compliance.dueOn', { date: formatDate(compliance.data.dueOn) })}</Text>}
      </Group>
      {compliance.isPending ? (
        <Loading />
      ) : compliance.isError ? (
        <ErrorAlert error={compliance.error} onRetry={() => void compliance.refetch()} />
      ) : (
        <>
          <Text size="sm" role="status" data-testid="compliance-summary">
            {t('regime.compliance.summary', { total: items.length, accepted: counts.accepted, failed: counts.failed, overdue: counts.overdue })}
          </Text>
          <TableFrame label={title}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{t('regime.compliance.caption', { year: compliance.data.year })}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('regime.compliance.residentStatus')}</Table.Th>
                  <Table.Th scope="col">{t('regime.compliance.report')}</Table.Th>
                  <Table.Th scope="col">{t('regime.columns.dueOn')}</Table.Th>
                  <Table.Th scope="col">{t('regime.compliance.graceEnds')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('regime.compliance.none')}</Table.Td>
                  </Table.Tr>
                )}
                {items.map((row) => (
                  <Table.Tr
                    key={row.residentId}
                    data-testid="compliance-row"
                    data-overdue={row.overdue || undefined}
                    style={row.overdue ? { background: 'var(--mantine-color-red-0)' } : undefined}
                  >
                    <Table.Td>
                      <Anchor component={Link} to={`/app/regime/residents/${row.residentId}`} fw={600}>
                        {row.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ResidentStatusBadge status={row.residentStatus} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        {row.reportId ? (
                          <Anchor component={Link} to={`/app/regime/reports/${row.reportId}`} aria-label={t('regime.resident.reportFor', { year: row.year })}>
                            <ReportStatusBadge status={row.reportStatus} />
                          </Anchor>
                        ) : (
                          <ReportStatusBadge status={row.reportStatus} />
                        )}
                        {row.overdue && (
                          <Badge color="red" variant="filled" tt="none" miw="max-content">
                            {t('regime.overdue')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.dueOn)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.graceEndsOn)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        </>
      )}
    </Stack>
  );
}
