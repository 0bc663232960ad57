import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.ts';
import { apiClient, awardedCall, fundTheFund, memberCompany, programStaff } from '../../../test/support/fund-programs.ts';
import { expectCsvEqualsJson, getJson } from '../../../test/support/registers.ts';
import { EXPORT_ROW_CAP } from '../../core/registers.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import type { TPublicAward } from './programs-schema.ts';
import { createEntry } from './service.ts';

// The public register of the fund's awards as a table: sorted by recipient, amount, date or call
// either way with a stable tiebreak, searched by recipient, call or agreement, filtered by call, status
// and currency, paged, and downloaded as the same rows in CSV.

let t: TestApp;
let ammoCallId: string;

type Page = { items: TPublicAward[]; total: number; limit: number; offset: number };
const list = (query: string) => getJson(t, `/api/v1/public/fund/awards?${query}`) as Promise<Page>;
const recipients = (page: Page) => page.items.map((w) => w.organizationName);

/** An award as the CSV writes it (written here from the JSON, not by the code under test). */
function csvRow(award: TPublicAward): Record<string, string> {
  return {
    id: award.id,
    agreement_number: award.agreementNumber,
    organization_name: award.organizationName,
    title: award.title,
    call_id: award.callId,
    call_code: award.callCode,
    call_title_en: award.callTitleEn,
    call_title_uk: award.callTitleUk,
    currency: award.currency,
    amount_minor: String(award.amountMinor),
    disbursed_minor: String(award.disbursedMinor),
    clawed_back_minor: String(award.clawedBackMinor),
    capabilities: award.capabilities.join('; '),
    status: award.status,
    awarded_at: award.awardedAt,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const staff = await programStaff(t);
  await fundTheFund(t, 'UAH', 50_000_000_00, 'public-awards-uah');
  // No budget account in euros: donations fund the euro call.
  await createEntry(t.database.db, SYSTEM_ACTOR, {
    currency: 'EUR',
    description: 'Donation for optics',
    referenceType: 'donation',
    clientKey: 'public-awards-eur',
    postings: [
      { account: '1000.EUR.fund', direction: 'debit', amount: 5_000_000_00 },
      { account: '4100.EUR.donations', direction: 'credit', amount: 5_000_000_00 },
    ],
  });
  // Recipients start with distinct letters so any collation orders them alike.
  const [alpha, bravo, charlie, delta] = await Promise.all(['Alpha Arms LLC', 'Bravo Munitions JSC', 'Charlie Castings LLC', 'Delta Drones LLC'].map((name) => memberCompany(t, name)));
  const ammo = await awardedCall(t, staff, 'ammo-27', 2_000_000_00, [
    { company: alpha, requestedMinor: 300_000_00, title: 'Shell casings' },
    { company: bravo, requestedMinor: 500_000_00, title: 'Fuzes' },
  ]);
  const optics = await awardedCall(t, staff, 'optics-27', 1_000_000_00, [
    { company: charlie, requestedMinor: 200_000_00, title: 'Sights' },
    { company: delta, requestedMinor: 500_000_00, title: 'Thermal cameras' },
  ], { currency: 'EUR', titleEn: 'Optics for air defence', titleUk: 'Оптика для ППО' });
  ammoCallId = ammo.call.id;
  // The award dates: Bravo and Charlie on the same day (a tie on "date"); Bravo and Delta have the
  // same amount in minor units (a tie on "amount", in two currencies).
  const dates: Array<[string, string]> = [
    [ammo.awards.get(alpha.organizationId)!.id, '2025-01-01'],
    [ammo.awards.get(bravo.organizationId)!.id, '2025-06-01'],
    [optics.awards.get(charlie.organizationId)!.id, '2025-06-01'],
    [optics.awards.get(delta.organizationId)!.id, '2024-11-11'],
  ];
  for (const [id, day] of dates) await sql`update fund_awards set awarded_at = ${new Date(`${day}T12:00:00Z`)} where id = ${id}`.execute(t.database.db);
  const deltaAward = optics.awards.get(delta.organizationId)!;
  const api = apiClient(t, 'public-awards');
  const detail = await api(staff.officer, 'GET', `/api/v1/fund/awards/${deltaAward.id}`);
  await api(staff.officer, 'POST', `/api/v1/fund/awards/${deltaAward.id}/termination`, { version: detail.version, reason: 'The company left the Alliance.' });
});
afterAll(async () => t?.close());

describe('the public register of awards', () => {
  it('sorts by recipient, amount, date or call, either way, with ties broken by recipient and then by record', async () => {
    // Newest first by default (as before sorting existed).
    const byDate = await list('');
    expect(byDate.items.map((w) => `${w.awardedAt.slice(0, 10)} ${w.organizationName}`)).toEqual([
      '2025-06-01 Charlie Castings LLC',
      '2025-06-01 Bravo Munitions JSC',
      '2025-01-01 Alpha Arms LLC',
      '2024-11-11 Delta Drones LLC',
    ]);
    expect(await list('sort=date&order=desc')).toEqual(byDate);
    expect((await list('sort=date&order=asc')).items).toEqual([...byDate.items].reverse());

    const byRecipient = await list('sort=recipient');
    expect(recipients(byRecipient)).toEqual(['Alpha Arms LLC', 'Bravo Munitions JSC', 'Charlie Castings LLC', 'Delta Drones LLC']);
    expect((await list('sort=recipient&order=desc')).items).toEqual([...byRecipient.items].reverse());

    // Largest first; equal minor units by recipient (descending with the rest).
    const byAmount = await list('sort=amount');
    expect(byAmount.items.map((w) => `${w.amountMinor} ${w.currency} ${w.organizationName}`)).toEqual([
      '50000000 EUR Delta Drones LLC',
      '50000000 UAH Bravo Munitions JSC',
      '30000000 UAH Alpha Arms LLC',
      '20000000 EUR Charlie Castings LLC',
    ]);
    expect((await list('sort=amount&order=asc')).items).toEqual([...byAmount.items].reverse());

    // By the call's code, A→Z.
    const byCall = await list('sort=call');
    expect(byCall.items.map((w) => `${w.callCode} ${w.organizationName}`)).toEqual(['ammo-27 Alpha Arms LLC', 'ammo-27 Bravo Munitions JSC', 'optics-27 Charlie Castings LLC', 'optics-27 Delta Drones LLC']);
    expect((await list('sort=call&order=desc')).items).toEqual([...byCall.items].reverse());

    for (const query of ['sort=date', 'sort=amount&order=asc', 'sort=call&order=desc']) {
      const whole = (await list(query)).items;
      const walked: TPublicAward[] = [];
      for (let offset = 0; offset < whole.length; offset++) walked.push(...(await list(`${query}&limit=1&offset=${offset}`)).items);
      expect(walked, query).toEqual(whole);
    }
  });

  it("searches the recipient's name, the call's title or code and the agreement number; filters by call, status and currency", async () => {
    expect(recipients(await list('q=castings'))).toEqual(['Charlie Castings LLC']);
    expect(recipients(await list(`q=${encodeURIComponent('air defence')}&sort=recipient`))).toEqual(['Charlie Castings LLC', 'Delta Drones LLC']);
    expect(recipients(await list(`q=${encodeURIComponent('ппо')}&sort=recipient`))).toEqual(['Charlie Castings LLC', 'Delta Drones LLC']);
    expect(recipients(await list('q=ammo-27&sort=recipient'))).toEqual(['Alpha Arms LLC', 'Bravo Munitions JSC']);
    const alpha = (await list('q=alpha')).items[0];
    expect(recipients(await list(`q=${encodeURIComponent(alpha.agreementNumber)}`))).toEqual(['Alpha Arms LLC']);
    expect((await list(`q=${encodeURIComponent('_')}`)).total).toBe(0);

    expect(recipients(await list(`callId=${ammoCallId}&sort=recipient`))).toEqual(['Alpha Arms LLC', 'Bravo Munitions JSC']);
    expect(recipients(await list('status=terminated'))).toEqual(['Delta Drones LLC']);
    expect(recipients(await list('status=active&currency=EUR'))).toEqual(['Charlie Castings LLC']);
    expect(recipients(await list('currency=UAH&sort=amount'))).toEqual(['Bravo Munitions JSC', 'Alpha Arms LLC']);
    expect(await list('currency=USD')).toMatchObject({ total: 0, items: [] });
    expect(await list('sort=recipient&limit=2&offset=1')).toMatchObject({ total: 4, limit: 2, offset: 1, items: [{ organizationName: 'Bravo Munitions JSC' }, { organizationName: 'Charlie Castings LLC' }] });
  });

  it('refuses unknown sorts, orders, filters, formats and scopes with a problem naming the field', async () => {
    for (const [query, field] of [
      ['sort=amount_minor', 'querystring.sort'],
      ['order=ascending', 'querystring.order'],
      ['currency=GBP', 'querystring.currency'],
      ['currency=uah', 'querystring.currency'],
      ['status=paid', 'querystring.status'],
      ['callId=42', 'querystring.callId'],
      ['format=xlsx', 'querystring.format'],
      ['scope=', 'querystring.scope'],
      ['organizationId=01900000-0000-7000-8000-000000000000', 'querystring.organizationId'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/public/fund/awards?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { field: string }) => e.field), query).toContain(field);
    }
  });

  it('downloads exactly the rows of the page as CSV, or every matching row with scope=all, in the same order', async () => {
    for (const query of ['', 'limit=1', 'sort=amount&order=asc&limit=2&offset=1', `callId=${ammoCallId}&sort=recipient&order=desc`, 'q=llc&sort=call', 'currency=EUR&status=active']) {
      await expectCsvEqualsJson(t, `/api/v1/public/fund/awards?${query}`, csvRow);
    }
    const all = await expectCsvEqualsJson(t, '/api/v1/public/fund/awards?sort=recipient&order=desc&limit=1&offset=3&scope=all', csvRow);
    expect(all).toMatchObject({ total: 4, limit: EXPORT_ROW_CAP, offset: 0 });
    expect(all.items).toEqual((await list('sort=recipient&order=desc')).items);
    const uah = await expectCsvEqualsJson(t, '/api/v1/public/fund/awards?currency=UAH&scope=all&limit=1', csvRow);
    expect(recipients(uah)).toEqual(['Bravo Munitions JSC', 'Alpha Arms LLC']);
  });
});
