// The public pages as a row of links above every page outside the workspace: the first thing a
// keyboard reaches after the header. The current page (or the section it belongs to) is marked for
// assistive technology and by weight and underline, not by colour alone. Wraps on a phone.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

type PublicNavKey = 'news' | 'events' | 'faq' | 'transparency' | 'members' | 'residents' | 'awards' | 'localization' | 'openData';

/** The public pages in the order the navigation shows them; a page under one (a post, the fund) marks it current. */
export const PUBLIC_NAV: readonly { key: PublicNavKey; path: string }[] = [
  { key: 'news', path: '/news' },
  { key: 'events', path: '/events' },
  { key: 'faq', path: '/faq' },
  { key: 'transparency', path: '/transparency' },
  { key: 'members', path: '/register/members' },
  { key: 'residents', path: '/residents' },
  { key: 'awards', path: '/register/awards' },
  { key: 'localization', path: '/localization' },
  { key: 'openData', path: '/open-data' },
];

export function PublicNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const current = PUBLIC_NAV.find((page) => pathname === page.path || pathname.startsWith(`${page.path}/`))?.path;
  return (
    <nav aria-label={t('portal.nav.label')} className="public-nav" data-testid="public-nav">
      <Group gap="lg" style={{ rowGap: 4 }} wrap="wrap">
        {PUBLIC_NAV.map((page) => (
          <Anchor
            key={page.key}
            component={Link}
            to={page.path}
            fw={page.path === current ? 700 : 500}
            underline={page.path === current ? 'always' : 'hover'}
            aria-current={page.path === current ? 'page' : undefined}
            data-testid={`public-nav-${page.key}`}
          >
            {t(`portal.nav.${page.key}`)}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
