import fc from 'fast-check';
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { FACT_NAMES, OPERATORS, RULE_FACTS, criterionProblems } from '../../src/modules/regime/rules.ts';
import { ZFiguresInput } from '../../src/modules/regime/schema.ts';
import type { Criterion } from '../../web/src/api.ts';
import { criterionErrors, figuresErrors, figuresInput, figuresValues, type FiguresValues } from '../../web/src/regime.ts';

// The regime's forms check in the browser what the server checks, and convert what a person types
// (money in major units, percentages with a decimal comma) into what the API takes, exactly.

const t = ((key: string) => key) as unknown as TFunction;

function values(changes: Partial<FiguresValues>): FiguresValues {
  return { ...figuresValues(undefined, null), ...changes };
}

describe('the figures form', () => {
  it('sends money as integer minor units and percentages as numbers, in either language', () => {
    const typed = values({ currency: 'UAH', revenue: '1 250 000,50', averageMonthlyWage: '32000', stateOwnershipPct: '12,5', localContentPct: '0.29', employees: '48', fiscalYear: '2025' });
    expect(figuresErrors(t, typed, 'uk')).toEqual({});
    const { figures, auditorReportDocumentId } = figuresInput(typed, 'uk');
    expect(figures).toMatchObject({ fiscalYear: 2025, currency: 'UAH', revenueMinor: 125_000_050, averageMonthlyWageMinor: 3_200_000, employees: 48, stateOwnershipPct: 12.5, localContentPct: 0.29 });
    // Empty fields are sent as null, so clearing one clears it on the server.
    expect(figures.investmentMinor).toBeNull();
    expect(auditorReportDocumentId).toBeNull();
    expect(figuresInput(values({ revenue: '1,250,000.50' }), 'en').figures.revenueMinor).toBe(125_000_050);
  });

  it('refuses what the server would refuse, next to the field', () => {
    const errors = figuresErrors(t, values({ landTax: '12.345', stateOwnershipPct: '100.01', localContentPct: '7.125', employees: '4.5', fiscalYear: '1999' }), 'en');
    expect(Object.keys(errors).sort()).toEqual(['employees', 'fiscalYear', 'landTax', 'localContentPct', 'stateOwnershipPct']);
  });

  it('round-trips stored figures through the form unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 10_000 }), fc.constantFrom<'uk' | 'en'>('uk', 'en'), (minor, hundredths, language) => {
        const pct = (hundredths / 100).toFixed(2).replace(/\.?0+$/, '');
        const stored = { ...figuresInput(values({}), 'en').figures, currency: 'EUR', revenueMinor: minor, stateOwnershipPct: pct } as never;
        const form = figuresValues(stored, null);
        expect(figuresErrors(t, form, language)).toEqual({});
        const sent = figuresInput(form, language).figures;
        expect(sent.revenueMinor).toBe(minor);
        expect(sent.stateOwnershipPct).toBe(hundredths / 100);
        // And the server's schema takes it.
        expect(ZFiguresInput.safeParse(sent).success).toBe(true);
      }),
    );
  });
});

const decimalText = fc.oneof(
  fc.constantFrom('75', '0', '100', '100.01', '-5', '12.5', '1200.50', '9', '20000', '0.000', '-0', 'abc', '', '1e3', '7.1234567'),
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
);
const criteria = fc.record(
  {
    fact: fc.constantFrom(...FACT_NAMES),
    op: fc.constantFrom(...OPERATORS),
    value: fc.oneof(fc.boolean(), decimalText),
    currency: fc.option(fc.constantFrom('UAH', 'EUR'), { nil: undefined }),
    rates: fc.option(fc.dictionary(fc.constantFrom('EUR', 'USD'), decimalText, { maxKeys: 2 }), { nil: undefined }),
  },
  { requiredKeys: ['fact', 'op', 'value'] },
);

describe('the rule-set editor', () => {
  it('finds a criterion well formed exactly when rules.ts does', () => {
    fc.assert(
      fc.property(criteria, (generated) => {
        const criterion = { key: 'some_key', label: { uk: 'Критерій', en: 'Criterion' }, ...generated } as Criterion;
        const client = criterionErrors(t, criterion, RULE_FACTS[generated.fact].type);
        const server = criterionProblems(criterion as never);
        expect(Object.keys(client).length === 0, `client ${JSON.stringify(client)} server ${JSON.stringify(server)}`).toBe(server.length === 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('checks the key and the labels as the schema does', () => {
    const base: Criterion = { key: 'employees', label: { uk: 'Працівники', en: 'Employees' }, fact: 'employees', op: 'gte', value: '9' };
    expect(criterionErrors(t, base, 'integer')).toEqual({});
    expect(Object.keys(criterionErrors(t, { ...base, key: 'Employees' }, 'integer'))).toEqual(['key']);
    expect(Object.keys(criterionErrors(t, { ...base, label: { uk: ' ', en: 'x' } }, 'integer'))).toEqual(['label.uk']);
    expect(Object.keys(criterionErrors(t, { ...base, value: '9.5' }, 'integer'))).toEqual(['value']);
  });
});
