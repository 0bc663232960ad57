// A new call for proposals (fund officers): its code and texts in both languages, the budget in major
// units of its currency, who may apply (members, residents or both) in which capability categories
// with which documents, when it opens and closes, the criteria with weights and minimum scores, and
// the evaluation rules. It is saved as a draft; publishing it (on its page) reserves the budget.
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Alert } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api, CALL_CURRENCIES, CALL_ELIGIBILITY, DOCUMENT_TYPES, type FieldError } from '../../api';
import { CapabilitiesSelect } from '../../components/CapabilitiesSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { fieldErrorsByPath } from '../../errors';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { callErrors, callFormPath, callInput, callKey, callValues, emptyCriterion, PROGRAMS_KEY, type CallValues } from '../../programs';

const FORM_FIELDS = [
  'code',
  'titleUk',
  'titleEn',
  'textUk',
  'textEn',
  'currency',
  'budget',
  'capabilities',
  'eligibility',
  'opensAt',
  'closesAt',
  'requiredDocuments',
  'overallThreshold',
  'evaluatorsPerProposal',
  'disagreementLimit',
  'minPartialPercent',
];

export function CallFormPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const language = amountLanguage();
  const form = useForm<CallValues>({ initialValues: callValues(language) });
  const [listError, setListError] = useState<string | null>(null);
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);

  const save = useMutation({
    mutationFn: (values: CallValues) => {
      const input = callInput(values, language);
      return api.createCall(input, keyFor(input));
    },
    onSuccess: (created) => {
      queryClient.setQueryData(callKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'calls'] });
      navigate(`/app/programs/calls/${created.id}`, { state: { notice: t('programs.callForm.created') } });
    },
    onError: (error) => {
      const errors: Record<string, string> = {};
      const other: FieldError[] = [];
      for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
        const field = callFormPath(path);
        if (FORM_FIELDS.includes(field) || /^criteria\.\d+\./.test(field)) errors[field] = message;
        else other.push({ field: path, message });
      }
      setUnplaced(other);
      form.setErrors(errors);
      focusInvalid();
    },
  });

  const focusInvalid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  const title = t('programs.callForm.title');
  const values = form.getValues();

  return (
    <Stack maw={1100}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>{t('programs.callForm.intro')}</Text>
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          const current = form.getValues();
          const errors = callErrors(t, current, language);
          setListError(errors.criteria ?? null);
          form.setErrors(errors);
          if (Object.keys(errors).length > 0) {
            focusInvalid();
            return;
          }
          save.mutate(current);
        }}
      >
        <Stack gap="lg">
          <ErrorAlert error={save.error} fieldErrors={unplaced} />
          <Fieldset legend={t('programs.callForm.aboutLegend')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput
                  label={t('programs.callForm.code')}
                  description={t('programs.callForm.codeHelp')}
                  required
                  maxLength={41}
                  autoComplete="off"
                  {...form.getInputProps('code')}
                  data-testid="call-code"
                />
                <NativeSelect
                  label={t('programs.callForm.currency')}
                  data={CALL_CURRENCIES.map((c) => ({ value: c, label: c }))}
                  {...form.getInputProps('currency')}
                  data-testid="call-currency"
                />
                <TextInput
                  label={t('programs.callForm.budget')}
                  description={t('programs.inCurrency', { currency: values.currency })}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={40}
                  {...form.getInputProps('budget')}
                  data-testid="call-budget"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('programs.callForm.titleUk')} required lang="uk" maxLength={300} {...form.getInputProps('titleUk')} data-testid="call-title-uk" />
                <TextInput label={t('programs.callForm.titleEn')} required lang="en" maxLength={300} {...form.getInputProps('titleEn')} data-testid="call-title-en" />
                <Textarea label={t('programs.callForm.textUk')} required lang="uk" autosize minRows={3} maxRows={12} maxLength={20_000} {...form.getInputProps('textUk')} data-testid="call-text-uk" />
                <Textarea label={t('programs.callForm.textEn')} required lang="en" autosize minRows={3} maxRows={12} maxLength={20_000} {...form.getInputProps('textEn')} data-testid="call-text-en" />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('programs.callForm.whoLegend')}>
            <Stack>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NativeSelect
                  label={t('programs.callForm.eligibility')}
                  data={CALL_ELIGIBILITY.map((e) => ({ value: e, label: t(`programs.eligibility.${e}`) }))}
                  {...form.getInputProps('eligibility')}
                  data-testid="call-eligibility"
                />
                <CapabilitiesSelect
                  label={t('programs.callForm.capabilities')}
                  description={t('programs.callForm.capabilitiesHelp')}
                  required
                  {...form.getInputProps('capabilities')}
                  data-testid="call-capabilities"
                />
              </SimpleGrid>
              <Checkbox.Group label={t('programs.callForm.requiredDocuments')} description={t('programs.callForm.requiredDocumentsHelp')} {...form.getInputProps('requiredDocuments')}>
                <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs" spacing={6}>
                  {DOCUMENT_TYPES.map((type) => (
                    <Checkbox key={type} value={type} label={t(`documentType.${type}`)} data-testid={`required-${type}`} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            </Stack>
          </Fieldset>

          <Fieldset legend={t('programs.callForm.datesLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput type="datetime-local" label={t('programs.callForm.opensAt')} required {...form.getInputProps('opensAt')} data-testid="call-opens" />
              <TextInput type="datetime-local" label={t('programs.callForm.closesAt')} required {...form.getInputProps('closesAt')} data-testid="call-closes" />
            </SimpleGrid>
          </Fieldset>

          <section aria-labelledby="criteria-heading">
            <Title order={2} size="h3" id="criteria-heading" mb="xs">
              {t('programs.callForm.criteriaHeading')}
            </Title>
            <Text size="sm" mb="sm" maw={760}>
              {t('programs.callForm.criteriaIntro')}
            </Text>
            {listError && (
              <Alert color="red" variant="light" role="alert" mb="sm">
                {listError}
              </Alert>
            )}
            <Stack>
              {values.criteria.map((row, index) => (
                <CriterionRow key={row.rowKey} form={form} index={index} />
              ))}
              <Group>
                <Button variant="default" onClick={() => form.insertListItem('criteria', emptyCriterion())} data-testid="add-criterion">
                  {t('programs.callForm.addCriterion')}
                </Button>
              </Group>
            </Stack>
          </section>

          <Fieldset legend={t('programs.callForm.rulesLegend')}>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <TextInput
                label={t('programs.callForm.overallThreshold')}
                description={t('programs.callForm.pointsHelp')}
                inputMode="decimal"
                maxLength={3}
                {...form.getInputProps('overallThreshold')}
                data-testid="call-overall-threshold"
              />
              <TextInput
                label={t('programs.callForm.evaluatorsPerProposal')}
                description={t('programs.callForm.evaluatorsHelp')}
                inputMode="numeric"
                maxLength={2}
                {...form.getInputProps('evaluatorsPerProposal')}
                data-testid="call-evaluators"
              />
              <TextInput
                label={t('programs.callForm.disagreementLimit')}
                description={t('programs.callForm.disagreementHelp')}
                inputMode="decimal"
                maxLength={3}
                {...form.getInputProps('disagreementLimit')}
                data-testid="call-disagreement"
              />
              <TextInput
                label={t('programs.callForm.minPartialPercent')}
                description={t('programs.callForm.minPartialHelp')}
                inputMode="numeric"
                maxLength={3}
                {...form.getInputProps('minPartialPercent')}
                data-testid="call-min-partial"
              />
            </SimpleGrid>
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" component={Link} to="/app/programs">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-call">
              {t('programs.callForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function CriterionRow({ form, index }: { form: UseFormReturnType<CallValues>; index: number }) {
  const { t } = useTranslation();
  const row = form.getValues().criteria[index];
  const path = (field: string) => `criteria.${index}.${field}`;
  const legend = row.key ? t('programs.callForm.criterionLegend', { n: index + 1, key: row.key }) : t('programs.callForm.criterionLegendNew', { n: index + 1 });
  return (
    <Fieldset legend={legend} data-testid={`criterion-row-${index}`}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }}>
        <TextInput label={t('programs.callForm.criterionKey')} description={t('programs.callForm.criterionKeyHelp')} maxLength={41} {...form.getInputProps(path('key'))} data-testid={`criterion-${index}-key`} />
        <TextInput label={t('programs.callForm.labelUk')} lang="uk" maxLength={200} {...form.getInputProps(path('labelUk'))} data-testid={`criterion-${index}-label-uk`} />
        <TextInput label={t('programs.callForm.labelEn')} lang="en" maxLength={200} {...form.getInputProps(path('labelEn'))} data-testid={`criterion-${index}-label-en`} />
        <TextInput
          label={t('programs.callForm.weight')}
          description={t('programs.callForm.weightHelp')}
          inputMode="numeric"
          maxLength={3}
          {...form.getInputProps(path('weight'))}
          data-testid={`criterion-${index}-weight`}
        />
        <TextInput
          label={t('programs.callForm.threshold')}
          description={t('programs.callForm.pointsHelp')}
          inputMode="decimal"
          maxLength={3}
          {...form.getInputProps(path('threshold'))}
          data-testid={`criterion-${index}-threshold`}
        />
      </SimpleGrid>
      <Group justify="flex-end" mt="xs">
        <Button
          variant="subtle"
          color="red"
          size="xs"
          onClick={() => form.removeListItem('criteria', index)}
          aria-label={t('programs.callForm.removeCriterionNamed', { name: row.key || String(index + 1) })}
          data-testid={`criterion-${index}-remove`}
        >
          {t('programs.callForm.removeCriterion')}
        </Button>
      </Group>
    </Fieldset>
  );
}
