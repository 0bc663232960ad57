import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RankingInput, rankProposals } from './ranking.ts';

// Whatever the scores, requests and budget: the money awarded never exceeds the budget, nothing below
// a threshold is funded, and a fundable proposal is passed over only when the money left could not
// cover it (nor the minimum partial share of it).

const KEYS = ['capacity', 'price', 'time', 'local_content', 'readiness'];

const arbInput: fc.Arbitrary<RankingInput> = fc
  .record({
    budgetMinor: fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    overallThresholdTenths: fc.integer({ min: 0, max: 50 }),
    minPartialPercent: fc.integer({ min: 0, max: 100 }),
    criteria: fc.uniqueArray(
      fc.record({ key: fc.constantFrom(...KEYS), weight: fc.integer({ min: 1, max: 10 }), thresholdTenths: fc.integer({ min: 0, max: 50 }) }),
      { minLength: 1, maxLength: 5, selector: (c) => c.key },
    ),
    proposals: fc.uniqueArray(
      fc.record({
        id: fc.uuid(),
        requestedMinor: fc.bigInt({ min: 1n, max: 5_000_000_000n }),
        submittedAt: fc.date({ min: new Date('2026-01-01'), max: new Date('2026-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
        scoresTenths: fc.record(Object.fromEntries(KEYS.map((k) => [k, fc.integer({ min: 0, max: 10 }).map((half) => half * 5)]))),
      }),
      { maxLength: 30, selector: (p) => p.id },
    ),
  })
  .map((input) => input as RankingInput);

describe('ranking within the budget', () => {
  it('never exceeds the budget and never funds a proposal below a threshold', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = rankProposals(input);
        const awarded = result.proposals.reduce((sum, p) => sum + p.awardedMinor, 0n);
        expect(awarded).toBe(result.fundedMinor);
        expect(awarded <= input.budgetMinor).toBe(true);
        expect(result.remainingMinor).toBe(input.budgetMinor - awarded);
        const byId = new Map(input.proposals.map((p) => [p.id, p]));
        for (const ranked of result.proposals) {
          const proposal = byId.get(ranked.id)!;
          expect(ranked.awardedMinor <= proposal.requestedMinor).toBe(true);
          if (ranked.awardedMinor > 0n) {
            for (const c of input.criteria) expect(proposal.scoresTenths[c.key] >= c.thresholdTenths).toBe(true);
            expect(ranked.weightedScoreMilli * 1 >= input.overallThresholdTenths * 100 - 1).toBe(true);
            expect(ranked.outcome === 'funded' ? ranked.awardedMinor === proposal.requestedMinor : ranked.outcome === 'partially_funded').toBe(true);
          }
          if (ranked.outcome === 'below_threshold') expect(ranked.failedThresholds.length).toBeGreaterThan(0);
        }
        expect(result.proposals.length).toBe(input.proposals.length);
      }),
      { numRuns: 500 },
    );
  });

  it('passes over a fundable proposal only when the money left at its turn could not cover it', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const result = rankProposals(input);
        const byId = new Map(input.proposals.map((p) => [p.id, p]));
        let remaining = input.budgetMinor;
        const ranked = result.proposals.filter((p) => p.rank !== null);
        ranked.forEach((p, index) => expect(p.rank).toBe(index + 1));
        for (const p of ranked) {
          const request = byId.get(p.id)!.requestedMinor;
          if (p.outcome === 'reserve') {
            expect(request > remaining).toBe(true);
            expect(remaining === 0n || input.minPartialPercent === 100 || remaining * 100n < request * BigInt(input.minPartialPercent)).toBe(true);
          }
          remaining -= p.awardedMinor;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('ranks by weighted score, breaking ties by the smaller request, then the earlier submission', () => {
    const criteria = [
      { key: 'capacity', weight: 3, thresholdTenths: 20 },
      { key: 'price', weight: 1, thresholdTenths: 0 },
    ];
    const result = rankProposals({
      budgetMinor: 1_000n,
      overallThresholdTenths: 25,
      minPartialPercent: 50,
      criteria,
      proposals: [
        { id: 'a', requestedMinor: 600n, submittedAt: '2026-03-01T00:00:00Z', scoresTenths: { capacity: 40, price: 20 } }, // (120+20)/4 = 35
        { id: 'b', requestedMinor: 300n, submittedAt: '2026-03-02T00:00:00Z', scoresTenths: { capacity: 40, price: 20 } }, // 35, smaller request
        { id: 'c', requestedMinor: 300n, submittedAt: '2026-03-01T00:00:00Z', scoresTenths: { capacity: 30, price: 50 } }, // (90+50)/4 = 35, earlier
        { id: 'd', requestedMinor: 100n, submittedAt: '2026-03-01T00:00:00Z', scoresTenths: { capacity: 15, price: 50 } }, // capacity below 2.0
        { id: 'e', requestedMinor: 400n, submittedAt: '2026-03-01T00:00:00Z', scoresTenths: { capacity: 30, price: 30 } }, // 30
      ],
    });
    expect(result.proposals.map((p) => [p.id, p.rank, p.outcome, p.awardedMinor])).toEqual([
      ['c', 1, 'funded', 300n],
      ['b', 2, 'funded', 300n],
      ['a', 3, 'partially_funded', 400n],
      ['e', 4, 'reserve', 0n],
      ['d', null, 'below_threshold', 0n],
    ]);
    expect(result.proposals.find((p) => p.id === 'd')!.failedThresholds).toEqual(['capacity', 'overall']);
    expect(result.proposals[0].weightedScoreMilli).toBe(3500);
  });
});
