// The regime's settings (administrators): how many working days an officer has to decide, when
// annual reports are due and the grace after, reminder days, the days to cure a suspension and to
// appeal, the benefit rates of the cost estimate, and which register fields a resident may hide;
// and the members of the appeal commission, picked from active staff users.
import { Button, Card, Checkbox, Fieldset, Group, MultiSelect, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, HIDEABLE_FIELDS, isApiError, type BenefitRates, type HideableField, type RegimeSettings, type RegimeSettingsInput } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { fieldErrorsByPath } from '../../errors';
import { formatDateTime } from '../../format';
import { currentLanguage } from '../../i18n';
import { APPEAL_DECIDER_ROLES, REGIME_KEY } from '../../regime';

const DAY_FIELDS = ['decisionWorkingDays', 'reportGraceDays', 'cureDays', 'appealDays'] as const;
const RATE_FIELDS = ['corporateIncomeTaxPct', 'landTaxReliefPct', 'propertyTaxReliefPct', 'environmentalTaxReliefPct'] as const;
const DECIMAL = /^\d{1,15}(\.\d{1,6})?$/;

type SettingsValues = Record<(typeof DAY_FIELDS)[number], string> &
  Record<(typeof RATE_FIELDS)[number], string> & { reportDueMonth: string; reportDueDay: string; reminderDaysBefore: string; hideableFields: string[] };

function settingsValues(settings: RegimeSettings): SettingsValues {
  return {
    decisionWorkingDays: String(settings.decisionWorkingDays),
    reportGraceDays: String(settings.reportGraceDays),
    cureDays: String(settings.cureDays),
    appealDays: String(settings.appealDays),
    reportDueMonth: String(settings.reportDueMonth),
    reportDueDay: String(settings.reportDueDay),
    reminderDaysBefore: settings.reminderDaysBefore.join(', '),
    hideableFields: settings.hideableFields,
    ...settings.benefitRates,
  };
}

function validate(t: TFunction, values: SettingsValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const days = (field: string, text: string, min: number) => {
    if (!/^\d{1,3}$/.test(text.trim()) || Number(text) < min || Number(text) > 365) errors[field] = t('regime.settings.daysRange', { min });
  };
  days('decisionWorkingDays', values.decisionWorkingDays, 1);
  days('reportGraceDays', values.reportGraceDays, 0);
  days('cureDays', values.cureDays, 1);
  days('appealDays', values.appealDays, 1);
  const reminders = values.reminderDaysBefore.split(/[,\s]+/).filter(Boolean);
  if (reminders.length > 5 || reminders.some((r) => !/^\d{1,3}$/.test(r) || Number(r) < 1 || Number(r) > 365) || new Set(reminders.map(Number)).size !== reminders.length) {
    errors.reminderDaysBefore = t('regime.settings.remindersInvalid');
  }
  for (const field of RATE_FIELDS) if (!DECIMAL.test(values[field].trim().replace(',', '.'))) errors[field] = t('regime.rules.errors.decimal');
  return errors;
}

export function RegimeSettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: [...REGIME_KEY, 'settings'], queryFn: api.getRegimeSettings });
  const title = t('regime.settings.title');
  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{t('regime.settings.intro')}</Text>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} />
      )}
      <CommissionSection />
    </Stack>
  );
}

function SettingsForm({ settings }: { settings: RegimeSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const form = useForm<SettingsValues>({ initialValues: settingsValues(settings) });
  useEffect(() => {
    form.setValues(settingsValues(settings));
    form.resetDirty(settingsValues(settings));
  }, [settings.version]);

  const save = useMutation({
    mutationFn: (values: SettingsValues) => {
      const input: RegimeSettingsInput = {
        version: settings.version,
        decisionWorkingDays: Number(values.decisionWorkingDays),
        reportGraceDays: Number(values.reportGraceDays),
        cureDays: Number(values.cureDays),
        appealDays: Number(values.appealDays),
        reportDueMonth: Number(values.reportDueMonth),
        reportDueDay: Number(values.reportDueDay),
        reminderDaysBefore: values.reminderDaysBefore.split(/[,\s]+/).filter(Boolean).map(Number),
        benefitRates: Object.fromEntries(RATE_FIELDS.map((field) => [field, values[field].trim().replace(',', '.')])) as unknown as BenefitRates,
        hideableFields: values.hideableFields as HideableField[],
      };
      return api.putRegimeSettings(input);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData([...REGIME_KEY, 'settings'], saved);
      setNotice(t('regime.settings.saved'));
    },
    onError: (error) => {
      const errors: Record<string, string> = {};
      for (const [path, message] of Object.entries(fieldErrorsByPath(error))) errors[path.replace(/^benefitRates\./, '')] = message;
      form.setErrors(errors);
    },
  });

  const stale = isApiError(save.error, 'conflict');
  return (
    <form
      noValidate
      aria-label={t('regime.settings.title')}
      onSubmit={(event) => {
        event.preventDefault();
        setNotice(null);
        const values = form.getValues();
        const errors = validate(t, values);
        form.setErrors(errors);
        if (Object.keys(errors).length > 0) {
          window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
          return;
        }
        save.mutate(values);
      }}
    >
      <Stack gap="lg">
        {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
        <ErrorAlert error={save.error} fieldErrors={[]} />
        {stale && (
          <Group>
            <Button size="xs" variant="subtle" onClick={() => void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'settings'] })}>
              {t('profileTab.reload')}
            </Button>
          </Group>
        )}
        <Fieldset legend={t('regime.settings.deadlinesLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {DAY_FIELDS.map((field) => (
              <TextInput key={field} label={t(`regime.settings.${field}`)} description={t(`regime.settings.${field}Help`)} inputMode="numeric" maxLength={3} {...form.getInputProps(field)} data-testid={`setting-${field}`} />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('regime.settings.reportsLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label={t('regime.settings.reportDueMonth')}
              data={Array.from({ length: 12 }, (_, i) => ({
                value: String(i + 1),
                label: new Intl.DateTimeFormat(currentLanguage() === 'uk' ? 'uk-UA' : 'en-GB', { month: 'long' }).format(new Date(2000, i, 1)),
              }))}
              {...form.getInputProps('reportDueMonth')}
            />
            <NativeSelect
              label={t('regime.settings.reportDueDay')}
              data={Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))}
              {...form.getInputProps('reportDueDay')}
            />
            <TextInput label={t('regime.settings.reminderDaysBefore')} description={t('regime.settings.reminderDaysBeforeHelp')} maxLength={40} {...form.getInputProps('reminderDaysBefore')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('regime.settings.ratesLegend')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {RATE_FIELDS.map((field) => (
              <TextInput key={field} label={t(`regime.settings.${field}`)} inputMode="decimal" maxLength={30} {...form.getInputProps(field)} />
            ))}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t('regime.settings.registerLegend')}>
          <Checkbox.Group label={t('regime.settings.hideableFields')} description={t('regime.settings.hideableFieldsHelp')} {...form.getInputProps('hideableFields')}>
            <Stack gap={6} mt="xs">
              {HIDEABLE_FIELDS.map((field) => (
                <Checkbox key={field} value={field} label={t(`regime.visibility.field.${field}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
        </Fieldset>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">{t('regime.settings.version', { version: settings.version, date: formatDateTime(settings.updatedAt) })}</Text>
          <Button type="submit" loading={save.isPending} data-testid="save-settings">
            {t('regime.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommissionSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const commission = useQuery({ queryKey: [...REGIME_KEY, 'commission'], queryFn: api.getCommission });
  // Staff users who may sit on the commission (the list of users is the administrators' own page's).
  const users = useQuery({ queryKey: ['users', { status: 'active', all: true }], queryFn: () => api.listUsers({ status: 'active', limit: 200, offset: 0 }) });
  const [selected, setSelected] = useState<string[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    if (commission.data) setSelected(commission.data.members.map((m) => m.userId));
  }, [commission.data]);
  const save = useMutation({
    mutationFn: () => api.putCommission(selected),
    onSuccess: (saved) => {
      queryClient.setQueryData([...REGIME_KEY, 'commission'], saved);
      setNotice(t('regime.settings.commissionSaved'));
    },
  });
  const staff = (users.data?.items ?? []).filter((u) => u.roles.some((role) => APPEAL_DECIDER_ROLES.includes(role)));
  const options = staff.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }));
  for (const member of commission.data?.members ?? []) {
    if (!options.some((o) => o.value === member.userId)) options.push({ value: member.userId, label: member.email });
  }

  return (
    <Card withBorder component="section" aria-labelledby="commission-heading">
      <Title order={2} size="h3" id="commission-heading" mb="xs">
        {t('regime.settings.commissionHeading')}
      </Title>
      <Text size="sm" mb="sm">
        {t('regime.settings.commissionIntro')}
      </Text>
      {commission.isPending || users.isPending ? (
        <Loading />
      ) : commission.isError || users.isError ? (
        <ErrorAlert error={commission.error ?? users.error} onRetry={() => void (commission.isError ? commission.refetch() : users.refetch())} />
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setNotice(null);
            save.mutate();
          }}
        >
          <Stack>
            {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
            <ErrorAlert error={save.error} />
            <TableFrame label={t('regime.settings.commissionHeading')}>
              <Table striped captionSide="top" verticalSpacing="xs" miw={480}>
                <Table.Caption>{t('regime.settings.commissionCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('regime.settings.member')}</Table.Th>
                    <Table.Th scope="col">{t('regime.settings.addedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {commission.data.members.length === 0 && (
                    <Table.Tr>
                      <Table.Td colSpan={2}>{t('regime.settings.noMembers')}</Table.Td>
                    </Table.Tr>
                  )}
                  {commission.data.members.map((member) => (
                    <Table.Tr key={member.userId}>
                      <Table.Td>{member.email}</Table.Td>
                      <Table.Td>{formatDateTime(member.addedAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableFrame>
            <MultiSelect
              label={t('regime.settings.members')}
              description={t('regime.settings.membersHelp')}
              data={options}
              value={selected}
              onChange={setSelected}
              searchable
              clearable
              maxValues={50}
              nothingFoundMessage={t('common.empty')}
              comboboxProps={{ withinPortal: true }}
              clearButtonProps={{ 'aria-label': t('common.reset') }}
              data-testid="commission-members"
            />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="save-commission">
                {t('regime.settings.saveCommission')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
