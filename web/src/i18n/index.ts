// i18next setup: Ukrainian by default, English on request; the choice survives reloads, and a
// `?lang=uk|en` in the address wins over it (so a shared link opens in its language). Only the
// language in use is downloaded with the first page: the other's messages load when someone switches.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'adi.lang';

/** True for a language the interface speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be blocked (privacy settings); fall back to the default language.
    return null;
  }
}

/** The language a `?lang=` in the current address asks for, if any. */
function addressLanguage(): Language | null {
  const value = new URLSearchParams(window.location.search).get('lang');
  return isLanguage(value) ? value : null;
}

// Each language's messages are a chunk of their own, fetched on first use.
const MESSAGES: Record<Language, () => Promise<object>> = {
  uk: async () => (await import('./uk')).uk,
  en: async () => (await import('./en')).en,
};

/** The interface language now. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'uk';
}

// The language asked for last: a slower download of an earlier choice must not win over it.
let wanted: Language | null = null;

/** Switches the interface language in place, once its messages are loaded. */
export async function setLanguage(language: Language): Promise<void> {
  wanted = language;
  if (!i18n.hasResourceBundle(language, 'translation')) i18n.addResourceBundle(language, 'translation', await MESSAGES[language]());
  if (wanted === language) await i18n.changeLanguage(language);
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

/** Starts i18next in the address's, the stored or the default language; render the app once it resolves. */
export async function startI18n(): Promise<void> {
  const language = addressLanguage() ?? storedLanguage() ?? 'uk';
  await i18n.use(initReactI18next).init({
    resources: { [language]: { translation: await MESSAGES[language]() } },
    lng: language,
    // Both message files have every key (en.ts is type-checked against uk.ts): no fallback to load.
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes already.
    returnNull: false,
  });
  document.documentElement.lang = language;
}

export default i18n;
