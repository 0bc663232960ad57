// A capacity report: for one category and period, what the company made in the country, what it
// could make, the share of imported content, the main imported components and the documents that
// back the figures. New: /app/localization/reports/new (a company for itself, an officer for a
// company filing on paper). Correct: /app/localization/reports/:id/edit, for the figures only; a
// corrected report goes back to the officers to confirm.
import { Alert, Button, Card, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type CapacityFigures, type CapacityReport, type FieldError } from '../../api';
import { DocumentChecklist } from '../../components/DocumentChecklist';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExistsAlert, existingId } from '../../components/ExistsAlert';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PageHeading } from '../../components/PageHeading';
import { PeriodPicker } from '../../components/PeriodPicker';
import { splitFieldErrors } from '../../errors';
import { useIdempotencyKeys } from '../../fund';
import {
  LOCALIZATION_KEY,
  capacityErrors,
  capacityReportKey,
  categoryOptions,
  categoryUnit,
  componentLines,
  currentYear,
  ownCategoryName,
  parseWholeNumber,
  splitPeriod,
  useLocalizationCategories,
  type CapacityValues,
} from '../../localization';
import { isCompanyUser, useMe } from '../../session';
import { RegisterYourCompanyPage } from '../OrganizationsPage';

const FIELDS = ['organizationId', 'categoryCode', 'year', 'domesticOutput', 'capacity', 'importedContentPercent', 'components', 'evidenceDocumentIds', 'note'];
const RENAMES = { importedComponents: 'components', period: 'year' };

/** New: no id in the address. Correct: /reports/:id/edit. */
export function ReportFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const report = useQuery({ queryKey: capacityReportKey(id), queryFn: () => api.getCapacityReport(id), enabled: mode === 'edit' });
  const title = mode === 'new' ? t('localization.reportForm.newTitle') : t('localization.reportForm.editTitle');
  if (mode === 'edit' && report.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      </Stack>
    );
  }
  if (!me || (mode === 'edit' && !report.data)) return <Loading />;
  if (isCompanyUser(me.user) && !me.user.organizationId) return <RegisterYourCompanyPage title={title} />;
  return <ReportForm key={report.data?.version ?? 'new'} report={report.data} company={isCompanyUser(me.user)} ownOrganizationId={me.user.organizationId} />;
}

function initialValues(report: CapacityReport | undefined, organizationId: string | null): CapacityValues {
  const { year, quarter } = splitPeriod(report?.period ?? currentYear());
  return {
    organizationId: report?.organizationId ?? organizationId ?? '',
    categoryCode: report?.categoryCode ?? '',
    year,
    quarter,
    domesticOutput: report ? String(report.domesticOutput) : '',
    capacity: report ? String(report.capacity) : '',
    importedContentPercent: report ? String(report.importedContentPercent) : '',
    components: report?.importedComponents.join('\n') ?? '',
    evidenceDocumentIds: report?.evidenceDocumentIds ?? [],
    note: report?.note ?? '',
  };
}

function ReportForm({ report, company, ownOrganizationId }: { report: CapacityReport | undefined; company: boolean; ownOrganizationId: string | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const categories = useLocalizationCategories();
  const form = useForm<CapacityValues>({ initialValues: initialValues(report, company ? ownOrganizationId : null) });
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const values = form.getValues();
  const category = categories.data?.find((c) => c.code === values.categoryCode);
  const unit = report ? categoryUnit(report) : category ? categoryUnit(category) : null;
  const period = values.quarter ? `${values.year}-${values.quarter}` : values.year;
  const focusInvalid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);

  const save = useMutation({
    mutationFn: (current: CapacityValues) => {
      const figures: CapacityFigures = {
        domesticOutput: parseWholeNumber(current.domesticOutput)!,
        capacity: parseWholeNumber(current.capacity)!,
        importedContentPercent: Number(current.importedContentPercent.trim()),
        importedComponents: componentLines(current.components),
        evidenceDocumentIds: current.evidenceDocumentIds,
        note: current.note.trim() || undefined,
      };
      if (report) return api.reviseCapacityReport(report.id, { ...figures, version: report.version });
      const body = { ...figures, categoryCode: current.categoryCode, period, organizationId: company ? undefined : current.organizationId };
      return api.fileCapacityReport(body, keyFor(body));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(capacityReportKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      navigate(`/app/localization/reports/${saved.id}`, { state: { notice: t(report ? 'localization.reportForm.corrected' : 'localization.reportForm.filed') } });
    },
    onError: (error) => {
      const { byField, other } = splitFieldErrors(error, FIELDS, { rename: RENAMES });
      form.setErrors(byField);
      setUnplaced(other);
      focusInvalid();
    },
  });
  const existing = existingId(save.error, 'reportId');
  const title = report ? t('localization.reportForm.editTitle') : t('localization.reportForm.newTitle');

  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{report ? t('localization.reportForm.editHeading', { category: ownCategoryName(report), period: report.period }) : title}</PageHeading>
      <LocalizationNav />
      <Text maw={760}>{report ? t('localization.reportForm.editIntro') : company ? t('localization.reportForm.companyIntro') : t('localization.reportForm.officerIntro')}</Text>
      {report?.status === 'returned' && report.decisionReason && (
        <Alert color="orange" variant="light" title={t('localization.report.returnedTitle')} data-testid="returned-reason">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {report.decisionReason}
          </Text>
        </Alert>
      )}
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          const current = form.getValues();
          const errors = capacityErrors(t, current, { needsCategory: !report, needsOrganization: !report && !company });
          form.setErrors(errors);
          setUnplaced([]);
          if (Object.keys(errors).length > 0) {
            focusInvalid();
            return;
          }
          save.mutate(current);
        }}
      >
        <Stack>
          {existing ? (
            <ExistsAlert text={t('localization.reportForm.exists')} linkText={t('localization.reportForm.openExisting')} to={`/app/localization/reports/${existing}`} testId="report-exists" />
          ) : (
            <ErrorAlert error={save.error} fieldErrors={unplaced} />
          )}
          <Card withBorder>
            <Stack>
              {!report && !company && (
                <OrganizationSelect
                  label={t('localization.columns.organization')}
                  description={t('localization.reportForm.organizationHelp')}
                  required
                  placeholder={t('applicationForm.chooseOrganization')}
                  value={values.organizationId || null}
                  onChange={(value) => {
                    form.setFieldValue('organizationId', value ?? '');
                    form.setFieldValue('evidenceDocumentIds', []);
                  }}
                  error={form.errors.organizationId}
                />
              )}
              {report ? (
                <Text>{t('localization.reportForm.fixed', { organization: report.organizationName, category: ownCategoryName(report), period: report.period })}</Text>
              ) : (
                <Group align="flex-start" wrap="wrap">
                  <NativeSelect
                    label={t('localization.columns.category')}
                    required
                    data={[{ value: '', label: t('localization.chooseCategory') }, ...categoryOptions(categories.data ?? [])]}
                    {...form.getInputProps('categoryCode')}
                    style={{ flex: '2 1 280px' }}
                    data-testid="report-category"
                  />
                  <PeriodPicker
                    value={period}
                    onChange={(next) => {
                      const split = splitPeriod(next);
                      form.setFieldValue('year', split.year);
                      form.setFieldValue('quarter', split.quarter);
                    }}
                    legend={t('localization.reportForm.periodLegend')}
                    error={form.errors.year as string | undefined}
                    testId="report-period"
                  />
                </Group>
              )}
              <Group align="flex-start" wrap="wrap">
                {(
                  [
                    ['domesticOutput', 'output', unit ? t('localization.reportForm.inUnit', { unit }) : t('localization.reportForm.chooseCategoryFirst'), 24],
                    ['capacity', 'capacity', t('localization.reportForm.capacityHelp'), 24],
                    ['importedContentPercent', 'imported', t('localization.reportForm.importedContentHelp'), 3],
                  ] as const
                ).map(([field, testId, description, maxLength]) => (
                  <TextInput
                    key={field}
                    label={t(`localization.reportForm.${field === 'importedContentPercent' ? 'importedContent' : field}`)}
                    description={description}
                    required
                    inputMode="numeric"
                    maxLength={maxLength}
                    {...form.getInputProps(field)}
                    style={{ flex: '1 1 200px' }}
                    data-testid={`report-${testId}`}
                  />
                ))}
              </Group>
              <Textarea
                label={t('localization.reportForm.components')}
                description={t('localization.reportForm.componentsHelp')}
                autosize
                minRows={3}
                maxRows={10}
                maxLength={4200}
                {...form.getInputProps('components')}
                data-testid="report-components"
              />
              {values.organizationId ? (
                <DocumentChecklist
                  organizationId={values.organizationId}
                  label={t('localization.reportForm.evidence')}
                  description={t('localization.reportForm.evidenceHelp')}
                  value={values.evidenceDocumentIds}
                  onChange={(ids) => form.setFieldValue('evidenceDocumentIds', ids)}
                  error={form.errors.evidenceDocumentIds as string | undefined}
                  testId="evidence-document"
                />
              ) : (
                <Text size="sm">{t('localization.reportForm.evidenceAfterOrganization')}</Text>
              )}
              <Textarea label={t('localization.reportForm.note')} autosize minRows={2} maxRows={8} maxLength={2000} {...form.getInputProps('note')} />
            </Stack>
          </Card>
          <Group justify="flex-end">
            <Button variant="default" component={Link} to={report ? `/app/localization/reports/${report.id}` : '/app/localization/reports'}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="submit-capacity-report">
              {report ? t('localization.reportForm.submitCorrection') : t('localization.reportForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
