// One published post as anyone reads it: the title, date and tags, then the body the server rendered
// from Markdown and sanitized. The page's description is the post's summary, in the interface language.
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, isApiError } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { formatDate } from '../../format';
import { postHtml, postSummary, postTitle, PUBLIC_NEWS_KEY } from '../../portal';
import { RenderedText } from './RenderedText';

export function NewsPostPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const post = useQuery({ queryKey: [...PUBLIC_NEWS_KEY, 'post', slug], queryFn: () => api.publicNewsPost(slug) });
  const back = (
    <Anchor component={Link} to="/news" data-testid="back-to-news">
      {t('portal.news.allNews')}
    </Anchor>
  );
  if (post.isPending) return <Loading />;
  if (post.isError) {
    const missing = isApiError(post.error, 'not_found') || (isApiError(post.error) && post.error.status === 400);
    return (
      <Stack align="flex-start">
        <PageHeading documentTitle={t('portal.news.notFound')}>{t('portal.news.notFound')}</PageHeading>
        {missing ? <Text>{t('portal.news.notFoundText')}</Text> : <ErrorAlert error={post.error} onRetry={() => void post.refetch()} />}
        {back}
      </Stack>
    );
  }
  const title = postTitle(post.data);
  return (
    <Stack component="article" aria-label={title} gap="md">
      <PageHeading documentTitle={title} description={postSummary(post.data)}>
        {title}
      </PageHeading>
      <Group gap="md" mt={-8}>
        {post.data.publishedAt && (
          <Text size="sm" c="dimmed">
            {t('portal.news.published')} <time dateTime={post.data.publishedAt}>{formatDate(post.data.publishedAt)}</time>
          </Text>
        )}
        {post.data.tags.length > 0 && (
          <Group gap={6} role="group" aria-label={t('portal.news.tags')}>
            {post.data.tags.map((tag) => (
              <Badge key={tag} component={Link} to={`/news?tag=${encodeURIComponent(tag)}`} variant="light" color="gray" tt="none" style={{ cursor: 'pointer' }}>
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Group>
      <RenderedText html={postHtml(post.data)} testId="post-body" />
      {back}
    </Stack>
  );
}
