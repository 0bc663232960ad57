// The public news, newest first: filtered by a tag and paged through the address (`?tag=forum&page=2`,
// so a filtered page can be shared), with the Atom and RSS feeds of the interface language, which
// browsers and feed readers also find in the page's head.
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api, newsFeeds } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { Pager } from '../../components/Pager';
import { currentLanguage } from '../../i18n';
import { PUBLIC_NEWS_KEY } from '../../portal';
import { NewsCard } from './NewsCard';

const PAGE_SIZE = 10;

/** Announces the feeds of the language in <head> while the page is open. */
function useFeedLinks(language: 'uk' | 'en', title: string) {
  useEffect(() => {
    const feeds = newsFeeds(language);
    const links = [
      { type: 'application/atom+xml', href: feeds.atom },
      { type: 'application/rss+xml', href: feeds.rss },
    ].map(({ type, href }) => {
      const link = document.createElement('link');
      Object.assign(link, { rel: 'alternate', type, href, title });
      document.head.append(link);
      return link;
    });
    return () => links.forEach((link) => link.remove());
  }, [language, title]);
}

export function NewsPage() {
  const { t } = useTranslation();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const tag = params.get('tag') ?? '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const news = useQuery({
    queryKey: [...PUBLIC_NEWS_KEY, { tag, offset, limit: PAGE_SIZE }],
    queryFn: () => api.publicNews({ tag: tag || undefined, limit: PAGE_SIZE, offset }),
    placeholderData: keepPreviousData,
  });
  const title = t('portal.news.title');
  const feeds = newsFeeds(language);
  useFeedLinks(language, t('portal.news.feedTitle'));

  /** The address of the list with a tag ('' for all) on its first page, keeping the language. */
  const withTag = (next: string) => {
    const query = new URLSearchParams(params);
    query.delete('page');
    if (next) query.set('tag', next);
    else query.delete('tag');
    const search = query.toString();
    return search ? `/news?${search}` : '/news';
  };

  return (
    <Stack>
      <PageHeading documentTitle={tag ? t('portal.news.titleTagged', { tag }) : title} description={t('portal.meta.news')}>
        {title}
      </PageHeading>
      <Text maw={760}>{t('portal.news.intro')}</Text>
      <Group gap="md" data-testid="news-feeds">
        <Text size="sm" fw={600}>
          {t('portal.news.subscribe')}
        </Text>
        <Anchor href={feeds.atom} size="sm" aria-label={t('portal.news.atomOf')} data-testid="feed-atom">
          Atom
        </Anchor>
        <Anchor href={feeds.rss} size="sm" aria-label={t('portal.news.rssOf')} data-testid="feed-rss">
          RSS
        </Anchor>
      </Group>
      {news.data && news.data.tags.length > 0 && (
        <Group gap="xs" role="group" aria-label={t('portal.news.filter')} data-testid="news-tags">
          <Text size="sm" fw={600}>
            {t('portal.news.filter')}:
          </Text>
          {['', ...news.data.tags].map((value) => (
            <Anchor
              key={value || 'all'}
              component={Link}
              to={withTag(value)}
              size="sm"
              fw={value === tag ? 700 : undefined}
              underline={value === tag ? 'always' : 'hover'}
              aria-current={value === tag ? 'page' : undefined}
            >
              {value || t('portal.news.allTags')}
            </Anchor>
          ))}
        </Group>
      )}
      {news.isPending ? (
        <Loading />
      ) : news.isError ? (
        <ErrorAlert error={news.error} onRetry={() => void news.refetch()} />
      ) : news.data.items.length === 0 ? (
        <Text>{tag ? t('portal.news.noneTagged', { tag }) : t('portal.news.none')}</Text>
      ) : (
        <>
          <Stack gap="md" data-testid="news-list">
            {news.data.items.map((post) => (
              <NewsCard key={post.id} post={post} order={2} />
            ))}
          </Stack>
          <Pager
            total={news.data.total}
            limit={PAGE_SIZE}
            offset={offset}
            label={title}
            onChange={(next) =>
              setParams((current) => {
                const query = new URLSearchParams(current);
                query.set('page', String(next / PAGE_SIZE + 1));
                return query;
              })
            }
          />
        </>
      )}
    </Stack>
  );
}
