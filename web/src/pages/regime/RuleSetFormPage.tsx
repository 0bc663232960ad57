// The editor of the next rule-set version (administrators), seeded from the rules in force: each
// criterion has a key, labels in both languages, the fact it tests (its type shown), an operator
// the type allows, a threshold (a yes/no switch for yes/no facts) and, for money, the threshold's
// currency and stated rates from other currencies. The same checks as the server's run before
// anything is sent; "Preview" lists the current residents these criteria would fail, and why.
import {
  Alert,
  Anchor,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  api,
  newIdempotencyKey,
  REGIME_CURRENCIES,
  type Criterion,
  type FactType,
  type RegimeCurrency,
  type RegimePreview,
  type RuleFact,
  type RuleOperator,
  type RuleSet,
} from '../../api';
import { evaluationText } from '../../components/EvaluationTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { RegimeNav } from '../../components/RegimeNav';
import { OutcomeBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { fieldErrorsByPath } from '../../errors';
import { bilingual, criterionErrors, OPERATOR_SYMBOLS, operatorsFor, REGIME_KEY } from '../../regime';

interface CriterionValues {
  /** Keeps React's identity of a row stable while rows are added and removed. */
  rowKey: string;
  key: string;
  labelUk: string;
  labelEn: string;
  fact: string;
  op: RuleOperator;
  value: string;
  yes: boolean;
  currency: RegimeCurrency | '';
  rates: { currency: RegimeCurrency | ''; rate: string }[];
}

interface RuleSetValues {
  title: string;
  notes: string;
  effectiveFrom: string;
  criteria: CriterionValues[];
}

let rowCounter = 0;
const nextRowKey = () => `row-${++rowCounter}`;

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

function criterionValues(criterion: Criterion): CriterionValues {
  return {
    rowKey: nextRowKey(),
    key: criterion.key,
    labelUk: criterion.label.uk,
    labelEn: criterion.label.en,
    fact: criterion.fact,
    op: criterion.op,
    value: typeof criterion.value === 'string' ? criterion.value : '',
    yes: criterion.value === true,
    currency: criterion.currency ?? '',
    rates: Object.entries(criterion.rates ?? {}).map(([currency, rate]) => ({ currency: currency as RegimeCurrency, rate: rate ?? '' })),
  };
}

function emptyCriterion(): CriterionValues {
  return { rowKey: nextRowKey(), key: '', labelUk: '', labelEn: '', fact: '', op: 'gte', value: '', yes: true, currency: '', rates: [] };
}

/** The criterion as the API takes it: only the fields its fact's type uses. */
function toCriterion(values: CriterionValues, type: FactType | undefined): Criterion {
  const criterion: Criterion = {
    key: values.key.trim(),
    label: { uk: values.labelUk.trim(), en: values.labelEn.trim() },
    fact: values.fact,
    op: values.op,
    value: type === 'boolean' ? values.yes : values.value.trim().replace(',', '.'),
  };
  if (type === 'money') {
    if (values.currency) criterion.currency = values.currency;
    const rates = values.rates.filter((r) => r.currency || r.rate.trim());
    if (rates.length > 0) criterion.rates = Object.fromEntries(rates.map((r) => [r.currency, r.rate.trim().replace(',', '.')]));
  }
  return criterion;
}

export function RuleSetFormPage() {
  const { t } = useTranslation();
  const ruleSets = useQuery({ queryKey: [...REGIME_KEY, 'rule-sets'], queryFn: api.listRuleSets });
  const title = t('regime.rules.newTitle');
  if (ruleSets.isPending) return <Loading />;
  if (ruleSets.isError) {
    return (
      <Stack>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <ErrorAlert error={ruleSets.error} onRetry={() => void ruleSets.refetch()} />
      </Stack>
    );
  }
  const base = ruleSets.data.items.find((r) => r.inForce) ?? ruleSets.data.items[0];
  return <RuleSetForm base={base} facts={ruleSets.data.facts} />;
}

function RuleSetForm({ base, facts }: { base: RuleSet | undefined; facts: RuleFact[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const factType = (name: string) => facts.find((f) => f.name === name)?.type;
  const form = useForm<RuleSetValues>({
    initialValues: {
      title: base ? t('regime.rules.nextTitle', { version: base.version + 1 }) : '',
      notes: '',
      effectiveFrom: today(),
      criteria: base ? base.criteria.map(criterionValues) : [emptyCriterion()],
    },
  });
  const [listError, setListError] = useState<string | null>(null);
  const [preview, setPreview] = useState<RegimePreview | null>(null);

  /** The client-side checks (those of rules.ts and the schema); returns the criteria to send, or null. */
  const check = (withHeader: boolean): Criterion[] | null => {
    const values = form.getValues();
    const errors: Record<string, string> = {};
    if (withHeader) {
      if (!values.title.trim()) errors.title = t('validation.required');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(values.effectiveFrom)) errors.effectiveFrom = t('validation.required');
      else if (values.effectiveFrom < today()) errors.effectiveFrom = t('regime.rules.errors.retroactive');
    }
    const seen = new Map<string, number>();
    let problem: string | null = values.criteria.length === 0 ? t('regime.rules.errors.none') : null;
    const criteria = values.criteria.map((row, index) => {
      const type = factType(row.fact);
      const criterion = toCriterion(row, type);
      for (const [field, message] of Object.entries(criterionErrors(t, criterion, type))) {
        errors[`criteria.${index}.${formField(field)}`] = message;
      }
      if (type === 'money') {
        row.rates.forEach((rate, rateIndex) => {
          if (!rate.currency) errors[`criteria.${index}.rates.${rateIndex}.currency`] = t('validation.required');
          else if (row.rates.findIndex((r) => r.currency === rate.currency) !== rateIndex) errors[`criteria.${index}.rates.${rateIndex}.currency`] = t('regime.rules.errors.rateRepeated');
          const message = errors[`criteria.${index}.rates.${rate.currency}`];
          if (message) errors[`criteria.${index}.rates.${rateIndex}.rate`] = message;
        });
      }
      if (criterion.key && seen.has(criterion.key)) {
        errors[`criteria.${index}.key`] = t('regime.rules.errors.keyRepeated');
      }
      seen.set(criterion.key, index);
      return criterion;
    });
    if (values.criteria.length > 50) problem = t('regime.rules.errors.tooMany');
    setListError(problem);
    form.setErrors(errors);
    if (Object.keys(errors).length > 0 || problem) {
      window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return null;
    }
    return criteria;
  };

  const showServerErrors = (error: unknown) => {
    const byPath = fieldErrorsByPath(error);
    const errors: Record<string, string> = {};
    for (const [path, message] of Object.entries(byPath)) {
      const match = /^criteria\.(\d+)(?:\.(.+))?$/.exec(path);
      // A criterion's own checks (value, operator, currency against its fact) are reported on the criterion as a whole.
      if (match && match[2]) errors[`criteria.${match[1]}.${formField(match[2])}`] = message;
      else if (match) {
        errors[`criteria.${match[1]}.value`] = message;
        errors[`criteria.${match[1]}.yes`] = message;
      }
      else if (path === 'title' || path === 'effectiveFrom' || path === 'notes') errors[path] = message;
    }
    form.setErrors(errors);
  };

  const runPreview = useMutation({
    mutationFn: (criteria: Criterion[]) => api.previewRuleSet(criteria),
    onSuccess: setPreview,
    onError: showServerErrors,
  });
  const save = useMutation({
    mutationFn: (input: { criteria: Criterion[]; values: RuleSetValues }) =>
      api.createRuleSet(
        {
          title: input.values.title.trim(),
          notes: input.values.notes.trim() || null,
          effectiveFrom: input.values.effectiveFrom,
          criteria: input.criteria,
        },
        newIdempotencyKey(),
      ),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: [...REGIME_KEY, 'rule-sets'] });
      navigate('/app/regime/rules', { state: { notice: t('regime.rules.saved', { version: created.version }) } });
    },
    onError: showServerErrors,
  });

  const title = t('regime.rules.newTitle');
  const criteria = form.getValues().criteria;

  return (
    <Stack maw={1100}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <RegimeNav />
      <Text maw={760}>{base ? t('regime.rules.newIntro', { version: base.version }) : t('regime.rules.newIntroEmpty')}</Text>
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          const checked = check(true);
          if (checked) save.mutate({ criteria: checked, values: form.getValues() });
        }}
      >
        <Stack gap="lg">
          <ErrorAlert error={save.error} fieldErrors={[]} />
          <Fieldset legend={t('regime.rules.aboutLegend')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('regime.rules.titleLabel')} required maxLength={200} {...form.getInputProps('title')} data-testid="rule-set-title" />
                <TextInput
                  type="date"
                  label={t('regime.rules.effectiveFromLabel')}
                  description={t('regime.rules.effectiveFromHelp')}
                  required
                  min={today()}
                  max="2100-12-31"
                  {...form.getInputProps('effectiveFrom')}
                  data-testid="rule-set-effective-from"
                />
              </SimpleGrid>
              <Textarea label={t('regime.rules.notesLabel')} autosize minRows={2} maxRows={8} maxLength={5000} {...form.getInputProps('notes')} />
            </Stack>
          </Fieldset>

          <section aria-labelledby="criteria-heading">
            <Title order={2} size="h3" id="criteria-heading" mb="sm">
              {t('regime.rules.criteriaHeading')}
            </Title>
            {listError && (
              <Alert color="red" variant="light" role="alert" mb="sm">
                {listError}
              </Alert>
            )}
            <Stack>
              {criteria.map((row, index) => (
                <CriterionRow key={row.rowKey} form={form} index={index} facts={facts} />
              ))}
              <Group>
                <Button variant="default" onClick={() => form.insertListItem('criteria', emptyCriterion())} data-testid="add-criterion">
                  {t('regime.rules.addCriterion')}
                </Button>
              </Group>
            </Stack>
          </section>

          <Card withBorder component="section" aria-labelledby="preview-heading">
            <Title order={2} size="h3" id="preview-heading" mb="xs">
              {t('regime.rules.previewHeading')}
            </Title>
            <Text size="sm" mb="sm">
              {t('regime.rules.previewIntro')}
            </Text>
            <Group mb="sm">
              <Button
                variant="outline"
                loading={runPreview.isPending}
                onClick={() => {
                  const checked = check(false);
                  if (checked) runPreview.mutate(checked);
                }}
                data-testid="preview-rule-set"
              >
                {t('regime.rules.preview')}
              </Button>
            </Group>
            <ErrorAlert error={runPreview.error} fieldErrors={[]} />
            {preview && <PreviewResult preview={preview} />}
          </Card>

          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/app/regime/rules">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-rule-set">
              {t('regime.rules.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A criterion's field name in the form (`label.uk` → `labelUk`; `rates.EUR` stays for the row's lookup). */
function formField(field: string): string {
  if (field === 'label.uk') return 'labelUk';
  if (field === 'label.en') return 'labelEn';
  if (field === 'label') return 'labelEn';
  return field;
}

function CriterionRow({ form, index, facts }: { form: UseFormReturnType<RuleSetValues>; index: number; facts: RuleFact[] }) {
  const { t } = useTranslation();
  const row = form.getValues().criteria[index];
  const fact = facts.find((f) => f.name === row.fact);
  const type = fact?.type;
  const operators = operatorsFor(type);
  const path = (field: string) => `criteria.${index}.${field}`;
  const legend = row.key ? t('regime.rules.criterionLegend', { n: index + 1, key: row.key }) : t('regime.rules.criterionLegendNew', { n: index + 1 });

  const changeFact = (name: string) => {
    form.setFieldValue(path('fact'), name);
    const nextType = facts.find((f) => f.name === name)?.type;
    // Keep the operator within one kind of fact; a yes/no fact starts at "=", a number at "≥".
    if (!operatorsFor(nextType).includes(row.op) || (type === 'boolean') !== (nextType === 'boolean')) form.setFieldValue(path('op'), nextType === 'boolean' ? 'eq' : 'gte');
    if (nextType !== 'money') {
      form.setFieldValue(path('currency'), '');
      form.setFieldValue(path('rates'), []);
    } else if (!row.currency) form.setFieldValue(path('currency'), 'UAH');
  };

  return (
    <Fieldset legend={legend} data-testid={`criterion-row-${index}`}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label={t('regime.rules.key')} description={t('regime.rules.keyHelp')} maxLength={63} {...form.getInputProps(path('key'))} data-testid={`criterion-${index}-key`} />
          <TextInput label={t('regime.rules.labelUk')} maxLength={300} lang="uk" {...form.getInputProps(path('labelUk'))} data-testid={`criterion-${index}-label-uk`} />
          <TextInput label={t('regime.rules.labelEn')} maxLength={300} lang="en" {...form.getInputProps(path('labelEn'))} data-testid={`criterion-${index}-label-en`} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <NativeSelect
            label={t('regime.rules.fact')}
            description={type ? t('regime.rules.factIs', { type: t(`regime.rules.factType.${type}`) }) : undefined}
            data={[
              { value: '', label: t('regime.rules.chooseFact') },
              ...facts.map((f) => ({ value: f.name, label: `${bilingual(f.label)} (${t(`regime.rules.factType.${f.type}`)})` })),
            ]}
            {...form.getInputProps(path('fact'))}
            onChange={(event) => changeFact(event.currentTarget.value)}
            data-testid={`criterion-${index}-fact`}
          />
          <NativeSelect
            label={t('regime.rules.operator')}
            data={operators.map((op) => ({ value: op, label: `${OPERATOR_SYMBOLS[op]} ${t(`regime.rules.op.${op}`)}` }))}
            {...form.getInputProps(path('op'))}
            data-testid={`criterion-${index}-op`}
          />
          {type === 'boolean' ? (
            <Switch
              mt={28}
              label={row.yes ? t('regime.rules.valueYes') : t('regime.rules.valueNo')}
              {...form.getInputProps(path('yes'), { type: 'checkbox' })}
              data-testid={`criterion-${index}-yes`}
            />
          ) : (
            <TextInput
              label={t('regime.rules.value')}
              description={type === 'percent' ? t('regime.rules.valuePercent') : type === 'money' ? t('regime.rules.valueMoney') : type === 'integer' ? t('regime.rules.valueInteger') : undefined}
              inputMode="decimal"
              maxLength={30}
              {...form.getInputProps(path('value'))}
              data-testid={`criterion-${index}-value`}
            />
          )}
        </SimpleGrid>
        {type === 'money' && <MoneyOptions form={form} index={index} />}
        <Group justify="flex-end">
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => form.removeListItem('criteria', index)}
            aria-label={t('regime.rules.removeCriterionNamed', { name: row.key || String(index + 1) })}
            data-testid={`criterion-${index}-remove`}
          >
            {t('regime.rules.removeCriterion')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function MoneyOptions({ form, index }: { form: UseFormReturnType<RuleSetValues>; index: number }) {
  const { t } = useTranslation();
  const row = form.getValues().criteria[index];
  const path = `criteria.${index}`;
  const currencyError = form.errors[`${path}.currency`];
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('regime.rules.currency')}
        data={[{ value: '', label: t('regime.rules.chooseCurrency') }, ...REGIME_CURRENCIES.map((c) => ({ value: c, label: c }))]}
        maw={260}
        {...form.getInputProps(`${path}.currency`)}
        error={currencyError}
        data-testid={`criterion-${index}-currency`}
      />
      <Text size="sm" fw={600}>
        {t('regime.rules.rates')}
      </Text>
      <Text size="sm">{t('regime.rules.ratesHelp', { currency: row.currency || '…' })}</Text>
      {row.rates.map((rate, rateIndex) => (
        <Group key={`${index}-${rateIndex}`} align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('regime.rules.rateCurrency')}
            data={[{ value: '', label: t('regime.rules.chooseCurrency') }, ...REGIME_CURRENCIES.filter((c) => c !== row.currency).map((c) => ({ value: c, label: c }))]}
            {...form.getInputProps(`${path}.rates.${rateIndex}.currency`)}
          />
          <TextInput
            label={t('regime.rules.rate', { from: rate.currency || '…', to: row.currency || '…' })}
            inputMode="decimal"
            maxLength={30}
            {...form.getInputProps(`${path}.rates.${rateIndex}.rate`)}
          />
          <Button variant="subtle" color="red" size="xs" mb={4} onClick={() => form.removeListItem(`${path}.rates`, rateIndex)}>
            {t('regime.rules.removeRate')}
          </Button>
        </Group>
      ))}
      <Group>
        <Button variant="default" size="xs" onClick={() => form.insertListItem(`${path}.rates`, { currency: '', rate: '' })}>
          {t('regime.rules.addRate')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The server's basis ("annual report 2025", "application") in the interface language. */
function basisText(t: TFunction, basis: string): string {
  const report = /^annual report (\d{4})$/.exec(basis);
  if (report) return t('regime.rules.basisReport', { year: report[1] });
  if (basis === 'application') return t('regime.rules.basisApplication');
  return basis;
}

function PreviewResult({ preview }: { preview: RegimePreview }) {
  const { t } = useTranslation();
  const caption = t('regime.rules.previewCaption');
  return (
    <Stack gap="sm" data-testid="preview-result">
      <Text fw={600} role="status">
        {t('regime.rules.previewSummary', { failing: preview.failing, total: preview.total })}
      </Text>
      {preview.items.length > 0 && (
        <TableFrame label={caption}>
          <Table striped captionSide="top" verticalSpacing="xs" miw={760}>
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('regime.columns.organization')}</Table.Th>
                <Table.Th scope="col">{t('regime.rules.basis')}</Table.Th>
                <Table.Th scope="col">{t('regime.evaluation.outcome')}</Table.Th>
                <Table.Th scope="col">{t('regime.rules.why')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.items.map((item) => (
                <Table.Tr key={item.residentId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/app/regime/residents/${item.residentId}`}>
                      {item.organizationName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{basisText(t, item.basis)}</Table.Td>
                  <Table.Td>
                    <OutcomeBadge outcome={item.evaluation.outcome} testId="preview-outcome" />
                  </Table.Td>
                  <Table.Td>
                    <List size="sm">
                      {item.evaluation.criteria
                        .filter((c) => c.outcome !== 'pass')
                        .map((c) => (
                          <List.Item key={c.key}>
                            {bilingual(c.label)}: {t(`regime.outcome.${c.outcome}`)} ({t('regime.evaluation.expected')} {evaluationText(t, c.expected)}; {t('regime.evaluation.actual')} {evaluationText(t, c.actual)})
                          </List.Item>
                        ))}
                    </List>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableFrame>
      )}
    </Stack>
  );
}
