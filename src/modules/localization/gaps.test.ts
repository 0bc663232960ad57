import { describe, expect, it } from 'vitest';
import { type GapInput, gapModel, gapsFor, periodFigure, periodsOf } from './gaps.ts';

// Worked by hand (the figures in the comments): needs entered at several levels, a company reporting
// by quarter and another by year, and awards that promise and deliver capacity.
const input: GapInput = {
  categories: [
    { code: 'ammunition', parentCode: null },
    { code: 'ammunition.artillery', parentCode: 'ammunition' },
    { code: 'ammunition.artillery.shells_155', parentCode: 'ammunition.artillery' },
    { code: 'ammunition.small_arms', parentCode: 'ammunition' },
    { code: 'uav', parentCode: null },
    { code: 'uav.fpv', parentCode: 'uav' },
  ],
  needs: [
    { category: 'ammunition.artillery.shells_155', period: '2026', quantity: 1000n },
    { category: 'ammunition', period: '2026', quantity: 5000n },
    { category: 'uav.fpv', period: '2026-Q1', quantity: 100n },
    { category: 'uav.fpv', period: '2026-Q2', quantity: 300n },
  ],
  outputs: [
    { organizationId: 'A', category: 'ammunition.artillery.shells_155', period: '2026', domesticOutput: 300n, capacity: 400n, importedContentPct: 20 },
    { organizationId: 'B', category: 'ammunition.artillery.shells_155', period: '2026', domesticOutput: 200n, capacity: 250n, importedContentPct: 50 },
    { organizationId: 'C', category: 'ammunition.small_arms', period: '2026', domesticOutput: 1000n, capacity: 1000n, importedContentPct: 0 },
    { organizationId: 'A', category: 'uav.fpv', period: '2026-Q1', domesticOutput: 50n, capacity: 60n, importedContentPct: 10 },
    { organizationId: 'A', category: 'uav.fpv', period: '2026-Q2', domesticOutput: 150n, capacity: 160n, importedContentPct: 30 },
    { organizationId: 'B', category: 'uav.fpv', period: '2026', domesticOutput: 100n, capacity: 100n, importedContentPct: 0 },
  ],
  awards: [
    { awardId: 'W1', active: true, category: 'ammunition.artillery.shells_155', period: '2026', promised: 200n, delivered: 50n },
    { awardId: 'W2', active: false, category: 'ammunition.artillery.shells_155', period: '2026', promised: 100n, delivered: 0n },
  ],
};

describe('gap arithmetic', () => {
  const model = gapModel(input);
  const year = gapsFor(model, '2026');

  it('a leaf: need − confirmed output, coverage, output-weighted imported content, forecast from active awards only', () => {
    const shells = year.get('ammunition.artillery.shells_155')!;
    expect(shells.need).toBe(1000n);
    expect(shells.domesticOutput).toBe(500n); // 300 + 200
    expect(shells.capacity).toBe(650n); // 400 + 250
    expect(shells.gap).toBe(500n);
    expect(shells.coverageBp).toBe(5000); // 50.00 %
    expect(shells.importedContentPct).toBe(32); // (300×20 + 200×50) ÷ 500
    expect(shells.outstandingPromised).toBe(150n); // W1: 200 − 50; W2 is terminated
    expect(shells.forecastOutput).toBe(650n);
    expect(shells.forecastCoverageBp).toBe(6500);
    expect([...shells.companies.keys()].sort()).toEqual(['A', 'B']);
    expect([...shells.awards.keys()].sort()).toEqual(['W1', 'W2']);
  });

  it('a parent without its own need takes its children’s; one with its own need keeps it (no double count)', () => {
    expect(year.get('ammunition.artillery')!.need).toBe(1000n);
    const ammunition = year.get('ammunition')!;
    expect(ammunition.need).toBe(5000n);
    expect(ammunition.domesticOutput).toBe(1500n); // 300 + 200 + 1000
    expect(ammunition.gap).toBe(3500n);
    expect(ammunition.coverageBp).toBe(3000);
    expect(ammunition.companies.get('A')!.domesticOutput).toBe(300n);
  });

  it('a year is the annual entry, else the sum of its quarters; a quarter is only its own entry', () => {
    const fpv = year.get('uav.fpv')!;
    expect(fpv.need).toBe(400n); // Q1 100 + Q2 300
    expect(fpv.domesticOutput).toBe(300n); // A: 50 + 150 by quarter; B: 100 for the year
    expect(fpv.capacity).toBe(320n);
    expect(fpv.coverageBp).toBe(7500);
    expect(fpv.importedContentPct).toBe(17); // (50×10 + 150×30 + 100×0) ÷ 300 = 16.67
    const q1 = gapsFor(model, '2026-Q1').get('uav.fpv')!;
    expect(q1.need).toBe(100n);
    expect(q1.domesticOutput).toBe(50n); // B's annual report says nothing about Q1
    expect(q1.coverageBp).toBe(5000);
  });

  it('no need: no gap and no coverage; a surplus is a negative gap', () => {
    const empty = gapsFor(model, '2027').get('uav')!;
    expect(empty).toMatchObject({ need: null, gap: null, coverageBp: null, domesticOutput: 0n });
    const surplus = gapsFor(gapModel({ ...input, needs: [{ category: 'ammunition.small_arms', period: '2026', quantity: 800n }] }), '2026').get('ammunition.small_arms')!;
    expect(surplus.gap).toBe(-200n);
    expect(surplus.coverageBp).toBe(12500);
  });

  it('periods by granularity, and helpers', () => {
    expect(periodsOf(input, 'year')).toEqual(['2026']);
    expect(periodsOf(input, 'quarter')).toEqual(['2026-Q1', '2026-Q2']);
    expect(periodFigure(new Map([['2026-Q3', [5n]], ['2026-Q4', [7n]]]), '2026')).toEqual([12n]);
    expect(periodFigure(new Map([['2026', [5n]]]), '2026-Q1')).toBeNull();
  });
});
