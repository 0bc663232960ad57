// i18next setup: Ukrainian by default, English on request; the choice survives reloads.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { uk } from './uk';

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'adi.lang';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'uk';
  } catch {
    // Storage can be blocked (privacy settings); fall back to the default language.
    return 'uk';
  }
}

export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'uk';
}

export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  // Screen readers pick the pronunciation from <html lang>.
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisting is acceptable: the choice still applies to this page view.
  }
});

void i18n.use(initReactI18next).init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'uk',
  supportedLngs: [...LANGUAGES],
  // Resources are bundled, so initialise synchronously and render the right language first time.
  initAsync: false,
  interpolation: { escapeValue: false }, // React escapes already.
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export default i18n;
