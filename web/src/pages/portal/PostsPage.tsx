// The officers' list of posts in every state, newest first, filtered by status or words in the title;
// editors write a new one from here. Auditors read the same list.
import { Anchor, Button, Group, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, POST_STATUSES } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { PortalNav } from '../../components/PortalNav';
import { PostStatusBadge } from '../../components/StatusBadge';
import { formatDateTime } from '../../format';
import { PORTAL_EDITORS, PORTAL_KEY, postTitle } from '../../portal';
import { hasAnyRole, useMe } from '../../session';

const PAGE_SIZE = 25;

export function PostsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [query] = useDebouncedValue(q.trim(), 300);
  const [offset, setOffset] = useState(0);
  const posts = useQuery({
    queryKey: [...PORTAL_KEY, 'posts', { status, query, offset }],
    queryFn: () => api.listPosts({ status: status || undefined, q: query || undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  if (!me) return null;
  const editor = hasAnyRole(me.user, PORTAL_EDITORS);
  const title = t('portal.posts.title');
  return (
    <Stack>
      <PageHeading documentTitle={title}>{title}</PageHeading>
      <PortalNav />
      <Text maw={760}>{t('portal.posts.intro')}</Text>
      {editor && (
        <Group>
          <Button component={Link} to="/app/portal/news/new" data-testid="new-post">
            {t('portal.posts.new')}
          </Button>
        </Group>
      )}
      <Group align="flex-end" role="search" aria-label={t('portal.posts.filters')} wrap="wrap">
        <NativeSelect
          label={t('portal.posts.status')}
          data={[{ value: '', label: t('portal.posts.anyStatus') }, ...POST_STATUSES.map((value) => ({ value, label: t(`portal.postStatus.${value}`) }))]}
          value={status}
          onChange={(event) => {
            setStatus(event.currentTarget.value);
            setOffset(0);
          }}
          data-testid="posts-status"
        />
        <TextInput
          label={t('portal.posts.search')}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setOffset(0);
          }}
        />
      </Group>
      {posts.isPending ? (
        <Loading />
      ) : posts.isError ? (
        <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />
      ) : (
        <>
          <DataTable
            caption={t('portal.posts.caption')}
            columns={[
              { label: t('portal.posts.postTitle') },
              { label: t('portal.posts.status') },
              { label: t('portal.posts.address') },
              { label: t('portal.posts.published') },
              { label: t('portal.posts.updated') },
            ]}
            minWidth={820}
            isEmpty={posts.data.items.length === 0}
            empty={t('portal.posts.none')}
            testId="posts"
          >
            {posts.data.items.map((post) => (
              <Table.Tr key={post.id} data-testid="post-row">
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/app/portal/news/${post.id}`}>
                    {postTitle(post)}
                  </Anchor>
                </Table.Th>
                <Table.Td>
                  <PostStatusBadge status={post.status} />
                </Table.Td>
                <Table.Td>/news/{post.slug}</Table.Td>
                <Table.Td>
                  {post.status === 'scheduled' && post.publishAt
                    ? t('portal.posts.scheduledFor', { date: formatDateTime(post.publishAt) })
                    : formatDateTime(post.publishedAt) || t('common.none')}
                </Table.Td>
                <Table.Td>{formatDateTime(post.updatedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Pager total={posts.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} label={title} />
        </>
      )}
    </Stack>
  );
}
