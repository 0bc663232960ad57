// Officers (directors, signatories…) with their roles and dates; appoint an existing person or record
// a new one with their names in several scripts.
import { Button, Group, Modal, NativeSelect, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, OFFICER_ROLES, type Officer, type OfficerRole, type Organization } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
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

export function PeopleTab({ organization, canEdit, onNotice }: TabProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Officer | null>(null);
  const people = useQuery({ queryKey: peopleKey(organization.id), queryFn: () => api.organizationPeople(organization.id) });

  const remove = useMutation({
    mutationFn: (officer: Officer) => api.removeRegistryItem(organization.id, 'officers', officer.id),
    onSuccess: (result, officer) => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onNotice(
        result.status === 'removal_pending'
          ? t('peopleTab.removalRequested', { name: officer.personName })
          : t('peopleTab.removed', { name: officer.personName }),
      );
    },
  });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('peopleTab.heading')}
        </Title>
        {canEdit && (
          <Button
            onClick={() => {
              onNotice(null);
              setAdding(true);
            }}
          >
            {t('peopleTab.add')}
          </Button>
        )}
      </Group>
      {people.isPending ? (
        <Loading />
      ) : people.isError ? (
        <ErrorAlert error={people.error} onRetry={() => void people.refetch()} />
      ) : (
        <TableFrame label={t('peopleTab.caption')}>
          <Table striped captionSide="top" verticalSpacing="sm" miw={720}>
            <Table.Caption>{t('peopleTab.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('peopleTab.name')}</Table.Th>
                <Table.Th scope="col">{t('peopleTab.role')}</Table.Th>
                <Table.Th scope="col">{t('peopleTab.from')}</Table.Th>
                <Table.Th scope="col">{t('peopleTab.to')}</Table.Th>
                <Table.Th scope="col">{t('peopleTab.status')}</Table.Th>
                {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.data.officers.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={canEdit ? 6 : 5}>{t('peopleTab.none')}</Table.Td>
                </Table.Tr>
              )}
              {people.data.officers.map((officer) => (
                <Table.Tr key={officer.id}>
                  <Table.Td>{officer.personName}</Table.Td>
                  <Table.Td>{t(`officerRole.${officer.role}`)}</Table.Td>
                  <Table.Td>{officer.fromDate ? formatDate(officer.fromDate) : t('common.none')}</Table.Td>
                  <Table.Td>{officer.toDate ? formatDate(officer.toDate) : t('common.none')}</Table.Td>
                  <Table.Td>
                    <ReviewStatusBadge status={officer.status} />
                  </Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        disabled={officer.status === 'removal_pending' || officer.status === 'removed'}
                        aria-label={t('peopleTab.removeLabel', { name: officer.personName })}
                        onClick={() => {
                          remove.reset();
                          setRemoving(officer);
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
      )}

      {adding && (
        <AddOfficerDialog
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
        title={t('peopleTab.removeTitle')}
        text={t('peopleTab.removeText', { name: removing?.personName ?? '' })}
        confirmLabel={t('common.remove')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

function AddOfficerDialog({
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
  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [personId, setPersonId] = useState<string | null>(null);
  const [person, setPerson] = useState<PersonFormValues>(emptyPerson);
  const [role, setRole] = useState<OfficerRole>('director');
  const [fromDate, setFromDate] = useState('');
  const [toDate, setToDate] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = useMutation({
    mutationFn: async () => {
      let id = personId;
      if (mode === 'new') {
        const created = await api.createPerson({
          ...toNewPerson(person),
          // Staff record the person for this organization; a company's people are always its own.
          ...(me && isStaff(me.user) ? { organizationId: organization.id } : {}),
        });
        id = created.id;
        // Once recorded, a retry appoints the same person instead of recording them twice.
        setMode('existing');
        setPersonId(created.id);
      }
      return api.addOfficer(organization.id, {
        personId: id ?? '',
        role,
        fromDate: fromDate || null,
        toDate: toDate || null,
      });
    },
    onSuccess: (people) => {
      queryClient.setQueryData(peopleKey(organization.id), people);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      const added = people.officers[people.officers.length - 1];
      onSaved(
        added?.status === 'pending'
          ? t('peopleTab.proposed', { name: added.personName })
          : t('peopleTab.added', { name: added?.personName ?? '' }),
      );
    },
    onError: (error) => {
      const split = splitFieldErrors(error, ['personId', 'role', 'fromDate', 'toDate']);
      const personErrors = Object.fromEntries(
        Object.entries(fieldErrorsByPath(error)).filter(([path]) => /^(names|birthDate|nationalities)\b/.test(path)),
      );
      setErrors({ ...split.byField, ...personErrors });
    },
  });

  const submit = () => {
    const next: Record<string, string> = {};
    if (mode === 'existing' && !personId) next.personId = t('validation.required');
    if (mode === 'new') Object.assign(next, validatePerson(person, t));
    if (fromDate && toDate && toDate < fromDate) next.toDate = t('validation.dateRange');
    setErrors(next);
    if (Object.keys(next).length === 0) save.mutate();
  };

  const other = save.error
    ? splitFieldErrors(save.error, ['personId', 'role', 'fromDate', 'toDate', 'names', 'birthDate', 'nationalities']).other
    : [];

  return (
    <Modal opened onClose={onClose} title={t('peopleTab.addTitle')} size="lg" closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack>
          {save.error && <ErrorAlert error={save.error} fieldErrors={other} />}
          <Stack gap={4}>
            <Text size="sm" fw={500} id="officer-person-mode">
              {t('peopleTab.personMode')}
            </Text>
            <SegmentedControl
              aria-labelledby="officer-person-mode"
              value={mode}
              onChange={(value) => setMode(value as 'existing' | 'new')}
              data={[
                { value: 'existing', label: t('peopleTab.existingPerson') },
                { value: 'new', label: t('peopleTab.newPerson') },
              ]}
            />
          </Stack>
          {mode === 'existing' ? (
            <PersonSelect
              label={t('peopleTab.person')}
              description={t('peopleTab.personHelp')}
              value={personId}
              onChange={setPersonId}
              error={errors.personId}
              data-autofocus
            />
          ) : (
            <PersonFields legend={t('peopleTab.newPersonLegend')} value={person} onChange={setPerson} errors={errors} />
          )}
          <NativeSelect
            label={t('peopleTab.role')}
            data={OFFICER_ROLES.map((r) => ({ value: r, label: t(`officerRole.${r}`) }))}
            value={role}
            onChange={(event) => setRole(event.currentTarget.value as OfficerRole)}
            error={errors.role}
          />
          <Group grow align="flex-start">
            <TextInput
              label={t('peopleTab.from')}
              type="date"
              value={fromDate}
              onChange={(event) => setFromDate(event.currentTarget.value)}
              error={errors.fromDate}
            />
            <TextInput
              label={t('peopleTab.to')}
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
            <Button type="submit" loading={save.isPending}>
              {t('peopleTab.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
