import { describe, expect, it } from 'vitest';
import { type Criterion, type Figures, type RecordFacts, criterionProblems, evaluateCriterion, evaluateRuleSet } from './rules.ts';

// Criteria on their boundaries: exactly at the threshold, a hundredth below, and missing evidence.

const FIGURES: Figures = {
  currency: 'UAH',
  revenueMinor: 100_000_000,
  qualifiedDefenseIncomeMinor: 75_000_000,
  employees: 9,
  averageMonthlyWageMinor: 2_000_000,
  stateOwnershipPct: '25',
  localContentPct: '60.5',
  investmentMinor: 0,
  reinvestedProfitMinor: 1,
};
const RECORDS: RecordFacts = { hostCountryLegalEntity: true, confirmedSanctionsHit: false, beneficialOwnersDisclosed: true, auditorReportAttached: true };

const label = { en: 'x', uk: 'x' };
const share: Criterion = { key: 'share', label, fact: 'defenseIncomeSharePct', op: 'gte', value: '75' };
const staff: Criterion = { key: 'staff', label, fact: 'employees', op: 'gte', value: '9' };
const wage: Criterion = { key: 'wage', label, fact: 'averageMonthlyWage', op: 'gte', value: '20000', currency: 'UAH', rates: { EUR: '40' } };
const stateBelow: Criterion = { key: 'state', label, fact: 'stateOwnershipPct', op: 'lt', value: '25' };
const noHit: Criterion = { key: 'hit', label, fact: 'confirmedSanctionsHit', op: 'eq', value: false };

describe('rule evaluation', () => {
  it('passes a share exactly at the threshold and fails one a kopiyka below', () => {
    expect(evaluateCriterion(share, FIGURES, RECORDS)).toMatchObject({ outcome: 'pass', expected: '≥ 75 %', actual: '75.00 % (750000.00 of 1000000.00)' });
    // 74.99999999 %: rounds to 75.00 for display, but the comparison is exact.
    const below = evaluateCriterion(share, { ...FIGURES, qualifiedDefenseIncomeMinor: 74_999_999 }, RECORDS);
    expect(below.outcome).toBe('fail');
    expect(below.actual).toContain('75.00 %');
  });

  it('treats a missing figure, or a zero revenue, as missing evidence rather than a failure', () => {
    expect(evaluateCriterion(share, { ...FIGURES, revenueMinor: null }, RECORDS)).toMatchObject({ outcome: 'missing', actual: null, note: 'not given' });
    expect(evaluateCriterion(share, { ...FIGURES, revenueMinor: 0 }, RECORDS)).toMatchObject({ outcome: 'missing', note: expect.stringContaining('zero') });
    expect(evaluateCriterion(noHit, FIGURES, { ...RECORDS, confirmedSanctionsHit: null }).outcome).toBe('missing');
  });

  it('compares counts at, below and above', () => {
    expect(evaluateCriterion(staff, FIGURES, RECORDS).outcome).toBe('pass');
    expect(evaluateCriterion(staff, { ...FIGURES, employees: 8 }, RECORDS).outcome).toBe('fail');
    expect(evaluateCriterion({ ...staff, op: 'gt' }, FIGURES, RECORDS).outcome).toBe('fail');
    expect(evaluateCriterion(staff, { ...FIGURES, employees: null }, RECORDS).outcome).toBe('missing');
  });

  it('uses strict comparisons as written: 25 % state ownership is not below 25 %', () => {
    expect(evaluateCriterion(stateBelow, FIGURES, RECORDS).outcome).toBe('fail');
    expect(evaluateCriterion(stateBelow, { ...FIGURES, stateOwnershipPct: '24.99' }, RECORDS).outcome).toBe('pass');
  });

  it('converts a wage at the stated rate, exactly, and says so; a currency without a rate is missing evidence', () => {
    expect(evaluateCriterion(wage, FIGURES, RECORDS)).toMatchObject({ outcome: 'pass', actual: '20000.00 UAH', note: null });
    expect(evaluateCriterion(wage, { ...FIGURES, averageMonthlyWageMinor: 1_999_999 }, RECORDS).outcome).toBe('fail');
    const euros = evaluateCriterion(wage, { ...FIGURES, currency: 'EUR', averageMonthlyWageMinor: 50_000 }, RECORDS);
    expect(euros).toMatchObject({ outcome: 'pass', actual: '500.00 EUR', note: 'converted at 1 EUR = 40 UAH: 20000.00 UAH' });
    expect(evaluateCriterion(wage, { ...FIGURES, currency: 'EUR', averageMonthlyWageMinor: 49_999 }, RECORDS).outcome).toBe('fail');
    expect(evaluateCriterion(wage, { ...FIGURES, currency: 'USD' }, RECORDS)).toMatchObject({ outcome: 'missing', note: expect.stringContaining('no rate from USD') });
  });

  it('tests yes/no facts with eq and ne', () => {
    expect(evaluateCriterion(noHit, FIGURES, RECORDS)).toMatchObject({ outcome: 'pass', actual: 'no', expected: '= no' });
    expect(evaluateCriterion(noHit, FIGURES, { ...RECORDS, confirmedSanctionsHit: true }).outcome).toBe('fail');
    expect(evaluateCriterion({ ...noHit, op: 'ne', value: true }, FIGURES, RECORDS).outcome).toBe('pass');
  });

  it('fails a rule set on any failure, is missing when only evidence lacks, and records the version', () => {
    const ruleSet = { id: '019aa000-0000-7000-8000-000000000009', version: 4, criteria: [share, staff, noHit] };
    expect(evaluateRuleSet(ruleSet, FIGURES, RECORDS)).toMatchObject({ outcome: 'pass', ruleSetVersion: 4 });
    expect(evaluateRuleSet(ruleSet, { ...FIGURES, employees: null }, RECORDS).outcome).toBe('missing');
    expect(evaluateRuleSet(ruleSet, { ...FIGURES, employees: null, qualifiedDefenseIncomeMinor: 1 }, RECORDS).outcome).toBe('fail');
  });
});

describe('criterion validation', () => {
  it('accepts well-typed criteria and names what is wrong with the others', () => {
    for (const criterion of [share, staff, wage, stateBelow, noHit]) expect(criterionProblems(criterion)).toEqual([]);
    expect(criterionProblems({ ...noHit, op: 'gte' })).toEqual(['confirmedSanctionsHit is yes/no: use eq or ne']);
    expect(criterionProblems({ ...noHit, value: 'false' })).toEqual(['confirmedSanctionsHit is yes/no: the value must be true or false']);
    expect(criterionProblems({ ...share, value: '101' })).toEqual(['defenseIncomeSharePct is a percentage: the value must be between 0 and 100']);
    expect(criterionProblems({ ...staff, value: '8.5' })).toEqual(['employees is a count: the value must be a whole number']);
    expect(criterionProblems({ ...wage, currency: undefined })).toEqual(['averageMonthlyWage is money: give the currency of the threshold']);
    expect(criterionProblems({ ...wage, rates: { EUR: '0' } })).toEqual(['the rate for EUR must be a positive decimal']);
    expect(criterionProblems({ ...staff, currency: 'UAH' })).toEqual(['employees is not money: remove currency and rates']);
  });
});
