// Sign-in: email and password, then (for staff with TOTP) the 6-digit code on a second round.
import { Alert, Button, Paper, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, isApiError, type Me } from '../api';
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
    <Stack maw={420} mx="auto" mt="lg">
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
    </Stack>
  );
}
