// Switches the interface language in place: the current page and its state are kept. On the public
// pages the address then says the language (`?lang=en`), so it can be shared as it is; the workspace
// (/app) keeps its addresses as they are. A `?lang=` that changes in the address (a link, Back)
// switches the language too.
import { SegmentedControl } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { currentLanguage, isLanguage, setLanguage, type Language } from '../i18n';

const OPTIONS: { value: Language; label: string }[] = [
  { value: 'uk', label: 'UA' },
  { value: 'en', label: 'EN' },
];

export function LanguageSwitch() {
  // useTranslation re-renders this component when the language changes.
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const asked = params.get('lang');
  useEffect(() => {
    if (isLanguage(asked) && asked !== currentLanguage()) void setLanguage(asked);
  }, [asked]);

  const choose = (language: Language) => {
    void setLanguage(language);
    if (pathname === '/app' || pathname.startsWith('/app/')) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('lang', language);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  };
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('layout.language')}
      size="xs"
      value={currentLanguage()}
      onChange={(value) => choose(value as Language)}
      data={OPTIONS}
    />
  );
}
