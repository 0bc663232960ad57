// What the armed forces need per category and period (restricted data): officers enter a need (one
// per category and period) and revise it with a reason; officers and auditors filter the list by
// period and category and open a need's history.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type LocalizationNeed } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ExistsAlert, existingId } from '../../components/ExistsAlert';
import { FormCard } from '../../components/FormCard';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PeriodPicker } from '../../components/PeriodPicker';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { splitFieldErrors } from '../../errors';
import { formatDateTime, formatNumber } from '../../format';
import { useIdempotencyKeys } from '../../fund';
import {
  LOCALIZATION_KEY,
  LOCALIZATION_OFFICERS,
  categoryOptions,
  categoryUnit,
  columnsOf,
  currentYear,
  needKey,
  ownCategoryName,
  parseWholeNumber,
  useLocalizationCategories,
} from '../../localization';
import { hasAnyRole, useMe } from '../../session';
import { ReviseNeedDialog } from './ReviseNeedDialog';

const PAGE_SIZE = 25;

export function NeedsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const categories = useLocalizationCategories();
  const [period, setPeriod] = useState('');
  const [category, setCategory] = useState('');
  const [offset, setOffset] = useState(0);
  const [revising, setRevising] = useState<LocalizationNeed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const needs = useQuery({
    queryKey: [...LOCALIZATION_KEY, 'needs', { period, category, offset }],
    queryFn: () => api.listNeeds({ period, category, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const officer = hasAnyRole(me.user, LOCALIZATION_OFFICERS);
  const title = t('localization.needs.title');
  const options = categoryOptions(categories.data ?? [], true);

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <LocalizationNav />
      <Text maw={760}>{t('localization.needs.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {officer && <NeedForm onEntered={(saved) => setNotice(t('localization.needs.entered', { category: ownCategoryName(saved), period: saved.period }))} />}

      <TitledSection id="needs-list-heading" title={t('localization.needs.listHeading')}>
        <Group align="flex-end" role="search" aria-label={t('localization.needs.filters')} wrap="wrap">
          <PeriodPicker
            value={period}
            onChange={(value) => {
              setPeriod(value);
              setOffset(0);
            }}
            legend={t('localization.needs.filterPeriod')}
            anyLabel={t('localization.period.any')}
            testId="needs-filter-period"
          />
          <NativeSelect
            label={t('localization.columns.category')}
            data={[{ value: '', label: t('localization.anyCategory') }, ...options]}
            value={category}
            onChange={(event) => {
              setCategory(event.currentTarget.value);
              setOffset(0);
            }}
            data-testid="needs-filter-category"
          />
        </Group>
        {needs.isPending ? (
          <Loading />
        ) : needs.isError ? (
          <ErrorAlert error={needs.error} onRetry={() => void needs.refetch()} />
        ) : (
          <>
            <DataTable
              caption={t('localization.needs.caption')}
              columns={[...columnsOf(t, ['category', 'period']), ...columnsOf(t, ['need'], true), ...columnsOf(t, ['note', 'version', 'updatedAt']), ...(officer ? [{ label: t('common.actions') }] : [])]}
              minWidth={900}
              verticalSpacing="sm"
              isEmpty={needs.data.items.length === 0}
              empty={t('localization.needs.none')}
            >
              {needs.data.items.map((need) => (
                <Table.Tr key={need.id} data-testid="need-row">
                  <Table.Th scope="row" fw={400}>
                    <Anchor component={Link} to={`/app/localization/needs/${need.id}`}>
                      {ownCategoryName(need)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{need.period}</Table.Td>
                  <Table.Td style={NUMERIC}>{`${formatNumber(need.quantity)} ${categoryUnit(need)}`}</Table.Td>
                  <Table.Td maw={320} style={{ whiteSpace: 'pre-wrap' }}>
                    {need.note ?? t('common.none')}
                  </Table.Td>
                  <Table.Td>{need.version}</Table.Td>
                  <Table.Td>{formatDateTime(need.updatedAt)}</Table.Td>
                  {officer && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setRevising(need)}
                        aria-label={t('localization.needs.reviseOf', { category: ownCategoryName(need), period: need.period })}
                        data-testid="revise-need"
                      >
                        {t('localization.needs.revise')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </DataTable>
            <Pager total={needs.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
          </>
        )}
      </TitledSection>
      <ReviseNeedDialog
        need={revising}
        onClose={() => setRevising(null)}
        onRevised={(saved) => {
          setRevising(null);
          setNotice(t('localization.needs.revised', { category: ownCategoryName(saved), period: saved.period, version: saved.version }));
        }}
      />
    </Stack>
  );
}

const NEED_FIELDS = ['categoryCode', 'period', 'quantity', 'note'];

/** An officer enters the need for a category and period. */
function NeedForm({ onEntered }: { onEntered: (saved: LocalizationNeed) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const categories = useLocalizationCategories();
  const [categoryCode, setCategoryCode] = useState('');
  const [period, setPeriod] = useState(currentYear());
  const [quantity, setQuantity] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const keyFor = useIdempotencyKeys();
  const chosen = categories.data?.find((c) => c.code === categoryCode);

  const enter = useMutation({
    mutationFn: (value: number) => {
      const body = { categoryCode, period, quantity: value, note: note.trim() || undefined };
      return api.createNeed(body, keyFor(body));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(needKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      setQuantity('');
      setNote('');
      onEntered(saved);
    },
    onError: (error) => setErrors(splitFieldErrors(error, NEED_FIELDS).byField),
  });
  const existing = existingId(enter.error, 'needId');

  return (
    <FormCard
      id="need-form-heading"
      title={t('localization.needs.formHeading')}
      onSubmit={() => {
        const found: Record<string, string> = {};
        const value = parseWholeNumber(quantity);
        if (!categoryCode) found.categoryCode = t('validation.required');
        if (value === null) found.quantity = t('validation.wholeNumber');
        setErrors(found);
        if (value !== null && Object.keys(found).length === 0) enter.mutate(value);
      }}
    >
      <Text size="sm">{t('localization.needs.formHelp')}</Text>
      {existing ? (
        <ExistsAlert text={t('localization.needs.exists')} linkText={t('localization.needs.openExisting')} to={`/app/localization/needs/${existing}`} testId="need-exists" />
      ) : (
        <ErrorAlert error={enter.error} fieldErrors={splitFieldErrors(enter.error, NEED_FIELDS).other} />
      )}
      <Group align="flex-start" wrap="wrap">
        <NativeSelect
          label={t('localization.columns.category')}
          required
          data={[{ value: '', label: t('localization.chooseCategory') }, ...categoryOptions(categories.data ?? [])]}
          value={categoryCode}
          onChange={(event) => {
            setCategoryCode(event.currentTarget.value);
            setErrors((current) => ({ ...current, categoryCode: '' }));
          }}
          error={errors.categoryCode || undefined}
          style={{ flex: '2 1 280px' }}
          data-testid="need-category"
        />
        <PeriodPicker value={period} onChange={setPeriod} legend={t('localization.needs.periodLegend')} error={errors.period} testId="need-period" />
        <TextInput
          label={t('localization.needs.quantity')}
          description={chosen ? t('localization.needs.quantityIn', { unit: categoryUnit(chosen) }) : undefined}
          required
          inputMode="numeric"
          maxLength={24}
          value={quantity}
          onChange={(event) => {
            setQuantity(event.currentTarget.value);
            setErrors((current) => ({ ...current, quantity: '' }));
          }}
          error={errors.quantity || undefined}
          style={{ flex: '1 1 160px' }}
          data-testid="need-quantity"
        />
      </Group>
      <Textarea label={t('localization.needs.note')} autosize minRows={2} maxRows={6} maxLength={2000} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={errors.note} />
      <Group justify="flex-end">
        <Button type="submit" loading={enter.isPending} data-testid="enter-need">
          {t('localization.needs.enter')}
        </Button>
      </Group>
    </FormCard>
  );
}
