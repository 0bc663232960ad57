// What the localization pages share: query keys, who may open which page (mirroring
// src/modules/localization/policy.ts), periods (a year or a quarter), category names and units in
// the interface language, and the checks the need and capacity report forms make before sending
// (mirroring src/modules/localization/schema.ts).
import { useQuery } from '@tanstack/react-query';
import i18next, { type TFunction } from 'i18next';
import { useSearchParams } from 'react-router';
import { api, type LocalizationCategory, type LocalizationGap, type LocalizationLabels, type Role } from './api';
import type { Column } from './components/DataTable';
import type { uk } from './i18n/uk';

/** Everything under this key is refreshed after a change in localization. */
export const LOCALIZATION_KEY = ['localization'] as const;
export const categoriesKey = [...LOCALIZATION_KEY, 'categories'] as const;
export const needKey = (id: string) => [...LOCALIZATION_KEY, 'need', id] as const;
export const capacityReportKey = (id: string) => [...LOCALIZATION_KEY, 'report', id] as const;

/** Staff who read needs, every company's capacity and the gaps (restricted data). */
export const LOCALIZATION_STAFF: readonly Role[] = ['officer', 'auditor'];
/** Roles that read capacity reports: the staff all, a company its own. */
export const CAPACITY_READERS: readonly Role[] = ['company', ...LOCALIZATION_STAFF];
/** Roles that file capacity reports: a company for itself, an officer for a company (paper filings). */
export const CAPACITY_FILERS: readonly Role[] = ['company', 'officer'];
/** Officers enter needs and confirm or return capacity reports. */
export const LOCALIZATION_OFFICERS: readonly Role[] = ['officer'];
/** Administrators edit the capability taxonomy. */
export const TAXONOMY_EDITORS: readonly Role[] = ['admin'];

// --- Periods ------------------------------------------------------------------------------------

/** A year (2027) or a quarter (2027-Q1), as the API takes it. */
export const PERIOD = /^20\d\d(-Q[1-4])?$/;
export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

/** This year, the default period of the pages. */
export function currentYear(): string {
  return String(new Date().getFullYear());
}

/** The period of a year and a quarter ('' for the whole year). */
export function periodOf(year: string, quarter: string): string {
  return quarter ? `${year}-${quarter}` : year;
}

/** The year and quarter ('' for a whole year) of a period. */
export function splitPeriod(period: string): { year: string; quarter: string } {
  return { year: period.slice(0, 4), quarter: period.slice(5) };
}

/** Years offered by the period pickers: needs are planned ahead, reports look back. */
export function periodYears(): string[] {
  const now = new Date().getFullYear();
  const years: string[] = [];
  for (let year = now + 5; year >= 2020; year--) years.push(String(year));
  return years;
}

/** The period in the page's address (`?period=2027-Q1`), this year when it has none; changing it replaces the entry. */
export function usePeriodParam(): [string, (period: string) => void] {
  const [params, setParams] = useSearchParams();
  const given = params.get('period') ?? '';
  const period = PERIOD.test(given) ? given : currentYear();
  const setPeriod = (next: string) =>
    setParams(
      (current) => {
        const updated = new URLSearchParams(current);
        updated.set('period', next);
        return updated;
      },
      { replace: true },
    );
  return [period, setPeriod];
}

// --- Names and units ----------------------------------------------------------------------------

function english(): boolean {
  // Read from i18next itself rather than ./i18n, so this module loads outside a browser.
  return i18next.resolvedLanguage === 'en';
}

/** A category's name in the interface language. */
export function categoryName(labels: Pick<LocalizationLabels, 'nameUk' | 'nameEn'>): string {
  return english() ? labels.nameEn : labels.nameUk;
}

/** A category's unit in the interface language. */
export function categoryUnit(labels: Pick<LocalizationLabels, 'unitUk' | 'unitEn'>): string {
  return english() ? labels.unitEn : labels.unitUk;
}

/** The name of a need's or a report's category in the interface language. */
export function ownCategoryName(record: { categoryNameUk: string; categoryNameEn: string }): string {
  return categoryName({ nameUk: record.categoryNameUk, nameEn: record.categoryNameEn });
}

/** The taxonomy with units, archived categories and versions (parents before children). */
export function useLocalizationCategories() {
  return useQuery({
    queryKey: categoriesKey,
    queryFn: async () => (await api.listLocalizationCategories()).items,
    staleTime: 5 * 60_000,
  });
}

/** Options for a category select, indented by level; archived categories only when asked for. */
export function categoryOptions(items: readonly LocalizationCategory[], includeArchived = false): { value: string; label: string }[] {
  return items
    .filter((c) => includeArchived || !c.archived)
    .map((c) => ({ value: c.code, label: `${'— '.repeat(c.level)}${categoryName(c)}` }));
}

/** True when a row of the gaps holds anything: a need, output, a report to confirm or an award. */
export function hasFigures(row: LocalizationGap): boolean {
  return row.need !== null || row.reportingCompanies > 0 || row.pendingReports > 0 || row.contributingAwards > 0;
}

/** A column of the localization tables, named in `localization.columns`. */
export type LocalizationColumn = keyof (typeof uk)['localization']['columns'];

/** Table columns named in `localization.columns`; `numeric` ones are right-aligned over figures. */
export function columnsOf(t: TFunction, keys: readonly LocalizationColumn[], numeric = false): Column[] {
  return keys.map((key) => ({ label: t(`localization.columns.${key}`), numeric }));
}

// --- Forms --------------------------------------------------------------------------------------

/** A whole number as typed ("12 500", "12,500", "12500"), or null when it is not one. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}([\s\u00a0\u202f,']\d{3})*$|^\d+$/.test(trimmed)) return null;
  const value = Number(trimmed.replace(/[\s\u00a0\u202f,']/g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** The main imported components, one a line; empty lines left out. */
export function componentLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The capacity report form: every value as typed. */
export interface CapacityValues {
  organizationId: string;
  categoryCode: string;
  year: string;
  quarter: string;
  domesticOutput: string;
  capacity: string;
  importedContentPercent: string;
  components: string;
  evidenceDocumentIds: string[];
  note: string;
}

/** What is wrong with the report as typed, by form field (empty when it can be sent). */
export function capacityErrors(t: TFunction, values: CapacityValues, options: { needsCategory: boolean; needsOrganization: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (options.needsOrganization && !values.organizationId) errors.organizationId = t('validation.required');
  if (options.needsCategory && !values.categoryCode) errors.categoryCode = t('validation.required');
  const output = parseWholeNumber(values.domesticOutput);
  const capacity = parseWholeNumber(values.capacity);
  if (output === null) errors.domesticOutput = t('validation.wholeNumber');
  if (capacity === null) errors.capacity = t('validation.wholeNumber');
  else if (output !== null && capacity < output) errors.capacity = t('localization.validation.capacityBelowOutput');
  const percent = values.importedContentPercent.trim();
  if (!/^\d{1,3}$/.test(percent) || Number(percent) > 100) errors.importedContentPercent = t('localization.validation.percent');
  const components = componentLines(values.components);
  if (components.length > 20) errors.components = t('localization.validation.tooManyComponents');
  else if (components.some((line) => line.length > 200)) errors.components = t('localization.validation.componentTooLong');
  if (values.evidenceDocumentIds.length > 20) errors.evidenceDocumentIds = t('localization.validation.tooManyDocuments');
  return errors;
}
