// Localization's pages under each localization page's heading, limited to those the viewer's roles
// open (a category's page belongs to the dashboard, a need's to the needs, a report's to the reports).
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';
import { CAPACITY_READERS, LOCALIZATION_STAFF, TAXONOMY_EDITORS } from '../localization';
import { hasAnyRole, useMe } from '../session';
import { SectionNav } from './SectionNav';

export const LOCALIZATION_NAV_PAGES: readonly { path: string; key: 'dashboard' | 'needs' | 'reports' | 'taxonomy'; roles: readonly Role[] }[] = [
  { path: '/app/localization', key: 'dashboard', roles: LOCALIZATION_STAFF },
  { path: '/app/localization/needs', key: 'needs', roles: LOCALIZATION_STAFF },
  { path: '/app/localization/reports', key: 'reports', roles: CAPACITY_READERS },
  { path: '/app/localization/taxonomy', key: 'taxonomy', roles: TAXONOMY_EDITORS },
] as const;

export function LocalizationNav() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const pages = LOCALIZATION_NAV_PAGES.filter((page) => hasAnyRole(me.user, page.roles)).map((page) => ({
    path: page.path,
    label: t(`localization.nav.${page.key}`),
  }));
  return <SectionNav label={t('localization.nav.label')} pages={pages} />;
}
