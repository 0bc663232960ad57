// The transparency dashboard: in one view and with no sign-in, the fund's money in by source and out by
// use per year (a chart per currency, every figure also in a table), members by country, the active
// residents of the special regime, how well domestic production covers the forces' needs (the public,
// suppressed bands), and the head of the audit log with its latest signed checkpoint. Each part links
// to the page with the detail.
import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, COVERAGE_BANDS, type CoverageBand, type FundFlow, type PublicDashboard } from '../../api';
import { BarChart } from '../../components/BarChart';
import { ChartData } from '../../components/ChartData';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact, Facts } from '../../components/Facts';
import { LineChart } from '../../components/LineChart';
import { Loading } from '../../components/Loading';
import { NUMERIC } from '../../components/Money';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { TitledSection } from '../../components/TitledSection';
import { countryName } from '../../countries';
import { formatDateTime, formatNumber } from '../../format';
import { currentLanguage } from '../../i18n';
import { categoryName } from '../../localization';
import { formatMoney, formatMoneyCompact } from '../../money';

/** Countries drawn as bars; the rest are one bar, and every country is in the table. */
const COUNTRY_BARS = 10;

export function TransparencyPage() {
  const { t } = useTranslation();
  const dashboard = useQuery({ queryKey: ['public', 'dashboard'], queryFn: api.publicDashboard });
  const title = t('portal.transparency.title');
  return (
    <Stack gap="xl">
      <Stack gap={0}>
        <PageHeading documentTitle={title} description={t('portal.meta.transparency')}>
          {title}
        </PageHeading>
        <Text maw={760}>{t('portal.transparency.intro')}</Text>
      </Stack>
      {dashboard.isPending ? (
        <Loading />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <Dashboard data={dashboard.data} />
      )}
    </Stack>
  );
}

function Dashboard({ data }: { data: PublicDashboard }) {
  const { t } = useTranslation();
  return (
    <>
      <Card withBorder component="section" aria-labelledby="key-figures-heading">
        <Title order={2} size="h3" id="key-figures-heading" mb="sm">
          {t('portal.transparency.keyFigures')}
        </Title>
        <Facts testId="key-figures">
          <Fact label={t('portal.transparency.members')} testId="figure-members">
            {formatNumber(data.members.total)}
          </Fact>
          <Fact label={t('portal.transparency.residents')} testId="figure-residents">
            {formatNumber(data.residents.active)}
          </Fact>
          <Fact label={t('portal.transparency.auditEvents')} testId="figure-audit">
            {formatNumber(data.audit.headSeq)}
          </Fact>
        </Facts>
        <Text size="sm" mt="sm" c="dimmed">
          {t('portal.transparency.generatedAt', { date: formatDateTime(data.generatedAt) })}
        </Text>
      </Card>
      <FundSection years={data.fund.years} />
      <MembersSection members={data.members} />
      <TitledSection id="residents-heading" title={t('portal.transparency.residentsHeading')} testId="dashboard-residents">
        <Text maw={760}>{t('portal.transparency.residentsText', { count: data.residents.active })}</Text>
        <Anchor component={Link} to="/residents">
          {t('portal.transparency.residentsLink')}
        </Anchor>
      </TitledSection>
      <LocalizationSection localization={data.localization} />
      <AuditSection audit={data.audit} />
    </>
  );
}

/** One currency's money in (or out) per year: a line per category. */
function FlowChart({ currency, years, rows, direction }: { currency: string; years: number[]; rows: (year: number) => FundFlow[]; direction: 'sources' | 'uses' }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const categories = [...new Set(years.flatMap((year) => rows(year).filter((r) => r.currency === currency).map((r) => r.category)))];
  const label = (category: string) => t(`publicFund.categories.${category}`, { defaultValue: category });
  const heading = t(`portal.transparency.${direction}Heading`, { currency });
  return (
    <Stack gap="xs" component="section" aria-labelledby={`fund-${direction}-${currency}`} data-testid={`fund-${direction}-${currency}`}>
      <Title order={3} size="h4" id={`fund-${direction}-${currency}`}>
        {heading}
      </Title>
      {categories.length === 0 ? (
        <Text>{t(`portal.transparency.${direction}None`, { currency })}</Text>
      ) : (
        <LineChart
          periods={years.map(String)}
          series={categories.map((category) => ({
            key: category,
            label: label(category),
            values: years.map((year) => rows(year).find((r) => r.currency === currency && r.category === category)?.amount ?? 0),
          }))}
          format={(minor) => formatMoney(minor, currency, language)}
          formatAxis={(minor) => formatMoneyCompact(minor, currency, language)}
          description={t(`portal.transparency.${direction}Chart`, { currency, count: categories.length, from: years[0], to: years.at(-1) })}
          tableCaption={heading}
          seriesHeader={t('portal.transparency.category')}
        />
      )}
    </Stack>
  );
}

function FundSection({ years }: { years: PublicDashboard['fund']['years'] }) {
  const { t } = useTranslation();
  const currencies = [...new Set(years.flatMap((y) => [...y.sources, ...y.uses].map((r) => r.currency)))].sort();
  const yearList = years.map((y) => y.year);
  const of = (direction: 'sources' | 'uses') => (year: number) => years.find((y) => y.year === year)?.[direction] ?? [];
  return (
    <TitledSection id="fund-heading" title={t('portal.transparency.fundHeading')} testId="dashboard-fund">
      <Text maw={760}>{t('portal.transparency.fundIntro')}</Text>
      {currencies.length === 0 ? (
        <Text>{t('portal.transparency.noMoney')}</Text>
      ) : (
        currencies.map((currency) => (
          <SimpleGrid key={currency} cols={{ base: 1, md: 2 }} spacing="xl">
            <FlowChart currency={currency} years={yearList} rows={of('sources')} direction="sources" />
            <FlowChart currency={currency} years={yearList} rows={of('uses')} direction="uses" />
          </SimpleGrid>
        ))
      )}
      <Anchor component={Link} to="/transparency/fund">
        {t('portal.transparency.fundLink')}
      </Anchor>
    </TitledSection>
  );
}

/** A bar chart's figures folded under it: a name and a count per row. */
function CountTable({ caption, nameHeader, countHeader, rows }: { caption: string; nameHeader: string; countHeader: string; rows: { key: string; name: string; count: number }[] }) {
  return (
    <ChartData>
      <DataTable caption={caption} columns={[{ label: nameHeader }, { label: countHeader, numeric: true }]}>
        {rows.map((row) => (
          <Table.Tr key={row.key}>
            <Table.Th scope="row" fw={400}>
              {row.name}
            </Table.Th>
            <Table.Td style={NUMERIC}>{formatNumber(row.count)}</Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </ChartData>
  );
}

function MembersSection({ members }: { members: PublicDashboard['members'] }) {
  const { t } = useTranslation();
  const sorted = [...members.byCountry].sort((a, b) => b.count - a.count || countryName(a.country).localeCompare(countryName(b.country)));
  const shown = sorted.slice(0, COUNTRY_BARS);
  const rest = sorted.slice(COUNTRY_BARS);
  const bars = shown.map((row) => ({ key: row.country, label: countryName(row.country), value: row.count, text: formatNumber(row.count) }));
  if (rest.length > 0) {
    const count = rest.reduce((sum, row) => sum + row.count, 0);
    bars.push({ key: 'other', label: t('portal.transparency.otherCountries', { count: rest.length }), value: count, text: formatNumber(count) });
  }
  const caption = t('portal.transparency.membersCaption');
  return (
    <TitledSection id="members-heading" title={t('portal.transparency.membersHeading')} testId="dashboard-members">
      <Text maw={760}>{t('portal.transparency.membersText', { count: members.total, countries: members.byCountry.length })}</Text>
      {bars.length > 0 && (
        <>
          <BarChart bars={bars} description={t('portal.transparency.membersChart', { count: members.byCountry.length })} testId="members-chart" />
          <CountTable
            caption={caption}
            nameHeader={t('portal.transparency.country')}
            countHeader={t('portal.transparency.memberCount')}
            rows={sorted.map((row) => ({ key: row.country, name: countryName(row.country), count: row.count }))}
          />
        </>
      )}
      <Anchor component={Link} to="/register/members">
        {t('portal.transparency.membersLink')}
      </Anchor>
    </TitledSection>
  );
}

function LocalizationSection({ localization }: { localization: PublicDashboard['localization'] }) {
  const { t } = useTranslation();
  const bandLabel = (band: CoverageBand) => t(`localization.public.band.${band}`);
  // The newest year in which some category's coverage is published.
  const year = [...localization.years].reverse().find((y) => localization.categories.some((c) => isBand(c.years.find((cell) => cell.year === y)?.coverage)));
  const counts = COVERAGE_BANDS.map((band) => ({
    band,
    count: year === undefined ? 0 : localization.categories.filter((c) => c.years.find((cell) => cell.year === year)?.coverage === band).length,
  }));
  const cellText = (category: PublicDashboard['localization']['categories'][number], y: number) => {
    const cell = category.years.find((c) => c.year === y);
    if (!cell || cell.status === 'no_reports') return t('localization.public.noReports');
    if (cell.status === 'suppressed' || cell.coverage === 'suppressed') return t('localization.public.suppressed');
    return cell.coverage ? bandLabel(cell.coverage) : t('common.none');
  };
  const reported = localization.categories.filter((c) => c.years.some((cell) => cell.status !== 'no_reports'));
  return (
    <TitledSection id="localization-heading" title={t('portal.transparency.localizationHeading')} testId="dashboard-localization">
      <Text maw={760}>{t('portal.transparency.localizationIntro')}</Text>
      {year === undefined ? (
        <Text>{t('portal.transparency.noCoverage')}</Text>
      ) : (
        <>
          <BarChart
            bars={counts.map(({ band, count }) => ({ key: band, label: bandLabel(band), value: count, text: t('portal.transparency.categoryCount', { count }) }))}
            description={t('portal.transparency.coverageChart', { year })}
            testId="coverage-chart"
          />
          <CountTable
            caption={t('portal.transparency.coverageChartCaption', { year })}
            nameHeader={t('portal.transparency.coverageBand')}
            countHeader={t('portal.transparency.categories')}
            rows={counts.map(({ band, count }) => ({ key: band, name: bandLabel(band), count }))}
          />
        </>
      )}
      {reported.length > 0 && (
        <DataTable
          caption={t('portal.transparency.coverageCaption')}
          columns={[{ label: t('portal.transparency.category') }, ...localization.years.map((y) => ({ label: String(y) }))]}
          minWidth={560}
          testId="coverage-table"
        >
          {reported.map((category) => (
            <Table.Tr key={category.code}>
              <Table.Th scope="row" fw={400}>
                {categoryName(category)}
              </Table.Th>
              {localization.years.map((y) => (
                <Table.Td key={y}>{cellText(category, y)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </DataTable>
      )}
      <Anchor component={Link} to="/localization">
        {t('portal.transparency.localizationLink')}
      </Anchor>
    </TitledSection>
  );
}

function isBand(value: unknown): value is CoverageBand {
  return typeof value === 'string' && (COVERAGE_BANDS as readonly string[]).includes(value);
}

function AuditSection({ audit }: { audit: PublicDashboard['audit'] }) {
  const { t } = useTranslation();
  const checkpoint = audit.latestCheckpoint;
  return (
    <TitledSection id="audit-heading" title={t('portal.transparency.auditHeading')} testId="dashboard-audit">
      <Text maw={760}>{t('portal.transparency.auditIntro')}</Text>
      <Facts>
        <Fact label={t('portal.transparency.headSeq')}>{formatNumber(audit.headSeq)}</Fact>
        <Fact label={t('portal.transparency.headHash')}>
          <Mono>{audit.headHash}</Mono>
        </Fact>
      </Facts>
      {checkpoint ? (
        <Facts testId="latest-checkpoint">
          <Fact label={t('portal.transparency.checkpointSeq')}>{formatNumber(checkpoint.seq)}</Fact>
          <Fact label={t('portal.transparency.checkpointSigned')}>{formatDateTime(checkpoint.signedAt)}</Fact>
          <Fact label={t('portal.transparency.checkpointKey')}>
            <Mono>{checkpoint.keyId}</Mono>
          </Fact>
          <Fact label={t('portal.transparency.checkpointHash')}>
            <Mono>{checkpoint.headHash}</Mono>
          </Fact>
        </Facts>
      ) : (
        <Text>{t('portal.transparency.noCheckpoint')}</Text>
      )}
      <Anchor component={Link} to="/transparency/audit" data-testid="verify-link">
        {t('portal.transparency.verifyLink')}
      </Anchor>
    </TitledSection>
  );
}
