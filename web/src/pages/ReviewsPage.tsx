// The officer's queue of what companies proposed (identifiers, officers, owners, and removals of
// confirmed ones), oldest first: confirm or reject each, with a note.
import { Anchor, Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, type ReviewItem } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Loading } from '../components/Loading';
import { Mono } from '../components/Mono';
import { OrganizationSelect } from '../components/OrganizationSelect';
import { PageHeading } from '../components/PageHeading';
import { Pager } from '../components/Pager';
import { ReasonDialog } from '../components/ReasonDialog';
import { ReviewStatusBadge } from '../components/StatusBadge';
import { SuccessAlert } from '../components/SuccessAlert';
import { TableFrame } from '../components/TableFrame';
import { formatDateTime } from '../format';

const PAGE_SIZE = 25;
const TAB_OF_KIND = { identifier: 'identifiers', officer: 'people', owner: 'ownership' } as const;

/** The server writes shares with every decimal of its numeric type ("80.0000000000000000 %"): drop the trailing zeros. */
function tidySummary(summary: string): string {
  return summary.replace(/(\d+)\.(\d*?)0+(?=\s*%)/g, (_, whole: string, fraction: string) => (fraction ? `${whole}.${fraction}` : whole));
}

export function ReviewsPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [organizationId, setOrganizationId] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  const [deciding, setDeciding] = useState<{ item: ReviewItem; decision: 'confirm' | 'reject' } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reviews = useQuery({
    queryKey: ['reviews', { organizationId, offset }],
    queryFn: () => api.listReviews({ organizationId: organizationId ?? undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });

  const decide = useMutation({
    mutationFn: ({ item, decision, note }: { item: ReviewItem; decision: 'confirm' | 'reject'; note: string }) =>
      api.decideReview(item.kind, item.id, { decision, ...(note ? { note } : {}) }),
    onSuccess: (_result, { item, decision }) => {
      setDeciding(null);
      setNotice(t(decision === 'confirm' ? 'reviews.confirmed' : 'reviews.rejected', { summary: tidySummary(item.summary) }));
      void queryClient.invalidateQueries({ queryKey: ['reviews'] });
      void queryClient.invalidateQueries({ queryKey: ['organizations'] });
    },
  });

  const open = (item: ReviewItem, decision: 'confirm' | 'reject') => {
    decide.reset();
    setNotice(null);
    setDeciding({ item, decision });
  };

  return (
    <Stack>
      <PageHeading documentTitle={t('reviews.title')}>{t('reviews.title')}</PageHeading>
      <Text maw={760}>{t('reviews.intro')}</Text>
      {notice && <SuccessAlert onClose={() => setNotice(null)}>{notice}</SuccessAlert>}
      <div role="search">
        <OrganizationSelect
          label={t('reviews.organization')}
          placeholder={t('reviews.allOrganizations')}
          value={organizationId}
          onChange={(value) => {
            setOrganizationId(value);
            setOffset(0);
          }}
          maw={420}
        />
      </div>
      {reviews.isPending ? (
        <Loading />
      ) : reviews.isError ? (
        <ErrorAlert error={reviews.error} onRetry={() => void reviews.refetch()} />
      ) : (
        <>
          <TableFrame label={t('reviews.caption')}>
            <Table striped captionSide="top" verticalSpacing="sm" miw={900}>
              <Table.Caption>{t('reviews.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('reviews.organization')}</Table.Th>
                  <Table.Th scope="col">{t('reviews.kind')}</Table.Th>
                  <Table.Th scope="col">{t('reviews.summary')}</Table.Th>
                  <Table.Th scope="col">{t('reviews.status')}</Table.Th>
                  <Table.Th scope="col">{t('reviews.proposedAt')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reviews.data.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={6}>{t('reviews.none')}</Table.Td>
                  </Table.Tr>
                )}
                {reviews.data.items.map((item) => (
                  <Table.Tr key={`${item.kind}-${item.id}`}>
                    <Table.Td>
                      <Anchor component={Link} to={`/app/organizations/${item.organizationId}?tab=${TAB_OF_KIND[item.kind]}`}>
                        {item.organizationName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none" miw="max-content">
                        {t(`reviews.kinds.${item.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {item.kind === 'identifier' ? <Mono nowrap>{item.summary}</Mono> : tidySummary(item.summary)}
                    </Table.Td>
                    <Table.Td>
                      <ReviewStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td>{formatDateTime(item.proposedAt)}</Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          color="teal.9"
                          aria-label={t('reviews.confirmLabel', { summary: tidySummary(item.summary) })}
                          onClick={() => open(item, 'confirm')}
                          data-testid="review-confirm"
                        >
                          {t('reviews.confirm')}
                        </Button>
                        <Button
                          size="xs"
                          color="red"
                          variant="outline"
                          aria-label={t('reviews.rejectLabel', { summary: tidySummary(item.summary) })}
                          onClick={() => open(item, 'reject')}
                        >
                          {t('reviews.reject')}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableFrame>
          <Pager total={reviews.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={t('reviews.title')} />
        </>
      )}
      <ReasonDialog
        opened={deciding !== null}
        title={deciding?.decision === 'reject' ? t('reviews.rejectTitle') : t('reviews.confirmTitle')}
        text={deciding ? `${deciding.item.organizationName}: ${tidySummary(deciding.item.summary)}` : undefined}
        label={t('reviews.note')}
        description={deciding?.decision === 'reject' ? t('reviews.noteRejectHelp') : t('reviews.noteHelp')}
        required={deciding?.decision === 'reject'}
        confirmLabel={deciding?.decision === 'reject' ? t('reviews.reject') : t('reviews.confirm')}
        confirmColor={deciding?.decision === 'reject' ? 'red' : 'teal.9'}
        pending={decide.isPending}
        error={decide.error}
        onConfirm={(note) => deciding && decide.mutate({ ...deciding, note })}
        onClose={() => setDeciding(null)}
      />
    </Stack>
  );
}
