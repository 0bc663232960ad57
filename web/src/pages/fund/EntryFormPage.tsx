// Booking a journal entry (fund officers): currency, description, reference, booking date, what it
// pays for, posted at once or reserved, and two or more postings whose debits equal their credits.
// Amounts are typed in major units and sent as exact integer minor units; the server's field errors
// land next to the input they name (`body.postings.1.amount` → the second line's amount).
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  CloseButton,
  Fieldset,
  Group,
  NativeSelect,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, DIRECT_REFERENCE_TYPES, isApiError, type DirectReferenceType, type LedgerAccount, type NewEntry } from '../../api';
import { capabilityOptions, useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { splitFieldErrors } from '../../errors';
import { accountOption, amountError, earmarkText, FUND_KEY, todayIso, toMinor, useIdempotencyKeys, useLedgerAccounts } from '../../fund';
import { currentLanguage } from '../../i18n';
import { formatMoney, parseMajorAmount } from '../../money';
import { canBook, useMe } from '../../session';

interface PostingValues {
  key: string;
  account: string | null;
  direction: 'debit' | 'credit';
  amount: string;
}

interface EntryValues {
  currency: string;
  description: string;
  referenceType: DirectReferenceType;
  referenceId: string;
  effectiveDate: string;
  purpose: { program: string; capability: string | null };
  pending: boolean;
  postings: PostingValues[];
}

const posting = (direction: 'debit' | 'credit'): PostingValues => ({ key: randomId(), account: null, direction, amount: '' });

const TOP_FIELDS = ['currency', 'description', 'referenceType', 'referenceId', 'effectiveDate', 'pending', 'purpose.program', 'purpose.capability', 'purpose'];

/** Form paths the server's field errors may name; a posting's own fields before the list as a whole. */
function errorFields(count: number): string[] {
  const lines = Array.from({ length: count }, (_, i) => [`postings.${i}.account`, `postings.${i}.direction`, `postings.${i}.amount`]).flat();
  return [...TOP_FIELDS, ...lines, 'postings'];
}

function validate(t: TFunction, values: EntryValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.currency) errors.currency = t('validation.currencyRequired');
  if (!values.description.trim()) errors.description = t('validation.required');
  if (values.effectiveDate && !/^\d{4}-\d{2}-\d{2}$/.test(values.effectiveDate)) errors.effectiveDate = t('fund.validation.date');
  if (values.purpose.program.trim() && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.purpose.program.trim())) {
    errors['purpose.program'] = t('fund.validation.programCode');
  }
  values.postings.forEach((line, i) => {
    if (!line.account) errors[`postings.${i}.account`] = t('validation.required');
    const amount = amountError(t, line.amount, values.currency);
    if (amount) errors[`postings.${i}.amount`] = amount;
  });
  if (values.postings.length < 2) errors.postings = t('fund.entryForm.twoPostings');
  else if (Object.keys(errors).length === 0) {
    const { debits, credits } = totals(values);
    if (debits !== credits) errors.postings = t('fund.entryForm.unbalanced');
  }
  return errors;
}

/** Sums of the lines that parse, in minor units (BigInt: no rounding however many lines). */
function totals(values: EntryValues): { debits: bigint; credits: bigint } {
  let debits = 0n;
  let credits = 0n;
  for (const line of values.postings) {
    const parsed = values.currency ? parseMajorAmount(line.amount, values.currency, currentLanguage()) : null;
    if (!parsed?.ok) continue;
    if (line.direction === 'debit') debits += BigInt(parsed.minor);
    else credits += BigInt(parsed.minor);
  }
  return { debits, credits };
}

function toEntry(values: EntryValues): NewEntry {
  const program = values.purpose.program.trim();
  const capability = values.purpose.capability;
  return {
    currency: values.currency,
    description: values.description.trim(),
    referenceType: values.referenceType,
    ...(values.referenceId.trim() ? { referenceId: values.referenceId.trim() } : {}),
    ...(values.effectiveDate ? { effectiveDate: values.effectiveDate } : {}),
    pending: values.pending,
    ...(program || capability ? { purpose: { ...(program ? { program } : {}), ...(capability ? { capability } : {}) } } : {}),
    postings: values.postings.map((line) => ({
      account: line.account ?? '',
      direction: line.direction,
      amount: toMinor(line.amount, values.currency),
    })),
  };
}

export function EntryFormPage() {
  const { data: me } = useMe();
  const accounts = useLedgerAccounts();
  if (!me) return null;
  if (!canBook(me.user)) return <Navigate to="/app/fund/journal" replace />;
  if (accounts.isPending) return <Loading />;
  if (accounts.isError) return <ErrorAlert error={accounts.error} onRetry={() => void accounts.refetch()} />;
  return <EntryForm accounts={accounts.data.items.filter((a) => !a.closedAt)} />;
}

function EntryForm({ accounts }: { accounts: LedgerAccount[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const capabilities = useCapabilities();
  const currencies = [...new Set(accounts.map((a) => a.currency))];
  const form = useForm<EntryValues>({
    initialValues: {
      currency: currencies.includes('UAH') ? 'UAH' : (currencies[0] ?? ''),
      description: '',
      referenceType: 'budget',
      referenceId: '',
      effectiveDate: todayIso(),
      purpose: { program: '', capability: null },
      pending: false,
      postings: [posting('debit'), posting('credit')],
    },
  });
  const keyFor = useIdempotencyKeys();

  const book = useMutation({
    mutationFn: (entry: NewEntry) => api.createLedgerEntry(entry, keyFor(entry)),
    onSuccess: (entry) => {
      void queryClient.invalidateQueries({ queryKey: FUND_KEY });
      navigate('/app/fund/journal', { state: { notice: t(entry.status === 'pending' ? 'fund.entryForm.reserved' : 'fund.entryForm.booked', { seq: entry.entrySeq }) } });
    },
    onError: (error) => {
      const values = form.getValues();
      const errors = splitFieldErrors(error, errorFields(values.postings.length)).byField;
      // A refused account (not enough money, earmarked, closed) is marked on every line that uses it.
      const account = isApiError(error, 'conflict') ? error.extra.account : undefined;
      if (typeof account === 'string') {
        values.postings.forEach((line, i) => {
          if (line.account === account) errors[`postings.${i}.account`] = t('fund.entryForm.refusedAccount');
        });
      }
      form.setErrors(errors);
      focusFirstError();
    },
  });

  const submit = () => {
    const values = form.getValues();
    const errors = validate(t, values);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      focusFirstError();
      return;
    }
    book.mutate(toEntry(values));
  };

  const values = form.getValues();
  const currency = values.currency;
  const options = accounts.filter((a) => a.currency === currency).map(accountOption);
  const { debits, credits } = totals(values);
  const language = currentLanguage();
  const other = book.error ? splitFieldErrors(book.error, errorFields(values.postings.length)).other : [];
  const title = t('fund.entryForm.title');

  return (
    <Stack maw={960}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <FundNav />
      <Text>{t('fund.entryForm.intro')}</Text>
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="lg">
          {book.error && <BookingError error={book.error} accounts={accounts} other={other} />}

          <Fieldset legend={t('fund.entryForm.whatLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('fund.entry.currency')}
                required
                data={currencies.map((c) => ({ value: c, label: c }))}
                data-testid="entry-currency"
                {...form.getInputProps('currency')}
                onChange={(event) => {
                  const next = event.currentTarget.value;
                  form.setFieldValue('currency', next);
                  // Accounts of another currency cannot stay on the lines.
                  form.getValues().postings.forEach((line, i) => {
                    if (line.account && !accounts.some((a) => a.code === line.account && a.currency === next)) form.setFieldValue(`postings.${i}.account`, null);
                  });
                }}
              />
              <TextInput
                label={t('fund.entry.effectiveDate')}
                description={t('fund.entryForm.effectiveDateHelp')}
                type="date"
                min="2000-01-01"
                max={todayIso()}
                data-testid="entry-date"
                {...form.getInputProps('effectiveDate')}
              />
              <TextInput
                label={t('fund.entry.description')}
                required
                maxLength={500}
                data-testid="entry-description"
                {...form.getInputProps('description')}
                style={{ gridColumn: '1 / -1' }}
              />
              <NativeSelect
                label={t('fund.entry.referenceType')}
                data={DIRECT_REFERENCE_TYPES.map((r) => ({ value: r, label: t(`fund.referenceType.${r}`) }))}
                data-testid="entry-reference-type"
                {...form.getInputProps('referenceType')}
              />
              <TextInput
                label={t('fund.entry.referenceId')}
                description={t('fund.entryForm.referenceIdHelp')}
                maxLength={200}
                data-testid="entry-reference-id"
                {...form.getInputProps('referenceId')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('fund.entryForm.purposeLegend')}>
            <Text size="sm" mb="sm">
              {t('fund.entryForm.purposeHelp')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('fund.entry.program')} maxLength={64} {...form.getInputProps('purpose.program')} />
              <Select
                label={t('fund.entry.capability')}
                searchable
                clearable
                data={capabilityOptions(capabilities.data ?? [])}
                nothingFoundMessage={t('common.empty')}
                comboboxProps={{ withinPortal: true }}
                clearButtonProps={{ 'aria-label': t('common.reset') }}
                {...form.getInputProps('purpose.capability')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend={t('fund.entryForm.postingsLegend')}>
            <Stack gap="md">
              {values.postings.map((line, index) => {
                const account = accounts.find((a) => a.code === line.account);
                return (
                  <Fieldset key={line.key} legend={t('fund.entryForm.line', { number: index + 1 })} variant="filled" data-testid={`posting-${index}`}>
                    <Group align="flex-start" wrap="wrap" gap="sm">
                      <Select
                        label={t('fund.posting.account')}
                        required
                        searchable
                        data={options}
                        nothingFoundMessage={t('common.empty')}
                        comboboxProps={{ withinPortal: true }}
                        style={{ flex: '3 1 280px' }}
                        description={account?.earmark ? t('fund.account.earmarked', { earmark: earmarkText(t, account.earmark, capabilities.data) }) : undefined}
                        data-testid={`posting-${index}-account`}
                        {...form.getInputProps(`postings.${index}.account`)}
                      />
                      <NativeSelect
                        label={t('fund.posting.direction')}
                        data={(['debit', 'credit'] as const).map((d) => ({ value: d, label: t(`fund.direction.${d}`) }))}
                        style={{ flex: '1 1 120px' }}
                        data-testid={`posting-${index}-direction`}
                        {...form.getInputProps(`postings.${index}.direction`)}
                      />
                      <TextInput
                        label={t('fund.posting.amount')}
                        description={t('fund.entryForm.amountHelp', { currency })}
                        required
                        inputMode="decimal"
                        autoComplete="off"
                        maxLength={40}
                        style={{ flex: '2 1 180px' }}
                        data-testid={`posting-${index}-amount`}
                        {...form.getInputProps(`postings.${index}.amount`)}
                      />
                      {values.postings.length > 2 && (
                        <CloseButton
                          mt={28}
                          aria-label={t('fund.entryForm.removeLine', { number: index + 1 })}
                          onClick={() => form.removeListItem('postings', index)}
                        />
                      )}
                    </Group>
                  </Fieldset>
                );
              })}
              <Group justify="space-between" wrap="wrap">
                <Button
                  variant="default"
                  size="sm"
                  onClick={() => form.insertListItem('postings', posting(debits > credits ? 'credit' : 'debit'))}
                  disabled={values.postings.length >= 100}
                  data-testid="add-posting"
                >
                  {t('fund.entryForm.addLine')}
                </Button>
                <Group gap="sm" aria-live="polite" data-testid="entry-totals">
                  <Text size="sm">{t('fund.entryForm.debits', { amount: formatMoney(Number(debits), currency, language) })}</Text>
                  <Text size="sm">{t('fund.entryForm.credits', { amount: formatMoney(Number(credits), currency, language) })}</Text>
                  <Badge color={debits === credits && debits > 0n ? 'green' : 'orange'} variant="light" tt="none">
                    {debits === credits && debits > 0n ? t('fund.entryForm.balanced') : t('fund.entryForm.difference', { amount: formatMoney(Number(debits > credits ? debits - credits : credits - debits), currency, language) })}
                  </Badge>
                </Group>
              </Group>
              {form.errors.postings && (
                <Text size="sm" c="var(--mantine-color-error)" role="alert" data-testid="postings-error">
                  {form.errors.postings}
                </Text>
              )}
            </Stack>
          </Fieldset>

          <Checkbox
            label={t('fund.entry.pending')}
            description={t('fund.entryForm.pendingHelp')}
            {...form.getInputProps('pending', { type: 'checkbox' })}
          />

          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/app/fund/journal">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={book.isPending} data-testid="submit-entry">
              {values.pending ? t('fund.entryForm.reserve') : t('fund.entryForm.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** The failure of a booking; refusals that name an account are told in words, with the amount available. */
function BookingError({ error, accounts, other }: { error: unknown; accounts: LedgerAccount[]; other: { field: string; message: string }[] }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  if (isApiError(error, 'conflict') && typeof error.extra.account === 'string') {
    const code = error.extra.account;
    const account = accounts.find((a) => a.code === code);
    const available = error.extra.available;
    const earmark = error.extra.earmark as { type: string; code: string } | undefined;
    const text =
      typeof available === 'number'
        ? t('fund.entryForm.insufficient', { account: code, available: formatMoney(available, account?.currency ?? String(error.extra.currency ?? ''), currentLanguage()) })
        : earmark
          ? t('fund.entryForm.earmarkRefused', { account: code, earmark: earmarkText(t, earmark, capabilities.data) })
          : t('fund.entryForm.accountRefused', { account: code });
    return (
      <Alert color="red" variant="light" role="alert" data-testid="booking-refused">
        {text}
      </Alert>
    );
  }
  return <ErrorAlert error={error} fieldErrors={other} />;
}

function focusFirstError() {
  window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
