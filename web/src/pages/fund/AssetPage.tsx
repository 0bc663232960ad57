// One confiscated asset: what it is and on what legal basis, its valuations, its status history and
// its sale. A fund officer moves it one step along its path (the server lists the allowed step) and,
// while it is for sale, records the sale; the step to "proceeds received" books the net proceeds.
import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Timeline, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  api,
  BOOKABLE_CURRENCIES,
  isApiError,
  newIdempotencyKey,
  SALE_METHODS,
  type Asset,
  type AssetStatus,
  type BookableCurrency,
  type NewSale,
  type SaleMethod,
} from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FundNav } from '../../components/FundNav';
import { Loading } from '../../components/Loading';
import { Money, NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { ReasonDialog } from '../../components/ReasonDialog';
import { AssetStatusBadge } from '../../components/StatusBadge';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { formatDate, formatDateTime } from '../../format';
import { amountError, FUND_KEY, ISO_DATE, todayIso, toMinor, useIdempotencyKeys } from '../../fund';
import { currentLanguage } from '../../i18n';
import { formatMoney } from '../../money';
import { canBook, useMe } from '../../session';

export function AssetPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const officer = me ? canBook(me.user) : false;
  const [step, setStep] = useState<AssetStatus | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const [notice, setNotice] = useState<string | null>(null);
  const asset = useQuery({ queryKey: [...FUND_KEY, 'asset', id], queryFn: () => api.getAsset(id) });

  const saved = (next: Asset, message: string) => {
    queryClient.setQueryData([...FUND_KEY, 'asset', id], next);
    void queryClient.invalidateQueries({ queryKey: FUND_KEY });
    setNotice(message);
  };

  const transition = useMutation({
    mutationFn: ({ to, note }: { to: AssetStatus; note: string }) =>
      api.transitionAsset(id, { to, version: asset.data?.version ?? 0, ...(note ? { note } : {}) }, idempotencyKey),
    onSuccess: (next, { to }) => {
      setStep(null);
      saved(next, t('fund.asset.moved', { status: t(`fund.assetStatus.${to}`) }));
    },
  });

  const open = (to: AssetStatus) => {
    transition.reset();
    setIdempotencyKey(newIdempotencyKey());
    setNotice(null);
    setStep(to);
  };

  if (asset.isPending) return <Loading />;
  if (asset.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={t('fund.asset.title')}>{t('fund.asset.title')}</PageHeading>
        <ErrorAlert error={asset.error} onRetry={() => void asset.refetch()} />
      </Stack>
    );
  }
  const data = asset.data;
  // "Sold" needs the sale on record: until then the sale form stands in for the button.
  const steps = data.allowedTransitions.filter((to) => to !== 'sold' || data.sale);
  const outdated = isApiError(transition.error, 'conflict') || isApiError(transition.error, 'invalid_transition');

  return (
    <Stack>
      <div>
        <PageHeading documentTitle={t('fund.asset.title')}>{t('fund.asset.heading', { kind: t(`fund.assetKind.${data.kind}`), number: data.legalBasis.decisionNumber })}</PageHeading>
        <Group gap="xs" mt={-8}>
          <AssetStatusBadge status={data.status} />
        </Group>
      </div>
      <FundNav />
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Card withBorder component="section" aria-labelledby="asset-heading">
        <Title order={2} size="h4" id="asset-heading" mb="sm">
          {t('fund.asset.detailsHeading')}
        </Title>
        <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {data.description}
        </Text>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
          <Item label={t('fund.asset.formerOwner')}>
            {data.formerOwner?.name ?? t('common.none')}
            {data.formerOwner && ` (${t(`fund.asset.ownerType.${data.formerOwner.type}`)})`}
          </Item>
          <Item label={t('fund.asset.court')}>{data.legalBasis.court}</Item>
          <Item label={t('fund.asset.decision')}>
            {data.legalBasis.decisionNumber}, {formatDate(data.legalBasis.decisionDate)}
          </Item>
          <Item label={t('fund.asset.custodian')}>{data.custodian ?? t('common.none')}</Item>
          <Item label={t('fund.asset.registered')}>{formatDateTime(data.createdAt)}</Item>
        </SimpleGrid>
      </Card>

      {officer && (steps.length > 0 || (data.status === 'for_sale' && !data.sale)) && (
        <Card withBorder component="section" aria-labelledby="asset-actions-heading">
          <Title order={2} size="h4" id="asset-actions-heading" mb="sm">
            {t('fund.asset.actionsHeading')}
          </Title>
          <Stack>
            {steps.length > 0 && (
              <Group gap="sm">
                {steps.map((to) => (
                  <Button key={to} onClick={() => open(to)} data-testid={`asset-to-${to}`}>
                    {t('fund.asset.moveTo', { status: t(`fund.assetStatus.${to}`) })}
                  </Button>
                ))}
                {outdated && (
                  <Button size="xs" variant="subtle" onClick={() => void asset.refetch()}>
                    {t('profileTab.reload')}
                  </Button>
                )}
              </Group>
            )}
            {data.status === 'for_sale' && !data.sale && <SaleForm assetId={data.id} onSaved={(next) => saved(next, t('fund.asset.saleRecorded'))} />}
          </Stack>
        </Card>
      )}

      {data.sale && (
        <Card withBorder component="section" aria-labelledby="sale-heading">
          <Title order={2} size="h4" id="sale-heading" mb="sm">
            {t('fund.asset.saleHeading')}
          </Title>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
            <Item label={t('fund.sale.date')}>{formatDate(data.sale.date)}</Item>
            <Item label={t('fund.sale.method')}>{t(`fund.saleMethod.${data.sale.method}`)}</Item>
            <Item label={t('fund.sale.lotReference')}>{data.sale.lotReference ?? t('common.none')}</Item>
            <Item label={t('fund.sale.buyerName')}>{data.sale.buyerName}</Item>
            <Item label={t('fund.sale.price')}>
              <Money minor={data.sale.price} currency={data.sale.currency} />
            </Item>
            <Item label={t('fund.sale.costs')}>
              <Money minor={data.sale.costs} currency={data.sale.currency} />
            </Item>
            <Item label={t('fund.sale.netProceeds')}>
              <Money minor={data.sale.netProceeds} currency={data.sale.currency} />
            </Item>
            <Item label={t('fund.sale.booked')}>
              {data.sale.proceedsEntryId ? (
                <Anchor component={Link} to={`/app/fund/journal?referenceType=asset_sale&referenceId=${encodeURIComponent(data.id)}`}>
                  {t('fund.sale.bookedYes')}
                </Anchor>
              ) : (
                t('fund.sale.bookedNo')
              )}
            </Item>
          </SimpleGrid>
        </Card>
      )}

      <Card withBorder component="section" aria-labelledby="valuations-heading">
        <Title order={2} size="h4" id="valuations-heading" mb="sm">
          {t('fund.asset.valuationsHeading')}
        </Title>
        {data.valuations.length === 0 ? (
          <Text size="sm">{t('fund.asset.noValuations')}</Text>
        ) : (
          <TableFrame label={t('fund.asset.valuationsHeading')}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('fund.valuation.date')}</Table.Th>
                  <Table.Th scope="col">{t('fund.valuation.valuer')}</Table.Th>
                  <Table.Th scope="col" style={NUMERIC}>
                    {t('fund.valuation.amount')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.valuations.map((valuation) => (
                  <Table.Tr key={valuation.id}>
                    <Table.Td>{formatDate(valuation.date)}</Table.Td>
                    <Table.Td>{valuation.valuer}</Table.Td>
                    <Table.Td style={NUMERIC}>
                      <Money minor={valuation.amount} currency={valuation.currency} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}
      </Card>

      <Card withBorder component="section" aria-labelledby="asset-history-heading">
        <Title order={2} size="h4" id="asset-history-heading" mb="md">
          {t('fund.asset.historyHeading')}
        </Title>
        <Timeline active={data.statusHistory.length} bulletSize={16} lineWidth={2}>
          {[...data.statusHistory].reverse().map((entry) => (
            <Timeline.Item
              key={`${entry.at}-${entry.to}`}
              title={entry.from ? t('fund.asset.historyStep', { from: t(`fund.assetStatus.${entry.from}`), to: t(`fund.assetStatus.${entry.to}`) }) : t('fund.asset.historyCreated', { status: t(`fund.assetStatus.${entry.to}`) })}
            >
              <Text size="sm">
                {formatDateTime(entry.at)} · {entry.by}
              </Text>
              {entry.note && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {entry.note}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>

      <ReasonDialog
        opened={step !== null}
        title={step ? t('fund.asset.moveTo', { status: t(`fund.assetStatus.${step}`) }) : ''}
        text={step === 'proceeds_received' && data.sale ? t('fund.asset.confirmProceeds', { amount: formatMoney(data.sale.netProceeds, data.sale.currency, currentLanguage()) }) : step ? t('fund.asset.confirmStep') : undefined}
        label={t('fund.asset.note')}
        required={false}
        confirmLabel={step ? t('fund.asset.moveTo', { status: t(`fund.assetStatus.${step}`) }) : ''}
        pending={transition.isPending}
        error={transition.error}
        onConfirm={(note) => step && transition.mutate({ to: step, note })}
        onClose={() => setStep(null)}
      />
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} size="sm">
        {children}
      </Text>
    </div>
  );
}

interface SaleValues {
  date: string;
  method: SaleMethod;
  lotReference: string;
  buyerName: string;
  price: string;
  costs: string;
  currency: BookableCurrency;
}

const SALE_FIELDS = ['date', 'method', 'lotReference', 'buyerName', 'price', 'costs', 'currency'] as const;

function validateSale(t: TFunction, values: SaleValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!ISO_DATE.test(values.date)) errors.date = t('fund.validation.date');
  else if (values.date > todayIso()) errors.date = t('fund.validation.notFuture');
  if (!values.buyerName.trim()) errors.buyerName = t('validation.required');
  const price = amountError(t, values.price, values.currency);
  if (price) errors.price = price;
  if (values.costs.trim()) {
    const costs = amountError(t, values.costs, values.currency);
    if (costs && costs !== t('fund.validation.positive')) errors.costs = costs;
    else if (!price && toMinor(values.costs, values.currency) >= toMinor(values.price, values.currency)) errors.costs = t('fund.sale.costsBelowPrice');
  }
  return errors;
}

function SaleForm({ assetId, onSaved }: { assetId: string; onSaved: (asset: Asset) => void }) {
  const { t } = useTranslation();
  const keyFor = useIdempotencyKeys();
  const form = useForm<SaleValues>({
    initialValues: { date: todayIso(), method: 'auction', lotReference: '', buyerName: '', price: '', costs: '', currency: 'UAH' },
  });
  const record = useMutation({
    mutationFn: (sale: NewSale) => api.recordSale(assetId, sale, keyFor(sale)),
    onSuccess: onSaved,
    onError: (error) => form.setErrors(splitFieldErrors(error, SALE_FIELDS).byField),
  });
  const values = form.getValues();
  return (
    <form
      noValidate
      aria-labelledby="sale-form-heading"
      onSubmit={(event) => {
        event.preventDefault();
        const errors = validateSale(t, values);
        form.setErrors(errors);
        if (Object.keys(errors).length > 0) return;
        record.mutate({
          date: values.date,
          method: values.method,
          ...(values.lotReference.trim() ? { lotReference: values.lotReference.trim() } : {}),
          buyerName: values.buyerName.trim(),
          price: toMinor(values.price, values.currency),
          costs: values.costs.trim() ? toMinor(values.costs, values.currency) : 0,
          currency: values.currency,
        });
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="sale-form-heading">
          {t('fund.sale.formHeading')}
        </Title>
        {record.error && <ErrorAlert error={record.error} fieldErrors={splitFieldErrors(record.error, SALE_FIELDS).other} />}
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <TextInput type="date" label={t('fund.sale.date')} required max={todayIso()} {...form.getInputProps('date')} />
          <NativeSelect label={t('fund.sale.method')} data={SALE_METHODS.map((m) => ({ value: m, label: t(`fund.saleMethod.${m}`) }))} {...form.getInputProps('method')} />
          <TextInput label={t('fund.sale.lotReference')} maxLength={200} {...form.getInputProps('lotReference')} />
          <TextInput label={t('fund.sale.buyerName')} required maxLength={300} {...form.getInputProps('buyerName')} />
          <TextInput label={t('fund.sale.price')} required inputMode="decimal" autoComplete="off" maxLength={40} description={t('fund.entryForm.amountHelp', { currency: values.currency })} {...form.getInputProps('price')} />
          <TextInput label={t('fund.sale.costs')} inputMode="decimal" autoComplete="off" maxLength={40} description={t('fund.sale.costsHelp')} {...form.getInputProps('costs')} />
          <NativeSelect label={t('fund.sale.currency')} data={BOOKABLE_CURRENCIES.map((c) => ({ value: c, label: c }))} {...form.getInputProps('currency')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={record.isPending} data-testid="record-sale">
            {t('fund.sale.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
