import { describe, expect, it } from 'vitest';
import { legalFormMask, legalFormsConflict, stripLegalFormsFromName } from './legal-forms.ts';

const core = (name: string) => stripLegalFormsFromName(name).words.join(' ');
const kinds = (name: string) => stripLegalFormsFromName(name).forms.map((form) => form.kind);

describe('stripLegalForms', () => {
  it('removes abbreviated forms in any language and script, before or after the name', () => {
    const cases: Array<[string, string]> = [
      ['ООО "Ромашка"', 'romashka'], ['Romashka LLC', 'romashka'], ['ТОВ "Ромашка"', 'romashka'], ['TOV Romashka', 'romashka'],
      ['АО Ромашка', 'romashka'], ['JSC Romashka', 'romashka'], ['АТ "Ромашка"', 'romashka'], ['ПАО Ромашка', 'romashka'],
      ['Romashka PJSC', 'romashka'], ['ЗАО Ромашка', 'romashka'], ['CJSC Romashka', 'romashka'], ['ОАО Ромашка', 'romashka'],
      ['OJSC Romashka', 'romashka'], ['ПрАТ "Ромашка"', 'romashka'], ['PrJSC Romashka', 'romashka'], ['ФГУП Ромашка', 'romashka'],
      ['Siemens GmbH', 'siemens'], ['Siemens AG', 'siemens'], ['Vodafone Ltd.', 'vodafone'], ['Vodafone Limited', 'vodafone'],
      ['Apple Inc.', 'apple'], ['Microsoft Corp.', 'microsoft'], ['Danone S.A.', 'danone'], ['Danone SAS', 'danone'],
      ['Pro Traffic S.R.L.', 'pro traffic'], ['Bowne B.V.', 'bowne'], ['Stellantis N.V.', 'stellantis'], ['Nokia Oy', 'nokia'],
      ['Volvo AB', 'volvo'], ['Faberlic Europe Sp. z o.o.', 'faberlic europe'], ['PwC LLP', 'pwc'], ['Shell plc', 'shell'],
      ['Procter & Gamble Co.', 'procter gamble'], ['Coca-Cola Company', 'coca cola'],
    ];
    for (const [name, expected] of cases) expect(core(name), name).toBe(expected);
  });

  it('removes spelled-out forms, including misspelt long words', () => {
    expect(core('Общество с ограниченной ответственностью "БАЙКАЛ"')).toBe('baikal');
    expect(core('Товариство з обмеженою відповідальністю "Світанок"')).toBe('svitanok');
    expect(core('Open Joint Stock Company Gazprom')).toBe('gazprom');
    expect(core('Volkswagen Gesellschaft mit beschränkter Haftung')).toBe('volkswagen');
    expect(core('Societatea cu Răspundere Limitată PRO TRAFFIC')).toBe('pro traffic');
    expect(core('Siemens Aktiengeselschaft')).toBe('siemens');
  });

  it('leaves nothing of a name that is only a legal form', () => {
    expect(core('ООО')).toBe('');
    expect(core('Limited Liability Company')).toBe('');
  });

  it('keeps the kind of each form', () => {
    expect(kinds('Siemens AG')).toEqual(['joint_stock']);
    expect(kinds('ООО Ромашка')).toEqual(['limited']);
    expect(kinds('Apple Inc.')).toEqual(['generic']);
  });
});

describe('legalFormsConflict', () => {
  const mask = (name: string) => legalFormMask(stripLegalFormsFromName(name).forms);

  it('flags forms of different kinds (AG against GmbH, a non-profit against an LLC)', () => {
    expect(legalFormsConflict(mask('Deutsche Bank AG'), mask('Deutsche Bank GmbH'))).toBe(true);
    expect(legalFormsConflict(mask('ANO Iskusstvo'), mask('LLC Iskusstvo'))).toBe(true);
  });

  it('accepts the same kind, a generic form or no form', () => {
    expect(legalFormsConflict(mask('Gazprom Neft JSC'), mask('Gazprom Neft OAO'))).toBe(false);
    expect(legalFormsConflict(mask('ТОВ Світанок'), mask('Svitanok LLC'))).toBe(false);
    expect(legalFormsConflict(mask('Apple Inc.'), mask('Apple GmbH'))).toBe(false);
    expect(legalFormsConflict(mask('Apple'), mask('Apple GmbH'))).toBe(false);
  });
});
