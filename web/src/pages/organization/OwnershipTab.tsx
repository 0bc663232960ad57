// Direct owners with their share, kinds of control and review status. An owner is an existing or a
// new person, or an existing (staff) or new organization, such as a holding company whose own
// owners are then declared on its page.
import {
  Anchor,
  Button,
  Checkbox,
  Group,
  Modal,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  api,
  ApiError,
  CONTROL_KINDS,
  type ControlKind,
  type NewOwner,
  type Organization,
  type OwnershipLink,
} from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import {
  OrganizationFields,
  emptyOrganizationValues,
  organizationFieldErrors,
  organizationValidation,
  toNewOrganization,
  type OrganizationFormValues,
} from '../../components/OrganizationFields';
import { OrganizationSelect } from '../../components/OrganizationSelect';
import { PersonFields, emptyPerson, toNewPerson, validatePerson, type PersonFormValues } from '../../components/PersonFields';
import { PersonSelect } from '../../components/PersonSelect';
import { ReviewStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { fieldErrorsByPath, splitFieldErrors } from '../../errors';
import { formatDate } from '../../format';
import { isStaff, useMe } from '../../session';
import { peopleKey } from './keys';

interface TabProps {
  organization: Organization;
  canEdit: boolean;
  onNotice: (message: string | null) => void;
}

/** A share typed as "25", "33,3333" or "12.5": at most 4 decimals, above 0 and at most 100. */
export function parseShare(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return value > 0 && value <= 100 ? value : 'invalid';
}

export function formatShare(value: number | null, language: string | undefined): string {
  if (value === null) return '';
  return `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'uk-UA', { maximumFractionDigits: 4 }).format(value)} %`;
}

export function OwnershipTab({ organization, canEdit, onNotice }: TabProps) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<OwnershipLink | null>(null);
  const people = useQuery({ queryKey: peopleKey(organization.id), queryFn: () => api.organizationPeople(organization.id) });

  const remove = useMutation({
    mutationFn: (link: OwnershipLink) => api.removeRegistryItem(organization.id, 'owners', link.id),
    onSuccess: (result, link) => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onNotice(
        result.status === 'removal_pending'
          ? t('ownershipTab.removalRequested', { name: link.owner.name })
          : t('ownershipTab.removed', { name: link.owner.name }),
      );
    },
  });

  const totalShare = (people.data?.owners ?? [])
    .filter((o) => o.status !== 'removed' && o.status !== 'rejected')
    .reduce((sum, o) => sum + Math.round((o.sharePercent ?? 0) * 10_000), 0);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('ownershipTab.heading')}
        </Title>
        {canEdit && (
          <Button
            onClick={() => {
              onNotice(null);
              setAdding(true);
            }}
            data-testid="add-owner"
          >
            {t('ownershipTab.add')}
          </Button>
        )}
      </Group>
      <Text maw={760}>{t('ownershipTab.intro')}</Text>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <>
          <TableFrame label={t('ownershipTab.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={860}>
              <Table.Caption>{t('ownershipTab.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('ownershipTab.owner')}</Table.Th>
                  <Table.Th scope="col">{t('ownershipTab.ownerKind')}</Table.Th>
                  <Table.Th scope="col">{t('ownershipTab.share')}</Table.Th>
                  <Table.Th scope="col">{t('ownershipTab.control')}</Table.Th>
                  <Table.Th scope="col">{t('ownershipTab.period')}</Table.Th>
                  <Table.Th scope="col">{t('ownershipTab.status')}</Table.Th>
                  {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {people.data.owners.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={canEdit ? 7 : 6}>{t('ownershipTab.none')}</Table.Td>
                  </Table.Tr>
                )}
                {people.data.owners.map((link) => (
                  <Table.Tr key={link.id}>
                    <Table.Td>
                      {link.owner.kind === 'organization' ? (
                        <Anchor component={Link} to={`/app/organizations/${link.owner.id}?tab=ownership`}>
                          {link.owner.name}
                        </Anchor>
                      ) : (
                        link.owner.name
                      )}
                    </Table.Td>
                    <Table.Td>{t(`ownershipTab.kind.${link.owner.kind}`)}</Table.Td>
                    <Table.Td>{link.sharePercent === null ? t('common.none') : formatShare(link.sharePercent, i18n.resolvedLanguage)}</Table.Td>
                    <Table.Td>
                      {link.controlKinds.length === 0
                        ? t('common.none')
                        : link.controlKinds.map((k) => t(`controlKind.${k as ControlKind}`)).join(', ')}
                    </Table.Td>
                    <Table.Td>
                      {link.fromDate || link.toDate
                        ? `${link.fromDate ? formatDate(link.fromDate) : '…'} – ${link.toDate ? formatDate(link.toDate) : '…'}`
                        : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <ReviewStatusBadge status={link.status} />
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={link.status === 'removal_pending' || link.status === 'removed'}
                          aria-label={t('ownershipTab.removeLabel', { name: link.owner.name })}
                          onClick={() => {
                            remove.reset();
                            setRemoving(link);
                          }}
                        >
                          {t('common.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Text size="sm">{t('ownershipTab.total', { share: formatShare(totalShare / 10_000, i18n.resolvedLanguage) || '0 %' })}</Text>
        </>
      )}

      {adding && (
        <AddOwnerDialog
          organization={organization}
          onClose={() => setAdding(false)}
          onSaved={(message) => {
            setAdding(false);
            onNotice(message);
          }}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('ownershipTab.removeTitle')}
        text={t('ownershipTab.removeText', { name: removing?.owner.name ?? '' })}
        confirmLabel={t('common.remove')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

type OwnerMode = 'person' | 'new_person' | 'organization' | 'new_organization';

const OWNER_FIELDS = ['sharePercent', 'controlKinds', 'fromDate', 'toDate', 'owner.id'] as const;

function AddOwnerDialog({
  organization,
  onClose,
  onSaved,
}: {
  organization: Organization;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const staff = me ? isStaff(me.user) : false;
  const [mode, setMode] = useState<OwnerMode>('new_person');
  const [personId, setPersonId] = useState<string | null>(null);
  const [ownerOrganizationId, setOwnerOrganizationId] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonFormValues>(emptyPerson);
  const [share, setShare] = useState('');
  const [controlKinds, setControlKinds] = useState<ControlKind[]>([]);
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [personErrors, setPersonErrors] = useState<Record<string, string>>({});
  const orgForm = useForm<OrganizationFormValues>({
    initialValues: emptyOrganizationValues(),
    validate: organizationValidation(t),
  });

  const modes: OwnerMode[] = staff
    ? ['person', 'new_person', 'organization', 'new_organization']
    : ['person', 'new_person', 'new_organization'];

  const save = useMutation({
    mutationFn: (input: NewOwner) => api.addOwner(organization.id, input),
    onSuccess: (people) => {
      queryClient.setQueryData(peopleKey(organization.id), people);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      const added = people.owners[people.owners.length - 1];
      onSaved(
        added?.status === 'pending'
          ? t('ownershipTab.proposed', { name: added.owner.name })
          : t('ownershipTab.added', { name: added?.owner.name ?? '' }),
      );
    },
    onError: (error) => {
      setErrors(splitFieldErrors(error, OWNER_FIELDS).byField);
      setPersonErrors(fieldErrorsByPath(error, 'owner.person'));
      orgForm.setErrors(organizationFieldErrors(error, t, orgForm.getValues(), 'owner.organization').byField);
    },
  });

  const submit = () => {
    const next: Record<string, string> = {};
    const parsedShare = parseShare(share);
    if (parsedShare === 'invalid') next.sharePercent = t('validation.share');
    else if (parsedShare === null && controlKinds.length === 0) next.sharePercent = t('validation.shareOrControl');
    if (mode === 'person' && !personId) next['owner.id'] = t('validation.required');
    if (mode === 'organization' && !ownerOrganizationId) next['owner.id'] = t('validation.required');
    if (fromDate && toDate && toDate < fromDate) next.toDate = t('validation.dateRange');
    const nextPersonErrors = mode === 'new_person' ? validatePerson(person, t) : {};
    const orgInvalid = mode === 'new_organization' ? orgForm.validate().hasErrors : false;
    setErrors(next);
    setPersonErrors(nextPersonErrors);
    if (Object.keys(next).length || Object.keys(nextPersonErrors).length || orgInvalid || parsedShare === 'invalid') {
      window.setTimeout(() => document.querySelector<HTMLElement>('[role="dialog"] [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const owner: NewOwner['owner'] =
      mode === 'person'
        ? { kind: 'person', id: personId ?? '' }
        : mode === 'organization'
          ? { kind: 'organization', id: ownerOrganizationId ?? '' }
          : mode === 'new_person'
            ? { kind: 'new_person', person: toNewPerson(person) }
            : { kind: 'new_organization', organization: toNewOrganization(orgForm.getValues()) };
    save.mutate({ owner, sharePercent: parsedShare, controlKinds, fromDate: fromDate || null, toDate: toDate || null });
  };

  // Errors the fields above could not show.
  const other =
    save.error instanceof ApiError
      ? [
          ...splitFieldErrors(save.error, OWNER_FIELDS).other.filter((e) => !/owner[./](person|organization)[./]/.test(e.field)),
          ...(mode === 'new_organization'
            ? organizationFieldErrors(save.error, t, orgForm.getValues(), 'owner.organization').other.filter((e) =>
                /owner[./]organization[./]/.test(e.field),
              )
            : []),
        ]
      : [];

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('ownershipTab.addTitle', { name: organization.name })}
      size={mode === 'new_organization' ? 'xl' : 'lg'}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {save.error && <ErrorAlert error={save.error} fieldErrors={other} />}
          <Radio.Group
            label={t('ownershipTab.ownerIs')}
            value={mode}
            onChange={(value) => {
              setMode(value as OwnerMode);
              setErrors({});
            }}
          >
            <Stack gap="xs" mt="xs">
              {modes.map((m) => (
                <Radio key={m} value={m} label={t(`ownershipTab.mode.${m}`)} data-testid={`owner-mode-${m}`} />
              ))}
            </Stack>
          </Radio.Group>

          {mode === 'person' && (
            <PersonSelect
              label={t('ownershipTab.person')}
              description={t('peopleTab.personHelp')}
              value={personId}
              onChange={setPersonId}
              error={errors['owner.id']}
            />
          )}
          {mode === 'organization' && (
            <OrganizationSelect
              label={t('ownershipTab.organization')}
              description={t('ownershipTab.organizationHelp')}
              value={ownerOrganizationId}
              onChange={setOwnerOrganizationId}
              error={errors['owner.id']}
              placeholder={t('ownershipTab.organizationPlaceholder')}
            />
          )}
          {mode === 'new_person' && (
            <PersonFields legend={t('ownershipTab.newPersonLegend')} value={person} onChange={setPerson} errors={personErrors} />
          )}
          {mode === 'new_organization' && (
            <>
              <Text size="sm">{t('ownershipTab.newOrganizationHelp')}</Text>
              <OrganizationFields form={orgForm} withIdentifiers />
            </>
          )}

          <TextInput
            label={t('ownershipTab.share')}
            description={t('ownershipTab.shareHelp')}
            inputMode="decimal"
            rightSection="%"
            maw={260}
            value={share}
            onChange={(event) => setShare(event.currentTarget.value)}
            error={errors.sharePercent}
            data-testid="owner-share"
          />
          <Checkbox.Group
            label={t('ownershipTab.control')}
            description={t('ownershipTab.controlHelp')}
            value={controlKinds}
            onChange={(value) => setControlKinds(value as ControlKind[])}
            error={errors.controlKinds}
          >
            <Group mt="xs">
              {CONTROL_KINDS.map((kind) => (
                <Checkbox key={kind} value={kind} label={t(`controlKind.${kind}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group grow align="flex-start">
            <TextInput
              label={t('ownershipTab.from')}
              type="date"
              value={fromDate}
              onChange={(event) => setFromDate(event.currentTarget.value)}
              error={errors.fromDate}
            />
            <TextInput
              label={t('ownershipTab.to')}
              type="date"
              value={toDate}
              onChange={(event) => setToDate(event.currentTarget.value)}
              error={errors.toDate}
            />
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="add-owner-submit">
              {t('ownershipTab.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
