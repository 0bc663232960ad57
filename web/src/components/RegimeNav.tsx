// The regime's pages under each regime page's heading, limited to those the viewer's roles open
// (a resident's page belongs to the residents; an application's and a report's to the applications).
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';
import { APPEAL_READERS, BENEFIT_READERS, REGIME_ADMINS, REGIME_READERS, REGIME_STAFF } from '../regime';
import { hasAnyRole, useMe } from '../session';
import { SectionNav } from './SectionNav';

export const REGIME_NAV_PAGES: readonly { path: string; key: string; roles: readonly Role[] }[] = [
  { path: '/app/regime', key: 'applications', roles: REGIME_READERS },
  { path: '/app/regime/residents', key: 'residents', roles: REGIME_READERS },
  { path: '/app/regime/compliance', key: 'compliance', roles: REGIME_STAFF },
  { path: '/app/regime/proposals', key: 'proposals', roles: REGIME_STAFF },
  { path: '/app/regime/appeals', key: 'appeals', roles: APPEAL_READERS },
  { path: '/app/regime/rules', key: 'rules', roles: REGIME_READERS },
  { path: '/app/regime/benefits', key: 'benefits', roles: BENEFIT_READERS },
  { path: '/app/regime/settings', key: 'settings', roles: REGIME_ADMINS },
] as const;

export function RegimeNav() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const pages = REGIME_NAV_PAGES.filter((page) => hasAnyRole(me.user, page.roles)).map((page) => ({
    path: page.path,
    label: t(`regime.nav.${page.key as 'applications'}`),
  }));
  return <SectionNav label={t('regime.nav.label')} pages={pages} />;
}
