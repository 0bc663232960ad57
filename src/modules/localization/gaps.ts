// Gap arithmetic, free of I/O so it can be checked by hand (gaps.test.ts). The rules, written down in
// docs/decisions/0013-localization.md:
// - A period is a year (`2027`) or a quarter (`2027-Q1`). A year's figure is the annual entry when
//   there is one, else the sum of the quarters entered for that year. A quarter has only its own entry.
// - A category's figure is its own entry when there is one, else the sum of its sub-categories'
//   figures (so a need entered for `uav` and for `uav.fpv` is not counted twice). Sub-categories
//   count in their top-level category's unit, so they add up.
// - Output is taken per company (so each company's share is known), from confirmed reports only.
// - Coverage = confirmed domestic output ÷ need; gap = need − output (negative: a surplus).
// - Forecast = output + the capacity that active awards have promised and not yet delivered.

/** A category of the taxonomy, as far as the arithmetic needs it. */
export interface CategoryNode {
  code: string;
  parentCode: string | null;
}

/** A year (`2027`) or a quarter (`2027-Q3`). */
export const PERIOD_PATTERN = /^20\d\d(-Q[1-4])?$/;

/** True for a quarter. */
export function isQuarter(period: string): boolean {
  return period.length === 7;
}

/** The year of a period. */
export function yearOf(period: string): number {
  return Number(period.slice(0, 4));
}

/** Periods in time order: a year sorts before its quarters. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A figure made of several bigints added together element by element. */
type Vector = bigint[];

function add(into: Vector | null, value: Vector): Vector {
  if (!into) return [...value];
  for (let i = 0; i < value.length; i++) into[i] = (into[i] ?? 0n) + (value[i] ?? 0n);
  return into;
}

/** Entries of one owner (a company, an award, or the whole program for needs) in one category, by period. */
type PeriodEntries = Map<string, Vector>;

/** The figure for a period: its own entry; for a year with none, the sum of its quarters; null when nothing was entered. */
export function periodFigure(entries: PeriodEntries | undefined, period: string): Vector | null {
  if (!entries) return null;
  const own = entries.get(period);
  if (own) return own;
  if (isQuarter(period)) return null;
  let sum: Vector | null = null;
  for (let q = 1; q <= 4; q++) {
    const quarter = entries.get(`${period}-Q${q}`);
    if (quarter) sum = add(sum, quarter);
  }
  return sum;
}

/** Children of each category code. */
export function childrenOf(categories: CategoryNode[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const category of categories) {
    if (!category.parentCode) continue;
    const list = children.get(category.parentCode) ?? [];
    list.push(category.code);
    children.set(category.parentCode, list);
  }
  return children;
}

/**
 * Figures of one owner for one period in every category: own entry, else the sum of the sub-categories.
 * `byCategory` holds the owner's entries per category code.
 */
export function rolledUp(categories: CategoryNode[], children: Map<string, string[]>, byCategory: Map<string, PeriodEntries>, period: string): Map<string, Vector> {
  const result = new Map<string, Vector>();
  const visit = (code: string): Vector | null => {
    const own = periodFigure(byCategory.get(code), period);
    let value: Vector | null = own ? [...own] : null;
    let fromChildren: Vector | null = null;
    for (const child of children.get(code) ?? []) {
      const childValue = visit(child);
      if (childValue) fromChildren = add(fromChildren, childValue);
    }
    value ??= fromChildren;
    if (value) result.set(code, value);
    return value;
  };
  for (const category of categories) if (!category.parentCode) visit(category.code);
  return result;
}

/** A need entered by an officer. */
export interface NeedFigure {
  category: string;
  period: string;
  quantity: bigint;
}

/** A confirmed capacity report. */
export interface OutputFigure {
  organizationId: string;
  category: string;
  period: string;
  domesticOutput: bigint;
  capacity: bigint;
  importedContentPct: number;
}

/** Capacity an award promised or delivered in one category and period. */
export interface AwardFigure {
  awardId: string;
  active: boolean;
  category: string;
  period: string;
  promised: bigint;
  delivered: bigint;
}

/** Everything the arithmetic reads. */
export interface GapInput {
  categories: CategoryNode[];
  needs: NeedFigure[];
  outputs: OutputFigure[];
  awards: AwardFigure[];
}

/** A company's figures in one category and period. */
export interface CompanyShare {
  domesticOutput: bigint;
  capacity: bigint;
  /** Σ output × imported content %, so an output-weighted average can be taken over any set. */
  importedWeighted: bigint;
}

/** The gap in one category and period. */
export interface Gap {
  need: bigint | null;
  domesticOutput: bigint;
  capacity: bigint;
  gap: bigint | null;
  /** Coverage in basis points (10000 = 100 %), rounded down; null without a positive need. */
  coverageBp: number | null;
  importedContentPct: number | null;
  companies: Map<string, CompanyShare>;
  awards: Map<string, { promised: bigint; delivered: bigint; active: boolean }>;
  /** Promised by active awards and not yet delivered. */
  outstandingPromised: bigint;
  forecastOutput: bigint;
  forecastCoverageBp: number | null;
}

/** Entries grouped by owner, then category, then period. */
function grouped<T>(items: T[], owner: (item: T) => string, category: (item: T) => string, period: (item: T) => string, vector: (item: T) => Vector): Map<string, Map<string, PeriodEntries>> {
  const result = new Map<string, Map<string, PeriodEntries>>();
  for (const item of items) {
    const byCategory = result.get(owner(item)) ?? new Map<string, PeriodEntries>();
    result.set(owner(item), byCategory);
    const entries = byCategory.get(category(item)) ?? new Map<string, Vector>();
    byCategory.set(category(item), entries);
    entries.set(period(item), add(entries.get(period(item)) ?? null, vector(item)));
  }
  return result;
}

/** Coverage in basis points, rounded down; null without a positive need. */
export function coverageBp(output: bigint, need: bigint | null): number | null {
  if (need === null || need <= 0n) return null;
  return Number((output * 10_000n) / need);
}

/** Output-weighted imported content, in whole percent rounded half up; null without output. */
export function weightedImportedPct(output: bigint, importedWeighted: bigint): number | null {
  if (output <= 0n) return null;
  return Number((importedWeighted * 2n + output) / (output * 2n));
}

/** The data prepared once and read for any number of periods. */
export interface GapModel {
  categories: CategoryNode[];
  children: Map<string, string[]>;
  needs: Map<string, PeriodEntries>;
  companies: Map<string, Map<string, PeriodEntries>>;
  awards: Map<string, Map<string, PeriodEntries>>;
  activeAwards: Set<string>;
}

/** Prepares the figures for gap calculations. */
export function gapModel(input: GapInput): GapModel {
  return {
    categories: input.categories,
    children: childrenOf(input.categories),
    needs: grouped(input.needs, () => 'program', (n) => n.category, (n) => n.period, (n) => [n.quantity]).get('program') ?? new Map(),
    companies: grouped(input.outputs, (o) => o.organizationId, (o) => o.category, (o) => o.period, (o) => [o.domesticOutput, o.capacity, o.domesticOutput * BigInt(o.importedContentPct)]),
    awards: grouped(input.awards, (a) => a.awardId, (a) => a.category, (a) => a.period, (a) => [a.promised, a.delivered]),
    activeAwards: new Set(input.awards.filter((a) => a.active).map((a) => a.awardId)),
  };
}

/** The gap in every category for one period. */
export function gapsFor(model: GapModel, period: string): Map<string, Gap> {
  const gaps = new Map<string, Gap>();
  const gapOf = (code: string): Gap => {
    let gap = gaps.get(code);
    if (!gap) {
      gap = { need: null, domesticOutput: 0n, capacity: 0n, gap: null, coverageBp: null, importedContentPct: null, companies: new Map(), awards: new Map(), outstandingPromised: 0n, forecastOutput: 0n, forecastCoverageBp: null };
      gaps.set(code, gap);
    }
    return gap;
  };
  for (const category of model.categories) gapOf(category.code);

  for (const [code, [quantity]] of rolledUp(model.categories, model.children, model.needs, period)) gapOf(code).need = quantity ?? 0n;
  for (const [organizationId, byCategory] of model.companies) {
    for (const [code, [output = 0n, capacity = 0n, importedWeighted = 0n]] of rolledUp(model.categories, model.children, byCategory, period)) {
      const gap = gapOf(code);
      gap.companies.set(organizationId, { domesticOutput: output, capacity, importedWeighted });
      gap.domesticOutput += output;
      gap.capacity += capacity;
    }
  }
  for (const [awardId, byCategory] of model.awards) {
    const active = model.activeAwards.has(awardId);
    for (const [code, [promised = 0n, delivered = 0n]] of rolledUp(model.categories, model.children, byCategory, period)) {
      const gap = gapOf(code);
      gap.awards.set(awardId, { promised, delivered, active });
      if (active && promised > delivered) gap.outstandingPromised += promised - delivered;
    }
  }
  for (const gap of gaps.values()) {
    const importedWeighted = [...gap.companies.values()].reduce((sum, share) => sum + share.importedWeighted, 0n);
    gap.importedContentPct = weightedImportedPct(gap.domesticOutput, importedWeighted);
    gap.gap = gap.need === null ? null : gap.need - gap.domesticOutput;
    gap.coverageBp = coverageBp(gap.domesticOutput, gap.need);
    gap.forecastOutput = gap.domesticOutput + gap.outstandingPromised;
    gap.forecastCoverageBp = coverageBp(gap.forecastOutput, gap.need);
  }
  return gaps;
}

/** Every period with a need, a confirmed report or an award figure, at one granularity, in order. */
export function periodsOf(input: GapInput, granularity: 'year' | 'quarter'): string[] {
  const periods = new Set<string>();
  for (const item of [...input.needs, ...input.outputs, ...input.awards]) {
    if (granularity === 'year') periods.add(String(yearOf(item.period)));
    else if (isQuarter(item.period)) periods.add(item.period);
  }
  return [...periods].sort(comparePeriods);
}
