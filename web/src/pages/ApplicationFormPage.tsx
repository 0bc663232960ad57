// The membership application form: the localization plan (local partner, production site, investment,
// jobs, capabilities, start date, summary) and the organization's documents to attach. Saving keeps
// a draft; "Save and submit" also sends it for screening. A returned application is edited here too.
import {
  Alert,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import {
  api,
  INVESTMENT_CURRENCIES,
  isApiError,
  newIdempotencyKey,
  type InvestmentCurrency,
  type LocalizationPlan,
  type MembershipApplicationDetail,
} from '../api';
import { CapabilitiesSelect } from '../components/CapabilitiesSelect';
import { DocumentChecklist } from '../components/DocumentChecklist';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { OrganizationSelect } from '../components/OrganizationSelect';
import { PageHeading } from '../components/PageHeading';
import { splitFieldErrors } from '../errors';
import { minorDigits, minorToMajorString, parseMajorAmount, type AmountLanguage } from '../money';
import { regionOptions } from '../regions';
import { isCompanyUser, useMe } from '../session';

interface PlanValues {
  organizationId: string | null;
  localPartnerOrganizationId: string | null;
  siteOblast: string | null;
  siteCity: string;
  investment: string;
  investmentCurrency: InvestmentCurrency | '';
  jobs: string;
  capabilities: string[];
  plannedStart: string;
  planSummary: string;
  documentIds: string[];
}

const FIELDS = [
  'organizationId',
  'localPartnerOrganizationId',
  'siteOblast',
  'siteCity',
  'investment',
  'investmentCurrency',
  'jobs',
  'capabilities',
  'plannedStart',
  'planSummary',
  'documentIds',
] as const;

function valuesFrom(application: MembershipApplicationDetail | undefined, organizationId: string | null): PlanValues {
  const currency = (application?.investmentCurrency ?? '') as InvestmentCurrency | '';
  return {
    organizationId: application?.organizationId ?? organizationId,
    localPartnerOrganizationId: application?.localPartnerOrganizationId ?? null,
    siteOblast: application?.siteOblast ?? null,
    siteCity: application?.siteCity ?? '',
    investment:
      application?.investmentMinor != null && currency ? minorToMajorString(application.investmentMinor, currency) : '',
    investmentCurrency: currency || 'EUR',
    jobs: application?.jobs != null ? String(application.jobs) : '',
    capabilities: application?.capabilities ?? [],
    plannedStart: application?.plannedStart ?? '',
    planSummary: application?.planSummary ?? '',
    documentIds: application?.documentIds ?? [],
  };
}

/** The plan to send: every field, so a cleared field is cleared on the server too (null). */
function toPlan(values: PlanValues, language: AmountLanguage): LocalizationPlan {
  const amount =
    values.investment.trim() && values.investmentCurrency
      ? parseMajorAmount(values.investment, values.investmentCurrency, language)
      : null;
  return {
    localPartnerOrganizationId: values.localPartnerOrganizationId,
    siteOblast: values.siteOblast,
    siteCity: values.siteCity.trim() || null,
    investmentMinor: amount && amount.ok ? amount.minor : null,
    investmentCurrency: values.investmentCurrency || null,
    jobs: values.jobs.trim() ? Number(values.jobs.trim()) : null,
    capabilities: values.capabilities,
    plannedStart: values.plannedStart || null,
    planSummary: values.planSummary.trim() || null,
    documentIds: values.documentIds,
  };
}

function amountError(t: TFunction, values: PlanValues, language: AmountLanguage): string | null {
  if (!values.investment.trim()) return null;
  if (!values.investmentCurrency) return t('validation.currencyRequired');
  const parsed = parseMajorAmount(values.investment, values.investmentCurrency, language);
  if (parsed.ok) return null;
  if (parsed.reason === 'precision') return t('validation.amountPrecision', { digits: minorDigits(values.investmentCurrency) });
  if (parsed.reason === 'range') return t('validation.amountRange');
  return t('validation.amountFormat');
}

/** Checks that always apply, plus, for a submission, that everything the server requires is there. */
function validate(t: TFunction, values: PlanValues, submitting: boolean, staff: boolean, language: AmountLanguage): Record<string, string> {
  const errors: Record<string, string> = {};
  const required = t('validation.requiredToSubmit');
  if (staff && !values.organizationId) errors.organizationId = t('validation.required');
  const amount = amountError(t, values, language);
  if (amount) errors.investment = amount;
  if (values.jobs.trim() && !/^\d{1,8}$/.test(values.jobs.trim())) errors.jobs = t('validation.wholeNumber');
  if (submitting) {
    if (!values.siteOblast) errors.siteOblast = required;
    if (!values.siteCity.trim()) errors.siteCity = required;
    if (!values.investment.trim()) errors.investment ??= required;
    if (!values.jobs.trim()) errors.jobs ??= required;
    if (values.capabilities.length === 0) errors.capabilities = required;
    if (!values.plannedStart) errors.plannedStart = required;
    if (values.documentIds.length === 0) errors.documentIds = t('validation.attachDocument');
  }
  return errors;
}

export function ApplicationFormPage() {
  const { id } = useParams();
  const { data: me } = useMe();
  const application = useQuery({
    queryKey: ['applications', 'detail', id ?? ''],
    queryFn: () => api.getApplication(id ?? ''),
    enabled: Boolean(id),
  });
  if (!me) return null;
  if (id && application.isPending) return <Loading />;
  if (id && application.isError) return <ErrorAlert error={application.error} onRetry={() => void application.refetch()} />;
  const company = isCompanyUser(me.user);
  if (company && !me.user.organizationId) return <Navigate to="/app/organizations" replace />;
  if (!company && !me.user.roles.some((r) => r === 'officer' || r === 'admin')) return <Navigate to="/app/membership" replace />;
  return (
    <ApplicationForm
      key={application.data?.id ?? 'new'}
      application={application.data}
      staff={!company}
      ownOrganizationId={company ? me.user.organizationId : null}
    />
  );
}

function ApplicationForm({
  application,
  staff,
  ownOrganizationId,
}: {
  application: MembershipApplicationDetail | undefined;
  staff: boolean;
  ownOrganizationId: string | null;
}) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(application);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm<PlanValues>({ initialValues: valuesFrom(application, ownOrganizationId) });
  const organizationId = form.getValues().organizationId;
  const regions = useMemo(() => regionOptions(), [i18n.resolvedLanguage]);
  const language: AmountLanguage = i18n.resolvedLanguage === 'en' ? 'en' : 'uk';

  const save = useMutation({
    mutationFn: async ({ values, submit }: { values: PlanValues; submit: boolean }) => {
      const plan = toPlan(values, language);
      let saved: MembershipApplicationDetail;
      if (base) {
        saved = await api.updateApplication(base.id, { ...plan, version: base.version });
      } else {
        saved = await api.createApplication(
          { ...plan, ...(staff && values.organizationId ? { organizationId: values.organizationId } : {}) },
          newIdempotencyKey(),
        );
      }
      // From here on the draft exists: a failed submission is fixed and retried as an edit.
      setBase(saved);
      if (submit) {
        saved = await api.transitionApplication(saved.id, { action: 'submit', version: saved.version }, newIdempotencyKey());
      }
      return { saved, submit };
    },
    onSuccess: ({ saved, submit }) => {
      queryClient.setQueryData(['applications', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['applications'] });
      navigate(`/app/membership/applications/${saved.id}`, {
        state: { notice: submit ? t('applicationForm.submitted') : t('applicationForm.saved') },
      });
    },
    onError: (error) => {
      const { byField } = splitFieldErrors(error, FIELDS, { rename: { investmentMinor: 'investment' } });
      form.setErrors(byField);
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
    },
  });

  const run = (submit: boolean) => {
    setSubmitting(submit);
    const values = form.getValues();
    const errors = validate(t, values, submit, staff, language);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    save.mutate({ values, submit });
  };

  const stale = isApiError(save.error, 'conflict') && base !== undefined;
  const reload = async () => {
    if (!base) return;
    const fresh = await queryClient.fetchQuery({ queryKey: ['applications', 'detail', base.id], queryFn: () => api.getApplication(base.id) });
    setBase(fresh);
    form.setValues(valuesFrom(fresh, ownOrganizationId));
    save.reset();
  };

  const title = application ? t('applicationForm.editTitle') : t('applicationForm.title');
  const other = save.error ? splitFieldErrors(save.error, FIELDS, { rename: { investmentMinor: 'investment' } }).other : [];
  const currency = form.getValues().investmentCurrency;

  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <Text>{t('applicationForm.intro')}</Text>
      {application?.status === 'returned' && application.decisionReason && (
        <Alert color="orange" variant="light" title={t('application.returnedReason')}>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{application.decisionReason}</Text>
        </Alert>
      )}
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          run(false);
        }}
      >
        <Stack gap="lg">
          {stale ? (
            <Alert color="orange" variant="light" role="alert" title={t('applicationForm.staleTitle')}>
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('applicationForm.staleText')}</Text>
                <Button size="xs" variant="outline" color="orange" onClick={() => void reload()}>
                  {t('profileTab.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            save.error && <ErrorAlert error={save.error} fieldErrors={other} />
          )}

          {staff && !application && (
            <OrganizationSelect
              label={t('applicationForm.organization')}
              description={t('applicationForm.organizationHelp')}
              required
              placeholder={t('applicationForm.chooseOrganization')}
              {...form.getInputProps('organizationId')}
            />
          )}

          <Fieldset legend={t('applicationForm.partnerLegend')}>
            <OrganizationSelect
              label={t('applicationForm.localPartner')}
              description={t('applicationForm.localPartnerHelp')}
              placeholder={t('applicationForm.noPartner')}
              {...form.getInputProps('localPartnerOrganizationId')}
            />
          </Fieldset>

          <Fieldset legend={t('applicationForm.siteLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('applicationForm.siteOblast')}
                searchable
                clearable
                data={regions}
                nothingFoundMessage={t('common.empty')}
                comboboxProps={{ withinPortal: true }}
                clearButtonProps={{ 'aria-label': t('common.reset') }}
                required={submitting}
                data-testid="site-oblast"
                {...form.getInputProps('siteOblast')}
              />
              <TextInput label={t('applicationForm.siteCity')} maxLength={200} {...form.getInputProps('siteCity')} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('applicationForm.investmentLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={t('applicationForm.investment')}
                description={t('applicationForm.investmentHelp', { currency: currency || '' })}
                inputMode="decimal"
                autoComplete="off"
                maxLength={40}
                data-testid="investment"
                {...form.getInputProps('investment')}
              />
              <NativeSelect
                label={t('applicationForm.currency')}
                data={INVESTMENT_CURRENCIES.map((c) => ({ value: c, label: c }))}
                {...form.getInputProps('investmentCurrency')}
              />
              <TextInput
                label={t('applicationForm.jobs')}
                description={t('applicationForm.jobsHelp')}
                inputMode="numeric"
                maxLength={8}
                {...form.getInputProps('jobs')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('applicationForm.productionLegend')}>
            <Stack>
              <CapabilitiesSelect
                label={t('applicationForm.capabilities')}
                description={t('applicationForm.capabilitiesHelp')}
                {...form.getInputProps('capabilities')}
              />
              <TextInput
                label={t('applicationForm.plannedStart')}
                type="date"
                min="2000-01-01"
                max="2100-12-31"
                maw={260}
                {...form.getInputProps('plannedStart')}
              />
              <Textarea
                label={t('applicationForm.planSummary')}
                description={t('applicationForm.planSummaryHelp')}
                autosize
                minRows={4}
                maxRows={14}
                maxLength={5000}
                {...form.getInputProps('planSummary')}
              />
            </Stack>
          </Fieldset>

          <Fieldset legend={t('applicationForm.documentsLegend')}>
            {!organizationId ? (
              <Text size="sm">{t('applicationForm.documentsChooseOrganization')}</Text>
            ) : (
              <DocumentChecklist
                organizationId={organizationId}
                label={t('applicationForm.documents')}
                description={t('applicationForm.documentsHelp')}
                value={form.getValues().documentIds}
                onChange={(ids) => form.setFieldValue('documentIds', ids)}
                error={form.errors.documentIds as string | undefined}
              />
            )}
          </Fieldset>

          <Group justify="flex-end">
            <Button
              variant="default"
              component={Link}
              to={application ? `/app/membership/applications/${application.id}` : '/app/membership'}
            >
              {t('common.cancel')}
            </Button>
            <Button type="submit" variant="outline" loading={save.isPending && !submitting}>
              {t('applicationForm.saveDraft')}
            </Button>
            <Button onClick={() => run(true)} loading={save.isPending && submitting} data-testid="save-and-submit">
              {t('applicationForm.saveAndSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
