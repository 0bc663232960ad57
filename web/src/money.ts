// Money is an integer count of minor units next to its ISO 4217 currency (never a float).
// People type amounts in major units ("1 250 000,50"); these helpers convert exactly, on strings.
// No i18n import: the caller passes the interface language, so the module is testable on its own.

export type AmountLanguage = 'uk' | 'en';

// ISO 4217 minor-unit exponents that differ from the usual two.
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3, JOD: 3 };

/** How many digits the currency's minor unit has (2 for UAH, EUR, USD…; 0 for JPY, KRW). */
export function minorDigits(currency: string): number {
  return EXPONENTS[currency] ?? 2;
}

export type ParsedAmount = { ok: true; minor: number } | { ok: false; reason: 'format' | 'precision' | 'range' };

/**
 * Splits what a person typed into whole and fraction digits. Spaces (also no-break ones) and
 * apostrophes group thousands; of "." and ",", the one that comes last separates the fraction when
 * both appear, a mark repeated is a thousands separator, and a single comma followed by exactly
 * three digits groups thousands in English ("1,250") but is the decimal mark in Ukrainian ("1,250").
 */
function splitAmount(text: string, language: AmountLanguage): { whole: string; fraction: string } | null {
  const compact = text.trim().replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^[\d.,]+$/.test(compact) || !/\d/.test(compact)) return null;
  const lastDot = compact.lastIndexOf('.');
  const lastComma = compact.lastIndexOf(',');
  let decimal: '.' | ',' | null = null;
  if (lastDot >= 0 && lastComma >= 0) decimal = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const mark = lastDot >= 0 ? '.' : ',';
    const count = compact.split(mark).length - 1;
    const afterLast = compact.length - compact.lastIndexOf(mark) - 1;
    const grouping = count > 1 || (mark === ',' && language === 'en' && afterLast === 3);
    decimal = grouping ? null : mark;
  }
  const parts = decimal ? compact.split(decimal) : [compact];
  if (parts.length > 2) return null;
  const [grouped, fraction = ''] = parts;
  // Thousands separators, if any, must sit between groups of three digits ("1,250,000", not "1,2,3").
  if (!/^\d+$/.test(grouped) && !/^\d{1,3}([.,]\d{3})+$/.test(grouped)) return null;
  if (/[.,]/.test(grouped) && new Set(grouped.replace(/\d/g, '')).size > 1) return null;
  if (!/^\d*$/.test(fraction)) return null;
  return { whole: grouped.replace(/[.,]/g, ''), fraction };
}

/**
 * Parses an amount typed in major units into integer minor units without floating-point arithmetic
 * ("1 250 000,50", "1,250,000.50", "1250000.5"). Refuses more fraction digits than the currency has,
 * and amounts beyond what a JSON number carries exactly.
 */
export function parseMajorAmount(text: string, currency: string, language: AmountLanguage): ParsedAmount {
  const digits = minorDigits(currency);
  const parts = splitAmount(text, language);
  if (!parts) return { ok: false, reason: 'format' };
  const { whole, fraction } = parts;
  if (fraction.length > digits) return { ok: false, reason: 'precision' };
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, reason: 'range' };
  return { ok: true, minor: Number(minor) };
}

/** Minor units as a plain major-unit string for an input field ("1250000.50"), exact. */
export function minorToMajorString(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = BigInt(minor).toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Minor units formatted for reading, in the interface language ("1 250 000,50 EUR"), exact. */
export function formatMoney(minor: number | null | undefined, currency: string | null | undefined, language: AmountLanguage): string {
  if (minor === null || minor === undefined || !currency) return '';
  const digits = minorDigits(currency);
  const [whole, fraction = ''] = minorToMajorString(minor, currency).split('.');
  const locale = language === 'uk' ? 'uk-UA' : 'en-GB';
  // Group the whole part with BigInt so amounts past 2^53 major units stay exact.
  const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(whole));
  const separator = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  return digits === 0 ? `${grouped} ${currency}` : `${grouped}${separator}${fraction} ${currency}`;
}

/** Minor units as a short figure in major units for a chart's axis ("1,2 млн", "1.2M"); rounded, never for the record. */
export function formatMoneyCompact(minor: number, currency: string, language: AmountLanguage): string {
  const locale = language === 'uk' ? 'uk-UA' : 'en-GB';
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(minor / 10 ** minorDigits(currency));
}
