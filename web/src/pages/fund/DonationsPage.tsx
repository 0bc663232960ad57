// Donations to the fund, newest first, filtered by currency, donor kind, earmark and dates. A fund
// officer records one (it is booked in the ledger in the same step): donor, amount in major units,
// currency, date and what it is earmarked for (nothing, a program, or a capability category).
import { Anchor, Button, Group, Modal, NativeSelect, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  api,
  BOOKABLE_CURRENCIES,
  DONOR_KINDS,
  EARMARK_TYPES,
  type BookableCurrency,
  type Donation,
  type DonorKind,
  type EarmarkType,
  type NewDonation,
} from '../../api';
import { capabilityOptions, useCapabilities } from '../../capabilities';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { amountError, earmarkText, FUND_KEY, ISO_DATE, todayIso, toMinor, useIdempotencyKeys } from '../../fund';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../money';
import { canBook, useMe } from '../../session';

const PAGE_SIZE = 20;

export function DonationsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const officer = me ? canBook(me.user) : false;
  const capabilities = useCapabilities();
  const [currency, setCurrency] = useState('');
  const [donorKind, setDonorKind] = useState('');
  const [earmarkType, setEarmarkType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const [recording, setRecording] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const period = { from: ISO_DATE.test(from) ? from : undefined, to: ISO_DATE.test(to) ? to : undefined };
  const badPeriod = Boolean(period.from && period.to && period.from > period.to);
  const donations = useQuery({
    queryKey: [...FUND_KEY, 'donations', { currency, donorKind, earmarkType, ...period, offset }],
    queryFn: () => api.listDonations({ currency, donorKind, earmarkType, ...period, limit: PAGE_SIZE, offset }),
    enabled: !badPeriod,
    placeholderData: keepPreviousData,
  });

  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };
  const title = t('fund.donations.title');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={title}>{title}</PageHeading>
        {officer && (
          <Button
            onClick={() => {
              setNotice(null);
              setRecording(true);
            }}
            data-testid="record-donation"
          >
            {t('fund.donations.record')}
          </Button>
        )}
      </Group>
      <FundNav />
      <Text maw={760}>{t('fund.donations.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Group align="flex-start" role="search" aria-label={t('fund.donations.filters')} wrap="wrap">
        <NativeSelect
          label={t('fund.donation.currency')}
          data={[{ value: '', label: t('fund.anyCurrency') }, ...BOOKABLE_CURRENCIES.map((c) => ({ value: c, label: c }))]}
          value={currency}
          onChange={(event) => filter(setCurrency)(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('fund.donation.donorKind')}
          data={[{ value: '', label: t('fund.donations.anyDonor') }, ...DONOR_KINDS.map((k) => ({ value: k, label: t(`fund.donorKind.${k}`) }))]}
          value={donorKind}
          onChange={(event) => filter(setDonorKind)(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('fund.donation.earmark')}
          data={[{ value: '', label: t('fund.donations.anyEarmark') }, ...EARMARK_TYPES.map((e) => ({ value: e, label: t(`fund.earmarkType.${e}`) }))]}
          value={earmarkType}
          onChange={(event) => filter(setEarmarkType)(event.currentTarget.value)}
        />
        <TextInput type="date" label={t('fund.from')} value={from} onChange={(event) => filter(setFrom)(event.currentTarget.value)} />
        <TextInput
          type="date"
          label={t('fund.to')}
          value={to}
          error={badPeriod ? t('validation.dateRange') : undefined}
          onChange={(event) => filter(setTo)(event.currentTarget.value)}
        />
      </Group>

      {badPeriod ? null : donations.isPending ? (
        <Loading />
      ) : donations.isError ? (
        <ErrorAlert error={donations.error} onRetry={() => void donations.refetch()} />
      ) : (
        <>
          <TableFrame label={t('fund.donations.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={820} data-testid="donations">
              <Table.Caption>{t('fund.donations.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.donation.date')}</Table.Th>
                  <Table.Th scope="col">{t('fund.donation.donor')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.donation.amount')}
                  </Table.Th>
                  <Table.Th scope="col">{t('fund.donation.earmark')}</Table.Th>
                  <Table.Th scope="col">{t('fund.donation.recorded')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {donations.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {donations.data.items.map((donation) => (
                  <Table.Tr key={donation.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(donation.date)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{donation.donor.name}</Text>
                      <Text size="xs">{t(`fund.donorKind.${donation.donor.kind}`)}</Text>
                    </Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={donation.amount} currency={donation.currency} />
                    </Table.Td>
                    <Table.Td>{earmarkText(t, donation.earmark, capabilities.data)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{donation.recordedBy}</Text>
                      <Text size="xs">{formatDateTime(donation.recordedAt)}</Text>
                      <Anchor component={Link} to={`/app/fund/journal?referenceType=donation&referenceId=${encodeURIComponent(donation.id)}`} size="xs">
                        {t('fund.donations.entryLink')}
                      </Anchor>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={donations.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}

      {recording && (
        <DonationModal
          onClose={() => setRecording(false)}
          onSaved={(donation) => {
            setRecording(false);
            setNotice(
              t('fund.donations.recorded', {
                amount: formatMoney(donation.amount, donation.currency, currentLanguage()),
                donor: donation.donor.name,
              }),
            );
            void queryClient.invalidateQueries({ queryKey: FUND_KEY });
          }}
        />
      )}
    </Stack>
  );
}

interface DonationValues {
  donorKind: DonorKind;
  donorName: string;
  amount: string;
  currency: BookableCurrency;
  date: string;
  earmarkType: EarmarkType;
  programCode: string;
  capability: string | null;
}

const FIELDS = ['donorKind', 'donorName', 'amount', 'currency', 'date', 'earmarkType', 'programCode', 'capability'] as const;

function validate(t: TFunction, values: DonationValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.donorName.trim()) errors.donorName = t('validation.required');
  const amount = amountError(t, values.amount, values.currency);
  if (amount) errors.amount = amount;
  if (!ISO_DATE.test(values.date)) errors.date = t('fund.validation.date');
  else if (values.date > todayIso()) errors.date = t('fund.validation.notFuture');
  if (values.earmarkType === 'program' && !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(values.programCode.trim())) errors.programCode = t('fund.validation.programCode');
  if (values.earmarkType === 'capability' && !values.capability) errors.capability = t('validation.required');
  return errors;
}

function toDonation(values: DonationValues): NewDonation {
  return {
    donor: { kind: values.donorKind, name: values.donorName.trim() },
    amount: toMinor(values.amount, values.currency),
    currency: values.currency,
    date: values.date,
    earmark:
      values.earmarkType === 'program'
        ? { type: 'program', code: values.programCode.trim() }
        : values.earmarkType === 'capability'
          ? { type: 'capability', code: values.capability ?? '' }
          : { type: 'none' },
  };
}

function DonationModal({ onClose, onSaved }: { onClose: () => void; onSaved: (donation: Donation) => void }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  const keyFor = useIdempotencyKeys();
  const form = useForm<DonationValues>({
    initialValues: {
      donorKind: 'organization',
      donorName: '',
      amount: '',
      currency: 'UAH',
      date: todayIso(),
      earmarkType: 'none',
      programCode: '',
      capability: null,
    },
  });
  const values = form.getValues();
  const rename = {
    'donor.kind': 'donorKind',
    'donor.name': 'donorName',
    'earmark.type': 'earmarkType',
    'earmark.code': values.earmarkType === 'program' ? 'programCode' : 'capability',
  };

  const record = useMutation({
    mutationFn: (donation: NewDonation) => api.recordDonation(donation, keyFor(donation)),
    onSuccess: onSaved,
    onError: (error) => form.setErrors(splitFieldErrors(error, FIELDS, { rename }).byField),
  });

  const submit = () => {
    const errors = validate(t, form.getValues());
    form.setErrors(errors);
    if (Object.keys(errors).length > 0) {
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    record.mutate(toDonation(form.getValues()));
  };

  return (
    <Modal opened onClose={onClose} title={t('fund.donations.recordTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {record.error && <ErrorAlert error={record.error} fieldErrors={splitFieldErrors(record.error, FIELDS, { rename }).other} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('fund.donation.donorKind')}
              data={DONOR_KINDS.map((k) => ({ value: k, label: t(`fund.donorKind.${k}`) }))}
              data-testid="donor-kind"
              {...form.getInputProps('donorKind')}
            />
            <TextInput label={t('fund.donation.donorName')} required maxLength={300} data-autofocus data-testid="donor-name" {...form.getInputProps('donorName')} />
            <TextInput
              label={t('fund.donation.amount')}
              description={t('fund.entryForm.amountHelp', { currency: values.currency })}
              required
              inputMode="decimal"
              autoComplete="off"
              maxLength={40}
              data-testid="donation-amount"
              {...form.getInputProps('amount')}
            />
            <NativeSelect
              label={t('fund.donation.currency')}
              data={BOOKABLE_CURRENCIES.map((c) => ({ value: c, label: c }))}
              data-testid="donation-currency"
              {...form.getInputProps('currency')}
            />
            <TextInput
              type="date"
              label={t('fund.donation.date')}
              description={t('fund.donations.dateHelp')}
              required
              min="2000-01-01"
              max={todayIso()}
              data-testid="donation-date"
              {...form.getInputProps('date')}
            />
            <NativeSelect
              label={t('fund.donation.earmark')}
              description={t('fund.donations.earmarkHelp')}
              data={EARMARK_TYPES.map((e) => ({ value: e, label: t(`fund.earmarkType.${e}`) }))}
              data-testid="donation-earmark"
              {...form.getInputProps('earmarkType')}
            />
            {values.earmarkType === 'program' && (
              <TextInput label={t('fund.entry.program')} required maxLength={64} data-testid="donation-program" {...form.getInputProps('programCode')} />
            )}
            {values.earmarkType === 'capability' && (
              <Select
                label={t('fund.entry.capability')}
                required
                searchable
                data={capabilityOptions(capabilities.data ?? [])}
                nothingFoundMessage={t('common.empty')}
                comboboxProps={{ withinPortal: true }}
                data-testid="donation-capability"
                {...form.getInputProps('capability')}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending} data-testid="submit-donation">
              {t('fund.donations.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
