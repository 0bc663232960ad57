// Localization at a glance for officers and auditors: for a year or a quarter, how much of the need
// domestic production covers in each top-level category (bars), how that coverage moved over the
// years (lines), and the gaps in every category of the taxonomy, each linked to its contributors.
// The gaps download as CSV, or as XLSX with the contributors, needs and reports. Administrators,
// who keep the taxonomy but do not read restricted figures, are taken to the taxonomy instead.
import { Anchor, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api, type LocalizationGap } from '../../api';
import { BarChart } from '../../components/BarChart';
import { DataTable } from '../../components/DataTable';
import { Downloads } from '../../components/Downloads';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LineChart } from '../../components/LineChart';
import { Loading } from '../../components/Loading';
import { LOCALIZATION_NAV_PAGES, LocalizationNav } from '../../components/LocalizationNav';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { PeriodPicker } from '../../components/PeriodPicker';
import { TitledSection } from '../../components/TitledSection';
import { formatNumber, formatOr, formatPercent } from '../../format';
import { LOCALIZATION_KEY, LOCALIZATION_STAFF, categoryName, columnsOf, categoryUnit, hasFigures, usePeriodParam } from '../../localization';
import { hasAnyRole, useMe } from '../../session';

export function LocalizationDashboardPage() {
  const { data: me } = useMe();
  if (!me) return null;
  if (!hasAnyRole(me.user, LOCALIZATION_STAFF)) {
    const first = LOCALIZATION_NAV_PAGES.find((page) => page.path !== '/app/localization' && hasAnyRole(me.user, page.roles));
    if (first) return <Navigate to={first.path} replace />;
  }
  return <Dashboard />;
}

function Dashboard() {
  const { t } = useTranslation();
  const [period, setPeriod] = usePeriodParam();
  const quarterly = period.includes('-');
  const gaps = useQuery({
    queryKey: [...LOCALIZATION_KEY, 'gaps', period],
    queryFn: () => api.localizationGaps(period),
    placeholderData: keepPreviousData,
  });
  const trend = useQuery({
    queryKey: [...LOCALIZATION_KEY, 'trend', quarterly ? 'quarter' : 'year'],
    queryFn: () => api.localizationTrend({ granularity: quarterly ? 'quarter' : 'year' }),
  });
  const title = t('localization.dashboard.title');
  const topLevel = (gaps.data?.items ?? []).filter((row) => row.level === 0 && row.coveragePercent !== null);
  const series = (trend.data?.series ?? []).filter((s) => s.points.some((p) => p.coveragePercent !== null));

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <LocalizationNav />
      <Text maw={760}>{t('localization.dashboard.intro')}</Text>
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <PeriodPicker value={period} onChange={setPeriod} legend={t('localization.period.legend')} testId="dashboard-period" />
        <Downloads what={t('localization.dashboard.what', { period })} csv={api.localizationGapsUrl(period, 'csv')} xlsx={api.localizationGapsUrl(period, 'xlsx')} testId="gaps-downloads" />
      </Group>

      <TitledSection id="coverage-heading" title={t('localization.dashboard.coverageHeading', { period })}>
        {gaps.isPending ? (
          <Loading />
        ) : gaps.isError ? (
          <ErrorAlert error={gaps.error} onRetry={() => void gaps.refetch()} />
        ) : topLevel.length === 0 ? (
          <Text c="dimmed">{t('localization.dashboard.noCoverage', { period })}</Text>
        ) : (
          <BarChart
            testId="coverage-chart"
            max={100}
            description={t('localization.dashboard.coverageChart', { period, count: topLevel.length })}
            bars={topLevel.map((row) => ({ key: row.code, label: categoryName(row), value: row.coveragePercent ?? 0, text: formatPercent(row.coveragePercent ?? 0) }))}
          />
        )}
      </TitledSection>

      <TitledSection id="trend-heading" title={quarterly ? t('localization.dashboard.trendHeadingQuarters') : t('localization.dashboard.trendHeading')}>
        {trend.isPending ? (
          <Loading />
        ) : trend.isError ? (
          <ErrorAlert error={trend.error} onRetry={() => void trend.refetch()} />
        ) : series.length === 0 ? (
          <Text c="dimmed">{t('localization.dashboard.noTrend')}</Text>
        ) : (
          <LineChart
            testId="trend-chart"
            periods={trend.data.periods}
            series={series.map((s) => ({ key: s.code, label: categoryName(s), values: s.points.map((p) => p.coveragePercent) }))}
            format={(value) => formatPercent(value, 0)}
            minTop={100}
            description={t('localization.dashboard.trendChart', { count: series.length })}
            tableCaption={t('localization.dashboard.trendCaption')}
            seriesHeader={t('localization.columns.category')}
          />
        )}
      </TitledSection>

      <TitledSection id="gaps-heading" title={t('localization.dashboard.gapsHeading', { period })}>
        {gaps.data && <GapsTable rows={gaps.data.items} period={gaps.data.period} />}
      </TitledSection>
    </Stack>
  );
}

/** The gaps of every category as a tree: sub-categories indented under their parent. */
function GapsTable({ rows, period }: { rows: LocalizationGap[]; period: string }) {
  const { t } = useTranslation();
  const [onlyWithFigures, setOnlyWithFigures] = useState(true);
  const shown = onlyWithFigures ? rows.filter(hasFigures) : rows;
  const caption = t('localization.dashboard.gapsCaption', { period });
  return (
    <>
      <Checkbox label={t('localization.dashboard.onlyWithFigures')} checked={onlyWithFigures} onChange={(event) => setOnlyWithFigures(event.currentTarget.checked)} data-testid="only-with-figures" />
      <DataTable
        caption={caption}
        minWidth={880}
        testId="gaps-table"
        isEmpty={shown.length === 0}
        empty={t('localization.dashboard.noGaps', { period })}
        columns={[
          { label: t('localization.columns.category'), minWidth: 180 },
          ...columnsOf(t, ['unit']),
          ...columnsOf(t, ['need', 'confirmedOutput', 'gap', 'coverage', 'forecastCoverage', 'companies', 'pendingReports'], true),
        ]}
      >
        {shown.map((row) => (
          <Table.Tr key={row.code} data-testid={`gap-${row.code}`}>
            <Table.Th scope="row" fw={row.level === 0 ? 700 : 400} style={{ paddingLeft: `calc(var(--mantine-spacing-xs) + ${row.level * 1.25}rem)` }}>
              <Anchor component={Link} to={`/app/localization/categories/${encodeURIComponent(row.code)}?period=${period}`} fw="inherit">
                {categoryName(row)}
              </Anchor>
            </Table.Th>
            <Table.Td>{categoryUnit(row)}</Table.Td>
            <Table.Td style={NUMERIC}>{formatOr(row.need)}</Table.Td>
            <Table.Td style={NUMERIC}>{formatNumber(row.domesticOutput)}</Table.Td>
            <Table.Td style={NUMERIC}>{formatOr(row.gap)}</Table.Td>
            <Table.Td style={NUMERIC} data-testid="coverage">
              {formatOr(row.coveragePercent, formatPercent)}
            </Table.Td>
            <Table.Td style={NUMERIC}>{formatOr(row.forecastCoveragePercent, formatPercent)}</Table.Td>
            <Table.Td style={NUMERIC}>{row.reportingCompanies}</Table.Td>
            <Table.Td style={NUMERIC}>{row.pendingReports}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </>
  );
}
