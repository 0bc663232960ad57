// The page's title (browser tab) and <meta name="description"> (search results, link previews), in the
// interface language. Every page sets them through its PageHeading; a public page that has no words of
// its own for the description (a post has its summary) gets the one listed here for its address.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

type DescribedPage = 'home' | 'news' | 'faq' | 'transparency' | 'openData' | 'members' | 'residents' | 'awards' | 'fund' | 'audit' | 'localization' | 'events' | 'verify';

const PUBLIC_PAGES: readonly { path: RegExp; key: DescribedPage }[] = [
  { path: /^\/$/, key: 'home' },
  { path: /^\/news(\/|$)/, key: 'news' },
  { path: /^\/faq$/, key: 'faq' },
  { path: /^\/transparency$/, key: 'transparency' },
  { path: /^\/transparency\/fund$/, key: 'fund' },
  { path: /^\/transparency\/audit$/, key: 'audit' },
  { path: /^\/open-data$/, key: 'openData' },
  { path: /^\/register\/members$/, key: 'members' },
  { path: /^\/residents$/, key: 'residents' },
  { path: /^\/register\/awards$/, key: 'awards' },
  { path: /^\/localization$/, key: 'localization' },
  { path: /^\/events(\/|$)/, key: 'events' },
  { path: /^\/verify\//, key: 'verify' },
];

/** Sets document.title ("News · ADI Platform") and the page's description (given, or the address's, or the platform's). */
export function usePageMeta(title: string, description?: string): void {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const appName = t('app.name');
  const listed = PUBLIC_PAGES.find((page) => page.path.test(pathname))?.key;
  const text = description || t(`portal.meta.${listed ?? 'platform'}`);
  useEffect(() => {
    document.title = `${title} · ${appName}`;
    let meta = document.head.querySelector<HTMLMetaElement>('meta[name="description"]');
    if (!meta) {
      meta = document.createElement('meta');
      meta.name = 'description';
      document.head.append(meta);
    }
    meta.content = text;
  }, [title, appName, text]);
}
