// Provisional organizations list (the Alliance registry will own this later): search, page, add.
import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { splitFieldErrors } from '../errors';
import { formatDateTime } from '../format';

const PAGE_SIZE = 20;

export function OrganizationsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const organizations = useQuery({
    queryKey: ['organizations', 'list', { q, offset }],
    queryFn: () => api.listOrganizations({ q, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (value) => (value.trim() ? null : t('validation.required')) },
  });

  const create = useMutation({
    mutationFn: (name: string) => api.createOrganization({ name }),
    onSuccess: (organization) => {
      setCreating(false);
      form.reset();
      setNotice(t('organizations.created', { name: organization.name }));
      // Also refreshes the organization pickers on the users page.
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
    onError: (error) => form.setErrors(splitFieldErrors(error, ['name']).byField),
  });

  const closeCreate = () => {
    setCreating(false);
    create.reset();
  };

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={t('organizations.title')}>{t('organizations.title')}</PageHeading>
        <Button onClick={() => setCreating(true)}>{t('organizations.create')}</Button>
      </Group>
      <Text maw={760}>{t('organizations.intro')}</Text>

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <div role="search">
        <TextInput
          label={t('organizations.search')}
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setOffset(0);
          }}
          maw={420}
        />
      </div>

      {organizations.isPending ? (
        <Loading />
      ) : organizations.isError ? (
        <ErrorAlert error={organizations.error} onRetry={() => void organizations.refetch()} />
      ) : (
        <>
          <TableFrame label={t('organizations.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm">
              <Table.Caption>{t('organizations.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('organizations.name')}</Table.Th>
                  <Table.Th scope="col">{t('organizations.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {organizations.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={2}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {organizations.data.items.map((organization) => (
                  <Table.Tr key={organization.id}>
                    <Table.Td>{organization.name}</Table.Td>
                    <Table.Td>{formatDateTime(organization.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager
            total={organizations.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={t('organizations.title')}
          />
        </>
      )}

      <Modal
        opened={creating}
        onClose={closeCreate}
        title={t('organizations.createTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values.name.trim()))}>
          <Stack>
            {create.error && (
              <ErrorAlert error={create.error} fieldErrors={splitFieldErrors(create.error, ['name']).other} />
            )}
            <TextInput
              label={t('organizations.name')}
              autoComplete="organization"
              maxLength={300}
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={closeCreate}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('organizations.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
