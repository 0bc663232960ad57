// Localization of defense production as the public sees it, with no sign-in: per top-level category
// and year, how many companies reported, their domestic output and capacity (rounded), the share of
// imported content and the coverage of the need as a band. A figure that could reveal a company reads
// "suppressed"; the rules come from the API's `method`. Needs are never shown. A table per category
// on wider screens, a card per year on a phone; the same figures download as JSON and CSV.
import { Anchor, Badge, Box, Card, Group, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, LOCALIZATION_OPEN_DATA, type PublicAggregateCell, type PublicLocalization, type Suppressible } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Fact } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { TitledSection } from '../../components/TitledSection';
import { formatDateTime, formatNumber } from '../../format';
import { categoryName, categoryUnit } from '../../localization';

type PublicCategory = PublicLocalization['categories'][number];

/** The label every hidden figure reads. */
function Suppressed() {
  const { t } = useTranslation();
  return (
    <Badge color="gray" variant="outline" tt="none" miw="max-content" data-testid="suppressed">
      {t('localization.public.suppressed')}
    </Badge>
  );
}

/** A published, hidden or missing figure. */
function Shown<T>({ value, format }: { value: Suppressible<T> | null; format: (value: T) => string }): ReactNode {
  if (value === null) return '—';
  if (value === 'suppressed') return <Suppressed />;
  return format(value);
}

export function PublicLocalizationPage() {
  const { t } = useTranslation();
  const aggregates = useQuery({ queryKey: ['public', 'localization'], queryFn: api.publicLocalization });
  const title = t('localization.public.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text maw={760}>{t('localization.public.intro')}</Text>
      <Group gap="lg">
        <Anchor href={LOCALIZATION_OPEN_DATA.json} target="_blank" rel="noopener" data-testid="localization-json">
          {t('localization.public.openJson')}
        </Anchor>
        <Anchor href={LOCALIZATION_OPEN_DATA.csv} download data-testid="localization-csv">
          {t('localization.public.downloadCsv')}
        </Anchor>
      </Group>
      {aggregates.isPending ? (
        <Loading />
      ) : aggregates.isError ? (
        <ErrorAlert error={aggregates.error} onRetry={() => void aggregates.refetch()} />
      ) : (
        <Aggregates data={aggregates.data} />
      )}
    </Stack>
  );
}

function Aggregates({ data }: { data: PublicLocalization }) {
  const { t } = useTranslation();
  const reported = data.categories.filter((c) => c.years.some((cell) => cell.status !== 'no_reports'));
  const silent = data.categories.filter((c) => !reported.includes(c));
  const bands = data.method.coverageBands.map((band) => t(`localization.public.band.${band}`)).join(', ');
  return (
    <>
      <Card withBorder component="section" aria-labelledby="method-heading" data-testid="localization-method">
        <Title order={2} size="h3" id="method-heading" mb="sm">
          {t('localization.public.methodHeading')}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>{t('localization.public.ruleConfirmed')}</List.Item>
          <List.Item>{t('localization.public.ruleCompanies', { count: data.method.minCompanies, percent: data.method.dominanceLimitPercent })}</List.Item>
          <List.Item>{t('localization.public.ruleComplementary')}</List.Item>
          <List.Item>{t('localization.public.ruleSuppressed', { label: t('localization.public.suppressed') })}</List.Item>
          <List.Item>{t('localization.public.ruleRounding')}</List.Item>
          <List.Item>{t('localization.public.ruleCoverage', { bands })}</List.Item>
        </List>
        <Text size="sm" mt="sm">
          {t('localization.public.licence', { licence: data.licence === 'CC-BY-4.0' ? 'CC BY 4.0' : data.licence, date: formatDateTime(data.generatedAt) })}
        </Text>
      </Card>

      <TitledSection id="aggregates-heading" title={t('localization.public.figuresHeading')}>
        {reported.length === 0 ? <Text>{t('localization.public.none')}</Text> : reported.map((category) => <CategoryAggregates key={category.code} category={category} />)}
        {reported.length > 0 && silent.length > 0 && (
          <Text size="sm" data-testid="no-reports">
            {t('localization.public.noReportsIn', { names: silent.map(categoryName).join(', ') })}
          </Text>
        )}
      </TitledSection>
    </>
  );
}

/** The figures of one year as text (a hidden or empty year is one note, not five). */
function useCellFigures() {
  const { t } = useTranslation();
  return (cell: PublicAggregateCell) => ({
    companies: <Shown value={cell.companies} format={formatNumber} />,
    domesticOutput: <Shown value={cell.domesticOutput} format={formatNumber} />,
    capacity: <Shown value={cell.capacity} format={formatNumber} />,
    importedContentPercent: <Shown value={cell.importedContentPercent} format={(v) => `${v} %`} />,
    coverage: <Shown value={cell.coverage} format={(band) => t(`localization.public.band.${band}`)} />,
  });
}

function CategoryAggregates({ category }: { category: PublicCategory }) {
  const { t } = useTranslation();
  const figures = useCellFigures();
  const unit = categoryUnit(category);
  const name = categoryName(category);
  const caption = t('localization.public.caption', { name, unit });
  const headers = [t('localization.public.companies'), t('localization.public.output'), t('localization.public.capacity'), t('localization.public.imported'), t('localization.public.coverage')];
  const noReports = t('localization.public.noReports');
  const total = {
    companies: '—',
    domesticOutput: <Shown value={category.total.domesticOutput} format={formatNumber} />,
    capacity: <Shown value={category.total.capacity} format={formatNumber} />,
    importedContentPercent: '—',
    coverage: '—',
  };
  const rows = [
    ...category.years.map((cell) => ({ key: String(cell.year), label: String(cell.year), status: cell.status, values: figures(cell) })),
    { key: 'total', label: t('localization.public.allYears'), status: 'published' as const, values: total },
  ];
  return (
    <Stack component="section" aria-labelledby={`public-${category.code}`} gap="xs" data-testid={`public-category-${category.code}`}>
      <Title order={3} size="h4" id={`public-${category.code}`}>
        {name} <Text span size="sm" fw={400}>{t('localization.public.inUnit', { unit })}</Text>
      </Title>
      <Box visibleFrom="sm">
        <DataTable caption={caption} columns={[{ label: t('localization.public.year') }, ...headers.map((label) => ({ label, numeric: true }))]} minWidth={640}>
        {rows.map((row) => (
          <Table.Tr key={row.key} data-testid={`public-row-${category.code}-${row.key}`} data-status={row.status}>
            <Table.Th scope="row">{row.label}</Table.Th>
            {row.status === 'suppressed' ? (
              <Table.Td colSpan={5}>
                <Suppressed />
              </Table.Td>
            ) : row.status === 'no_reports' ? (
              <Table.Td colSpan={5}>{noReports}</Table.Td>
            ) : (
              Object.entries(row.values).map(([field, value]) => (
                <Table.Td key={field} style={NUMERIC}>
                  {value}
                </Table.Td>
              ))
            )}
          </Table.Tr>
        ))}
        </DataTable>
      </Box>
      <Stack hiddenFrom="sm" gap="xs">
        {rows.map((row) => (
          <Paper key={row.key} withBorder p="xs" data-testid={`public-card-${category.code}-${row.key}`} data-status={row.status}>
            <Text fw={700} mb={4}>
              {row.label}
            </Text>
            {row.status === 'suppressed' ? (
              <Suppressed />
            ) : row.status === 'no_reports' ? (
              <Text size="sm">{noReports}</Text>
            ) : (
              <SimpleGrid component="dl" cols={2} spacing="xs" verticalSpacing={4} m={0}>
                {Object.values(row.values).map((value, index) => (
                  <Fact key={headers[index]} label={headers[index]}>
                    {value}
                  </Fact>
                ))}
              </SimpleGrid>
            )}
          </Paper>
        ))}
      </Stack>
    </Stack>
  );
}
