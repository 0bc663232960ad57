// Admin user management: search and filter, create, edit roles/organization/status, reset 2FA.
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  Stack,
  Table,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ROLES, type Role, type User, type UserStatus } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { OrganizationSelect } from '../components/OrganizationSelect';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { PasswordField } from '../components/PasswordField';
import { RoleBadges } from '../components/RoleBadges';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { splitFieldErrors } from '../errors';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [role, setRole] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const users = useQuery({
    queryKey: ['users', { q, role, status, offset }],
    queryFn: () => api.listUsers({ q, role, status, limit: PAGE_SIZE, offset }),
    // Keep the old rows on screen while the next page loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });

  const resetTotp = useMutation({
    mutationFn: (user: User) => api.resetTotp(user.id),
    onSuccess: (user) => {
      setResetting(null);
      setNotice(t('users.resetTotpDone', { email: user.email }));
      void queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });

  const onSaved = (message: string) => {
    setCreating(false);
    setEditing(null);
    setNotice(message);
    void queryClient.invalidateQueries({ queryKey: ['users'] });
  };

  // Any filter change starts again from the first page.
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setOffset(0);
  };

  const roleOptions = [
    { value: '', label: t('users.anyRole') },
    ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) })),
  ];
  const statusOptions = [
    { value: '', label: t('users.anyStatus') },
    { value: 'active', label: t('status.active') },
    { value: 'disabled', label: t('status.disabled') },
  ];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <PageHeading documentTitle={t('users.title')}>{t('users.title')}</PageHeading>
        <Button onClick={() => setCreating(true)}>{t('users.create')}</Button>
      </Group>

      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

      <Group align="flex-end" role="search">
        <TextInput
          label={t('users.search')}
          type="search"
          value={search}
          onChange={(event) => filter(setSearch)(event.currentTarget.value)}
          style={{ flex: '1 1 240px' }}
        />
        <NativeSelect
          label={t('users.role')}
          data={roleOptions}
          value={role}
          onChange={(event) => filter(setRole)(event.currentTarget.value)}
        />
        <NativeSelect
          label={t('users.status')}
          data={statusOptions}
          value={status}
          onChange={(event) => filter(setStatus)(event.currentTarget.value)}
        />
      </Group>

      {users.isPending ? (
        <Loading />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          <TableFrame label={t('users.caption')}>
            <Table striped highlightOnHover captionSide="top" verticalSpacing="sm">
              <Table.Caption>{t('users.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.columns.email')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.displayName')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.organization')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.totp')}</Table.Th>
                  <Table.Th scope="col">{t('users.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={7}>{t('common.empty')}</Table.Td>
                  </Table.Tr>
                )}
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{user.displayName}</Table.Td>
                    <Table.Td>
                      <RoleBadges roles={user.roles} />
                    </Table.Td>
                    <Table.Td>{user.organizationName ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      <Badge
                        color={user.status === 'active' ? 'green' : 'gray'}
                        variant="light"
                        tt="none"
                        miw="max-content"
                      >
                        {t(`status.${user.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{user.totpEnabled ? t('users.totpOn') : t('users.totpOff')}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={t('users.editLabel', { email: user.email })}
                          onClick={() => setEditing(user)}
                        >
                          {t('users.edit')}
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          disabled={!user.totpEnabled}
                          aria-label={t('users.resetTotpLabel', { email: user.email })}
                          onClick={() => {
                            resetTotp.reset();
                            setResetting(user);
                          }}
                        >
                          {t('users.resetTotp')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager
            total={users.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            onChange={setOffset}
            label={t('users.title')}
          />
        </>
      )}

      <CreateUserModal opened={creating} onClose={() => setCreating(false)} onSaved={onSaved} />
      {editing && <EditUserModal user={editing} onClose={() => setEditing(null)} onSaved={onSaved} />}
      <ConfirmDialog
        opened={resetting !== null}
        title={t('users.resetTotpTitle')}
        text={t('users.resetTotpText', { email: resetting?.email ?? '' })}
        confirmLabel={t('users.resetTotp')}
        pending={resetTotp.isPending}
        error={resetTotp.error}
        onConfirm={() => resetting && resetTotp.mutate(resetting)}
        onClose={() => setResetting(null)}
      />
    </Stack>
  );
}

function useRoleOptions() {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

interface UserModalProps {
  onClose: () => void;
  onSaved: (message: string) => void;
}

const CREATE_FIELDS = ['email', 'displayName', 'roles', 'organizationId', 'password'] as const;

function CreateUserModal({ opened, onClose, onSaved }: UserModalProps & { opened: boolean }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const form = useForm({
    initialValues: {
      email: '',
      displayName: '',
      roles: [] as Role[],
      organizationId: null as string | null,
      password: '',
    },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      roles: (value) => (value.length > 0 ? null : t('validation.rolesRequired')),
      password: (value) => (value.length >= 12 ? null : t('validation.passwordLength')),
    },
  });

  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.createUser({
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        roles: values.roles,
        ...(values.organizationId ? { organizationId: values.organizationId } : {}),
        password: values.password,
      }),
    onSuccess: (user) => {
      form.reset();
      onSaved(t('users.created', { email: user.email }));
    },
    onError: (error) => form.setErrors(splitFieldErrors(error, CREATE_FIELDS).byField),
  });

  const close = () => {
    create.reset();
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('users.createTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
        <Stack>
          {create.error && (
            <ErrorAlert error={create.error} fieldErrors={splitFieldErrors(create.error, CREATE_FIELDS).other} />
          )}
          <TextInput
            label={t('users.form.email')}
            type="email"
            autoComplete="off"
            data-autofocus
            {...form.getInputProps('email')}
          />
          <TextInput
            label={t('users.form.displayName')}
            autoComplete="off"
            maxLength={200}
            {...form.getInputProps('displayName')}
          />
          <MultiSelect
            label={t('users.form.roles')}
            data={roleOptions}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('roles')}
          />
          <OrganizationSelect
            label={t('users.form.organization')}
            description={t('users.form.organizationHelp')}
            {...form.getInputProps('organizationId')}
          />
          <PasswordField
            label={t('users.form.password')}
            description={t('users.form.passwordHelp')}
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const EDIT_FIELDS = ['displayName', 'roles', 'organizationId', 'status'] as const;

function EditUserModal({ user, onClose, onSaved }: UserModalProps & { user: User }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const form = useForm({
    initialValues: {
      displayName: user.displayName,
      roles: user.roles,
      organizationId: user.organizationId,
      status: user.status,
    },
    validate: {
      displayName: (value) => (value.trim() ? null : t('validation.required')),
      roles: (value) => (value.length > 0 ? null : t('validation.rolesRequired')),
    },
  });

  const update = useMutation({
    mutationFn: (changes: Parameters<typeof api.updateUser>[1]) => api.updateUser(user.id, changes),
    onSuccess: (saved) => onSaved(t('users.updated', { email: saved.email })),
    onError: (error) => form.setErrors(splitFieldErrors(error, EDIT_FIELDS).byField),
  });

  const submit = (values: typeof form.values) => {
    // Send only what changed, so a concurrent edit of another field is not overwritten.
    const changes: Parameters<typeof api.updateUser>[1] = {};
    if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
    if ([...values.roles].sort().join() !== [...user.roles].sort().join()) changes.roles = values.roles;
    if (values.organizationId !== user.organizationId) changes.organizationId = values.organizationId;
    if (values.status !== user.status) changes.status = values.status;
    // The server rejects an empty change set; with nothing to save, just close.
    if (Object.keys(changes).length === 0) onClose();
    else update.mutate(changes);
  };

  const current = user.organizationId
    ? { id: user.organizationId, name: user.organizationName ?? user.organizationId }
    : null;

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.editTitle', { email: user.email })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form noValidate onSubmit={form.onSubmit(submit)}>
        <Stack>
          {update.error && (
            <ErrorAlert error={update.error} fieldErrors={splitFieldErrors(update.error, EDIT_FIELDS).other} />
          )}
          <TextInput
            label={t('users.form.displayName')}
            autoComplete="off"
            maxLength={200}
            data-autofocus
            {...form.getInputProps('displayName')}
          />
          <MultiSelect
            label={t('users.form.roles')}
            data={roleOptions}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('roles')}
          />
          <OrganizationSelect
            label={t('users.form.organization')}
            description={t('users.form.organizationHelp')}
            current={current}
            {...form.getInputProps('organizationId')}
          />
          <NativeSelect
            label={t('users.form.status')}
            data={(['active', 'disabled'] as const).map((value) => ({ value, label: t(`status.${value}`) }))}
            {...form.getInputProps('status')}
            onChange={(event) => form.setFieldValue('status', event.currentTarget.value as UserStatus)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
