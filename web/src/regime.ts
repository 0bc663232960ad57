// What the special economic regime's pages share: query keys, who may open which page (mirroring
// src/modules/regime/policy.ts), the figures form (money typed in major units, percentages with two
// decimals at most) and its exact conversion to what the API takes, and the checks a rule-set
// criterion must pass (mirroring criterionProblems in src/modules/regime/rules.ts).
import i18next, { type TFunction } from 'i18next';
import {
  REGIME_CURRENCIES,
  type Bilingual,
  type Criterion,
  type FactType,
  type RegimeCurrency,
  type RegimeFigures,
  type RegimeFiguresInput,
  type Role,
  type RuleOperator,
} from './api';
import { minorToMajorString, parseMajorAmount, type AmountLanguage } from './money';

/** Everything under this key is refreshed after a change in the regime. */
export const REGIME_KEY = ['regime'] as const;
export const regimeApplicationKey = (id: string) => [...REGIME_KEY, 'application', id] as const;
export const residentKey = (id: string) => [...REGIME_KEY, 'resident', id] as const;
export const reportKey = (id: string) => [...REGIME_KEY, 'report', id] as const;

/** Staff who see every application, resident, report and appeal. */
export const REGIME_STAFF: readonly Role[] = ['officer', 'analyst', 'admin', 'auditor'];
/** Roles that read applications, residents and reports: staff all, a company its own. */
export const REGIME_READERS: readonly Role[] = ['company', ...REGIME_STAFF];
/** Roles that file and edit applications and reports. */
export const REGIME_FILERS: readonly Role[] = ['company', 'officer', 'admin'];
/** Officers decide applications, suspend, reinstate, terminate and decide proposals. */
export const REGIME_DECIDERS: readonly Role[] = ['officer'];
/** Administrators change the rule sets, the settings and the appeal commission. */
export const REGIME_ADMINS: readonly Role[] = ['admin'];
/** Roles that may sit on the appeal commission (a member decides appeals). */
export const APPEAL_DECIDER_ROLES: readonly Role[] = ['officer', 'analyst', 'admin', 'auditor', 'evaluator', 'fund_officer'];
/** Roles that read the appeals: a company its own, staff and commission members all. */
export const APPEAL_READERS: readonly Role[] = ['company', ...APPEAL_DECIDER_ROLES];
/** Roles that read the benefits estimate. */
export const BENEFIT_READERS: readonly Role[] = ['officer', 'admin', 'auditor', 'fund_officer'];

/** A bilingual label in the interface language (Ukrainian unless English is chosen). */
export function bilingual(label: Bilingual): string {
  // Read from i18next itself rather than ./i18n, so this module loads outside a browser (its tests).
  return i18next.resolvedLanguage === 'en' ? label.en : label.uk;
}

/** The year whose reports are due now: last year. */
export function lastYear(): number {
  return new Date().getFullYear() - 1;
}

/** Years offered by year pickers: from 2020 to this year, newest first. */
export function yearOptions(): { value: string; label: string }[] {
  const years: { value: string; label: string }[] = [];
  for (let year = new Date().getFullYear(); year >= 2020; year--) years.push({ value: String(year), label: String(year) });
  return years;
}

// --- Figures ------------------------------------------------------------------------------------

/** The money fields of the figures, in form order. */
export const MONEY_FIELDS = [
  'revenue',
  'qualifiedDefenseIncome',
  'averageMonthlyWage',
  'investment',
  'reinvestedProfit',
  'landTax',
  'propertyTax',
  'environmentalTax',
] as const;
export type MoneyField = (typeof MONEY_FIELDS)[number];
export const PERCENT_FIELDS = ['stateOwnershipPct', 'localContentPct'] as const;
export type PercentField = (typeof PERCENT_FIELDS)[number];

/** The figures form: every value as typed. */
export type FiguresValues = { fiscalYear: string; currency: RegimeCurrency; employees: string; auditorReportDocumentId: string } & Record<MoneyField, string> &
  Record<PercentField, string>;

/** Form field names, for placing the server's field errors (`figures.revenueMinor` → `revenue`). */
export const FIGURES_FIELDS = ['fiscalYear', 'currency', 'employees', 'auditorReportDocumentId', ...MONEY_FIELDS, ...PERCENT_FIELDS] as const;
export const FIGURES_RENAMES: Record<string, string> = Object.fromEntries([
  ...MONEY_FIELDS.map((field) => [`figures.${field}Minor`, field]),
  ...['fiscalYear', 'currency', 'employees', ...PERCENT_FIELDS].map((field) => [`figures.${field}`, field]),
]);

function isRegimeCurrency(value: string | null): value is RegimeCurrency {
  return (REGIME_CURRENCIES as readonly (string | null)[]).includes(value);
}

/** The form's label for a figure the server names (`figures.revenueMinor`, `body.figures.employees`), for error lists. */
export function figureFieldLabel(t: TFunction, field: string): string | undefined {
  const name = FIGURES_RENAMES[field.replace(/^\/+/, '').replace(/^body[./]/, '').replace(/\//g, '.')];
  return name ? t(`regime.figures.${name as MoneyField}`) : undefined;
}

/** The form's values for stored figures. */
export function figuresValues(figures: RegimeFigures | undefined, auditorReportDocumentId: string | null | undefined): FiguresValues {
  const currency: RegimeCurrency = figures && isRegimeCurrency(figures.currency) ? figures.currency : 'UAH';
  const money = (minor: number | null | undefined) => (minor === null || minor === undefined ? '' : minorToMajorString(minor, currency));
  return {
    fiscalYear: figures?.fiscalYear != null ? String(figures.fiscalYear) : '',
    currency,
    employees: figures?.employees != null ? String(figures.employees) : '',
    auditorReportDocumentId: auditorReportDocumentId ?? '',
    revenue: money(figures?.revenueMinor),
    qualifiedDefenseIncome: money(figures?.qualifiedDefenseIncomeMinor),
    averageMonthlyWage: money(figures?.averageMonthlyWageMinor),
    investment: money(figures?.investmentMinor),
    reinvestedProfit: money(figures?.reinvestedProfitMinor),
    landTax: money(figures?.landTaxMinor),
    propertyTax: money(figures?.propertyTaxMinor),
    environmentalTax: money(figures?.environmentalTaxMinor),
    stateOwnershipPct: figures?.stateOwnershipPct ?? '',
    localContentPct: figures?.localContentPct ?? '',
  };
}

const PERCENT = /^\d{1,3}([.,]\d{1,2})?$/;

/** A percentage as typed ("75", "12,5") as the number the API takes, or null when it is not one. */
function parsePercent(text: string): number | null {
  const trimmed = text.trim();
  if (!PERCENT.test(trimmed)) return null;
  const [whole, fraction = ''] = trimmed.replace(',', '.').split('.');
  // Built from integer hundredths so "0.29" is the closest double to 0.29, as the server expects.
  const hundredths = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return hundredths > 10_000 ? null : hundredths / 100;
}

/** What is wrong with the figures as typed, by form field (empty when they can be sent). */
export function figuresErrors(t: TFunction, values: FiguresValues, language: AmountLanguage): Record<string, string> {
  const errors: Record<string, string> = {};
  const year = values.fiscalYear.trim();
  if (year && (!/^\d{4}$/.test(year) || Number(year) < 2000 || Number(year) > 2100)) errors.fiscalYear = t('regime.validation.year');
  if (values.employees.trim() && !/^\d{1,8}$/.test(values.employees.trim())) errors.employees = t('validation.wholeNumber');
  for (const field of MONEY_FIELDS) {
    const text = values[field].trim();
    if (!text) continue;
    const parsed = parseMajorAmount(text, values.currency, language);
    if (!parsed.ok) {
      errors[field] =
        parsed.reason === 'precision' ? t('validation.amountPrecision', { digits: 2 }) : parsed.reason === 'range' ? t('validation.amountRange') : t('validation.amountFormat');
    }
  }
  for (const field of PERCENT_FIELDS) {
    if (values[field].trim() && parsePercent(values[field]) === null) errors[field] = t('regime.validation.percent');
  }
  return errors;
}

/** The figures to send: every field, so a cleared one is cleared on the server (null). Call after figuresErrors found none. */
export function figuresInput(values: FiguresValues, language: AmountLanguage): { figures: RegimeFiguresInput; auditorReportDocumentId: string | null } {
  const money = (field: MoneyField) => {
    const text = values[field].trim();
    if (!text) return null;
    const parsed = parseMajorAmount(text, values.currency, language);
    return parsed.ok ? parsed.minor : null;
  };
  const percent = (field: PercentField) => (values[field].trim() ? parsePercent(values[field]) : null);
  return {
    figures: {
      fiscalYear: values.fiscalYear.trim() ? Number(values.fiscalYear.trim()) : null,
      currency: values.currency,
      revenueMinor: money('revenue'),
      qualifiedDefenseIncomeMinor: money('qualifiedDefenseIncome'),
      employees: values.employees.trim() ? Number(values.employees.trim()) : null,
      averageMonthlyWageMinor: money('averageMonthlyWage'),
      stateOwnershipPct: percent('stateOwnershipPct'),
      localContentPct: percent('localContentPct'),
      investmentMinor: money('investment'),
      reinvestedProfitMinor: money('reinvestedProfit'),
      landTaxMinor: money('landTax'),
      propertyTaxMinor: money('propertyTax'),
      environmentalTaxMinor: money('environmentalTax'),
    },
    auditorReportDocumentId: values.auditorReportDocumentId || null,
  };
}

// --- Rule sets ----------------------------------------------------------------------------------

/** The operators a fact of each type may use: yes/no facts only compare for (in)equality. */
export function operatorsFor(type: FactType | undefined): readonly RuleOperator[] {
  return type === 'boolean' ? ['eq', 'ne'] : ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'];
}

export const OPERATOR_SYMBOLS: Record<RuleOperator, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', ne: '≠' };

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;
const KEY = /^[a-z][a-z0-9_]{1,62}$/;

/** The problems with a criterion, by field (`key`, `value`, `rates.EUR`…), in the interface language; as rules.ts and the schema check it. */
export function criterionErrors(t: TFunction, criterion: Criterion, type: FactType | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!KEY.test(criterion.key)) errors.key = t('regime.rules.errors.key');
  if (!criterion.label.uk.trim()) errors['label.uk'] = t('validation.required');
  if (!criterion.label.en.trim()) errors['label.en'] = t('validation.required');
  if (!type) {
    errors.fact = t('validation.required');
    return errors;
  }
  if (type === 'boolean') {
    if (typeof criterion.value !== 'boolean') errors.value = t('regime.rules.errors.boolean');
    if (criterion.op !== 'eq' && criterion.op !== 'ne') errors.op = t('regime.rules.errors.booleanOp');
  } else {
    const value = typeof criterion.value === 'string' ? criterion.value : '';
    if (!DECIMAL.test(value)) errors.value = t('regime.rules.errors.decimal');
    else if (type === 'percent' && (Number(value) < 0 || Number(value) > 100)) errors.value = t('regime.rules.errors.percent');
    else if (type === 'integer' && !/^-?\d+$/.test(value)) errors.value = t('regime.rules.errors.integer');
  }
  if (type === 'money') {
    if (!criterion.currency) errors.currency = t('regime.rules.errors.currency');
    for (const [currency, rate] of Object.entries(criterion.rates ?? {})) {
      if (!rate || !DECIMAL.test(rate) || !/[1-9]/.test(rate) || rate.startsWith('-')) errors[`rates.${currency}`] = t('regime.rules.errors.rate');
    }
  } else if (criterion.currency !== undefined || criterion.rates !== undefined) {
    errors.currency = t('regime.rules.errors.notMoney');
  }
  return errors;
}
