// The screening pages under each screening page's heading (a case's page belongs to the case list).
import { useTranslation } from 'react-i18next';
import { SectionNav } from './SectionNav';

const PAGES = [
  { path: '/app/screening', key: 'cases' },
  { path: '/app/screening/lists', key: 'lists' },
  { path: '/app/screening/match', key: 'match' },
] as const;

export function ScreeningNav() {
  const { t } = useTranslation();
  return <SectionNav label={t('screening.nav.label')} pages={PAGES.map((p) => ({ path: p.path, label: t(`screening.nav.${p.key}`) }))} />;
}
