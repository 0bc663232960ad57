// The screening pages, as a row of links under each page's heading (the side navigation names the
// section only). The current page is marked for assistive technology, not by colour alone.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

const PAGES = [
  { path: '/app/screening', key: 'cases' },
  { path: '/app/screening/lists', key: 'lists' },
  { path: '/app/screening/match', key: 'match' },
] as const;

export function ScreeningNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // A case's page belongs to the case list.
  const current = pathname.startsWith('/app/screening/lists') ? '/app/screening/lists' : pathname.startsWith('/app/screening/match') ? '/app/screening/match' : '/app/screening';
  return (
    <nav aria-label={t('screening.nav.label')}>
      <Group gap="md" wrap="wrap">
        {PAGES.map((page) => (
          <Anchor
            key={page.path}
            component={Link}
            to={page.path}
            size="sm"
            fw={page.path === current ? 700 : undefined}
            underline={page.path === current ? 'always' : 'hover'}
            aria-current={page.path === current ? 'page' : undefined}
          >
            {t(`screening.nav.${page.key}`)}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
