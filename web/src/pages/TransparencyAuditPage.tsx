// Public transparency page: the audit log head, signed checkpoints, the public key, and how to verify:
// with the database (the command), and without it, by anyone holding copies of the checkpoints.
import { LoadMore } from '../components/LoadMore';
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { CheckpointTable } from '../components/CheckpointTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { PageHeading } from '../components/PageHeading';

const PAGE_SIZE = 20;

export function TransparencyAuditPage() {
  const { t } = useTranslation();
  const head = useQuery({ queryKey: ['audit-head'], queryFn: api.auditHead });
  const checkpoints = useInfiniteQuery({
    queryKey: ['audit-checkpoints'],
    queryFn: ({ pageParam }) => api.listCheckpoints({ before: pageParam, limit: PAGE_SIZE }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });

  const items = checkpoints.data?.pages.flatMap((page) => page.items) ?? [];
  const publicKey = checkpoints.data?.pages[0]?.publicKey;

  return (
    <Stack gap="lg">
      <PageHeading documentTitle={t('transparency.title')}>{t('transparency.title')}</PageHeading>
      <Text maw={760}>{t('transparency.intro')}</Text>

      {head.data && (
        <Stack gap={4}>
          <Text fw={600}>{t('transparency.head', { seq: head.data.seq })}</Text>
          <Text size="sm">
            {t('transparency.headHash')}: <Mono>{head.data.hash}</Mono>
          </Text>
        </Stack>
      )}
      {head.isError && <ErrorAlert error={head.error} onRetry={() => void head.refetch()} />}

      <section aria-labelledby="checkpoints-heading">
        <Title order={2} size="h3" id="checkpoints-heading" mb="sm">
          {t('transparency.checkpointsHeading')}
        </Title>
        {checkpoints.isPending && <Loading />}
        {checkpoints.data &&
          (items.length === 0 ? (
            <Text>{t('transparency.noCheckpoints')}</Text>
          ) : (
            <Stack>
              <CheckpointTable items={items} caption={t('transparency.caption')} />
              <LoadMore query={checkpoints} />
            </Stack>
          ))}
        {/* A failed "load more" keeps the rows already shown; retry continues from where it stopped. */}
        {checkpoints.isError && (
          <ErrorAlert
            error={checkpoints.error}
            onRetry={() =>
              void (checkpoints.isFetchNextPageError ? checkpoints.fetchNextPage() : checkpoints.refetch())
            }
          />
        )}
      </section>

      {publicKey && (
        <section aria-labelledby="public-key-heading">
          <Title order={2} size="h3" id="public-key-heading" mb="sm">
            {t('transparency.publicKeyHeading')}
          </Title>
          <Mono block testId="audit-public-key">
            {publicKey}
          </Mono>
        </section>
      )}

      <section aria-labelledby="verify-heading">
        <Title order={2} size="h3" id="verify-heading" mb="sm">
          {t('transparency.verifyHeading')}
        </Title>
        <Text maw={760} mb="sm">
          {t('transparency.verifyText')}
        </Text>
        {/* `--public-key` makes the check trust the key published here, not only the one on the server. */}
        <Mono block testId="audit-verify-command">
          {publicKey ? `adi audit verify --public-key ${publicKey}` : 'adi audit verify'}
        </Mono>
      </section>

      {/* Without the database: what a reader of this page can check with the published checkpoints alone. */}
      <section aria-labelledby="anyone-heading" data-testid="verify-without-access">
        <Title order={2} size="h3" id="anyone-heading" mb="sm">
          {t('portal.auditHelp.heading')}
        </Title>
        <Text maw={760} mb="sm">
          {t('portal.auditHelp.intro')}
        </Text>
        <List type="ordered" spacing="xs" maw={760}>
          <List.Item>
            {t('portal.auditHelp.keep')}{' '}
            <Anchor href="/api/v1/audit/checkpoints" data-testid="checkpoints-json">
              {t('portal.auditHelp.json')}
            </Anchor>
          </List.Item>
          <List.Item>{t('portal.auditHelp.compare')}</List.Item>
          <List.Item>
            {t('portal.auditHelp.signature')}
            <Mono block>{'adi-audit-checkpoint/v1\n<seq>\n<fromSeq>\n<headHash>\n<rangeDigest>\n<signedAt>'}</Mono>
          </List.Item>
          <List.Item>{t('portal.auditHelp.report')}</List.Item>
        </List>
      </section>
    </Stack>
  );
}
