// The fund's pages under each fund page's heading.
import { useTranslation } from 'react-i18next';
import { SectionNav } from './SectionNav';

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
  return <SectionNav label={t('fund.nav.label')} pages={PAGES.map((p) => ({ path: p.path, label: t(`fund.nav.${p.key}`) }))} />;
}
