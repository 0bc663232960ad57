// The special defense fund as the public sees it: money in by source and out by use, per currency, for a
// period, with a Sankey chart of one currency from kinds of source through programs and capability
// categories to awards (or still unspent). Aggregates only (the API returns nothing else); amounts are
// exact minor units formatted here. The figures download as CSV or XLSX. Below: money paid out by the
// fund's programs per program and capability category (net of clawbacks, as bars and a table), the
// awards with what was paid on each, and the open-data files (OCDS, 360Giving) for all of it.
import { Anchor, Group, List, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, BOOKABLE_CURRENCIES, OPEN_DATA_FILES, type FundFlow, type FundFlows, type PublicUse } from '../api';
import { capabilityLabel, useCapabilities } from '../capabilities';
import { BarChart } from '../components/BarChart';
import { Downloads } from '../components/Downloads';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Money, NUMERIC } from '../components/Money';
import { Pager } from '../components/Pager';
import { AwardStatusBadge } from '../components/StatusBadge';
import { PageHeading } from '../components/PageHeading';
import { SankeyChart } from '../components/SankeyChart';
import { TableFrame } from '../components/TableFrame';
import { currentLanguage } from '../i18n';
import { formatMoney } from '../money';
import { callTitle } from '../programs';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function FlowTable({ caption, rows }: { caption: string; rows: FundFlow[] }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  if (rows.length === 0) return <Text c="dimmed">{t('publicFund.none')}</Text>;
  return (
    <TableFrame label={caption}>
      <Table striped>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('publicFund.category')}</Table.Th>
            <Table.Th scope="col">{t('publicFund.currency')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('publicFund.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={`${row.currency}-${row.category}`}>
              <Table.Td>{t(`publicFund.categories.${row.category}`, { defaultValue: row.category })}</Table.Td>
              <Table.Td>{row.currency}</Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatMoney(row.amount, row.currency, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

export function PublicFundPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState('2000-01-01');
  const [to, setTo] = useState(new Date().toISOString().slice(0, 10));
  const [period] = useDebouncedValue({ from, to }, 300);
  const valid = ISO_DATE.test(period.from) && ISO_DATE.test(period.to) && period.from <= period.to;
  const flows = useQuery({
    queryKey: ['public', 'fund', period],
    queryFn: () => api.publicFundFlows(period),
    enabled: valid,
    placeholderData: keepPreviousData,
  });
  return (
    <Stack>
      <PageHeading documentTitle={t('publicFund.title')}>{t('publicFund.title')}</PageHeading>
      <Text maw={760}>{t('publicFund.intro')}</Text>
      <Group align="flex-end">
        <TextInput type="date" label={t('publicFund.from')} value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
        <TextInput type="date" label={t('publicFund.to')} value={to} onChange={(event) => setTo(event.currentTarget.value)} error={valid || !ISO_DATE.test(to) ? undefined : t('publicFund.badPeriod')} />
      </Group>
      {flows.isPending ? (
        <Loading />
      ) : flows.isError ? (
        <ErrorAlert error={flows.error} onRetry={() => void flows.refetch()} />
      ) : (
        <>
          <Title order={2} size="h3">
            {t('publicFund.sources')}
          </Title>
          <FlowTable caption={t('publicFund.sourcesCaption')} rows={flows.data.sources} />
          <Title order={2} size="h3">
            {t('publicFund.uses')}
          </Title>
          <FlowTable caption={t('publicFund.usesCaption')} rows={flows.data.uses} />
        </>
      )}
      {valid && (
        <Downloads
          what={t('publicFund.title')}
          csv={api.publicFundDownloadUrl(period, 'csv')}
          xlsx={api.publicFundDownloadUrl(period, 'xlsx')}
          testId="public-fund-downloads"
        />
      )}
      <FlowChart period={valid ? period : null} />
      <ProgramUses />
      <PublicAwards />
    </Stack>
  );
}

/** Money out by program and capability category, per currency, net of clawbacks: bars and the same figures in a table. */
function ProgramUses() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const capabilities = useCapabilities();
  const uses = useQuery({ queryKey: ['public', 'fund', 'uses'], queryFn: api.publicUses });
  const names = new Map((capabilities.data ?? []).map((c) => [c.code, capabilityLabel(c)]));
  const programName = (use: PublicUse) =>
    use.program ? (language === 'en' ? use.programTitleEn : use.programTitleUk) ?? t('publicFund.sankey.program', { code: use.program }) : t('publicFund.sankey.general');
  const categoryName = (use: PublicUse) => (use.capability ? names.get(use.capability) ?? use.capability : t('publicFund.programs.anyCategory'));
  const currencies = [...new Set((uses.data?.items ?? []).map((u) => u.currency))];
  const caption = t('publicFund.programs.caption');
  return (
    <Stack component="section" aria-labelledby="program-uses-heading" gap="sm">
      <Title order={2} size="h3" id="program-uses-heading">
        {t('publicFund.programs.title')}
      </Title>
      <Text maw={760}>{t('publicFund.programs.intro')}</Text>
      {uses.isPending ? (
        <Loading />
      ) : uses.isError ? (
        <ErrorAlert error={uses.error} onRetry={() => void uses.refetch()} />
      ) : uses.data.items.length === 0 ? (
        <Text c="dimmed">{t('publicFund.programs.none')}</Text>
      ) : (
        <>
          {currencies.map((currency) => {
            const rows = uses.data.items.filter((u) => u.currency === currency).sort((a, b) => b.amountMinor - a.amountMinor);
            return (
              <BarChart
                key={currency}
                testId={`program-uses-chart-${currency}`}
                description={t('publicFund.programs.chart', { currency, count: rows.length })}
                bars={rows.map((use) => ({
                  key: `${use.program}|${use.capability}`,
                  label: `${programName(use)} · ${categoryName(use)}`,
                  value: use.amountMinor,
                  text: formatMoney(use.amountMinor, use.currency, language),
                }))}
              />
            );
          })}
          <TableFrame label={caption}>
            <Table striped captionSide="top" miw={640} data-testid="program-uses">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('publicFund.programs.program')}</Table.Th>
                  <Table.Th scope="col">{t('publicFund.programs.category')}</Table.Th>
                  <Table.Th scope="col">{t('publicFund.currency')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('publicFund.programs.paidOut')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {uses.data.items.map((use) => (
                  <Table.Tr key={`${use.currency}|${use.program}|${use.capability}`}>
                    <Table.Td>{programName(use)}</Table.Td>
                    <Table.Td>{categoryName(use)}</Table.Td>
                    <Table.Td>{use.currency}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={use.amountMinor} currency={use.currency} />
                    </Table.Td>
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

const AWARDS_PAGE = 20;

/** The fund's awards: who got how much under which call, what was paid, the status; and the open data. */
function PublicAwards() {
  const { t } = useTranslation();
  const [offset, setOffset] = useState(0);
  const awards = useQuery({
    queryKey: ['public', 'fund', 'awards', offset],
    queryFn: () => api.publicAwards({ limit: AWARDS_PAGE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('publicFund.awards.title');
  return (
    <Stack component="section" aria-labelledby="public-awards-heading" gap="sm">
      <Title order={2} size="h3" id="public-awards-heading">
        {title}
      </Title>
      <Text maw={760}>{t('publicFund.awards.intro')}</Text>
      <Anchor component={Link} to="/register/awards" size="sm" data-testid="awards-register-link">
        {t('publicFund.awards.fullRegister')}
      </Anchor>
      {awards.isPending ? (
        <Loading />
      ) : awards.isError ? (
        <ErrorAlert error={awards.error} onRetry={() => void awards.refetch()} />
      ) : (
        <>
          <TableFrame label={title}>
            <Table striped captionSide="top" miw={900} data-testid="public-awards">
              <Table.Caption>{t('publicFund.awards.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('publicFund.awards.recipient')}</Table.Th>
                  <Table.Th scope="col">{t('publicFund.awards.call')}</Table.Th>
                  <Table.Th scope="col">{t('publicFund.awards.agreement')}</Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('publicFund.awards.amount')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('publicFund.awards.paid')}
                  </Table.Th>
                  <Table.Th scope="col" style={{ textAlign: 'right' }}>
                    {t('publicFund.awards.clawedBack')}
                  </Table.Th>
                  <Table.Th scope="col">{t('publicFund.awards.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {awards.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{t('publicFund.awards.none')}</Table.Td>
                  </Table.Tr>
                )}
                {awards.data.items.map((award) => (
                  <Table.Tr key={award.id} data-testid="public-award">
                    <Table.Td>{award.organizationName}</Table.Td>
                    <Table.Td>{callTitle(award)}</Table.Td>
                    <Table.Td>{award.agreementNumber}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.amountMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.disbursedMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={award.clawedBackMinor} currency={award.currency} />
                    </Table.Td>
                    <Table.Td>
                      <AwardStatusBadge status={award.status} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={awards.data.total} limit={AWARDS_PAGE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
      <div data-testid="open-data">
        <Text size="sm" fw={600}>
          {t('publicFund.openData.title')}
        </Text>
        <Text size="sm" maw={760}>
          {t('publicFund.openData.intro')}
        </Text>
        <List size="sm" mt={4}>
          <List.Item>
            <Anchor href={OPEN_DATA_FILES.ocdsReleases} size="sm" data-testid="ocds-releases">
              {t('publicFund.openData.ocdsReleases')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor href={OPEN_DATA_FILES.ocdsRecords} size="sm" data-testid="ocds-records">
              {t('publicFund.openData.ocdsRecords')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor href={OPEN_DATA_FILES.grantsJson} size="sm" data-testid="grants-json">
              {t('publicFund.openData.grantsJson')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor href={OPEN_DATA_FILES.grantsCsv} download size="sm" data-testid="grants-csv">
              {t('publicFund.openData.grantsCsv')}
            </Anchor>
          </List.Item>
        </List>
      </div>
    </Stack>
  );
}

type FlowNode = FundFlows['nodes'][number];

// Colours of the kinds of source; each is at least 3:1 against white, and every node is also named.
const SOURCE_COLOURS: Record<string, string> = {
  asset_sale: 'var(--mantine-color-blue-8)',
  donation: 'var(--mantine-color-green-9)',
  budget: 'var(--mantine-color-orange-9)',
  clawback: 'var(--mantine-color-grape-8)',
  other: 'var(--mantine-color-cyan-9)',
  unknown: 'var(--mantine-color-gray-7)',
};

function nodeColour(node: FlowNode): string {
  if (node.kind === 'source') return SOURCE_COLOURS[node.label] ?? SOURCE_COLOURS.unknown;
  if (node.kind === 'unspent') return 'var(--mantine-color-gray-6)';
  if (node.kind === 'award') return 'var(--mantine-color-indigo-8)';
  return 'var(--mantine-color-dark-4)';
}

/** The Sankey chart of one currency: sources → programs and capability categories → awards. */
function FlowChart({ period }: { period: { from: string; to: string } | null }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const capabilities = useCapabilities();
  const [currency, setCurrency] = useState<string>('UAH');
  const chart = useQuery({
    queryKey: ['public', 'fund', 'flows', currency, period],
    queryFn: () => api.publicFundSankey({ currency, ...(period ?? {}) }),
    placeholderData: keepPreviousData,
  });
  const names = new Map((capabilities.data ?? []).map((c) => [c.code, capabilityLabel(c)]));
  const labelOf = (node: FlowNode): string => {
    switch (node.kind) {
      case 'source':
        return t(`publicFund.sankey.kinds.${node.label as 'other'}`, { defaultValue: node.label });
      case 'program':
        return t('publicFund.sankey.program', { code: node.label });
      case 'capability':
        return names.get(node.label) ?? node.label;
      case 'general':
        return t('publicFund.sankey.general');
      case 'unspent':
        return t('publicFund.sankey.unspent');
      default:
        // Payments without a reference are grouped by their kind ("payment:disbursement").
        return node.id.startsWith('payment:')
          ? t('publicFund.sankey.payment', { kind: t(`fund.referenceType.${node.label as 'other'}`, { defaultValue: node.label }) })
          : // An award of a call is labelled with its agreement number; another payment reference is shortened.
            t('publicFund.sankey.award', { reference: /^[0-9a-f]{8}-/.test(node.label) ? `${node.label.slice(0, 8)}…` : node.label });
    }
  };
  const format = (minor: number) => formatMoney(minor, currency, language);
  const data = chart.data;
  const sources = data ? data.nodes.filter((n) => n.column === 0).length : 0;
  const awards = data ? data.nodes.filter((n) => n.column === 2).length : 0;

  return (
    <Stack component="section" aria-labelledby="fund-flows-heading" gap="sm">
      <Title order={2} size="h3" id="fund-flows-heading">
        {t('publicFund.sankey.title')}
      </Title>
      <Text maw={760}>{t('publicFund.sankey.intro')}</Text>
      <NativeSelect
        label={t('publicFund.currency')}
        data={BOOKABLE_CURRENCIES.map((c) => ({ value: c, label: c }))}
        value={currency}
        onChange={(event) => setCurrency(event.currentTarget.value)}
        maw={200}
        data-testid="flows-currency"
      />
      {chart.isPending ? (
        <Loading />
      ) : chart.isError ? (
        <ErrorAlert error={chart.error} onRetry={() => void chart.refetch()} />
      ) : data && data.links.length === 0 ? (
        <Text c="dimmed">{t('publicFund.sankey.empty', { currency })}</Text>
      ) : data ? (
        <SankeyChart
          nodes={data.nodes}
          links={data.links}
          labelOf={labelOf}
          colorOf={nodeColour}
          formatAmount={format}
          last={(id) => id === 'unspent'}
          description={t('publicFund.sankey.description', { currency, sources, awards })}
          tableCaption={t('publicFund.sankey.caption', { currency })}
        />
      ) : null}
    </Stack>
  );
}
