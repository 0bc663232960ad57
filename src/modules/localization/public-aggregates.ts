import type { CompanyShare } from './gaps.ts';

// What the public may see of capacity (docs/decisions/0013-localization.md): per top-level category
// and year only, with statistical disclosure control:
// - primary suppression: a cell is hidden when fewer than three companies reported in it, or one
//   company makes up more than 70 % of its domestic output or of its capacity;
// - complementary suppression: each category also has an all-years total, and total minus the
//   published years gives the sum of the hidden years. That sum must itself pass the rule above;
//   when it does not, the smallest published years are hidden too, and when even that is not enough
//   the total is hidden;
// - quantities are rounded to two significant figures (at least to tens);
// - a hidden cell shows "suppressed" in every figure, never why: the reason (one or two companies,
//   or one dominant company) would itself say something about them.
// Coverage is shown only as a band, since the need behind it is restricted.

/** Fewer contributing companies than this and a figure is suppressed. */
export const MIN_COMPANIES = 3;
/** A company above this share (percent) of a figure suppresses it. */
export const DOMINANCE_LIMIT_PERCENT = 70;

/** What every suppressed figure reads. */
export const SUPPRESSED = 'suppressed' as const;

/** Coverage bands published instead of a percentage. */
export const COVERAGE_BANDS = ['below_25', '25_to_50', '50_to_75', '75_to_100', '100_or_more'] as const;
export type CoverageBand = (typeof COVERAGE_BANDS)[number];

/** The band of a coverage in basis points. */
export function coverageBand(bp: number): CoverageBand {
  if (bp >= 10_000) return '100_or_more';
  if (bp >= 7_500) return '75_to_100';
  if (bp >= 5_000) return '50_to_75';
  if (bp >= 2_500) return '25_to_50';
  return 'below_25';
}

/** A quantity rounded half up to two significant figures, and at least to tens. */
export function roundQuantity(value: bigint): number {
  const digits = value.toString().length;
  const base = 10n ** BigInt(Math.max(1, digits - 2));
  return Number(((value + base / 2n) / base) * base);
}

/** True when a figure built from these companies' shares may be published. */
export function passesDisclosureRule(shares: Iterable<CompanyShare>): boolean {
  const list = [...shares];
  if (list.length < MIN_COMPANIES) return false;
  for (const measure of ['domesticOutput', 'capacity'] as const) {
    const total = list.reduce((sum, share) => sum + share[measure], 0n);
    const largest = list.reduce((max, share) => (share[measure] > max ? share[measure] : max), 0n);
    if (largest * 100n > total * BigInt(DOMINANCE_LIMIT_PERCENT)) return false;
  }
  return true;
}

/** The companies' shares of several cells added up per company. */
export function mergeShares(cells: Array<Map<string, CompanyShare>>): Map<string, CompanyShare> {
  const merged = new Map<string, CompanyShare>();
  for (const cell of cells) {
    for (const [id, share] of cell) {
      const into = merged.get(id) ?? { domesticOutput: 0n, capacity: 0n, importedWeighted: 0n };
      merged.set(id, { domesticOutput: into.domesticOutput + share.domesticOutput, capacity: into.capacity + share.capacity, importedWeighted: into.importedWeighted + share.importedWeighted });
    }
  }
  return merged;
}

/** One top-level category's confidential input: each year's shares per company, and its need per year. */
export interface CategoryYears {
  code: string;
  years: Map<number, { shares: Map<string, CompanyShare>; need: bigint | null }>;
}

/** A published or suppressed year of a category. */
export type PublicCell =
  | { year: number; status: 'no_reports'; companies: 0; domesticOutput: null; capacity: null; importedContentPercent: null; coverage: null }
  | { year: number; status: 'published'; companies: number; domesticOutput: number; capacity: number; importedContentPercent: number | null; coverage: CoverageBand | null }
  | { year: number; status: 'suppressed'; companies: typeof SUPPRESSED; domesticOutput: typeof SUPPRESSED; capacity: typeof SUPPRESSED; importedContentPercent: typeof SUPPRESSED; coverage: typeof SUPPRESSED };

/** A category's published years and all-years total. */
export interface PublicCategory {
  code: string;
  years: PublicCell[];
  total: { domesticOutput: number | typeof SUPPRESSED; capacity: number | typeof SUPPRESSED };
}

function sumOf(shares: Map<string, CompanyShare>, measure: keyof CompanyShare): bigint {
  let sum = 0n;
  for (const share of shares.values()) sum += share[measure];
  return sum;
}

/** The public table of one category over the given years, with primary and complementary suppression. */
export function publicCategory(input: CategoryYears, years: number[]): PublicCategory {
  const cells = years.map((year) => ({ year, shares: input.years.get(year)?.shares ?? new Map<string, CompanyShare>(), need: input.years.get(year)?.need ?? null }));
  const hidden = new Set(cells.filter((cell) => cell.shares.size > 0 && !passesDisclosureRule(cell.shares.values())).map((cell) => cell.year));

  const allYears = mergeShares(cells.map((cell) => cell.shares));
  let totalPublished = allYears.size === 0 || passesDisclosureRule(allYears.values());
  if (totalPublished && hidden.size > 0) {
    // Total minus the published years reveals the hidden years' sum: it must pass the rule as well.
    const candidates = cells.filter((cell) => cell.shares.size > 0 && !hidden.has(cell.year)).sort((a, b) => (sumOf(a.shares, 'domesticOutput') < sumOf(b.shares, 'domesticOutput') ? -1 : sumOf(a.shares, 'domesticOutput') > sumOf(b.shares, 'domesticOutput') ? 1 : a.year - b.year));
    const hiddenUnion = () => mergeShares(cells.filter((cell) => hidden.has(cell.year)).map((cell) => cell.shares));
    while (!passesDisclosureRule(hiddenUnion().values()) && candidates.length > 0) hidden.add(candidates.shift()!.year);
    if (!passesDisclosureRule(hiddenUnion().values())) totalPublished = false;
  }

  return {
    code: input.code,
    years: cells.map((cell): PublicCell => {
      if (cell.shares.size === 0) return { year: cell.year, status: 'no_reports', companies: 0, domesticOutput: null, capacity: null, importedContentPercent: null, coverage: null };
      if (hidden.has(cell.year)) return { year: cell.year, status: 'suppressed', companies: SUPPRESSED, domesticOutput: SUPPRESSED, capacity: SUPPRESSED, importedContentPercent: SUPPRESSED, coverage: SUPPRESSED };
      const output = sumOf(cell.shares, 'domesticOutput');
      // Nearest multiple of 5 of Σ(output × %) ÷ Σ output.
      const imported = output > 0n ? Number((sumOf(cell.shares, 'importedWeighted') * 2n + output * 5n) / (output * 10n)) * 5 : null;
      return {
        year: cell.year,
        status: 'published',
        companies: cell.shares.size,
        domesticOutput: roundQuantity(output),
        capacity: roundQuantity(sumOf(cell.shares, 'capacity')),
        importedContentPercent: imported,
        coverage: cell.need !== null && cell.need > 0n ? coverageBand(Number((output * 10_000n) / cell.need)) : null,
      };
    }),
    total: totalPublished
      ? { domesticOutput: roundQuantity(sumOf(allYears, 'domesticOutput')), capacity: roundQuantity(sumOf(allYears, 'capacity')) }
      : { domesticOutput: SUPPRESSED, capacity: SUPPRESSED },
  };
}
