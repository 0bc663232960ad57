// TOTP enrolment: show the QR code and secret from /auth/totp/setup, confirm with a code.
import { Anchor, Button, Group, Image, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate } from 'react-router';
import { api, isApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';
import { splitFieldErrors } from '../errors';
import { setMe, useMe } from '../session';

export function EnrolTotpPage() {
  const { t } = useTranslation();
  const me = useMe();
  const title = t('enrolTotp.title');

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to="/sign-in" replace />;

  return (
    <Stack maw={560}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {me.data.user.totpEnabled ? (
        <>
          <Text>{t('enrolTotp.alreadyEnabled')}</Text>
          <Button component={Link} to="/app" style={{ alignSelf: 'flex-start' }}>
            {t('enrolTotp.openApp')}
          </Button>
        </>
      ) : (
        <Enrolment userId={me.data.user.id} />
      )}
    </Stack>
  );
}

function Enrolment({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  // Setup is a POST that issues a new secret each time. A query with no refetching calls it
  // exactly once per user (even under StrictMode's double mount), so the QR code on screen
  // always matches the secret the server will check.
  const setupKey = ['totp-setup', userId];
  const setup = useQuery({
    queryKey: setupKey,
    queryFn: api.totpSetup,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnMount: false,
    refetchOnReconnect: false,
  });

  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.trim()) ? null : t('validation.code')) },
  });

  const enable = useMutation({
    mutationFn: (code: string) => api.totpEnable(code),
    onSuccess: (result) => {
      navigate('/app', { replace: true });
      setMe(queryClient, result);
      queryClient.removeQueries({ queryKey: setupKey });
    },
    onError: (error) => {
      if (isApiError(error, 'totp_invalid')) form.setFieldValue('code', '');
      form.setErrors(splitFieldErrors(error, ['code']).byField);
    },
  });

  if (setup.isPending) return <Loading />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => void setup.refetch()} />;

  const { secret, otpauthUrl, qrSvg } = setup.data;
  // An <img> with a data: URL rather than injected markup: the SVG comes from the server,
  // and an image cannot run script or restyle the page.
  const qrSrc = `data:image/svg+xml;utf8,${encodeURIComponent(qrSvg)}`;
  const codeWrong = isApiError(enable.error, 'totp_invalid');

  return (
    <Stack>
      <Text>{t('enrolTotp.intro')}</Text>
      <Paper withBorder p="md" radius="md">
        <Stack align="center" gap="sm">
          <Image src={qrSrc} alt={t('enrolTotp.qrAlt')} w={220} h={220} fit="contain" bg="white" />
          <Anchor href={otpauthUrl} size="sm">
            {t('enrolTotp.openInApp')}
          </Anchor>
        </Stack>
      </Paper>
      <Stack gap={4}>
        <Text size="sm">{t('enrolTotp.secretLabel')}</Text>
        <Mono testId="totp-secret">{secret}</Mono>
      </Stack>
      <form noValidate onSubmit={form.onSubmit((values) => enable.mutate(values.code.trim()))}>
        <Stack>
          {enable.error !== null && (
            <ErrorAlert error={enable.error} fieldErrors={splitFieldErrors(enable.error, ['code']).other} />
          )}
          <TextInput
            label={t('enrolTotp.code')}
            description={t('enrolTotp.codeHelp')}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            {...form.getInputProps('code')}
            error={form.errors.code ?? codeWrong}
          />
          <Group>
            <Button type="submit" loading={enable.isPending}>
              {t('enrolTotp.enable')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
