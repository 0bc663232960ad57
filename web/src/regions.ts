// Ukraine's regions by ISO 3166-2:UA code (the 24 oblasts, Crimea, Kyiv and Sevastopol), with their
// Ukrainian and English names; the codes are what the API stores.
import { UA_REGIONS as REGIONS } from '../../src/core/ua-regions';
import { currentLanguage } from './i18n';

export const UA_REGIONS: Record<string, { uk: string; en: string }> = REGIONS;

export function regionName(code: string | null | undefined): string {
  if (!code) return '';
  const region = UA_REGIONS[code];
  return region ? region[currentLanguage()] : code;
}

/** Options sorted by name in the interface language. */
export function regionOptions(): { value: string; label: string }[] {
  const collator = new Intl.Collator(currentLanguage());
  return Object.keys(UA_REGIONS)
    .map((code) => ({ value: code, label: regionName(code) }))
    .sort((a, b) => collator.compare(a.label, b.label));
}
