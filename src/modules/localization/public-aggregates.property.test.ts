import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompanyShare } from './gaps.ts';
import { type CategoryYears, SUPPRESSED, mergeShares, passesDisclosureRule, publicCategory, roundQuantity } from './public-aggregates.ts';

// An attacker sees everything public about a category: each published year, the all-years total and
// the fact that total = Σ years. The only figures that can be worked out are the published ones and
// total − Σ published years (the hidden years together). Every one of them must rest on at least
// three companies with none above 70 %, so no hidden company figure can be recovered.

const share = (output: number, extra: number, pct = 0): CompanyShare => ({ domesticOutput: BigInt(output), capacity: BigInt(output + extra), importedWeighted: BigInt(output * pct) });

const arbitraryCategory = fc
  .record({
    companies: fc.integer({ min: 1, max: 6 }),
    years: fc.uniqueArray(fc.integer({ min: 2022, max: 2028 }), { minLength: 1, maxLength: 5 }),
    // Sizes mix small firms with a dominant one, so both rules are exercised.
    cells: fc.array(fc.record({ company: fc.nat(5), year: fc.nat(4), output: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1_000, max: 1_000_000 })), extra: fc.integer({ min: 0, max: 5_000 }) }), { maxLength: 30 }),
    need: fc.option(fc.integer({ min: 1, max: 2_000_000 })),
  })
  .map(({ companies, years, cells, need }) => {
    const byYear = new Map<number, { shares: Map<string, CompanyShare>; need: bigint | null }>();
    for (const year of years) byYear.set(year, { shares: new Map(), need: need === null ? null : BigInt(need) });
    for (const cell of cells) {
      const year = years[cell.year % years.length]!;
      byYear.get(year)!.shares.set(`c${cell.company % companies}`, share(cell.output, cell.extra));
    }
    return { input: { code: 'x', years: byYear } satisfies CategoryYears, years };
  });

/** Every figure an attacker can work out from the public table, with the companies it rests on. */
function derivableFigures(input: CategoryYears, table: ReturnType<typeof publicCategory>): Array<{ what: string; shares: Map<string, CompanyShare> }> {
  const sharesOf = (year: number) => input.years.get(year)?.shares ?? new Map<string, CompanyShare>();
  const figures = table.years.filter((cell) => cell.status === 'published').map((cell) => ({ what: `year ${cell.year}`, shares: sharesOf(cell.year) }));
  if (table.total.domesticOutput !== SUPPRESSED) {
    figures.push({ what: 'total', shares: mergeShares([...input.years.values()].map((y) => y.shares)) });
    const hidden = table.years.filter((cell) => cell.status === 'suppressed');
    if (hidden.length > 0) figures.push({ what: `total − published (${hidden.map((c) => c.year).join(', ')})`, shares: mergeShares(hidden.map((cell) => sharesOf(cell.year))) });
  }
  return figures;
}

describe('public localization aggregates', () => {
  it('no figure the public can derive rests on fewer than three companies or on one above 70 %', () => {
    fc.assert(
      fc.property(arbitraryCategory, ({ input, years }) => {
        const table = publicCategory(input, years);
        // A figure no company reported in reveals nothing about any company.
        for (const figure of derivableFigures(input, table).filter((f) => f.shares.size > 0)) {
          expect(passesDisclosureRule(figure.shares.values()), `${figure.what} is derivable`).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a hidden year shows no number at all, and the only-one-hidden-year attack never works', () => {
    fc.assert(
      fc.property(arbitraryCategory, ({ input, years }) => {
        const table = publicCategory(input, years);
        const hidden = table.years.filter((cell) => cell.status === 'suppressed');
        for (const cell of hidden) {
          expect([cell.companies, cell.domesticOutput, cell.capacity, cell.importedContentPercent, cell.coverage].every((v) => v === SUPPRESSED)).toBe(true);
        }
        // total − Σ published = the one hidden year, exactly, if the total were published: must not happen
        // unless that year passes the rule on its own (then it was hidden only as a complement).
        if (hidden.length === 1 && table.total.domesticOutput !== SUPPRESSED) {
          expect(passesDisclosureRule(input.years.get(hidden[0]!.year)!.shares.values())).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('hand cases: three balanced companies publish; two, or one dominant, suppress; the complement is hidden too', () => {
    const years = [2025, 2026];
    const balanced = new Map([['a', share(100, 0)], ['b', share(100, 0)], ['c', share(100, 0)]]);
    const dominated = new Map([['a', share(800, 0)], ['b', share(100, 0)], ['c', share(100, 0)]]);
    const two = new Map([['a', share(100, 0)], ['b', share(100, 0)]]);
    expect(publicCategory({ code: 'x', years: new Map([[2025, { shares: balanced, need: 600n }]]) }, [2025]).years[0]).toMatchObject({ status: 'published', companies: 3, domesticOutput: 300, coverage: '50_to_75' });
    expect(publicCategory({ code: 'x', years: new Map([[2025, { shares: dominated, need: null }]]) }, [2025]).years[0]!.status).toBe('suppressed');
    // 2025 has two companies (hidden); 2026 balanced: total − 2026 would reveal 2025, so 2026 is hidden
    // too, and since the two years together still rest on the same three companies the total stays.
    const table = publicCategory({ code: 'x', years: new Map([[2025, { shares: two, need: null }], [2026, { shares: balanced, need: null }]]) }, years);
    expect(table.years.map((c) => c.status)).toEqual(['suppressed', 'suppressed']);
    expect(table.total).toEqual({ domesticOutput: 500, capacity: 500 });
    expect(publicCategory({ code: 'x', years: new Map() }, [2025]).years[0]!.status).toBe('no_reports');
  });

  it('rounds quantities to two significant figures, at least to tens', () => {
    expect([0n, 4n, 5n, 56n, 155n, 1234n, 98_765n, 1_250_000n].map(roundQuantity)).toEqual([0, 0, 10, 60, 160, 1200, 99_000, 1_300_000]);
  });
});
