// One category in a year or quarter: its need, confirmed output, gap, coverage and forecast; the
// members whose confirmed reports make up the output (with each one's share); the fund's awards that
// promised capacity in it; and how its coverage moved over the periods.
import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, AWARD_STATUSES, type AwardStatus, type LocalizationGapDetail } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { LineChart } from '../../components/LineChart';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { PeriodPicker } from '../../components/PeriodPicker';
import { AwardStatusBadge } from '../../components/StatusBadge';
import { TitledSection } from '../../components/TitledSection';
import { formatNumber, formatOr, formatPercent } from '../../format';
import { LOCALIZATION_KEY, categoryName, categoryUnit, columnsOf, usePeriodParam } from '../../localization';
import { AWARD_READERS } from '../../programs';
import { hasAnyRole, useMe } from '../../session';

export function CategoryPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [period, setPeriod] = usePeriodParam();
  const detail = useQuery({
    queryKey: [...LOCALIZATION_KEY, 'gap', code, period],
    queryFn: () => api.localizationGapDetail(code, period),
    placeholderData: keepPreviousData,
  });
  const fallbackTitle = t('localization.category.title');
  const title = detail.data ? t('localization.category.heading', { name: categoryName(detail.data.category), period }) : fallbackTitle;
  return (
    <Stack>
      <PageHeading documentTitle={detail.data ? categoryName(detail.data.category) : fallbackTitle}>{title}</PageHeading>
      <LocalizationNav />
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <PeriodPicker value={period} onChange={setPeriod} legend={t('localization.period.legend')} testId="category-period" />
        <Anchor component={Link} to={`/app/localization?period=${period}`} size="sm">
          {t('localization.category.back', { period })}
        </Anchor>
      </Group>
      {detail.isPending ? <Loading /> : detail.isError ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : <CategoryView detail={detail.data} />}
    </Stack>
  );
}

function CategoryView({ detail }: { detail: LocalizationGapDetail }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const row = detail.category;
  const unit = categoryUnit(row);
  const quantity = (value: number | null) => (value === null ? t('common.none') : `${formatNumber(value)} ${unit}`);
  const canOpenAwards = Boolean(me) && hasAnyRole(me!.user, AWARD_READERS);
  return (
    <>
      <Card withBorder component="section" aria-labelledby="category-figures">
        <Title order={2} size="h3" id="category-figures" mb="sm">
          {t('localization.category.figures')}
        </Title>
        <Facts testId="category-facts">
          <Fact label={t('localization.columns.need')}>{quantity(row.need)}</Fact>
          <Fact label={t('localization.columns.confirmedOutput')}>{quantity(row.domesticOutput)}</Fact>
          <Fact label={t('localization.columns.confirmedCapacity')}>{quantity(row.capacity)}</Fact>
          <Fact label={t('localization.columns.gap')}>{quantity(row.gap)}</Fact>
          <Fact label={t('localization.columns.coverage')} testId="category-coverage">
            {formatOr(row.coveragePercent, formatPercent)}
          </Fact>
          <Fact label={t('localization.columns.importedContent')}>{formatOr(row.importedContentPercent, (v) => `${v} %`)}</Fact>
          <Fact label={t('localization.columns.companies')}>{row.reportingCompanies}</Fact>
          <Fact label={t('localization.columns.pendingReports')}>{row.pendingReports}</Fact>
          <Fact label={t('localization.columns.outstandingPromised')}>{quantity(row.outstandingPromised)}</Fact>
          <Fact label={t('localization.columns.forecastOutput')}>{quantity(row.forecastOutput)}</Fact>
          <Fact label={t('localization.columns.forecastCoverage')}>{formatOr(row.forecastCoveragePercent, formatPercent)}</Fact>
        </Facts>
      </Card>

      <TitledSection id="category-members" title={t('localization.category.members')}>
        <DataTable
          caption={t('localization.category.membersCaption', { period: detail.period })}
          columns={[...columnsOf(t, ['organization', 'country']), ...columnsOf(t, ['output', 'capacity', 'importedContent', 'share'], true)]}
          minWidth={760}
          testId="category-members-table"
          isEmpty={detail.members.length === 0}
          empty={t('localization.category.noMembers')}
        >
          {detail.members.map((member) => (
            <Table.Tr key={member.organizationId} data-testid="category-member">
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={`/app/organizations/${member.organizationId}`}>
                  {member.organizationName}
                </Anchor>
              </Table.Th>
              <Table.Td>{member.country}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(member.domesticOutput)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(member.capacity)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatOr(member.importedContentPercent, (v) => `${v} %`)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatOr(member.sharePercent, formatPercent)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </TitledSection>

      <TitledSection id="category-awards" title={t('localization.category.awards')}>
        <DataTable
          caption={t('localization.category.awardsCaption', { period: detail.period })}
          columns={[...columnsOf(t, ['agreement', 'organization', 'status']), ...columnsOf(t, ['promised', 'delivered', 'outstanding'], true)]}
          minWidth={760}
          testId="category-awards-table"
          isEmpty={detail.awards.length === 0}
          empty={t('localization.category.noAwards')}
        >
          {detail.awards.map((award) => (
            <Table.Tr key={award.awardId}>
              <Table.Th scope="row" fw={400}>
                {canOpenAwards ? (
                  <Anchor component={Link} to={`/app/programs/awards/${award.awardId}`}>
                    {award.agreementNumber}
                  </Anchor>
                ) : (
                  award.agreementNumber
                )}
              </Table.Th>
              <Table.Td>{award.organizationName}</Table.Td>
              <Table.Td>{(AWARD_STATUSES as readonly string[]).includes(award.status) ? <AwardStatusBadge status={award.status as AwardStatus} /> : award.status}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(award.promised)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(award.delivered)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(award.outstanding)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      </TitledSection>

      <TitledSection id="category-trend" title={t('localization.category.trend')}>
        {detail.trend.some((p) => p.coveragePercent !== null || p.forecastCoveragePercent !== null) && (
          <LineChart
            testId="category-trend-chart"
            periods={detail.trend.map((p) => p.period)}
            series={[
              { key: 'coverage', label: t('localization.columns.coverage'), values: detail.trend.map((p) => p.coveragePercent) },
              { key: 'forecast', label: t('localization.columns.forecastCoverage'), values: detail.trend.map((p) => p.forecastCoveragePercent) },
            ]}
            format={(value) => formatPercent(value, 0)}
            minTop={100}
            description={t('localization.category.trendChart', { name: categoryName(row) })}
            tableCaption={t('localization.category.trendCaption')}
            seriesHeader={t('localization.columns.measure')}
          />
        )}
        <DataTable
          caption={t('localization.category.trendTableCaption', { unit })}
          columns={[...columnsOf(t, ['period']), ...columnsOf(t, ['need', 'confirmedOutput', 'coverage', 'forecastCoverage'], true)]}
          minWidth={640}
          testId="category-trend-table"
          isEmpty={detail.trend.length === 0}
          empty={t('localization.category.noTrend')}
        >
          {detail.trend.map((point) => (
            <Table.Tr key={point.period}>
              <Table.Th scope="row" fw={point.period === detail.period ? 700 : 400}>
                {point.period}
              </Table.Th>
              <Table.Td style={NUMERIC}>{formatOr(point.need)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatNumber(point.domesticOutput)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatOr(point.coveragePercent, formatPercent)}</Table.Td>
              <Table.Td style={NUMERIC}>{formatOr(point.forecastCoveragePercent, formatPercent)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        <Text size="sm" c="dimmed">
          {t('localization.category.trendNote')}
        </Text>
      </TitledSection>
    </>
  );
}
