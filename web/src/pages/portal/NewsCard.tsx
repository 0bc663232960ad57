// One post in a list (the news page, the home page): its date, title linking to the post, summary and
// tags. The card is an article named by its title; the heading level follows the page's outline.
import { Anchor, Badge, Card, Group, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { NewsSummary } from '../../api';
import { formatDate } from '../../format';
import { postSummary, postTitle } from '../../portal';

export function NewsCard({ post, order, showTags = true }: { post: NewsSummary; order: TitleOrder; showTags?: boolean }) {
  const { t } = useTranslation();
  const headingId = `news-${post.id}`;
  return (
    <Card withBorder padding="lg" component="article" aria-labelledby={headingId} data-testid="news-item">
      <Stack gap="xs">
        {post.publishedAt && (
          <Text size="sm" c="dimmed">
            <time dateTime={post.publishedAt}>{formatDate(post.publishedAt)}</time>
          </Text>
        )}
        <Title order={order} size="h3" id={headingId}>
          <Anchor component={Link} to={`/news/${post.slug}`} data-testid="news-link">
            {postTitle(post)}
          </Anchor>
        </Title>
        {postSummary(post) && <Text maw={760}>{postSummary(post)}</Text>}
        {showTags && post.tags.length > 0 && (
          <Group gap={6} aria-label={t('portal.news.tags')} role="group">
            {post.tags.map((tag) => (
              <Badge key={tag} variant="light" color="gray" tt="none">
                {tag}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
