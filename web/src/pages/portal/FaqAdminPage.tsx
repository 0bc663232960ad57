// The officers' FAQ: every entry in the order the public sees them (hidden ones too), with a way to
// add one, edit it (in a dialog), hide or show it, and delete it. Auditors read the list.
import { Badge, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FaqEntry, type FaqInput } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormCard } from '../../components/FormCard';
import { Loading } from '../../components/Loading';
import { NUMERIC } from '../../components/Money';
import { PageHeading } from '../../components/PageHeading';
import { PortalNav } from '../../components/PortalNav';
import { SuccessAlert } from '../../components/SuccessAlert';
import { TitledSection } from '../../components/TitledSection';
import { splitFieldErrors } from '../../errors';
import { useIdempotencyKeys } from '../../fund';
import { EMPTY_FAQ, FAQ_FIELDS, faqErrors, faqGroup, faqInput, faqQuestion, faqValues, PORTAL_EDITORS, PORTAL_KEY, PUBLIC_FAQ_KEY, type FaqValues } from '../../portal';
import { hasAnyRole, useMe } from '../../session';

const FAQ_KEY = [...PORTAL_KEY, 'faq'] as const;

export function FaqAdminPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const faq = useQuery({ queryKey: FAQ_KEY, queryFn: api.listFaq });
  const [editing, setEditing] = useState<FaqEntry | null>(null);
  const [deleting, setDeleting] = useState<FaqEntry | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: FAQ_KEY });
    void queryClient.invalidateQueries({ queryKey: PUBLIC_FAQ_KEY });
  };
  const toggle = useMutation({
    mutationFn: (entry: FaqEntry) => api.updateFaq(entry.id, { version: entry.version, published: !entry.published }),
    onSuccess: (saved) => {
      refresh();
      setNotice(t(saved.published ? 'portal.faqEditor.shown' : 'portal.faqEditor.hidden', { question: faqQuestion(saved) }));
    },
  });
  const remove = useMutation({
    mutationFn: (entry: FaqEntry) => api.deleteFaq(entry.id),
    onSuccess: (_, entry) => {
      refresh();
      setDeleting(null);
      setNotice(t('portal.faqEditor.deleted', { question: faqQuestion(entry) }));
    },
  });
  if (!me) return null;
  const editor = hasAnyRole(me.user, PORTAL_EDITORS);
  const title = t('portal.faqEditor.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <PortalNav />
      <Text maw={760}>{t('portal.faqEditor.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <TitledSection id="faq-list-heading" title={t('portal.faqEditor.listHeading')}>
        <ErrorAlert error={toggle.error} />
        {faq.isPending ? (
          <Loading />
        ) : faq.isError ? (
          <ErrorAlert error={faq.error} onRetry={() => void faq.refetch()} />
        ) : (
          <DataTable
            caption={t('portal.faqEditor.caption')}
            columns={[
              { label: t('portal.faqEditor.order'), numeric: true },
              { label: t('portal.faqEditor.group') },
              { label: t('portal.faqEditor.question') },
              { label: t('portal.faqEditor.visibility') },
              ...(editor ? [{ label: t('common.actions') }] : []),
            ]}
            minWidth={820}
            isEmpty={faq.data.items.length === 0}
            empty={t('portal.faq.none')}
            testId="faq-entries"
          >
            {faq.data.items.map((entry) => (
              <Table.Tr key={entry.id} data-testid="faq-row">
                <Table.Td style={NUMERIC}>{entry.sortOrder}</Table.Td>
                <Table.Td>{faqGroup(entry)}</Table.Td>
                <Table.Th scope="row" fw={400}>
                  {faqQuestion(entry)}
                </Table.Th>
                <Table.Td>
                  <Badge color={entry.published ? 'green' : 'gray'} variant="light" tt="none" miw="max-content">
                    {entry.published ? t('portal.faqEditor.published') : t('portal.faqEditor.hiddenBadge')}
                  </Badge>
                </Table.Td>
                {editor && (
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(entry)} aria-label={t('portal.faqEditor.editOf', { question: faqQuestion(entry) })} data-testid="edit-faq">
                        {t('portal.faqEditor.edit')}
                      </Button>
                      <Button
                        size="xs"
                        variant="default"
                        loading={toggle.isPending && toggle.variables?.id === entry.id}
                        onClick={() => toggle.mutate(entry)}
                        aria-label={t(entry.published ? 'portal.faqEditor.hideOf' : 'portal.faqEditor.showOf', { question: faqQuestion(entry) })}
                        data-testid="toggle-faq"
                      >
                        {entry.published ? t('portal.faqEditor.hide') : t('portal.faqEditor.show')}
                      </Button>
                      <Button size="xs" variant="default" color="red" onClick={() => setDeleting(entry)} aria-label={t('portal.faqEditor.deleteOf', { question: faqQuestion(entry) })} data-testid="delete-faq">
                        {t('portal.faqEditor.delete')}
                      </Button>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </TitledSection>
      {editor && <NewFaqForm onAdded={(entry) => setNotice(t('portal.faqEditor.added', { question: faqQuestion(entry) }))} />}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t('portal.faqEditor.editTitle')} size="xl" closeButtonProps={{ 'aria-label': t('common.close') }}>
        {editing && (
          <EditFaq
            entry={editing}
            onSaved={(saved) => {
              setEditing(null);
              setNotice(t('portal.faqEditor.saved', { question: faqQuestion(saved) }));
            }}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={deleting !== null}
        title={t('portal.faqEditor.deleteTitle')}
        text={deleting ? t('portal.faqEditor.deleteText', { question: faqQuestion(deleting) }) : ''}
        confirmLabel={t('portal.faqEditor.delete')}
        confirmTestId="confirm-delete-faq"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}

function NewFaqForm({ onAdded }: { onAdded: (entry: FaqEntry) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (input: FaqInput) => api.createFaq(input, keyFor(input)),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: FAQ_KEY });
      void queryClient.invalidateQueries({ queryKey: PUBLIC_FAQ_KEY });
      setFormKey((key) => key + 1);
      onAdded(saved);
    },
  });
  return (
    <FaqFields key={formKey} id="new-faq-heading" title={t('portal.faqEditor.addHeading')} initial={EMPTY_FAQ} pending={create.isPending} error={create.error} submitLabel={t('portal.faqEditor.add')} onSubmit={(input) => create.mutate(input)} />
  );
}

function EditFaq({ entry, onSaved }: { entry: FaqEntry; onSaved: (entry: FaqEntry) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useMutation({
    mutationFn: (input: FaqInput) => api.updateFaq(entry.id, { ...input, version: entry.version }),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: FAQ_KEY });
      void queryClient.invalidateQueries({ queryKey: PUBLIC_FAQ_KEY });
      onSaved(saved);
    },
  });
  return <FaqFields id="edit-faq-heading" title={faqQuestion(entry)} initial={faqValues(entry)} pending={update.isPending} error={update.error} submitLabel={t('common.save')} onSubmit={(input) => update.mutate(input)} />;
}

interface FaqFieldsProps {
  id: string;
  title: string;
  initial: FaqValues;
  pending: boolean;
  error: unknown;
  submitLabel: string;
  onSubmit: (input: FaqInput) => void;
}

/** The entry's group, question and Markdown answer in both languages, its place and whether it shows. */
function FaqFields({ id, title, initial, pending, error, submitLabel, onSubmit }: FaqFieldsProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<FaqValues>(initial);
  const [errors, setErrors] = useState<Partial<Record<(typeof FAQ_FIELDS)[number], string>>>({});
  const server = splitFieldErrors(error, FAQ_FIELDS);
  const field = (name: (typeof FAQ_FIELDS)[number]) => ({
    label: t(`portal.faqEditor.fields.${name}`),
    value: values[name],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [name]: value }));
    },
    error: errors[name] ?? server.byField[name],
  });
  return (
    <FormCard
      id={id}
      title={title}
      onSubmit={() => {
        const found = faqErrors(values, t);
        setErrors(found);
        if (Object.keys(found).length === 0) onSubmit(faqInput(values));
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput required description={t('portal.faqEditor.groupKeyHelp')} {...field('groupKey')} data-testid="faq-group-key" />
        <TextInput required {...field('groupUk')} data-testid="faq-group-uk" />
        <TextInput required {...field('groupEn')} data-testid="faq-group-en" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput required {...field('questionUk')} data-testid="faq-question-uk" />
        <TextInput required {...field('questionEn')} data-testid="faq-question-en" />
        <Textarea required autosize minRows={4} description={t('portal.editor.bodyHelp')} {...field('answerUk')} data-testid="faq-answer-uk" />
        <Textarea required autosize minRows={4} description={t('portal.editor.bodyHelp')} {...field('answerEn')} data-testid="faq-answer-en" />
      </SimpleGrid>
      <Group align="flex-end">
        <TextInput inputMode="numeric" description={t('portal.faqEditor.sortOrderHelp')} {...field('sortOrder')} maw={260} data-testid="faq-sort-order" />
        <Checkbox
          label={t('portal.faqEditor.fields.published')}
          checked={values.published}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setValues((current) => ({ ...current, published: checked }));
          }}
          mb={8}
        />
      </Group>
      <ErrorAlert error={error} fieldErrors={server.other} />
      <Group>
        <Button type="submit" loading={pending} data-testid="save-faq">
          {submitLabel}
        </Button>
      </Group>
    </FormCard>
  );
}
