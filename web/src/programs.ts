// What the fund's program pages share: query keys, who may do what (mirroring
// src/modules/fund/policy.ts), scores in tenths of a point shown as points, and the call and proposal
// forms: what a person types (money in major units, scores as "3,5") checked as the server checks it
// (src/modules/fund/programs-schema.ts, calls-service.ts) and converted exactly to what the API takes.
import i18next, { type TFunction } from 'i18next';
import {
  CALL_CURRENCIES,
  type CallCriterion,
  type CallCurrency,
  type CallEligibility,
  type FundCall,
  type FundProposal,
  type NewCall,
  type ProposalInput,
  type Role,
} from './api';
import { formatMoney, minorDigits, minorToMajorString, parseMajorAmount, type AmountLanguage } from './money';

/** Everything under this key is refreshed after a change in the programs. */
export const PROGRAMS_KEY = ['programs'] as const;
export const callKey = (id: string) => [...PROGRAMS_KEY, 'call', id] as const;
export const proposalKey = (id: string) => [...PROGRAMS_KEY, 'proposal', id] as const;
export const awardKey = (id: string) => [...PROGRAMS_KEY, 'award', id] as const;

/** Staff who see every call, proposal and award. */
export const PROGRAM_STAFF: readonly Role[] = ['fund_officer', 'auditor', 'admin'];
/** Fund officers run calls: create, publish, assign, consensus, rank, award, verify, prepare and approve payments. */
export const CALL_MANAGERS: readonly Role[] = ['fund_officer'];
/** Roles that read proposals: staff all, evaluators those assigned, a company its own. */
export const PROPOSAL_READERS: readonly Role[] = ['company', ...PROGRAM_STAFF];
/** Roles that read awards: staff all, a company its own. */
export const AWARD_READERS: readonly Role[] = ['company', ...PROGRAM_STAFF];
/** Evaluators declare conflicts of interest and score. */
export const EVALUATORS: readonly Role[] = ['evaluator'];
/** Administrators set the two-approver limits (fund officers do not set their own controls). */
export const SETTINGS_ADMINS: readonly Role[] = ['admin'];

function english(): boolean {
  // Read from i18next itself rather than ./i18n, so this module loads outside a browser (its tests).
  return i18next.resolvedLanguage === 'en';
}

/** A call's (or award's, or proposal's call) title in the interface language. */
export function callTitle(call: { titleEn?: string; titleUk?: string; callTitleEn?: string; callTitleUk?: string }): string {
  const en = call.titleEn ?? call.callTitleEn ?? '';
  const uk = call.titleUk ?? call.callTitleUk ?? '';
  return english() ? en || uk : uk || en;
}

/** A call's text in the interface language. */
export function callText(call: Pick<FundCall, 'textEn' | 'textUk'>): string {
  return english() ? call.textEn : call.textUk;
}

/** A criterion's label in the interface language (its key when the call does not name it). */
export function criterionLabel(criteria: readonly CallCriterion[], key: string): string {
  const criterion = criteria.find((c) => c.key === key);
  if (!criterion) return key;
  return english() ? criterion.label.en : criterion.label.uk;
}

// --- Scores -------------------------------------------------------------------------------------

/** The scores an evaluator may give: 0–5 in steps of 0.5, as tenths. */
export const SCORE_TENTHS = [0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50] as const;

/** Tenths of a point as points in the interface language ("3.5", "3,5"). */
export function formatPoints(tenths: number, language: AmountLanguage): string {
  const text = `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`;
  return language === 'uk' ? text.replace('.', ',') : text;
}

/** A weighted score in thousandths of a point ("3.667"). */
export function formatWeighted(milli: number, language: AmountLanguage): string {
  const text = `${Math.trunc(milli / 1000)}.${String(Math.abs(milli % 1000)).padStart(3, '0')}`;
  return language === 'uk' ? text.replace('.', ',') : text;
}

/** Options of a score select: "0", "0.5" … "5". */
export function scoreOptions(language: AmountLanguage): { value: string; label: string }[] {
  return SCORE_TENTHS.map((tenths) => ({ value: String(tenths), label: formatPoints(tenths, language) }));
}

/** Points typed with at most one decimal ("2", "2.5", "2,5") as tenths (0–50), or null. */
export function parsePoints(text: string): number | null {
  const match = /^(\d)(?:[.,](\d))?$/.exec(text.trim());
  if (!match) return null;
  const tenths = Number(match[1]) * 10 + Number(match[2] ?? '0');
  return tenths > 50 ? null : tenths;
}

// --- The call form ------------------------------------------------------------------------------

let rowCounter = 0;
/** A key that keeps React's identity of a form row stable while rows are added and removed. */
export const nextRowKey = () => `row-${++rowCounter}`;

export interface CriterionValues {
  rowKey: string;
  key: string;
  labelUk: string;
  labelEn: string;
  weight: string;
  /** Minimum score in points ("2,5"). */
  threshold: string;
}

export interface CallValues {
  code: string;
  titleUk: string;
  titleEn: string;
  textUk: string;
  textEn: string;
  currency: CallCurrency;
  budget: string;
  capabilities: string[];
  eligibility: CallEligibility;
  /** `YYYY-MM-DDTHH:mm` in local time (a datetime-local input). */
  opensAt: string;
  closesAt: string;
  requiredDocuments: string[];
  criteria: CriterionValues[];
  overallThreshold: string;
  evaluatorsPerProposal: string;
  disagreementLimit: string;
  minPartialPercent: string;
}

/** A date as a datetime-local input shows it (local time, minutes). */
export function localDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function emptyCriterion(): CriterionValues {
  return { rowKey: nextRowKey(), key: '', labelUk: '', labelEn: '', weight: '1', threshold: '0' };
}

/** A new call's form: open from the next hour for a month, one empty criterion, the server's defaults. */
export function callValues(language: AmountLanguage, now = new Date()): CallValues {
  const opens = new Date(now);
  opens.setMinutes(0, 0, 0);
  opens.setHours(opens.getHours() + 1);
  const closes = new Date(opens);
  closes.setDate(closes.getDate() + 30);
  return {
    code: '',
    titleUk: '',
    titleEn: '',
    textUk: '',
    textEn: '',
    currency: 'UAH',
    budget: '',
    capabilities: [],
    eligibility: 'members',
    opensAt: localDateTime(opens),
    closesAt: localDateTime(closes),
    requiredDocuments: [],
    criteria: [emptyCriterion()],
    overallThreshold: formatPoints(25, language),
    evaluatorsPerProposal: '3',
    disagreementLimit: formatPoints(15, language),
    minPartialPercent: '50',
  };
}

const CODE = /^[a-z][a-z0-9_-]{1,40}$/;
const CRITERION_KEY = /^[a-z][a-z0-9_]{1,40}$/;
const DATETIME_LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

function integerIn(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/** Why a typed amount cannot be sent, or null; `zero` allows 0 (co-financing). */
export function moneyError(t: TFunction, text: string, currency: string, language: AmountLanguage, options: { required?: boolean; zero?: boolean } = {}): string | null {
  if (!text.trim()) return options.required === false ? null : t('validation.required');
  const parsed = parseMajorAmount(text, currency, language);
  if (!parsed.ok) {
    if (parsed.reason === 'precision') return t('validation.amountPrecision', { digits: minorDigits(currency) });
    if (parsed.reason === 'range') return t('validation.amountRange');
    return t('validation.amountFormat');
  }
  if (parsed.minor === 0 && !options.zero) return t('programs.validation.positive');
  return null;
}

function minorOf(text: string, currency: string, language: AmountLanguage): number {
  if (!text.trim()) return 0;
  const parsed = parseMajorAmount(text, currency, language);
  return parsed.ok ? parsed.minor : 0;
}

/** What is wrong with the call as typed, by form path (`criteria.0.key`); empty when it can be sent. */
export function callErrors(t: TFunction, values: CallValues, language: AmountLanguage): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!CODE.test(values.code.trim())) errors.code = t('programs.validation.code');
  for (const field of ['titleUk', 'titleEn', 'textUk', 'textEn'] as const) if (!values[field].trim()) errors[field] = t('validation.required');
  if (!(CALL_CURRENCIES as readonly string[]).includes(values.currency)) errors.currency = t('validation.required');
  const budget = moneyError(t, values.budget, values.currency, language);
  if (budget) errors.budget = budget;
  if (values.capabilities.length === 0) errors.capabilities = t('programs.validation.capabilities');
  if (!DATETIME_LOCAL.test(values.opensAt)) errors.opensAt = t('validation.required');
  if (!DATETIME_LOCAL.test(values.closesAt)) errors.closesAt = t('validation.required');
  else if (DATETIME_LOCAL.test(values.opensAt) && new Date(values.closesAt) <= new Date(values.opensAt)) errors.closesAt = t('programs.validation.closesAfterOpens');
  if (values.criteria.length === 0) errors.criteria = t('programs.validation.criteriaNone');
  if (values.criteria.length > 12) errors.criteria = t('programs.validation.criteriaTooMany');
  const seen = new Set<string>();
  values.criteria.forEach((row, index) => {
    const key = row.key.trim();
    if (!CRITERION_KEY.test(key)) errors[`criteria.${index}.key`] = t('programs.validation.criterionKey');
    else if (seen.has(key)) errors[`criteria.${index}.key`] = t('programs.validation.criterionKeyRepeated');
    seen.add(key);
    if (!row.labelUk.trim()) errors[`criteria.${index}.labelUk`] = t('validation.required');
    if (!row.labelEn.trim()) errors[`criteria.${index}.labelEn`] = t('validation.required');
    if (integerIn(row.weight, 1, 100) === null) errors[`criteria.${index}.weight`] = t('programs.validation.weight');
    if (parsePoints(row.threshold) === null) errors[`criteria.${index}.threshold`] = t('programs.validation.points');
  });
  if (parsePoints(values.overallThreshold) === null) errors.overallThreshold = t('programs.validation.points');
  if (parsePoints(values.disagreementLimit) === null) errors.disagreementLimit = t('programs.validation.points');
  if (integerIn(values.evaluatorsPerProposal, 1, 20) === null) errors.evaluatorsPerProposal = t('programs.validation.evaluators');
  if (integerIn(values.minPartialPercent, 0, 100) === null) errors.minPartialPercent = t('programs.validation.percent');
  return errors;
}

/** The call as the API takes it. Call after callErrors found nothing. */
export function callInput(values: CallValues, language: AmountLanguage): NewCall {
  return {
    code: values.code.trim(),
    titleUk: values.titleUk.trim(),
    titleEn: values.titleEn.trim(),
    textUk: values.textUk.trim(),
    textEn: values.textEn.trim(),
    currency: values.currency,
    budgetMinor: minorOf(values.budget, values.currency, language),
    capabilities: values.capabilities,
    eligibility: values.eligibility,
    opensAt: new Date(values.opensAt).toISOString(),
    closesAt: new Date(values.closesAt).toISOString(),
    requiredDocuments: values.requiredDocuments,
    criteria: values.criteria.map((row) => ({
      key: row.key.trim(),
      label: { uk: row.labelUk.trim(), en: row.labelEn.trim() },
      weight: Number(row.weight.trim()),
      thresholdTenths: parsePoints(row.threshold) ?? 0,
    })),
    overallThresholdTenths: parsePoints(values.overallThreshold) ?? 0,
    evaluatorsPerProposal: Number(values.evaluatorsPerProposal.trim()),
    disagreementLimitTenths: parsePoints(values.disagreementLimit) ?? 0,
    minPartialPercent: Number(values.minPartialPercent.trim()),
  };
}

/** The server's field path (`body.criteria.0.thresholdTenths`) as the call form's (`criteria.0.threshold`). */
export function callFormPath(field: string): string {
  const path = field.replace(/^\/+/, '').replace(/^body[./]/, '').replace(/\//g, '.');
  const renames: Record<string, string> = {
    budgetMinor: 'budget',
    overallThresholdTenths: 'overallThreshold',
    disagreementLimitTenths: 'disagreementLimit',
  };
  if (renames[path]) return renames[path];
  const criterion = /^criteria\.(\d+)\.(\w+)(?:\.(uk|en))?/.exec(path);
  if (criterion) {
    const [, index, field2, language] = criterion;
    const name = field2 === 'thresholdTenths' ? 'threshold' : field2 === 'label' ? (language === 'en' ? 'labelEn' : 'labelUk') : field2;
    return `criteria.${index}.${name}`;
  }
  return path.split('.')[0];
}

// --- The proposal form --------------------------------------------------------------------------

export interface CapacityValues {
  rowKey: string;
  capability: string;
  period: string;
  quantity: string;
}

export interface MilestoneValues {
  rowKey: string;
  deliverable: string;
  dueDate: string;
  amount: string;
}

export interface BudgetLineValues {
  rowKey: string;
  item: string;
  amount: string;
}

export interface ProposalValues {
  title: string;
  summary: string;
  requested: string;
  cofinancing: string;
  capacity: CapacityValues[];
  milestones: MilestoneValues[];
  budgetLines: BudgetLineValues[];
  documentIds: string[];
}

export const emptyCapacity = (): CapacityValues => ({ rowKey: nextRowKey(), capability: '', period: '', quantity: '' });
export const emptyMilestone = (): MilestoneValues => ({ rowKey: nextRowKey(), deliverable: '', dueDate: '', amount: '' });
export const emptyBudgetLine = (): BudgetLineValues => ({ rowKey: nextRowKey(), item: '', amount: '' });

/** The form's values for a stored proposal (or an empty one). */
export function proposalValues(proposal: FundProposal | undefined, currency: string): ProposalValues {
  const money = (minor: number) => minorToMajorString(minor, currency);
  if (!proposal) {
    return { title: '', summary: '', requested: '', cofinancing: '', capacity: [emptyCapacity()], milestones: [emptyMilestone()], budgetLines: [emptyBudgetLine()], documentIds: [] };
  }
  return {
    title: proposal.title,
    summary: proposal.summary ?? '',
    requested: money(proposal.requestedMinor),
    cofinancing: proposal.cofinancingMinor ? money(proposal.cofinancingMinor) : '',
    capacity: proposal.capacity.map((line) => ({ rowKey: nextRowKey(), capability: line.capability, period: line.period, quantity: String(line.quantity) })),
    milestones: proposal.milestones.map((m) => ({ rowKey: nextRowKey(), deliverable: m.deliverable, dueDate: m.dueDate, amount: money(m.amountMinor) })),
    budgetLines: proposal.budgetLines.map((b) => ({ rowKey: nextRowKey(), item: b.item, amount: money(b.amountMinor) })),
    documentIds: proposal.documentIds,
  };
}

const PERIOD = /^20\d\d(-Q[1-4])?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The sum of the milestone amounts as typed (the ones that parse), in minor units. */
export function milestoneTotal(values: ProposalValues, currency: string, language: AmountLanguage): number {
  return values.milestones.reduce((sum, m) => sum + minorOf(m.amount, currency, language), 0);
}

/** What is wrong with the proposal as typed, by form path; `milestonesTotal` when the milestones do not add up to the request. */
export function proposalErrors(t: TFunction, values: ProposalValues, currency: string, language: AmountLanguage): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = t('validation.required');
  const requested = moneyError(t, values.requested, currency, language);
  if (requested) errors.requested = requested;
  const cofinancing = moneyError(t, values.cofinancing, currency, language, { required: false, zero: true });
  if (cofinancing) errors.cofinancing = cofinancing;
  values.capacity.forEach((line, index) => {
    if (!line.capability) errors[`capacity.${index}.capability`] = t('validation.required');
    if (!PERIOD.test(line.period.trim())) errors[`capacity.${index}.period`] = t('programs.validation.period');
    if (integerIn(line.quantity, 1, 1_000_000_000) === null) errors[`capacity.${index}.quantity`] = t('programs.validation.quantity');
  });
  if (values.milestones.length === 0) errors.milestonesTotal = t('programs.validation.milestonesNone');
  values.milestones.forEach((m, index) => {
    if (!m.deliverable.trim()) errors[`milestones.${index}.deliverable`] = t('validation.required');
    if (!ISO_DATE.test(m.dueDate)) errors[`milestones.${index}.dueDate`] = t('validation.required');
    const amount = moneyError(t, m.amount, currency, language);
    if (amount) errors[`milestones.${index}.amount`] = amount;
  });
  values.budgetLines.forEach((line, index) => {
    if (!line.item.trim()) errors[`budgetLines.${index}.item`] = t('validation.required');
    const amount = moneyError(t, line.amount, currency, language);
    if (amount) errors[`budgetLines.${index}.amount`] = amount;
  });
  if (!requested && values.milestones.length > 0 && !values.milestones.some((_, index) => errors[`milestones.${index}.amount`])) {
    const total = milestoneTotal(values, currency, language);
    const wanted = minorOf(values.requested, currency, language);
    if (total !== wanted) errors.milestonesTotal = t('programs.validation.milestonesSum', { total: formatMoney(total, currency, language), requested: formatMoney(wanted, currency, language) });
  }
  return errors;
}

/** The proposal as the API takes it. Call after proposalErrors found nothing. */
export function proposalInput(values: ProposalValues, currency: string, language: AmountLanguage): ProposalInput {
  return {
    title: values.title.trim(),
    summary: values.summary.trim() || null,
    requestedMinor: minorOf(values.requested, currency, language),
    cofinancingMinor: minorOf(values.cofinancing, currency, language),
    capacity: values.capacity.map((line) => ({ capability: line.capability, period: line.period.trim(), quantity: Number(line.quantity.trim()) })),
    milestones: values.milestones.map((m) => ({ deliverable: m.deliverable.trim(), dueDate: m.dueDate, amountMinor: minorOf(m.amount, currency, language) })),
    budgetLines: values.budgetLines.map((line) => ({ item: line.item.trim(), amountMinor: minorOf(line.amount, currency, language) })),
    documentIds: values.documentIds,
  };
}

/** The server's field path (`body.milestones.1.amountMinor`) as the proposal form's. */
export function proposalFormPath(field: string): string {
  const path = field.replace(/^\/+/, '').replace(/^body[./]/, '').replace(/\//g, '.');
  if (path === 'requestedMinor') return 'requested';
  if (path === 'cofinancingMinor') return 'cofinancing';
  if (path === 'milestones') return 'milestonesTotal';
  const row = /^(capacity|milestones|budgetLines)\.(\d+)\.(\w+)/.exec(path);
  if (row) return `${row[1]}.${row[2]}.${row[3] === 'amountMinor' ? 'amount' : row[3]}`;
  return path.split('.')[0];
}
