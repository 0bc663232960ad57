// The programs' controls: per currency, the amount above which a disbursement needs two approvers
// besides the fund officer who prepared it. Administrators set them (fund officers do not set their
// own controls); fund staff read them.
import { Button, Card, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, CALL_CURRENCIES, isApiError, type CallCurrency, type ProgramSettings } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { amountLanguage } from '../../fund';
import { minorToMajorString, parseMajorAmount } from '../../money';
import { moneyError, PROGRAMS_KEY, SETTINGS_ADMINS } from '../../programs';
import { hasAnyRole, useMe } from '../../session';

const SETTINGS_KEY = [...PROGRAMS_KEY, 'settings'] as const;

export function ProgramSettingsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const settings = useQuery({ queryKey: SETTINGS_KEY, queryFn: api.getProgramSettings });
  const title = t('programs.settings.title');
  if (!me) return null;
  const admin = hasAnyRole(me.user, SETTINGS_ADMINS);
  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{t('programs.settings.intro')}</Text>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <>
          <LimitsTable settings={settings.data} />
          {admin ? <LimitsForm settings={settings.data} /> : <Text size="sm">{t('programs.settings.adminsOnly')}</Text>}
        </>
      )}
    </Stack>
  );
}

function LimitsTable({ settings }: { settings: ProgramSettings }) {
  const { t } = useTranslation();
  const caption = t('programs.settings.caption');
  return (
    <TableFrame label={caption}>
      <Table striped captionSide="top" verticalSpacing="xs" maw={600} data-testid="approval-limits">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programs.settings.currency')}</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>
              {t('programs.settings.limit')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CALL_CURRENCIES.map((currency) => (
            <Table.Tr key={currency}>
              <Table.Td>{currency}</Table.Td>
              <Table.Td style={NUMERIC}>
                {settings.secondApprovalAbove[currency] === undefined ? t('programs.settings.noLimit') : <Money minor={settings.secondApprovalAbove[currency]} currency={currency} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableFrame>
  );
}

type Values = Record<CallCurrency, string>;

function valuesOf(settings: ProgramSettings): Values {
  return Object.fromEntries(CALL_CURRENCIES.map((c) => [c, settings.secondApprovalAbove[c] === undefined ? '' : minorToMajorString(settings.secondApprovalAbove[c], c)])) as Values;
}

function LimitsForm({ settings }: { settings: ProgramSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const language = amountLanguage();
  const [values, setValues] = useState<Values>(() => valuesOf(settings));
  const [errors, setErrors] = useState<Partial<Record<CallCurrency, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => setValues(valuesOf(settings)), [settings.version]);
  const save = useMutation({
    mutationFn: (limits: Partial<Record<CallCurrency, number>>) => api.putProgramSettings({ version: settings.version, secondApprovalAbove: limits }),
    onSuccess: (saved) => {
      queryClient.setQueryData(SETTINGS_KEY, saved);
      setNotice(t('programs.settings.saved'));
    },
  });
  return (
    <Card withBorder component="section" aria-labelledby="limits-heading">
      <Title order={2} size="h3" id="limits-heading" mb="xs">
        {t('programs.settings.formHeading')}
      </Title>
      <form
        noValidate
        aria-labelledby="limits-heading"
        onSubmit={(event) => {
          event.preventDefault();
          setNotice(null);
          const found: Partial<Record<CallCurrency, string>> = {};
          const limits: Partial<Record<CallCurrency, number>> = {};
          for (const currency of CALL_CURRENCIES) {
            const text = values[currency];
            // A limit once set can be changed but not removed (the API merges what it is sent).
            if (!text.trim()) {
              if (settings.secondApprovalAbove[currency] !== undefined) found[currency] = t('validation.required');
              continue;
            }
            const problem = moneyError(t, text, currency, language, { zero: true });
            if (problem) found[currency] = problem;
            else {
              const parsed = parseMajorAmount(text, currency, language);
              if (parsed.ok) limits[currency] = parsed.minor;
            }
          }
          setErrors(found);
          if (Object.keys(found).length === 0) save.mutate(limits);
        }}
      >
        <Stack>
          <Text size="sm">{t('programs.settings.formHelp')}</Text>
          {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
          <ErrorAlert error={save.error} fieldErrors={[]} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {CALL_CURRENCIES.map((currency) => (
              <TextInput
                key={currency}
                label={t('programs.settings.limitIn', { currency })}
                inputMode="decimal"
                maxLength={40}
                value={values[currency]}
                onChange={(event) => {
                  const text = event.currentTarget.value;
                  setValues((current) => ({ ...current, [currency]: text }));
                }}
                error={errors[currency]}
                data-testid={`limit-${currency}`}
              />
            ))}
          </SimpleGrid>
          <Group justify="flex-end">
            {isApiError(save.error, 'conflict') && (
              <Button variant="subtle" onClick={() => void queryClient.invalidateQueries({ queryKey: SETTINGS_KEY })}>
                {t('profileTab.reload')}
              </Button>
            )}
            <Button type="submit" loading={save.isPending} data-testid="save-limits">
              {t('programs.settings.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
