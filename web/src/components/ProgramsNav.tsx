// The fund programs' pages under each programs page's heading, limited to those the viewer's roles
// open (a call's and a proposal's pages belong to the calls; an award's to the awards).
import { useTranslation } from 'react-i18next';
import type { Role } from '../api';
import { AWARD_READERS, EVALUATORS, PROGRAM_STAFF, PROPOSAL_READERS } from '../programs';
import { hasAnyRole, useMe } from '../session';
import { SectionNav } from './SectionNav';

export const PROGRAMS_NAV_PAGES: readonly { path: string; key: 'calls' | 'proposals' | 'evaluations' | 'awards' | 'disbursements' | 'settings'; roles: readonly Role[] }[] = [
  // Evaluators open the section on their evaluations (a call's page is linked from each proposal).
  { path: '/app/programs', key: 'calls', roles: ['company', ...PROGRAM_STAFF] },
  { path: '/app/programs/proposals', key: 'proposals', roles: PROPOSAL_READERS },
  { path: '/app/programs/evaluations', key: 'evaluations', roles: EVALUATORS },
  { path: '/app/programs/awards', key: 'awards', roles: AWARD_READERS },
  { path: '/app/programs/disbursements', key: 'disbursements', roles: PROGRAM_STAFF },
  { path: '/app/programs/settings', key: 'settings', roles: PROGRAM_STAFF },
];

export function ProgramsNav() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  const pages = PROGRAMS_NAV_PAGES.filter((page) => hasAnyRole(me.user, page.roles)).map((page) => ({ path: page.path, label: t(`programs.nav.${page.key}`) }));
  return <SectionNav label={t('programs.nav.label')} pages={pages} />;
}
