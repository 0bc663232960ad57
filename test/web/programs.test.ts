import fc from 'fast-check';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ZCreateCallBody, ZCreateProposalBody } from '../../src/modules/fund/programs-schema.ts';
import {
  callErrors,
  callFormPath,
  callInput,
  callValues,
  emptyCriterion,
  formatPoints,
  formatWeighted,
  parsePoints,
  proposalErrors,
  proposalFormPath,
  proposalInput,
  proposalValues,
  SCORE_TENTHS,
  type CallValues,
  type ProposalValues,
} from '../../web/src/programs.ts';

// The programs' forms check in the browser what the server checks, and convert what a person types
// (money in major units, scores as "2,5") into exactly what the API takes: whatever the forms accept,
// the server's schemas accept too.

const t = ((key: string) => key) as unknown as TFunction;

function call(changes: Partial<CallValues> = {}): CallValues {
  return {
    ...callValues('uk', new Date('2026-05-01T09:30:00')),
    code: 'shells-2027',
    titleUk: 'Снаряди 155 мм',
    titleEn: 'Shells 155 mm',
    textUk: 'Потужності.',
    textEn: 'Capacity.',
    budget: '1 000 000,00',
    capabilities: ['ammunition'],
    requiredDocuments: ['localization_plan'],
    criteria: [
      { ...emptyCriterion(), key: 'capacity', labelUk: 'Потужність', labelEn: 'Capacity', weight: '3', threshold: '2,5' },
      { ...emptyCriterion(), key: 'price', labelUk: 'Ціна', labelEn: 'Price', weight: '2', threshold: '1.5' },
    ],
    ...changes,
  };
}

function proposal(changes: Partial<ProposalValues> = {}): ProposalValues {
  return {
    ...proposalValues(undefined, 'UAH'),
    title: 'Shell line',
    requested: '700,000.00',
    cofinancing: '',
    capacity: [{ rowKey: 'c', capability: 'ammunition', period: '2027', quantity: '12000' }],
    milestones: [
      { rowKey: 'a', deliverable: 'Line installed', dueDate: '2027-03-31', amount: '350,000' },
      { rowKey: 'b', deliverable: 'Shells delivered', dueDate: '2027-09-30', amount: '350,000.00' },
    ],
    budgetLines: [{ rowKey: 'l', item: 'Press', amount: '700,000' }],
    documentIds: ['019aa000-0000-7000-8000-000000000001'],
    ...changes,
  };
}

describe('the call form', () => {
  it('sends money in minor units and scores in tenths, and the server accepts it', () => {
    const values = call();
    expect(callErrors(t, values, 'uk')).toEqual({});
    const input = callInput(values, 'uk');
    expect(input).toMatchObject({ budgetMinor: 100_000_000, overallThresholdTenths: 25, disagreementLimitTenths: 15, evaluatorsPerProposal: 3, minPartialPercent: 50 });
    expect(input.criteria.map((c) => [c.key, c.weight, c.thresholdTenths])).toEqual([
      ['capacity', 3, 25],
      ['price', 2, 15],
    ]);
    expect(Date.parse(input.closesAt)).toBeGreaterThan(Date.parse(input.opensAt));
    expect(ZCreateCallBody.safeParse(input).success).toBe(true);
  });

  it('refuses what the server would refuse, next to the field', () => {
    const errors = callErrors(
      t,
      call({
        code: 'Shells 2027',
        budget: '10.001',
        capabilities: [],
        closesAt: '2026-04-01T10:00',
        opensAt: '2026-05-01T10:00',
        overallThreshold: '5.5',
        evaluatorsPerProposal: '0',
        criteria: [
          { ...emptyCriterion(), key: 'price', labelUk: 'Ціна', labelEn: 'Price', weight: '0', threshold: '2.25' },
          { ...emptyCriterion(), key: 'price', labelUk: '', labelEn: 'Price', weight: '1', threshold: '1' },
        ],
      }),
      'en',
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['budget', 'capabilities', 'closesAt', 'code', 'criteria.0.threshold', 'criteria.0.weight', 'criteria.1.key', 'criteria.1.labelUk', 'evaluatorsPerProposal', 'overallThreshold'].sort(),
    );
  });

  it('places the server’s field errors on the form’s fields', () => {
    expect(callFormPath('body.criteria.1.thresholdTenths')).toBe('criteria.1.threshold');
    expect(callFormPath('body.criteria.0.label.en')).toBe('criteria.0.labelEn');
    expect(callFormPath('body.budgetMinor')).toBe('budget');
    expect(callFormPath('closesAt')).toBe('closesAt');
  });
});

describe('the proposal form', () => {
  it('sends amounts in minor units, and the server accepts it', () => {
    const values = proposal();
    expect(proposalErrors(t, values, 'UAH', 'en')).toEqual({});
    const input = proposalInput(values, 'UAH', 'en');
    expect(input).toMatchObject({ requestedMinor: 70_000_000, cofinancingMinor: 0, summary: null, capacity: [{ capability: 'ammunition', period: '2027', quantity: 12_000 }] });
    expect(input.milestones.map((m) => m.amountMinor)).toEqual([35_000_000, 35_000_000]);
    expect(ZCreateProposalBody.safeParse(input).success).toBe(true);
  });

  it('says when the milestones do not add up to the request, as the server would', () => {
    const errors = proposalErrors(t, proposal({ requested: '800,000' }), 'UAH', 'en');
    expect(Object.keys(errors)).toEqual(['milestonesTotal']);
    expect(proposalErrors(t, proposal({ capacity: [{ rowKey: 'x', capability: '', period: '27', quantity: '0' }] }), 'UAH', 'en')).toMatchObject({
      'capacity.0.capability': expect.any(String),
      'capacity.0.period': expect.any(String),
      'capacity.0.quantity': expect.any(String),
    });
    expect(proposalFormPath('body.milestones')).toBe('milestonesTotal');
    expect(proposalFormPath('body.milestones.1.amountMinor')).toBe('milestones.1.amount');
  });

  it('round-trips any milestone plan through the form unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 10_000_000_000_00 }), { minLength: 1, maxLength: 6 }), fc.constantFrom<'uk' | 'en'>('uk', 'en'), (amounts, language) => {
        const requestedMinor = amounts.reduce((a, b) => a + b, 0);
        const stored = {
          ...proposalInput(proposal(), 'UAH', 'en'),
          requestedMinor,
          milestones: amounts.map((amountMinor, i) => ({ deliverable: `M${i}`, dueDate: '2027-01-01', amountMinor })),
        };
        const values = proposalValues(stored as never, 'UAH');
        expect(proposalErrors(t, values, 'UAH', language)).toEqual({});
        const input = proposalInput(values, 'UAH', language);
        expect(input.requestedMinor).toBe(requestedMinor);
        expect(input.milestones.map((m) => m.amountMinor)).toEqual(amounts);
      }),
    );
  });
});

describe('scores', () => {
  it('offers 0–5 in steps of 0.5 and reads points typed either way', () => {
    expect(SCORE_TENTHS).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50]);
    expect(formatPoints(35, 'uk')).toBe('3,5');
    expect(formatPoints(40, 'en')).toBe('4.0');
    expect(formatWeighted(3667, 'en')).toBe('3.667');
    expect(formatWeighted(4050, 'uk')).toBe('4,050');
    expect([parsePoints('2,5'), parsePoints('2.5'), parsePoints('5'), parsePoints('5.1'), parsePoints('10'), parsePoints('-1')]).toEqual([25, 25, 50, null, null, null]);
  });
});
