// The home page's three newest posts, with the way to all news and to the feed of the interface language.
import { Anchor, SimpleGrid, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { TitledSection } from '../../components/TitledSection';
import { PUBLIC_NEWS_KEY } from '../../portal';
import { NewsCard } from './NewsCard';

export function LatestNews() {
  const { t } = useTranslation();
  const news = useQuery({ queryKey: [...PUBLIC_NEWS_KEY, { tag: '', offset: 0, limit: 3 }], queryFn: () => api.publicNews({ limit: 3, offset: 0 }) });
  return (
    <TitledSection id="latest-news-heading" title={t('portal.home.latestNews')} testId="latest-news">
      {news.isPending ? (
        <Loading />
      ) : news.isError ? (
        <ErrorAlert error={news.error} onRetry={() => void news.refetch()} />
      ) : news.data.items.length === 0 ? (
        <Text>{t('portal.news.none')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {news.data.items.map((post) => (
            <NewsCard key={post.id} post={post} order={3} showTags={false} />
          ))}
        </SimpleGrid>
      )}
      <Anchor component={Link} to="/news" fw={600} data-testid="all-news">
        {t('portal.home.allNews')}
      </Anchor>
    </TitledSection>
  );
}
