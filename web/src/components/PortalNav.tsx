// The portal's pages under each portal page's heading: the news and the FAQ.
import { useTranslation } from 'react-i18next';
import { SectionNav } from './SectionNav';

export function PortalNav() {
  const { t } = useTranslation();
  return (
    <SectionNav
      label={t('portal.staffNav.label')}
      pages={[
        { path: '/app/portal/news', label: t('portal.staffNav.news') },
        { path: '/app/portal/faq', label: t('portal.staffNav.faq') },
      ]}
    />
  );
}
