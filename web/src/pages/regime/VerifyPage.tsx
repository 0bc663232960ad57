// The public check of a residency certificate (the QR code on the PDF leads here): the resident's
// status today with its dates and grounds, whether the certificate's fields still match the
// platform's Ed25519 signature, the signed fields, the key and the exact signed message, and how
// anyone can check the signature without trusting this page. Works signed out and on a phone.
import { Alert, Anchor, Button, Card, CopyButton, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError, type CertificateStatus } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Mono } from '../../components/Mono';
import { PageHeading } from '../../components/PageHeading';
import { ResidentStatusBadge } from '../../components/StatusBadge';
import { formatDate, formatDateTime } from '../../format';

/** DER header of an Ed25519 SubjectPublicKeyInfo: prefixed to the raw 32-byte key, OpenSSL reads it. */
const ED25519_SPKI_PREFIX = '302a300506032b6570032100';

export function VerifyPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const status = useQuery({ queryKey: ['public', 'certificate', id], queryFn: () => api.certificateStatus(id), retry: false });
  const title = t('regime.verify.title');

  return (
    <Stack gap="lg" maw={900}>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        isApiError(status.error) && (status.error.status === 404 || status.error.status === 400) ? (
          <Alert color="red" variant="light" title={t('regime.verify.unknownTitle')} data-testid="unknown-certificate">
            <Stack gap="xs">
              <Text>{t('regime.verify.unknownText')}</Text>
              <Text size="sm">
                {t('regime.verify.unknownId')} <Mono>{id}</Mono>
              </Text>
              <Anchor component={Link} to="/residents" c="inherit" underline="always" fw={600}>
                {t('regime.verify.openRegister')}
              </Anchor>
            </Stack>
          </Alert>
        ) : (
          <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />
        )
      ) : (
        <CertificateView data={status.data} />
      )}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={600}>
        {label}
      </Text>
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function CertificateView({ data }: { data: CertificateStatus }) {
  const { t } = useTranslation();
  const fields = data.certificate;
  const name = fields.legalName;
  // The message as a file, so it can be checked byte for byte (no trailing newline is added).
  const messageUrl = useMemo(() => URL.createObjectURL(new Blob([data.message], { type: 'text/plain;charset=utf-8' })), [data.message]);
  useEffect(() => () => URL.revokeObjectURL(messageUrl), [messageUrl]);

  return (
    <>
      <Card withBorder component="section" aria-labelledby="status-heading" padding="lg" data-testid="certificate-status">
        <Title order={2} size="h3" id="status-heading" mb="sm">
          {t('regime.verify.statusHeading')}
        </Title>
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap">
            <ResidentStatusBadge status={data.status} size="xl" />
            <Text size="sm">{t('regime.verify.asOf', { date: formatDateTime(data.asOf) })}</Text>
          </Group>
          <Text size="lg" data-testid="status-sentence">
            {t(`regime.verify.sentence.${data.status}`, { name, number: fields.number })}
          </Text>
          <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
            <Field label={t('regime.verify.grantedAt')}>{formatDate(data.grantedAt)}</Field>
            {data.suspendedAt && <Field label={t('regime.verify.suspendedAt')}>{formatDate(data.suspendedAt)}</Field>}
            {data.cureDeadline && <Field label={t('regime.verify.cureDeadline')}>{formatDate(data.cureDeadline)}</Field>}
            {data.endedAt && <Field label={t('regime.verify.endedAt')}>{formatDate(data.endedAt)}</Field>}
            {data.endGrounds && (
              <Field label={t('regime.verify.endGrounds')}>
                <span style={{ whiteSpace: 'pre-wrap' }}>{data.endGrounds}</span>
              </Field>
            )}
          </SimpleGrid>
        </Stack>
      </Card>

      <Alert
        color={data.signatureValid ? 'green' : 'red'}
        variant="light"
        title={data.signatureValid ? t('regime.verify.signatureValidTitle') : t('regime.verify.signatureInvalidTitle')}
        data-testid="signature-check"
        data-valid={data.signatureValid}
      >
        <Text size="sm">{data.signatureValid ? t('regime.verify.signatureValidText') : t('regime.verify.signatureInvalidText')}</Text>
      </Alert>

      <Card withBorder component="section" aria-labelledby="fields-heading" padding="lg">
        <Title order={2} size="h3" id="fields-heading" mb="sm">
          {t('regime.verify.fieldsHeading')}
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0} data-testid="signed-fields">
          <Field label={t('regime.verify.number')}>{fields.number}</Field>
          <Field label={t('regime.verify.legalName')}>{fields.legalName}</Field>
          <Field label={t('regime.verify.legalNameUk')}>{fields.legalNameUk ? <span lang="uk">{fields.legalNameUk}</span> : t('common.none')}</Field>
          <Field label={t('regime.verify.identifiers')}>{fields.identifiers.length ? fields.identifiers.join(', ') : t('common.none')}</Field>
          <Field label={t('regime.verify.grantedOn')}>{fields.grantedOn}</Field>
          <Field label={t('regime.verify.ruleSetVersion')}>{fields.ruleSetVersion}</Field>
          <Field label={t('regime.verify.issuedAt')}>{fields.issuedAt}</Field>
          <Field label={t('regime.verify.certificateId')}>
            <Mono>{fields.certificateId}</Mono>
          </Field>
          <Field label={t('regime.verify.organizationId')}>
            <Mono>{fields.organizationId}</Mono>
          </Field>
        </SimpleGrid>
      </Card>

      <Card withBorder component="section" aria-labelledby="signature-heading" padding="lg">
        <Title order={2} size="h3" id="signature-heading" mb="sm">
          {t('regime.verify.signatureHeading')}
        </Title>
        <Stack gap="sm">
          <Text size="sm" fw={600}>
            {t('regime.verify.publicKey', { keyId: data.keyId })}
          </Text>
          <Mono block testId="certificate-public-key">
            {data.publicKey}
          </Mono>
          <Text size="sm" fw={600}>
            {t('regime.verify.signature')}
          </Text>
          <Mono block testId="certificate-signature">
            {data.signature}
          </Mono>
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <Text size="sm" fw={600}>
              {t('regime.verify.message')}
            </Text>
            <Group gap="sm">
              <CopyButton value={data.message}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('common.copied') : t('regime.verify.copyMessage')}
                  </Button>
                )}
              </CopyButton>
              <Anchor href={messageUrl} download="certificate-message.txt" size="sm">
                {t('regime.verify.downloadMessage')}
              </Anchor>
            </Group>
          </Group>
          <Mono block testId="certificate-message">
            {data.message}
          </Mono>
        </Stack>
      </Card>

      <Card withBorder component="section" aria-labelledby="how-heading" padding="lg">
        <Title order={2} size="h3" id="how-heading" mb="sm">
          {t('regime.verify.howHeading')}
        </Title>
        <Stack gap="sm">
          <Text size="sm">{t('regime.verify.howText')}</Text>
          <Text size="sm" fw={600}>
            {t('regime.verify.howPython')}
          </Text>
          <Mono block testId="verify-python">
            {`# pip install pynacl
from nacl.signing import VerifyKey
message = open("certificate-message.txt", "rb").read()
VerifyKey(bytes.fromhex("${data.publicKey}")).verify(message, bytes.fromhex("${data.signature}"))
print("valid")  # verify() raises BadSignatureError otherwise`}
          </Mono>
          <Text size="sm" fw={600}>
            {t('regime.verify.howOpenssl')}
          </Text>
          <Mono block testId="verify-openssl">
            {`echo ${ED25519_SPKI_PREFIX}${data.publicKey} | xxd -r -p | openssl pkey -pubin -inform DER -out adi-key.pem
echo ${data.signature} | xxd -r -p > signature.bin
openssl pkeyutl -verify -pubin -inkey adi-key.pem -rawin -in certificate-message.txt -sigfile signature.bin`}
          </Mono>
          <Text size="sm">{t('regime.verify.howKey')}</Text>
          <Anchor component={Link} to="/transparency/audit" size="sm">
            {t('regime.verify.keyPage')}
          </Anchor>
        </Stack>
      </Card>
    </>
  );
}
