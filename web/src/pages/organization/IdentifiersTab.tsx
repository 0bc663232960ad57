// Identifiers (EDRPOU, LEI, national numbers) with their review status. Staff changes apply at once;
// a company's additions and removals wait for an officer.
import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, type Organization, type OrganizationIdentifier } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Mono } from '../../components/Mono';
import { ReviewStatusBadge } from '../../components/StatusBadge';
import { TableFrame } from '../../components/TableFrame';
import { splitFieldErrors } from '../../errors';
import { organizationKey } from './keys';

interface TabProps {
  organization: Organization;
  canEdit: boolean;
  onNotice: (message: string | null) => void;
}

export function IdentifiersTab({ organization, canEdit, onNotice }: TabProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [identifier, setIdentifier] = useState('');
  const [removing, setRemoving] = useState<OrganizationIdentifier | null>(null);

  const add = useMutation({
    mutationFn: (value: string) => api.addIdentifier(organization.id, value),
    onSuccess: (saved) => {
      queryClient.setQueryData(organizationKey(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['organizations', 'list'] });
      const added = saved.identifiers[saved.identifiers.length - 1];
      onNotice(
        added?.status === 'pending'
          ? t('identifiersTab.proposed', { identifier: added.identifier })
          : t('identifiersTab.added', { identifier: added?.identifier ?? identifier }),
      );
      setIdentifier('');
    },
  });

  const remove = useMutation({
    mutationFn: (item: OrganizationIdentifier) => api.removeRegistryItem(organization.id, 'identifiers', item.id),
    onSuccess: (result, item) => {
      setRemoving(null);
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
      onNotice(
        result.status === 'removal_pending'
          ? t('identifiersTab.removalRequested', { identifier: item.identifier })
          : t('identifiersTab.removed', { identifier: item.identifier }),
      );
    },
  });

  const { byField, other } = splitFieldErrors(add.error, ['identifier']);
  const existing = add.error instanceof ApiError ? (add.error.extra.existing as { identifier?: string; organizationName?: string } | undefined) : undefined;
  const fieldError = existing?.identifier
    ? t('organizationForm.identifierTaken', { identifier: existing.identifier, name: existing.organizationName ?? '' })
    : byField.identifier;

  return (
    <Stack>
      <Title order={2} size="h3">
        {t('identifiersTab.heading')}
      </Title>
      <Text maw={760}>{t('identifiersTab.intro')}</Text>
      <TableFrame label={t('identifiersTab.caption')}>
        <Table striped captionSide="top" verticalSpacing="sm" miw={640}>
          <Table.Caption>{t('identifiersTab.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('identifiersTab.identifier')}</Table.Th>
              <Table.Th scope="col">{t('identifiersTab.scheme')}</Table.Th>
              <Table.Th scope="col">{t('identifiersTab.status')}</Table.Th>
              <Table.Th scope="col">{t('identifiersTab.note')}</Table.Th>
              {canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {organization.identifiers.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={canEdit ? 5 : 4}>{t('identifiersTab.none')}</Table.Td>
              </Table.Tr>
            )}
            {organization.identifiers.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>
                  <Mono nowrap>{item.identifier}</Mono>
                </Table.Td>
                <Table.Td>
                  <Mono nowrap>{item.scheme}</Mono>
                </Table.Td>
                <Table.Td>
                  <ReviewStatusBadge status={item.status} />
                </Table.Td>
                <Table.Td>{item.reviewNote ?? t('common.none')}</Table.Td>
                {canEdit && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={item.status === 'removal_pending'}
                      aria-label={t('identifiersTab.removeLabel', { identifier: item.identifier })}
                      onClick={() => {
                        remove.reset();
                        setRemoving(item);
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

      {canEdit && (
        <form
          noValidate
          aria-labelledby="add-identifier-heading"
          onSubmit={(event) => {
            event.preventDefault();
            if (identifier.trim()) add.mutate(identifier.trim());
          }}
        >
          <Stack gap="sm" maw={640}>
            <Title order={3} size="h4" id="add-identifier-heading">
              {t('identifiersTab.addHeading')}
            </Title>
            {add.error && !fieldError && <ErrorAlert error={add.error} fieldErrors={other} />}
            <TextInput
                label={t('identifiersTab.identifier')}
                description={t('organizationForm.identifiersHelp')}
                placeholder="UA-EDR-14360570"
                maxLength={130}
                value={identifier}
                onChange={(event) => {
                  setIdentifier(event.currentTarget.value);
                  if (add.error) add.reset();
                }}
                error={fieldError}
                data-testid="new-identifier"
              />
            <Group>
              <Button type="submit" loading={add.isPending} disabled={!identifier.trim()}>
                {t('identifiersTab.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}

      <ConfirmDialog
        opened={removing !== null}
        title={t('identifiersTab.removeTitle')}
        text={t('identifiersTab.removeText', { identifier: removing?.identifier ?? '' })}
        confirmLabel={t('common.remove')}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
