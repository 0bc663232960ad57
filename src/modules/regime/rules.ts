// Eligibility rules as data: a criterion is a typed comparison of one fact about a company with a
// threshold. Evaluation is exact (integers and decimal strings become fractions of BigInts), so a
// value exactly at a threshold is never lost to floating point: 75 % of a revenue is 75 %.

/** The type of a fact, which decides the operators and threshold a criterion may use. */
export type FactType = 'boolean' | 'integer' | 'percent' | 'money';

/** Where a fact comes from: the company's figures, or the platform's own records about it. */
export type FactSource = 'figures' | 'registry' | 'screening' | 'documents';

interface FactDefinition {
  type: FactType;
  source: FactSource;
  label: { en: string; uk: string };
}

/** Every fact a criterion can test. The figures are those of an application or annual report. */
export const RULE_FACTS = {
  hostCountryLegalEntity: { type: 'boolean', source: 'registry', label: { en: 'Legal entity registered in Ukraine', uk: 'Юридична особа, зареєстрована в Україні' } },
  defenseIncomeSharePct: { type: 'percent', source: 'figures', label: { en: 'Share of qualified defense income in revenue, %', uk: 'Частка кваліфікованого оборонного доходу у виручці, %' } },
  employees: { type: 'integer', source: 'figures', label: { en: 'Employees', uk: 'Кількість працівників' } },
  averageMonthlyWage: { type: 'money', source: 'figures', label: { en: 'Average monthly wage', uk: 'Середня місячна заробітна плата' } },
  confirmedSanctionsHit: { type: 'boolean', source: 'screening', label: { en: 'Confirmed sanctions hit (organization, owners, officers)', uk: 'Підтверджений збіг із санкційними списками (організація, власники, керівники)' } },
  stateOwnershipPct: { type: 'percent', source: 'figures', label: { en: 'State ownership, %', uk: 'Частка держави у статутному капіталі, %' } },
  beneficialOwnersDisclosed: { type: 'boolean', source: 'registry', label: { en: 'Beneficial owners disclosed', uk: 'Кінцевих бенефіціарних власників розкрито' } },
  auditorReportAttached: { type: 'boolean', source: 'documents', label: { en: "Independent auditor's report attached", uk: 'Додано звіт незалежного аудитора' } },
  localContentPct: { type: 'percent', source: 'figures', label: { en: 'Local content, %', uk: 'Рівень локалізації, %' } },
  revenue: { type: 'money', source: 'figures', label: { en: 'Revenue', uk: 'Виручка' } },
  investment: { type: 'money', source: 'figures', label: { en: 'Investment', uk: 'Інвестиції' } },
  reinvestedProfit: { type: 'money', source: 'figures', label: { en: 'Reinvested profit', uk: 'Реінвестований прибуток' } },
} as const satisfies Record<string, FactDefinition>;

/** The name of a fact. */
export type FactName = keyof typeof RULE_FACTS;
export const FACT_NAMES = Object.keys(RULE_FACTS) as [FactName, ...FactName[]];

export const OPERATORS = ['gte', 'gt', 'lte', 'lt', 'eq', 'ne'] as const;
export type Operator = (typeof OPERATORS)[number];
const OPERATOR_TEXT: Record<Operator, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<', eq: '=', ne: '≠' };

/** One named criterion of a rule set. Thresholds are decimal strings (`"75"`, `"1200.50"`) or booleans. */
export interface Criterion {
  key: string;
  label: { en: string; uk: string };
  fact: FactName;
  op: Operator;
  /** A boolean for boolean facts; a decimal string otherwise (money in major units of `currency`). */
  value: boolean | string;
  /** Money only: the currency of the threshold. */
  currency?: string;
  /** Money only: stated rates, units of `currency` per one unit of another currency (`{"EUR": "45.10"}`). */
  rates?: Record<string, string>;
}

/** What a company's figures say, each value as the company gave it (null when not given). */
export interface Figures {
  currency: string | null;
  revenueMinor: number | null;
  qualifiedDefenseIncomeMinor: number | null;
  employees: number | null;
  averageMonthlyWageMinor: number | null;
  stateOwnershipPct: string | null;
  localContentPct: string | null;
  investmentMinor: number | null;
  reinvestedProfitMinor: number | null;
}

/** Facts the platform knows itself: from the registry, the screening and the attached documents. */
export interface RecordFacts {
  hostCountryLegalEntity: boolean | null;
  confirmedSanctionsHit: boolean | null;
  beneficialOwnersDisclosed: boolean | null;
  auditorReportAttached: boolean | null;
}

export type Outcome = 'pass' | 'fail' | 'missing';

/** The result of one criterion, with the values used, so a decision can be explained. */
export interface CriterionResult {
  key: string;
  label: { en: string; uk: string };
  fact: FactName;
  outcome: Outcome;
  /** The threshold, as readable text (`≥ 75 %`, `≥ 20000.00 UAH`, `= no`). */
  expected: string;
  /** The value used, as readable text; null when missing. */
  actual: string | null;
  note: string | null;
}

/** The result of a rule set: fail when any criterion fails, else missing when any lacks evidence, else pass. */
export interface Evaluation {
  outcome: Outcome;
  ruleSetId: string;
  ruleSetVersion: number;
  evaluatedAt: string;
  criteria: CriterionResult[];
}

/** An exact non-negative or negative fraction. */
interface Fraction {
  num: bigint;
  den: bigint;
}

const DECIMAL = /^-?\d{1,15}(\.\d{1,6})?$/;

/** True when the text is a decimal the rules accept (at most 15 digits before and 6 after the point). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

function decimalFraction(text: string): Fraction {
  if (!DECIMAL.test(text)) throw new Error(`not a decimal: ${text}`);
  const negative = text.startsWith('-');
  const [whole, part = ''] = (negative ? text.slice(1) : text).split('.');
  const den = 10n ** BigInt(part.length);
  const num = BigInt(whole) * den + BigInt(part || '0');
  return { num: negative ? -num : num, den };
}

function compare(a: Fraction, b: Fraction): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0 : left < right ? -1 : 1;
}

function holds(op: Operator, comparison: number): boolean {
  switch (op) {
    case 'gte':
      return comparison >= 0;
    case 'gt':
      return comparison > 0;
    case 'lte':
      return comparison <= 0;
    case 'lt':
      return comparison < 0;
    case 'eq':
      return comparison === 0;
    case 'ne':
      return comparison !== 0;
  }
}

/** A fraction as a decimal text with at most `digits` places (for showing the value used). */
function fractionText(value: Fraction, digits = 2): string {
  const scale = 10n ** BigInt(digits);
  const negative = value.num < 0n !== value.den < 0n;
  const num = value.num < 0n ? -value.num : value.num;
  const den = value.den < 0n ? -value.den : value.den;
  // Rounded half up, so 74.995 shows as 75.00 while the comparison itself stays exact.
  const scaled = (num * scale * 2n + den) / (den * 2n);
  const whole = scaled / scale;
  const part = (scaled % scale).toString().padStart(digits, '0');
  return `${negative && scaled !== 0n ? '-' : ''}${whole}${digits > 0 ? `.${part}` : ''}`;
}

function minorText(minor: number): string {
  return fractionText({ num: BigInt(minor), den: 100n });
}

/** The problems with a criterion's shape for its fact (empty when it is well formed). */
export function criterionProblems(criterion: Criterion): string[] {
  const fact = RULE_FACTS[criterion.fact];
  if (!fact) return [`unknown fact ${String(criterion.fact)}`];
  const problems: string[] = [];
  if (fact.type === 'boolean') {
    if (typeof criterion.value !== 'boolean') problems.push(`${criterion.fact} is yes/no: the value must be true or false`);
    if (criterion.op !== 'eq' && criterion.op !== 'ne') problems.push(`${criterion.fact} is yes/no: use eq or ne`);
  } else {
    if (typeof criterion.value !== 'string' || !isDecimal(criterion.value)) problems.push(`${criterion.fact} needs a decimal value such as "75" or "1200.50"`);
    else if (fact.type === 'percent' && (compare(decimalFraction(criterion.value), { num: 0n, den: 1n }) < 0 || compare(decimalFraction(criterion.value), { num: 100n, den: 1n }) > 0)) {
      problems.push(`${criterion.fact} is a percentage: the value must be between 0 and 100`);
    } else if (fact.type === 'integer' && !/^-?\d+$/.test(criterion.value)) problems.push(`${criterion.fact} is a count: the value must be a whole number`);
  }
  if (fact.type === 'money') {
    if (!criterion.currency) problems.push(`${criterion.fact} is money: give the currency of the threshold`);
    for (const [currency, rate] of Object.entries(criterion.rates ?? {})) {
      if (!isDecimal(rate) || decimalFraction(rate).num <= 0n) problems.push(`the rate for ${currency} must be a positive decimal`);
    }
  } else if (criterion.currency !== undefined || criterion.rates !== undefined) {
    problems.push(`${criterion.fact} is not money: remove currency and rates`);
  }
  return problems;
}

function expectedText(criterion: Criterion): string {
  const op = OPERATOR_TEXT[criterion.op];
  const fact = RULE_FACTS[criterion.fact];
  if (fact.type === 'boolean') return `${op} ${criterion.value ? 'yes' : 'no'}`;
  if (fact.type === 'percent') return `${op} ${criterion.value} %`;
  if (fact.type === 'money') return `${op} ${criterion.value} ${criterion.currency}`;
  return `${op} ${criterion.value}`;
}

/** The value of a fact for a company, as a fraction (numbers) or boolean; null when not given; a note when it cannot be used. */
function factValue(fact: FactName, figures: Figures, records: RecordFacts): { value: Fraction | boolean | null; text: string | null; currency?: string; note?: string } {
  const money = (minor: number | null) =>
    minor === null || figures.currency === null ? { value: null, text: null } : { value: { num: BigInt(minor), den: 100n }, text: `${minorText(minor)} ${figures.currency}`, currency: figures.currency };
  const percent = (text: string | null) => (text === null ? { value: null, text: null } : { value: decimalFraction(text), text: `${text} %` });
  switch (fact) {
    case 'hostCountryLegalEntity':
    case 'confirmedSanctionsHit':
    case 'beneficialOwnersDisclosed':
    case 'auditorReportAttached': {
      const value = records[fact];
      return { value, text: value === null ? null : value ? 'yes' : 'no' };
    }
    case 'defenseIncomeSharePct': {
      const income = figures.qualifiedDefenseIncomeMinor;
      const revenue = figures.revenueMinor;
      if (income === null || revenue === null) return { value: null, text: null };
      if (revenue === 0) return { value: null, text: null, note: 'revenue is zero: the share is undefined' };
      const share = { num: BigInt(income) * 100n, den: BigInt(revenue) };
      return { value: share, text: `${fractionText(share)} % (${minorText(income)} of ${minorText(revenue)})` };
    }
    case 'employees':
      return figures.employees === null ? { value: null, text: null } : { value: { num: BigInt(figures.employees), den: 1n }, text: String(figures.employees) };
    case 'averageMonthlyWage':
      return money(figures.averageMonthlyWageMinor);
    case 'revenue':
      return money(figures.revenueMinor);
    case 'investment':
      return money(figures.investmentMinor);
    case 'reinvestedProfit':
      return money(figures.reinvestedProfitMinor);
    case 'stateOwnershipPct':
      return percent(figures.stateOwnershipPct);
    case 'localContentPct':
      return percent(figures.localContentPct);
  }
}

/** Evaluates one criterion against a company's figures and the platform's records. */
export function evaluateCriterion(criterion: Criterion, figures: Figures, records: RecordFacts): CriterionResult {
  const base = { key: criterion.key, label: criterion.label, fact: criterion.fact, expected: expectedText(criterion) };
  const fact = factValue(criterion.fact, figures, records);
  if (fact.value === null) return { ...base, outcome: 'missing', actual: null, note: fact.note ?? 'not given' };
  if (typeof fact.value === 'boolean') {
    const equal = fact.value === criterion.value;
    return { ...base, outcome: (criterion.op === 'eq' ? equal : !equal) ? 'pass' : 'fail', actual: fact.text, note: null };
  }
  let actual = fact.value;
  let note: string | null = null;
  if (RULE_FACTS[criterion.fact].type === 'money' && fact.currency !== criterion.currency) {
    const rate = criterion.rates?.[fact.currency ?? ''];
    if (!rate) return { ...base, outcome: 'missing', actual: fact.text, note: `the rule set states no rate from ${fact.currency} to ${criterion.currency}` };
    const r = decimalFraction(rate);
    actual = { num: actual.num * r.num, den: actual.den * r.den };
    note = `converted at 1 ${fact.currency} = ${rate} ${criterion.currency}: ${fractionText(actual)} ${criterion.currency}`;
  }
  const outcome = holds(criterion.op, compare(actual, decimalFraction(criterion.value as string))) ? 'pass' : 'fail';
  return { ...base, outcome, actual: fact.text, note };
}

/** Evaluates every criterion of a rule set. */
export function evaluateRuleSet(ruleSet: { id: string; version: number; criteria: Criterion[] }, figures: Figures, records: RecordFacts, at = new Date()): Evaluation {
  const criteria = ruleSet.criteria.map((criterion) => evaluateCriterion(criterion, figures, records));
  const outcome: Outcome = criteria.some((c) => c.outcome === 'fail') ? 'fail' : criteria.some((c) => c.outcome === 'missing') ? 'missing' : 'pass';
  return { outcome, ruleSetId: ruleSet.id, ruleSetVersion: ruleSet.version, evaluatedAt: at.toISOString(), criteria };
}
