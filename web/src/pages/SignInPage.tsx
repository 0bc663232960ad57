// Sign-in: email and password, then (for staff with TOTP) the 6-digit code on a second round.
import { Alert, Button, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, isApiError, type DemoAccount, type Me } from '../api';
import { DemoAccounts } from '../components/DemoAccounts';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { splitFieldErrors } from '../errors';
import { setMe, useMe } from '../session';

const FIELDS = ['email', 'password', 'totp'] as const;

/** Where to go after signing in: enrolment first if needed, else back to the page the guard interrupted. */
function destination(me: Me, from: unknown): string {
  if (me.session.stage === 'totp_enrolment') return '/enrol-totp';
  return typeof from === 'string' && from.startsWith('/app') ? from : '/app';
}

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const queryClient = useQueryClient();
  const me = useMe();
  const [codeRequired, setCodeRequired] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  // Demo mode only: the route answers 404 on any other platform, and then nothing is shown. Staff
  // codes change every 30 seconds, so the list is read again while the page is open.
  const demo = useQuery({
    queryKey: ['demo-accounts'],
    queryFn: api.demoAccounts,
    retry: false,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.kind === 'none' ? false : 5_000),
  });
  const demoAccounts = demo.data?.kind === 'accounts' ? demo.data.accounts : null;
  // The account whose code the form holds, so a newer code replaces it while the user reads.
  const [filledFor, setFilledFor] = useState<string | null>(null);

  const form = useForm({
    initialValues: { email: '', password: '', totp: '' },
    validate: {
      email: (value) => (/^\S+@\S+\.\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) => (value ? null : t('validation.required')),
      totp: (value) => (!codeRequired || /^\d{6}$/.test(value.trim()) ? null : t('validation.code')),
    },
  });

  const login = useMutation({
    mutationFn: (values: typeof form.values) =>
      api.login({
        email: values.email.trim(),
        password: values.password,
        ...(codeRequired ? { totp: values.totp.trim() } : {}),
      }),
    onSuccess: (result) => {
      // A different user may have been signed in before: drop everything cached for them.
      queryClient.removeQueries();
      navigate(destination(result, from), { replace: true });
      setMe(queryClient, result);
    },
    onError: (error) => {
      if (isApiError(error, 'totp_required')) setCodeRequired(true);
      if (isApiError(error, 'totp_invalid')) form.setFieldValue('totp', '');
      form.setErrors(splitFieldErrors(error, FIELDS).byField);
    },
  });

  useEffect(() => {
    if (!filledFor || !demoAccounts) return;
    const account = demoAccounts.find((a) => a.email === filledFor);
    if (account?.totpCode && form.values.email === filledFor && form.values.totp !== account.totpCode) form.setFieldValue('totp', account.totpCode);
    // The form object is the same for the page's life: only new codes and another account matter here.
  }, [demoAccounts, filledFor]);

  const fillDemoAccount = (account: DemoAccount) => {
    form.setValues({ email: account.email, password: account.password, totp: account.totpCode ?? '' });
    form.clearErrors();
    setCodeRequired(account.totpCode !== null);
    setFilledFor(account.email);
    login.reset();
  };

  // Move focus to the code field when it appears or was wrong, so keyboard users can type at once.
  useEffect(() => {
    if (codeRequired) codeInput.current?.focus();
  }, [codeRequired, login.error]);

  if (me.data) return <Navigate to={destination(me.data, from)} replace />;

  const error = login.error;
  const askingForCode = isApiError(error, 'totp_required');
  const codeWrong = isApiError(error, 'totp_invalid');
  const otherFieldErrors = splitFieldErrors(error, FIELDS).other;

  return (
    <Stack maw={demoAccounts ? 720 : 420} mx="auto" mt="lg">
      <PageHeading documentTitle={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <Paper withBorder p="lg" radius="md">
        <form noValidate onSubmit={form.onSubmit((values) => login.mutate(values))}>
          <Stack>
            {askingForCode && (
              <Alert color="blue" variant="light" role="status">
                {t('signIn.totpPrompt')}
              </Alert>
            )}
            {error && !askingForCode && <ErrorAlert error={error} fieldErrors={otherFieldErrors} />}
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              {...form.getInputProps('email')}
            />
            {/* A plain password input: a show/hide toggle would be a second control named "…password". */}
            <TextInput
              type="password"
              label={t('signIn.password')}
              autoComplete="current-password"
              {...form.getInputProps('password')}
            />
            {codeRequired && (
              <TextInput
                ref={codeInput}
                label={t('signIn.code')}
                description={t('signIn.codeHelp')}
                autoComplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                {...form.getInputProps('totp')}
                // A wrong code is explained in the alert above; the field is still marked invalid.
                error={form.errors.totp ?? codeWrong}
              />
            )}
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      {demoAccounts && demoAccounts.length > 0 && <DemoAccounts accounts={demoAccounts} onUse={fillDemoAccount} />}
    </Stack>
  );
}
