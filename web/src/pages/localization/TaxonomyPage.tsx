// The capability taxonomy for administrators: the tree with each category's names, unit and order,
// a form to add a category (a sub-category's code is its parent's code, a dot and a name; it counts
// in its top-level category's unit), and per category an edit dialog and archive or restore. An
// archived category takes no new needs or reports; its history stays.
import { Badge, Button, Group, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type LocalizationCategory, type NewLocalizationCategory } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCard } from '../../components/FormCard';
import { Loading } from '../../components/Loading';
import { LocalizationNav } from '../../components/LocalizationNav';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { SuccessAlert } from '../../components/SuccessAlert';
import { splitFieldErrors } from '../../errors';
import { useIdempotencyKeys } from '../../fund';
import { LOCALIZATION_KEY, categoryName, categoryOptions, columnsOf, parseWholeNumber, useLocalizationCategories } from '../../localization';

const CODE = /^[a-z][a-z0-9_.]{1,63}$/;

/** The names, unit and order as typed, for adding or editing a category. */
interface LabelValues {
  nameUk: string;
  nameEn: string;
  unitUk: string;
  unitEn: string;
  sortOrder: string;
}

/** What is wrong with the names, unit and order as typed (the unit only for a top-level category). */
function labelErrors(t: TFunction, values: LabelValues, topLevel: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  const required: (keyof LabelValues)[] = topLevel ? ['nameUk', 'nameEn', 'unitUk', 'unitEn'] : ['nameUk', 'nameEn'];
  for (const field of required) {
    if (!values[field].trim()) errors[field] = t('validation.required');
  }
  if (values.sortOrder.trim() && parseWholeNumber(values.sortOrder) === null) errors.sortOrder = t('validation.wholeNumber');
  return errors;
}

export function TaxonomyPage() {
  const { t } = useTranslation();
  const categories = useLocalizationCategories();
  const [editing, setEditing] = useState<LocalizationCategory | null>(null);
  const [archiving, setArchiving] = useState<LocalizationCategory | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const toggle = useMutation({
    mutationFn: (category: LocalizationCategory) => api.updateLocalizationCategory(category.code, { version: category.version, archived: !category.archived }),
    onSuccess: (saved) => {
      setArchiving(null);
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      setNotice(t(saved.archived ? 'localization.taxonomy.archived' : 'localization.taxonomy.restored', { name: categoryName(saved) }));
    },
  });
  const title = t('localization.taxonomy.title');
  const caption = t('localization.taxonomy.caption');

  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <LocalizationNav />
      <Text maw={760}>{t('localization.taxonomy.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />
      ) : (
        <>
          <AddCategoryForm categories={categories.data} onAdded={(saved) => setNotice(t('localization.taxonomy.added', { name: categoryName(saved) }))} />
          <DataTable
            caption={caption}
            columns={[
              { label: t('localization.taxonomy.nameUk') },
              { label: t('localization.taxonomy.nameEn') },
              { label: t('localization.taxonomy.code') },
              ...columnsOf(t, ['unit']),
              { label: t('localization.taxonomy.sortOrder') },
              ...columnsOf(t, ['status']),
              { label: t('common.actions') },
            ]}
            minWidth={960}
            testId="taxonomy"
          >
            {categories.data.map((category) => (
              <Table.Tr key={category.code} data-testid={`category-${category.code}`}>
                <Table.Th scope="row" fw={category.level === 0 ? 700 : 400} style={{ paddingLeft: `calc(var(--mantine-spacing-xs) + ${category.level * 1.25}rem)` }} lang="uk">
                  {category.nameUk}
                </Table.Th>
                <Table.Td lang="en">{category.nameEn}</Table.Td>
                <Table.Td>
                  <Mono nowrap>{category.code}</Mono>
                </Table.Td>
                <Table.Td>{`${category.unitUk} / ${category.unitEn}`}</Table.Td>
                <Table.Td>{category.sortOrder}</Table.Td>
                <Table.Td>
                  <Badge color={category.archived ? 'gray' : 'green'} variant="light" tt="none" miw="max-content">
                    {category.archived ? t('localization.taxonomy.archivedStatus') : t('localization.taxonomy.activeStatus')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setEditing(category)} aria-label={t('localization.taxonomy.editOf', { name: categoryName(category) })}>
                      {t('localization.taxonomy.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color={category.archived ? 'blue' : 'red'}
                      onClick={() => {
                        toggle.reset();
                        setArchiving(category);
                      }}
                      aria-label={t(category.archived ? 'localization.taxonomy.restoreOf' : 'localization.taxonomy.archiveOf', { name: categoryName(category) })}
                    >
                      {category.archived ? t('localization.taxonomy.restore') : t('localization.taxonomy.archive')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
      <EditCategoryDialog
        category={editing}
        onClose={() => setEditing(null)}
        onSaved={(saved) => {
          setEditing(null);
          setNotice(t('localization.taxonomy.saved', { name: categoryName(saved) }));
        }}
      />
      <ConfirmDialog
        opened={archiving !== null}
        title={archiving?.archived ? t('localization.taxonomy.restore') : t('localization.taxonomy.archive')}
        text={archiving ? t(archiving.archived ? 'localization.taxonomy.restoreText' : 'localization.taxonomy.archiveText', { name: categoryName(archiving) }) : ''}
        confirmLabel={archiving?.archived ? t('localization.taxonomy.restore') : t('localization.taxonomy.archive')}
        confirmColor={archiving?.archived ? 'blue' : 'red'}
        pending={toggle.isPending}
        error={toggle.error}
        onConfirm={() => archiving && toggle.mutate(archiving)}
        onClose={() => setArchiving(null)}
      />
    </Stack>
  );
}

/** The names, unit (top-level categories only) and order, shared by the add form and the edit dialog. */
function LabelFields({ values, onChange, errors, topLevel, inheritedUnit }: { values: LabelValues; onChange: (field: keyof LabelValues, value: string) => void; errors: Record<string, string | undefined>; topLevel: boolean; inheritedUnit?: string }) {
  const { t } = useTranslation();
  const field = (name: keyof LabelValues, label: string, extra: { lang?: string; maxLength: number; required?: boolean }) => (
    <TextInput label={label} required={extra.required} lang={extra.lang} maxLength={extra.maxLength} value={values[name]} onChange={(event) => onChange(name, event.currentTarget.value)} error={errors[name]} data-testid={`category-${name}`} />
  );
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {field('nameUk', t('localization.taxonomy.nameUk'), { lang: 'uk', maxLength: 200, required: true })}
        {field('nameEn', t('localization.taxonomy.nameEn'), { lang: 'en', maxLength: 200, required: true })}
        {topLevel && field('unitUk', t('localization.taxonomy.unitUk'), { lang: 'uk', maxLength: 40, required: true })}
        {topLevel && field('unitEn', t('localization.taxonomy.unitEn'), { lang: 'en', maxLength: 40, required: true })}
        {field('sortOrder', t('localization.taxonomy.sortOrder'), { maxLength: 7 })}
      </SimpleGrid>
      {!topLevel && inheritedUnit && <Text size="sm">{t('localization.taxonomy.inheritsUnit', { unit: inheritedUnit })}</Text>}
    </>
  );
}

const EMPTY_LABELS: LabelValues = { nameUk: '', nameEn: '', unitUk: '', unitEn: '', sortOrder: '' };
const CATEGORY_FIELDS = ['code', 'parentCode', 'nameUk', 'nameEn', 'unitUk', 'unitEn', 'sortOrder'];

function AddCategoryForm({ categories, onAdded }: { categories: LocalizationCategory[]; onAdded: (saved: LocalizationCategory) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [parentCode, setParentCode] = useState('');
  const [code, setCode] = useState('');
  const [labels, setLabels] = useState<LabelValues>(EMPTY_LABELS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const parent = categories.find((c) => c.code === parentCode);
  const add = useMutation({
    mutationFn: (body: NewLocalizationCategory) => api.createLocalizationCategory(body, keyFor(body)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      setCode(parentCode ? `${parentCode}.` : '');
      setLabels(EMPTY_LABELS);
      onAdded(saved);
    },
    onError: (error) => setErrors(splitFieldErrors(error, CATEGORY_FIELDS).byField),
  });
  return (
    <FormCard
      id="add-category-heading"
      title={t('localization.taxonomy.addHeading')}
      onSubmit={() => {
        const found = labelErrors(t, labels, !parent);
        const name = parent ? code.slice(parent.code.length + 1) : code;
        if (!CODE.test(code) || (parent ? !code.startsWith(`${parent.code}.`) || !/^[a-z0-9_]+$/.test(name) : code.includes('.'))) {
          found.code = parent ? t('localization.taxonomy.subCodeFormat', { parent: parent.code }) : t('localization.taxonomy.codeFormat');
        }
        setErrors(found);
        if (Object.keys(found).length > 0) return;
        add.mutate({
          code,
          parentCode: parent?.code ?? null,
          nameUk: labels.nameUk.trim(),
          nameEn: labels.nameEn.trim(),
          ...(parent ? {} : { unitUk: labels.unitUk.trim(), unitEn: labels.unitEn.trim() }),
          ...(labels.sortOrder.trim() ? { sortOrder: parseWholeNumber(labels.sortOrder)! } : {}),
        });
      }}
    >
      <ErrorAlert error={add.error} fieldErrors={splitFieldErrors(add.error, CATEGORY_FIELDS).other} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('localization.taxonomy.parent')}
          data={[{ value: '', label: t('localization.taxonomy.topLevel') }, ...categoryOptions(categories)]}
          value={parentCode}
          onChange={(event) => {
            const next = event.currentTarget.value;
            // Start the code with the parent's, unless something else was typed.
            if (!code || code === (parentCode ? `${parentCode}.` : '')) setCode(next ? `${next}.` : '');
            setParentCode(next);
          }}
          data-testid="category-parent"
        />
        <TextInput
          label={t('localization.taxonomy.code')}
          description={parent ? t('localization.taxonomy.subCodeHelp', { parent: parent.code }) : t('localization.taxonomy.codeHelp')}
          required
          maxLength={64}
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.trim())}
          error={errors.code}
          data-testid="category-code"
        />
      </SimpleGrid>
      <LabelFields values={labels} onChange={(field, value) => setLabels((current) => ({ ...current, [field]: value }))} errors={errors} topLevel={!parent} inheritedUnit={parent ? `${parent.unitUk} / ${parent.unitEn}` : undefined} />
      <Group justify="flex-end">
        <Button type="submit" loading={add.isPending} data-testid="add-category">
          {t('localization.taxonomy.add')}
        </Button>
      </Group>
    </FormCard>
  );
}

function EditCategoryDialog({ category, onClose, onSaved }: { category: LocalizationCategory | null; onClose: () => void; onSaved: (saved: LocalizationCategory) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState<LabelValues>(EMPTY_LABELS);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const topLevel = category?.parentCode === null;
  const save = useMutation({
    mutationFn: (current: LocalizationCategory) =>
      api.updateLocalizationCategory(current.code, {
        version: current.version,
        nameUk: labels.nameUk.trim(),
        nameEn: labels.nameEn.trim(),
        ...(topLevel ? { unitUk: labels.unitUk.trim(), unitEn: labels.unitEn.trim() } : {}),
        ...(labels.sortOrder.trim() ? { sortOrder: parseWholeNumber(labels.sortOrder)! } : {}),
      }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: LOCALIZATION_KEY });
      onSaved(saved);
    },
    onError: (error) => setErrors(splitFieldErrors(error, CATEGORY_FIELDS).byField),
  });
  useEffect(() => {
    if (!category) return;
    setLabels({ nameUk: category.nameUk, nameEn: category.nameEn, unitUk: category.unitUk, unitEn: category.unitEn, sortOrder: String(category.sortOrder) });
    setErrors({});
    save.reset();
  }, [category?.code, category?.version]);
  return (
    <Modal opened={category !== null} onClose={onClose} title={t('localization.taxonomy.editTitle', { code: category?.code ?? '' })} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      {category && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const found = labelErrors(t, labels, topLevel);
            setErrors(found);
            if (Object.keys(found).length === 0) save.mutate(category);
          }}
        >
          <Stack>
            <ErrorAlert error={save.error} fieldErrors={splitFieldErrors(save.error, CATEGORY_FIELDS).other} />
            <LabelFields values={labels} onChange={(field, value) => setLabels((current) => ({ ...current, [field]: value }))} errors={errors} topLevel={topLevel} inheritedUnit={`${category.unitUk} / ${category.unitEn}`} />
            {topLevel && <Text size="sm">{t('localization.taxonomy.unitFollows')}</Text>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} data-testid="save-category">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
