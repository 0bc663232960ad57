// The estimated cost of the regime's tax benefits for a year: per resident (from its accepted or
// failed annual report and the benefit rates in the settings) and in total per currency, with the
// figures as CSV and XLSX downloads.
import { Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Downloads } from '../../components/Downloads';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { ReportStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { lastYear, REGIME_KEY, yearOptions } from '../../regime';

const AMOUNTS = ['corporateIncomeTaxMinor', 'landTaxMinor', 'propertyTaxMinor', 'environmentalTaxMinor', 'totalMinor'] as const;

export function BenefitsPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(lastYear());
  const benefits = useQuery({ queryKey: [...REGIME_KEY, 'benefits', year], queryFn: () => api.benefits(year), placeholderData: keepPreviousData });
  const title = t('regime.benefits.title');
  const amountHeaders = AMOUNTS.map((key) => (
    <Table.Th key={key} scope="col" style={{ textAlign: 'right' }}>
      {t(`regime.benefits.${key}`)}
    </Table.Th>
  ));

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{t('regime.benefits.intro')}</Text>
      <Group align="flex-end" wrap="wrap" gap="xl">
        <NativeSelect label={t('regime.benefits.year')} data={yearOptions()} value={String(year)} onChange={(event) => setYear(Number(event.currentTarget.value))} data-testid="benefits-year" />
        <Downloads what={t('regime.benefits.what', { year })} csv={api.benefitsUrl(year, 'csv')} xlsx={api.benefitsUrl(year, 'xlsx')} testId="benefits-downloads" />
      </Group>
      {benefits.isPending ? (
        <Loading />
      ) : benefits.isError ? (
        <ErrorAlert error={benefits.error} onRetry={() => void benefits.refetch()} />
      ) : (
        <>
          <Text size="sm" data-testid="benefit-rates">
            {t('regime.benefits.rates', {
              cit: benefits.data.rates.corporateIncomeTaxPct,
              land: benefits.data.rates.landTaxReliefPct,
              property: benefits.data.rates.propertyTaxReliefPct,
              environmental: benefits.data.rates.environmentalTaxReliefPct,
            })}
          </Text>
          <section aria-labelledby="totals-heading">
            <Title order={2} size="h3" id="totals-heading" mb="sm">
              {t('regime.benefits.totalsHeading')}
            </Title>
            {benefits.data.totals.length === 0 ? (
              <Text>{t('regime.benefits.none', { year: benefits.data.year })}</Text>
            ) : (
              <TableFrame label={t('regime.benefits.totalsHeading')}>
                <Table striped captionSide="top" verticalSpacing="xs" miw={820} data-testid="benefit-totals">
                  <Table.Caption>{t('regime.benefits.totalsCaption', { year: benefits.data.year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('regime.benefits.currency')}</Table.Th>
                      <Table.Th scope="col" style={{ textAlign: 'right' }}>
                        {t('regime.benefits.residents')}
                      </Table.Th>
                      {amountHeaders}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {benefits.data.totals.map((total) => (
                      <Table.Tr key={total.currency}>
                        <Table.Th scope="row">{total.currency}</Table.Th>
                        <Table.Td style={NUMERIC}>{total.residents}</Table.Td>
                        {AMOUNTS.map((key) => (
                          <Table.Td key={key} style={NUMERIC} fw={key === 'totalMinor' ? 700 : undefined}>
                            <Money minor={total[key]} currency={total.currency} />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableFrame>
            )}
          </section>
          {benefits.data.items.length > 0 && (
            <section aria-labelledby="residents-heading">
              <Title order={2} size="h3" id="residents-heading" mb="sm">
                {t('regime.benefits.perResident')}
              </Title>
              <TableFrame label={t('regime.benefits.perResident')}>
                <Table striped captionSide="top" verticalSpacing="xs" miw={1000} data-testid="benefit-rows">
                  <Table.Caption>{t('regime.benefits.caption', { year: benefits.data.year })}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                      <Table.Th scope="col">{t('regime.benefits.report')}</Table.Th>
                      {amountHeaders}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {benefits.data.items.map((row) => (
                      <Table.Tr key={`${row.residentId}-${row.currency}`}>
                        <Table.Th scope="row" fw={500}>
                          {row.organizationName}
                        </Table.Th>
                        <Table.Td>
                          <ReportStatusBadge status={row.reportStatus} />
                        </Table.Td>
                        {AMOUNTS.map((key) => (
                          <Table.Td key={key} style={NUMERIC} fw={key === 'totalMinor' ? 700 : undefined}>
                            <Money minor={row[key]} currency={row.currency} />
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableFrame>
            </section>
          )}
        </>
      )}
    </Stack>
  );
}
