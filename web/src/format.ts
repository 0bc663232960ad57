// Locale-aware formatting shared by the pages.
import { currentLanguage } from './i18n';

const LOCALES = { uk: 'uk-UA', en: 'en-GB' } as const;

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[currentLanguage()], {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[currentLanguage()], { dateStyle: 'medium' }).format(date);
}

/** A `YYYY-MM-DD` value from a date input as an ISO instant at the start or end of that local day. */
export function dayBoundary(day: string, edge: 'start' | 'end'): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** A whole number with the language's digit grouping ("12 500" in Ukrainian, "12,500" in English). */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(LOCALES[currentLanguage()], { maximumFractionDigits: 0 }).format(value);
}

/** A percentage given as a number of percent (75.5 → "75,50 %"), with two decimals. */
export function formatPercent(value: number, decimals = 2): string {
  return `${new Intl.NumberFormat(LOCALES[currentLanguage()], { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value)} %`;
}

/** A figure that may be missing, "—" where there is none (the same dash in both languages). */
export function formatOr(value: number | null, format: (value: number) => string = formatNumber): string {
  return value === null ? '—' : format(value);
}
