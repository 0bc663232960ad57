// The signed-in user's own account: change password, and manage personal API tokens.
import {
  Alert,
  Button,
  CopyButton,
  Group,
  NumberInput,
  Paper,
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
import { api, type ApiToken } from '../api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { PasswordField } from '../components/PasswordField';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { splitFieldErrors } from '../errors';
import { formatDateTime } from '../format';
import { setMe, useMe } from '../session';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <PageHeading documentTitle={t('account.title')}>{t('account.title')}</PageHeading>
      <PasswordSection />
      <TotpSection />
      <TokensSection />
    </Stack>
  );
}

const PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;

function PasswordSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    // No "repeat password" field: the show/hide toggle lets people check what they typed.
    initialValues: { currentPassword: '', newPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('validation.required')),
      newPassword: (value) => (value.length >= 12 ? null : t('validation.passwordLength')),
    },
  });

  const change = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: (me) => {
      form.reset();
      // The response carries this session's (possibly new) CSRF token and user.
      setMe(queryClient, me);
    },
    onError: (error) => form.setErrors(splitFieldErrors(error, PASSWORD_FIELDS).byField),
  });

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="password-heading">
      <Title order={2} size="h3" id="password-heading" mb="md">
        {t('account.passwordHeading')}
      </Title>
      <form noValidate onSubmit={form.onSubmit((values) => change.mutate(values))}>
        <Stack maw={420}>
          {change.isSuccess && (
            <SuccessAlert onClose={() => change.reset()}>{t('account.passwordChanged')}</SuccessAlert>
          )}
          {change.isError && (
            <ErrorAlert error={change.error} fieldErrors={splitFieldErrors(change.error, PASSWORD_FIELDS).other} />
          )}
          {/* Lets password managers associate the new password with the right account. */}
          <AccountUsernameHint />
          <PasswordField
            label={t('account.currentPassword')}
            autoComplete="current-password"
            {...form.getInputProps('currentPassword')}
          />
          <PasswordField
            label={t('account.newPassword')}
            description={t('account.newPasswordHelp')}
            autoComplete="new-password"
            {...form.getInputProps('newPassword')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function AccountUsernameHint() {
  const email = useMe().data?.user.email ?? '';
  return <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />;
}

/** Staff must have TOTP (the sign-in flow enforces it); for other users it is offered here. */
function TotpSection() {
  const { t } = useTranslation();
  const enabled = useMe().data?.user.totpEnabled ?? false;
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="totp-heading">
      <Title order={2} size="h3" id="totp-heading" mb="md">
        {t('account.totpHeading')}
      </Title>
      <Stack align="flex-start">
        <Text>{enabled ? t('account.totpEnabled') : t('account.totpDisabled')}</Text>
        {!enabled && (
          <Button component={Link} to="/enrol-totp" variant="outline">
            {t('account.totpSetUp')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

type TokenState = 'active' | 'revoked' | 'expired';

function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

const TOKEN_FIELDS = ['name', 'expiresInDays'] as const;
const MAX_TOKEN_DAYS = 730; // the server's upper limit

function TokensSection() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const tokens = useQuery({ queryKey: ['tokens'], queryFn: api.listTokens });

  const form = useForm({
    initialValues: { name: '', expiresInDays: '' as number | string },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      expiresInDays: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= MAX_TOKEN_DAYS)
          ? null
          : t('validation.expiryDays'),
    },
  });

  const create = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.createToken({
        name: values.name.trim(),
        ...(values.expiresInDays === '' ? {} : { expiresInDays: Number(values.expiresInDays) }),
      }),
    onSuccess: (result) => {
      form.reset();
      setNotice(null);
      setCreated({ name: result.token.name, secret: result.secret });
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) => form.setErrors(splitFieldErrors(error, TOKEN_FIELDS).byField),
  });

  const revoke = useMutation({
    mutationFn: (token: ApiToken) => api.revokeToken(token.id),
    onSuccess: (_, token) => {
      setRevoking(null);
      setNotice(t('account.revoked', { name: token.name }));
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  const now = Date.now();
  const stateLabel: Record<TokenState, string> = {
    active: t('account.tokenActive'),
    revoked: t('account.tokenRevoked'),
    expired: t('account.tokenExpired'),
  };

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-labelledby="tokens-heading">
      <Stack>
        <Title order={2} size="h3" id="tokens-heading">
          {t('account.tokensHeading')}
        </Title>
        <Text maw={760}>{t('account.tokensIntro')}</Text>

        {created && (
          // role="status" rather than "alert": it is good news, and it must stay until dismissed.
          <Alert color="green" variant="light" role="status" title={t('account.secretTitle', { name: created.name })}>
            <Stack gap="xs">
              <Text size="sm">{t('account.secretText')}</Text>
              <Text size="sm" fw={600} component="span">
                {t('account.secretLabel')}
              </Text>
              <Mono block testId="token-secret">
                {created.secret}
              </Mono>
              <Group>
                <CopyButton value={created.secret}>
                  {({ copied, copy }) => (
                    <Button size="xs" onClick={copy} color={copied ? 'green' : undefined}>
                      {copied ? t('common.copied') : t('account.copySecret')}
                    </Button>
                  )}
                </CopyButton>
                <Button size="xs" variant="default" onClick={() => setCreated(null)}>
                  {t('account.dismissSecret')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}

        <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values))}>
          <Stack>
            {create.isError && (
              <ErrorAlert error={create.error} fieldErrors={splitFieldErrors(create.error, TOKEN_FIELDS).other} />
            )}
            <Group align="flex-start">
              <TextInput
                label={t('account.tokenName')}
                autoComplete="off"
                maxLength={100}
                style={{ flex: '1 1 240px' }}
                {...form.getInputProps('name')}
              />
              <NumberInput
                label={t('account.expiresInDays')}
                description={t('account.expiresInDaysHelp')}
                min={1}
                max={MAX_TOKEN_DAYS}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                style={{ flex: '0 1 260px' }}
                {...form.getInputProps('expiresInDays')}
              />
            </Group>
            <Group>
              <Button type="submit" loading={create.isPending}>
                {t('account.createToken')}
              </Button>
            </Group>
          </Stack>
        </form>

        {tokens.isPending ? (
          <Loading />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : tokens.data.items.length === 0 ? (
          <Text>{t('account.noTokens')}</Text>
        ) : (
          <TableFrame label={t('account.tokensCaption')}>
            <Table striped captionSide="top" verticalSpacing="sm">
              <Table.Caption>{t('account.tokensCaption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('account.columns.name')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.prefix')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.lastUsedAt')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.expiresAt')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.status')}</Table.Th>
                  <Table.Th scope="col">{t('account.columns.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.items.map((token) => {
                  const state = tokenState(token, now);
                  return (
                    <Table.Tr key={token.id}>
                      <Table.Td>{token.name}</Table.Td>
                      <Table.Td>
                        <Mono>{token.prefix}</Mono>
                      </Table.Td>
                      <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                      <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('common.never')}</Table.Td>
                      <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt) : t('common.never')}</Table.Td>
                      <Table.Td>{stateLabel[state]}</Table.Td>
                      <Table.Td>
                        {state === 'active' && (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red"
                            aria-label={t('account.revokeLabel', { name: token.name })}
                            onClick={() => {
                              revoke.reset();
                              setRevoking(token);
                            }}
                          >
                            {t('account.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableFrame>
        )}
      </Stack>

      <ConfirmDialog
        opened={revoking !== null}
        title={t('account.revokeTitle')}
        text={t('account.revokeText', { name: revoking?.name ?? '' })}
        confirmLabel={t('account.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onClose={() => setRevoking(null)}
      />
    </Paper>
  );
}
