// The figures of a regime application or annual report: money typed in major units of the chosen
// currency, percentages with at most two decimals, and the independent auditor's report picked from
// the documents the organization uploaded.
import { Anchor, Fieldset, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, REGIME_CURRENCIES } from '../api';
import { formatDateTime } from '../format';
import type { FiguresValues, MoneyField, PercentField } from '../regime';
import { ErrorAlert } from './ErrorAlert';
import { Loading } from './Loading';

interface FiguresFieldsProps {
  form: UseFormReturnType<FiguresValues>;
  organizationId: string;
}

export function FiguresFields({ form, organizationId }: FiguresFieldsProps) {
  const { t } = useTranslation();
  const currency = form.getValues().currency;
  const money = (field: MoneyField) => (
    <TextInput
      key={form.key(field)}
      label={t(`regime.figures.${field}`)}
      description={t('regime.figures.inCurrency', { currency })}
      inputMode="decimal"
      autoComplete="off"
      maxLength={40}
      data-testid={`figure-${field}`}
      {...form.getInputProps(field)}
    />
  );
  const percent = (field: PercentField) => (
    <TextInput
      key={form.key(field)}
      label={t(`regime.figures.${field}`)}
      description={t('regime.figures.percentHelp')}
      inputMode="decimal"
      autoComplete="off"
      maxLength={6}
      data-testid={`figure-${field}`}
      {...form.getInputProps(field)}
    />
  );

  return (
    <Stack gap="lg">
      <Fieldset legend={t('regime.figures.periodLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            key={form.key('fiscalYear')}
            label={t('regime.figures.fiscalYear')}
            inputMode="numeric"
            maxLength={4}
            data-testid="figure-fiscalYear"
            {...form.getInputProps('fiscalYear')}
          />
          <NativeSelect
            key={form.key('currency')}
            label={t('regime.figures.currency')}
            description={t('regime.figures.currencyHelp')}
            data={REGIME_CURRENCIES.map((c) => ({ value: c, label: c }))}
            data-testid="figure-currency"
            {...form.getInputProps('currency')}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.incomeLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {money('revenue')}
          {money('qualifiedDefenseIncome')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.peopleLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            key={form.key('employees')}
            label={t('regime.figures.employees')}
            inputMode="numeric"
            maxLength={8}
            data-testid="figure-employees"
            {...form.getInputProps('employees')}
          />
          {money('averageMonthlyWage')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.ownershipLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {percent('stateOwnershipPct')}
          {percent('localContentPct')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.investmentLegend')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {money('investment')}
          {money('reinvestedProfit')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.taxesLegend')}>
        <Text size="sm" mb="sm">
          {t('regime.figures.taxesHelp')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {money('landTax')}
          {money('propertyTax')}
          {money('environmentalTax')}
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend={t('regime.figures.auditorLegend')}>
        <AuditorReportSelect form={form} organizationId={organizationId} />
      </Fieldset>
    </Stack>
  );
}

function AuditorReportSelect({ form, organizationId }: FiguresFieldsProps) {
  const { t } = useTranslation();
  const documents = useQuery({
    queryKey: ['organizations', 'documents', organizationId, 'all'],
    queryFn: () => api.listDocuments(organizationId, { limit: 200, offset: 0 }),
  });
  if (documents.isPending) return <Loading />;
  if (documents.isError) return <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />;
  return (
    <Stack gap="xs">
      {documents.data.items.length === 0 ? (
        <Text size="sm">{t('regime.figures.noDocuments')}</Text>
      ) : (
        <NativeSelect
          key={form.key('auditorReportDocumentId')}
          label={t('regime.figures.auditorReport')}
          description={t('regime.figures.auditorReportHelp')}
          data={[
            { value: '', label: t('regime.figures.noAuditorReport') },
            ...documents.data.items.map((document) => ({
              value: document.id,
              label: `${document.title} (${t(`documentType.${document.documentType}`)}, ${formatDateTime(document.createdAt)})`,
            })),
          ]}
          data-testid="auditor-report"
          {...form.getInputProps('auditorReportDocumentId')}
        />
      )}
      <Anchor component={Link} to={`/app/organizations/${organizationId}?tab=documents`} size="sm">
        {t('applicationForm.uploadDocuments')}
      </Anchor>
    </Stack>
  );
}
