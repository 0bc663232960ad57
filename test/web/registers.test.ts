import { describe, expect, it } from 'vitest';
import { AWARD_SORT_NATURAL, AWARD_SORTS as SERVER_AWARD_SORTS, ZPublicAwardQuery } from '../../src/modules/fund/programs-schema.ts';
import { MEMBER_SORT_NATURAL, MEMBER_SORTS as SERVER_MEMBER_SORTS, ZPublicMemberQuery } from '../../src/modules/membership/schema.ts';
import { RESIDENT_SORT_NATURAL, RESIDENT_SORTS as SERVER_RESIDENT_SORTS, ZPublicResidentQuery } from '../../src/modules/regime/schema.ts';
import { AWARD_SORTS, MEMBER_SORTS, RESIDENT_SORTS, type RegisterSorts } from '../../web/src/registers.ts';

// The register pages mark a column sorted, and its direction, without asking the server: what they
// take for the default column and each column's natural direction must be what the API does.

describe('the register pages sort as the API does', () => {
  const cases: Array<[string, RegisterSorts<string>, readonly string[], Record<string, string>, { parse: (v: unknown) => { sort: string; order?: string } }]> = [
    ['members', MEMBER_SORTS, SERVER_MEMBER_SORTS, MEMBER_SORT_NATURAL, ZPublicMemberQuery],
    ['residents', RESIDENT_SORTS, SERVER_RESIDENT_SORTS, RESIDENT_SORT_NATURAL, ZPublicResidentQuery],
    ['awards', AWARD_SORTS, SERVER_AWARD_SORTS, AWARD_SORT_NATURAL, ZPublicAwardQuery],
  ];
  it.each(cases)('%s: the same columns, default and natural directions', (_name, web, fields, natural, schema) => {
    expect([...web.fields]).toEqual([...fields]);
    expect(web.natural).toEqual(natural);
    const defaults = schema.parse({});
    expect(defaults.sort).toBe(web.defaultSort);
    expect(defaults.order).toBeUndefined();
  });
});
