// A company's proposal to a call, as a draft it can change until it submits it: the title and summary,
// the amount requested and the co-financing (major units of the call's currency), the capacity it
// will add (in the call's categories, per year or quarter), the milestones whose amounts must add up
// to the request, the budget lines, and the documents attached (the call's required types marked).
import { Alert, Anchor, Button, Fieldset, Group, List, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type FieldError, type FundCall, type FundProposalDetail, type OrganizationDocument } from '../../api';
import { capabilityLabel, useCapabilities } from '../../capabilities';
import { DocumentChecklist } from '../../components/DocumentChecklist';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { ProgramsNav } from '../../components/ProgramsNav';
import { fieldErrorsByPath } from '../../errors';
import { formatDateTime } from '../../format';
import { amountLanguage, useIdempotencyKeys } from '../../fund';
import { formatMoney, parseMajorAmount } from '../../money';
import {
  callKey,
  callTitle,
  emptyBudgetLine,
  emptyCapacity,
  emptyMilestone,
  milestoneTotal,
  PROGRAMS_KEY,
  proposalErrors,
  proposalFormPath,
  proposalInput,
  proposalKey,
  proposalValues,
  type ProposalValues,
} from '../../programs';
import { useMe } from '../../session';

/** New: /calls/:id/apply. Edit: /proposals/:id/edit. */
export function ProposalFormPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { data: me } = useMe();
  const proposal = useQuery({ queryKey: proposalKey(id), queryFn: () => api.getFundProposal(id), enabled: mode === 'edit' });
  const callId = mode === 'new' ? id : proposal.data?.callId;
  const call = useQuery({ queryKey: callKey(callId ?? ''), queryFn: () => api.getCall(callId!), enabled: Boolean(callId) });
  const title = mode === 'new' ? t('programs.proposalForm.newTitle') : t('programs.proposalForm.editTitle');
  const failed = (mode === 'edit' && proposal.isError ? proposal.error : null) ?? (call.isError ? call.error : null);
  if (failed) {
    return (
      <Stack>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <ErrorAlert error={failed} />
      </Stack>
    );
  }
  if (!me || !call.data || (mode === 'edit' && !proposal.data)) return <Loading />;
  const organizationId = proposal.data?.organizationId ?? me.user.organizationId;
  if (!organizationId) {
    return (
      <Stack>
        <PageHeading documentTitle={title}>{title}</PageHeading>
        <Text>{t('programs.proposalForm.noOrganization')}</Text>
      </Stack>
    );
  }
  return <ProposalForm key={proposal.data?.id ?? 'new'} call={call.data} proposal={proposal.data} organizationId={organizationId} />;
}

const FORM_FIELDS = ['title', 'summary', 'requested', 'cofinancing', 'documentIds', 'milestonesTotal'];

function ProposalForm({ call, proposal, organizationId }: { call: FundCall; proposal: FundProposalDetail | undefined; organizationId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const language = amountLanguage();
  const currency = call.currency;
  const form = useForm<ProposalValues>({ initialValues: proposalValues(proposal, currency) });
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const documents = useQuery({
    queryKey: ['organizations', 'documents', organizationId, 'all'],
    queryFn: () => api.listDocuments(organizationId, { limit: 200, offset: 0 }),
  });

  const save = useMutation({
    mutationFn: (values: ProposalValues) => {
      const input = proposalInput(values, currency, language);
      if (proposal) return api.updateFundProposal(proposal.id, { ...input, version: proposal.version });
      return api.createFundProposal(call.id, input, keyFor(input));
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(proposalKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: [...PROGRAMS_KEY, 'proposals'] });
      navigate(`/app/programs/proposals/${saved.id}`, { state: { notice: t('programs.proposalForm.saved') } });
    },
    onError: (error) => {
      const errors: Record<string, string> = {};
      const other: FieldError[] = [];
      for (const [path, message] of Object.entries(fieldErrorsByPath(error))) {
        const field = proposalFormPath(path);
        if (FORM_FIELDS.includes(field) || /^(capacity|milestones|budgetLines)\.\d+\./.test(field)) errors[field] = message;
        else other.push({ field: path, message });
      }
      setUnplaced(other);
      form.setErrors(errors);
      focusInvalid();
    },
  });

  const focusInvalid = () => window.setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
  const values = form.getValues();
  const title = proposal ? t('programs.proposalForm.editTitle') : t('programs.proposalForm.newTitle');
  const total = milestoneTotal(values, currency, language);

  return (
    <Stack maw={1100}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <ProgramsNav />
      <Text maw={760}>
        {t('programs.proposalForm.intro', { call: callTitle(call), date: formatDateTime(call.closesAt) })}{' '}
        <Anchor component={Link} to={`/app/programs/calls/${call.id}`}>
          {t('programs.proposalForm.readCall')}
        </Anchor>
      </Text>
      <form
        noValidate
        aria-label={title}
        onSubmit={(event) => {
          event.preventDefault();
          const current = form.getValues();
          const errors = proposalErrors(t, current, currency, language);
          form.setErrors(errors);
          setUnplaced([]);
          if (Object.keys(errors).length > 0) {
            focusInvalid();
            return;
          }
          save.mutate(current);
        }}
      >
        <Stack gap="lg">
          <ErrorAlert error={save.error} fieldErrors={unplaced} />
          <Fieldset legend={t('programs.proposalForm.aboutLegend')}>
            <Stack>
              <TextInput label={t('programs.proposalForm.title')} required maxLength={300} {...form.getInputProps('title')} data-testid="proposal-title" />
              <Textarea label={t('programs.proposalForm.summary')} autosize minRows={3} maxRows={12} maxLength={10_000} {...form.getInputProps('summary')} data-testid="proposal-summary" />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('programs.proposalForm.requested')}
                  description={t('programs.inCurrency', { currency })}
                  required
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={40}
                  {...form.getInputProps('requested')}
                  data-testid="proposal-requested"
                />
                <TextInput
                  label={t('programs.proposalForm.cofinancing')}
                  description={t('programs.proposalForm.cofinancingHelp', { currency })}
                  inputMode="decimal"
                  autoComplete="off"
                  maxLength={40}
                  {...form.getInputProps('cofinancing')}
                  data-testid="proposal-cofinancing"
                />
              </SimpleGrid>
            </Stack>
          </Fieldset>

          <CapacityFields form={form} call={call} />
          <MilestoneFields form={form} currency={currency} total={total} />
          <BudgetFields form={form} currency={currency} />

          <Fieldset legend={t('programs.proposalForm.documentsLegend')}>
            {documents.isPending ? (
              <Loading />
            ) : documents.isError ? (
              <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />
            ) : (
              <DocumentFields form={form} call={call} documents={documents.data.items} organizationId={organizationId} />
            )}
          </Fieldset>

          <Group justify="flex-end">
            <Button variant="default" component={Link} to={proposal ? `/app/programs/proposals/${proposal.id}` : `/app/programs/calls/${call.id}`}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="save-proposal">
              {t('programs.proposalForm.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

type Form = UseFormReturnType<ProposalValues>;

function RemoveRow({ label, onClick, testId }: { label: string; onClick: () => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Button variant="subtle" color="red" size="xs" onClick={onClick} aria-label={label} data-testid={testId} mb={4}>
      {t('common.remove')}
    </Button>
  );
}

function CapacityFields({ form, call }: { form: Form; call: FundCall }) {
  const { t } = useTranslation();
  const capabilities = useCapabilities();
  // The call's categories and their sub-categories.
  const options = (capabilities.data ?? [])
    .filter((c) => call.capabilities.some((code) => c.code === code || c.code.startsWith(`${code}.`)))
    .map((c) => ({ value: c.code, label: c.parentCode ? `— ${capabilityLabel(c)}` : capabilityLabel(c) }));
  const rows = form.getValues().capacity;
  return (
    <Fieldset legend={t('programs.proposalForm.capacityLegend')}>
      <Stack gap="sm">
        <Text size="sm">{t('programs.proposalForm.capacityHelp')}</Text>
        {rows.map((row, index) => (
          <Group key={row.rowKey} align="flex-end" wrap="wrap" data-testid={`capacity-${index}`}>
            <NativeSelect
              label={t('programs.proposalForm.capability')}
              data={[{ value: '', label: t('programs.proposalForm.chooseCapability') }, ...options]}
              {...form.getInputProps(`capacity.${index}.capability`)}
              style={{ flex: '2 1 240px' }}
              data-testid={`capacity-${index}-capability`}
            />
            <TextInput
              label={t('programs.proposalForm.period')}
              description={t('programs.proposalForm.periodHelp')}
              maxLength={7}
              {...form.getInputProps(`capacity.${index}.period`)}
              style={{ flex: '1 1 120px' }}
              data-testid={`capacity-${index}-period`}
            />
            <TextInput
              label={t('programs.proposalForm.quantity')}
              description={t('programs.proposalForm.quantityHelp')}
              inputMode="numeric"
              maxLength={10}
              {...form.getInputProps(`capacity.${index}.quantity`)}
              style={{ flex: '1 1 120px' }}
              data-testid={`capacity-${index}-quantity`}
            />
            <RemoveRow label={t('programs.proposalForm.removeCapacity', { n: index + 1 })} onClick={() => form.removeListItem('capacity', index)} testId={`capacity-${index}-remove`} />
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => form.insertListItem('capacity', emptyCapacity())} data-testid="add-capacity">
            {t('programs.proposalForm.addCapacity')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function MilestoneFields({ form, currency, total }: { form: Form; currency: string; total: number }) {
  const { t } = useTranslation();
  const rows = form.getValues().milestones;
  // The mismatch found on saving goes away as soon as the amounts typed add up.
  const requested = parseMajorAmount(form.getValues().requested, currency, amountLanguage());
  const sumError = requested.ok && requested.minor === total && rows.length > 0 ? undefined : form.errors.milestonesTotal;
  return (
    <Fieldset legend={t('programs.proposalForm.milestonesLegend')}>
      <Stack gap="sm">
        <Text size="sm">{t('programs.proposalForm.milestonesHelp')}</Text>
        {rows.map((row, index) => (
          <Group key={row.rowKey} align="flex-end" wrap="wrap" data-testid={`milestone-${index}`}>
            <TextInput
              label={t('programs.proposalForm.deliverable', { n: index + 1 })}
              maxLength={500}
              {...form.getInputProps(`milestones.${index}.deliverable`)}
              style={{ flex: '3 1 280px' }}
              data-testid={`milestone-${index}-deliverable`}
            />
            <TextInput type="date" label={t('programs.proposalForm.dueDate')} {...form.getInputProps(`milestones.${index}.dueDate`)} style={{ flex: '1 1 150px' }} data-testid={`milestone-${index}-due`} />
            <TextInput
              label={t('programs.proposalForm.amount')}
              description={t('programs.inCurrency', { currency })}
              inputMode="decimal"
              autoComplete="off"
              maxLength={40}
              {...form.getInputProps(`milestones.${index}.amount`)}
              style={{ flex: '1 1 160px' }}
              data-testid={`milestone-${index}-amount`}
            />
            <RemoveRow label={t('programs.proposalForm.removeMilestone', { n: index + 1 })} onClick={() => form.removeListItem('milestones', index)} testId={`milestone-${index}-remove`} />
          </Group>
        ))}
        <Text size="sm" data-testid="milestones-total" role="status">
          {t('programs.proposalForm.milestonesTotal', { total: formatMoney(total, currency, amountLanguage()) })}
        </Text>
        {sumError && (
          <Alert color="red" variant="light" role="alert" data-testid="milestones-error">
            {sumError}
          </Alert>
        )}
        <Group>
          <Button variant="default" size="xs" onClick={() => form.insertListItem('milestones', emptyMilestone())} data-testid="add-milestone">
            {t('programs.proposalForm.addMilestone')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function BudgetFields({ form, currency }: { form: Form; currency: string }) {
  const { t } = useTranslation();
  const rows = form.getValues().budgetLines;
  return (
    <Fieldset legend={t('programs.proposalForm.budgetLegend')}>
      <Stack gap="sm">
        <Text size="sm">{t('programs.proposalForm.budgetHelp')}</Text>
        {rows.map((row, index) => (
          <Group key={row.rowKey} align="flex-end" wrap="wrap" data-testid={`budget-${index}`}>
            <TextInput label={t('programs.proposalForm.budgetItem', { n: index + 1 })} maxLength={300} {...form.getInputProps(`budgetLines.${index}.item`)} style={{ flex: '3 1 280px' }} data-testid={`budget-${index}-item`} />
            <TextInput
              label={t('programs.proposalForm.amount')}
              description={t('programs.inCurrency', { currency })}
              inputMode="decimal"
              autoComplete="off"
              maxLength={40}
              {...form.getInputProps(`budgetLines.${index}.amount`)}
              style={{ flex: '1 1 160px' }}
              data-testid={`budget-${index}-amount`}
            />
            <RemoveRow label={t('programs.proposalForm.removeBudgetLine', { n: index + 1 })} onClick={() => form.removeListItem('budgetLines', index)} testId={`budget-${index}-remove`} />
          </Group>
        ))}
        <Group>
          <Button variant="default" size="xs" onClick={() => form.insertListItem('budgetLines', emptyBudgetLine())} data-testid="add-budget-line">
            {t('programs.proposalForm.addBudgetLine')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

function DocumentFields({ form, call, documents, organizationId }: { form: Form; call: FundCall; documents: OrganizationDocument[]; organizationId: string }) {
  const { t } = useTranslation();
  const chosen = documents.filter((d) => form.getValues().documentIds.includes(d.id));
  return (
    <Stack gap="xs">
      {call.requiredDocuments.length > 0 && (
        <div data-testid="required-documents">
          <Text size="sm" fw={600}>
            {t('programs.proposalForm.requiredTypes')}
          </Text>
          <List size="sm">
            {call.requiredDocuments.map((type) => {
              const attached = chosen.some((d) => d.documentType === type);
              return (
                <List.Item key={type}>
                  {t(`documentType.${type as 'other'}`, { defaultValue: type })}: {attached ? t('programs.proposalForm.attached') : t('programs.proposalForm.notAttached')}
                </List.Item>
              );
            })}
          </List>
        </div>
      )}
      <DocumentChecklist
        organizationId={organizationId}
        label={t('programs.proposalForm.documents')}
        description={t('programs.proposalForm.documentsHelp')}
        value={form.getValues().documentIds}
        onChange={(ids) => form.setFieldValue('documentIds', ids)}
        error={form.errors.documentIds as string | undefined}
        noDocumentsText={t('programs.proposalForm.noDocuments')}
        testId="proposal-document"
      />
    </Stack>
  );
}
