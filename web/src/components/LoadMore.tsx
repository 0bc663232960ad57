import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The pages of an infinite query that the "Load more" button needs to know about. */
export interface PagedQuery {
  hasNextPage: boolean;
  isError: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** A centred "Load more" button for a cursor-paged list; hidden when there is no next page. */
export function LoadMore({ query }: { query: PagedQuery }) {
  const { t } = useTranslation();
  if (!query.hasNextPage || query.isError) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {t('common.loadMore')}
      </Button>
    </Group>
  );
}
