// Switches the interface language in place: the current page and its state are kept.
import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage, type Language } from '../i18n';

const OPTIONS: { value: Language; label: string }[] = [
  { value: 'uk', label: 'UA' },
  { value: 'en', label: 'EN' },
];

export function LanguageSwitch() {
  // useTranslation re-renders this component when the language changes.
  const { t } = useTranslation();
  return (
    <SegmentedControl
      data-testid="lang-switch"
      aria-label={t('layout.language')}
      size="xs"
      value={currentLanguage()}
      onChange={(value) => setLanguage(value as Language)}
      data={OPTIONS}
    />
  );
}
