// The fund's pages, as a row of links under each page's heading (the side navigation names the
// section only). The current page is marked for assistive technology, not by colour alone.
import { Anchor, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';

const PAGES = [
  { path: '/app/fund', key: 'overview' },
  { path: '/app/fund/journal', key: 'journal' },
  { path: '/app/fund/trial-balance', key: 'trialBalance' },
  { path: '/app/fund/donations', key: 'donations' },
  { path: '/app/fund/assets', key: 'assets' },
  { path: '/app/fund/tracing', key: 'tracing' },
] as const;

export function FundNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // The deepest page containing the current path (an asset's page belongs to the register).
  const current = PAGES.filter((p) => pathname === p.path || (p.path !== '/app/fund' && pathname.startsWith(`${p.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
  return (
    <nav aria-label={t('fund.nav.label')}>
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
            {t(`fund.nav.${page.key}`)}
          </Anchor>
        ))}
      </Group>
    </nav>
  );
}
