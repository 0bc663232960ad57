import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';
import { earmarkAccountCode, verifyLedger } from './service.ts';

let t: TestApp;
let officer: Caller;
let auditor: Caller;
let admin: Caller;
let analyst: Caller;
let company: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [officer, auditor, admin, analyst, company] = await Promise.all([
    signedInCaller(t, ['fund_officer']),
    signedInCaller(t, ['auditor']),
    signedInCaller(t, ['admin']),
    signedInCaller(t, ['analyst']),
    signedInCaller(t, ['company']),
  ]);
});
afterAll(async () => t?.close());

let keyCounter = 0;
function post(caller: Caller, url: string, payload: unknown, key: string | null = `src-${++keyCounter}`) {
  return t.app.inject({ method: 'POST', url, headers: { ...caller.headers, ...(key ? { 'idempotency-key': key } : {}) }, payload: payload as object });
}
function get(caller: Caller | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: caller ? { cookie: caller.cookie } : {} });
}
async function balance(code: string): Promise<number> {
  const list = (await get(officer, '/api/v1/fund/ledger/accounts?limit=200')).json();
  return list.items.find((a: { code: string }) => a.code === code).balance;
}
async function count(table: string, where = sql`true`): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(t.database.db);
  return Number(rows[0].n);
}

const assets = '/api/v1/fund/assets';
const donations = '/api/v1/fund/donations';
const newAsset = (extra: Record<string, unknown> = {}) => ({
  kind: 'vessel',
  description: 'Bulk carrier "Example", IMO 9999999',
  legalBasis: { court: 'High Anti-Corruption Court', decisionNumber: '991/1234/24', decisionDate: '2024-05-14' },
  custodian: 'ARMA',
  ...extra,
});
async function stepTo(id: string, to: string, key?: string) {
  const version = (await get(officer, `${assets}/${id}`)).json().version;
  return post(officer, `${assets}/${id}/transitions`, { to, version }, key);
}

describe('confiscated-asset register', () => {
  it('registers an asset with a registry former owner, values it, lists and reads it', async () => {
    const org = await makeOrganization(t, 'Sanctioned Holding LLC');
    const created = await post(officer, assets, newAsset({ formerOwner: { type: 'organization', registryId: org.id, name: 'ТОВ Санкційний холдинг' } }));
    expect(created.statusCode, created.body).toBe(201);
    const asset = created.json();
    expect(asset).toMatchObject({ status: 'seized', allowedTransitions: ['confiscated'], formerOwner: { type: 'organization', registryId: org.id }, valuations: [], sale: null });
    expect(asset.statusHistory).toEqual([expect.objectContaining({ from: null, to: 'seized' })]);

    const valued = await post(officer, `${assets}/${asset.id}/valuations`, { date: '2024-06-01', amount: 1_250_000_00, currency: 'USD', valuer: 'Valuer LLC' });
    expect(valued.statusCode, valued.body).toBe(201);
    expect(valued.json().valuations).toEqual([expect.objectContaining({ date: '2024-06-01', amount: 1_250_000_00, currency: 'USD', valuer: 'Valuer LLC' })]);

    for (const caller of [officer, auditor, admin]) {
      const list = await get(caller, `${assets}?kind=vessel&formerOwnerId=${org.id}`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((a: { id: string }) => a.id)).toEqual([asset.id]);
      expect((await get(caller, `${assets}/${asset.id}`)).json().valuations).toHaveLength(1);
    }
    expect((await get(auditor, `${assets}?status=sold`)).json().items.some((a: { id: string }) => a.id === asset.id)).toBe(false);
    expect((await get(auditor, `${assets}/01900000-0000-7000-8000-00000000dead`)).statusCode).toBe(404);
    expect(await count('audit_events', sql`target_id = ${asset.id} and action in ('fund.asset.registered', 'fund.asset.valued')`)).toBe(2);
  });

  it('refuses callers without the right role, and anonymous ones', async () => {
    for (const caller of [analyst, company]) {
      expect((await get(caller, assets)).statusCode).toBe(403);
    }
    expect((await get(null, assets)).statusCode).toBe(401);
    const before = await count('fund_assets');
    for (const caller of [auditor, admin, analyst, company]) {
      const response = await post(caller, assets, newAsset());
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await count('fund_assets')).toBe(before);
  });

  it('refuses bad input with the failing fields and writes nothing', async () => {
    const before = await count('fund_assets');
    const cases: Array<[unknown, string]> = [
      [newAsset({ kind: 'yacht' }), 'body.kind'],
      [newAsset({ legalBasis: { court: 'X', decisionNumber: '1', decisionDate: '2999-01-01' } }), 'body.legalBasis.decisionDate'],
      [newAsset({ formerOwner: { type: 'organization', registryId: '01900000-0000-7000-8000-00000000beef', name: 'Nobody' } }), 'body.formerOwner.registryId'],
      [newAsset({ extra: 1 }), 'body'],
      [newAsset({ description: '' }), 'body.description'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(officer, assets, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    expect(await count('fund_assets')).toBe(before);
  });

  it('walks the state machine, refuses an illegal step with allowed, and books net proceeds exactly once', async () => {
    const asset = (await post(officer, assets, newAsset({ kind: 'real_estate', description: 'Apartment, Kyiv' }))).json();
    const skip = await stepTo(asset.id, 'for_sale');
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({ code: 'invalid_transition', allowed: ['confiscated'] });
    // Only a fund officer moves assets.
    expect((await post(auditor, `${assets}/${asset.id}/transitions`, { to: 'confiscated', version: 1 })).statusCode).toBe(403);
    // A stale version is a conflict.
    expect((await post(officer, `${assets}/${asset.id}/transitions`, { to: 'confiscated', version: 99 })).statusCode).toBe(409);

    for (const to of ['confiscated', 'in_management', 'for_sale']) expect((await stepTo(asset.id, to)).statusCode).toBe(200);
    // Sold needs the sale on record.
    expect((await stepTo(asset.id, 'sold')).json().code).toBe('conflict');
    expect((await post(officer, `${assets}/${asset.id}/sale`, { date: '2025-02-03', method: 'auction', buyerName: 'Buyer', price: 100, costs: 100, currency: 'UAH' })).statusCode).toBe(400);
    const sale = await post(officer, `${assets}/${asset.id}/sale`, { date: '2025-02-03', method: 'auction', lotReference: 'PROZORRO-LOT-42', buyerName: 'Buyer LLC', price: 5_000_000_00, costs: 150_000_00, currency: 'UAH' });
    expect(sale.statusCode, sale.body).toBe(201);
    expect(sale.json().sale).toMatchObject({ netProceeds: 4_850_000_00, proceedsEntryId: null });
    expect((await post(officer, `${assets}/${asset.id}/sale`, { date: '2025-02-03', method: 'direct', buyerName: 'Other', price: 1, currency: 'UAH' })).statusCode).toBe(409);
    expect((await stepTo(asset.id, 'sold')).statusCode).toBe(200);

    const bankBefore = await balance('1000.UAH.fund');
    const incomeBefore = await balance('4000.UAH.asset_sales');
    const version = (await get(officer, `${assets}/${asset.id}`)).json().version;
    const first = await post(officer, `${assets}/${asset.id}/transitions`, { to: 'proceeds_received', version }, 'proceeds-1');
    expect(first.statusCode, first.body).toBe(200);
    const replay = await post(officer, `${assets}/${asset.id}/transitions`, { to: 'proceeds_received', version }, 'proceeds-1');
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    // A new request (new key) is a second step from a final state: refused, nothing booked.
    const again = await stepTo(asset.id, 'proceeds_received');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invalid_transition', allowed: [] });

    const done = first.json();
    expect(done.status).toBe('proceeds_received');
    expect(done.statusHistory.map((h: { to: string }) => h.to)).toEqual(['seized', 'confiscated', 'in_management', 'for_sale', 'sold', 'proceeds_received']);
    expect(await count('ledger_entries', sql`reference_type = 'asset_sale' and reference_id = ${asset.id}`)).toBe(1);
    const entry = (await get(auditor, `/api/v1/fund/ledger/entries/${done.sale.proceedsEntryId}`)).json();
    expect(entry).toMatchObject({ referenceType: 'asset_sale', referenceId: asset.id, currency: 'UAH', total: 4_850_000_00, status: 'posted' });
    expect(entry.postings.map((p: { accountCode: string; direction: string }) => `${p.direction} ${p.accountCode}`)).toEqual(['debit 1000.UAH.fund', 'credit 4000.UAH.asset_sales']);
    expect(await balance('1000.UAH.fund')).toBe(bankBefore + 4_850_000_00);
    expect(await balance('4000.UAH.asset_sales')).toBe(incomeBefore + 4_850_000_00);
    expect(await count('audit_events', sql`target_id = ${asset.id} and action = 'fund.asset.transitioned'`)).toBe(5);
    expect((await verifyLedger(t.database.db)).problems).toEqual([]);
  });

  it('books EUR proceeds into the EUR income account seeded by the migration', async () => {
    const asset = (await post(officer, assets, newAsset({ kind: 'securities', description: 'Eurobond portfolio' }))).json();
    for (const to of ['confiscated', 'in_management', 'for_sale']) await stepTo(asset.id, to);
    await post(officer, `${assets}/${asset.id}/sale`, { date: '2025-03-01', method: 'tender', buyerName: 'Bank AG', price: 700_00, currency: 'EUR' });
    await stepTo(asset.id, 'sold');
    const before = await balance('4000.EUR.asset_sales');
    expect((await stepTo(asset.id, 'proceeds_received')).statusCode).toBe(200);
    expect(await balance('4000.EUR.asset_sales')).toBe(before + 700_00);
  });
});

describe('donations', () => {
  const donation = (extra: Record<string, unknown> = {}) => ({
    donor: { kind: 'state', name: 'Kingdom of Denmark' },
    amount: 2_000_000_00,
    currency: 'EUR',
    date: '2025-01-15',
    earmark: { type: 'capability', code: 'ammunition.artillery' },
    ...extra,
  });

  it('records a donation with its earmark and books it once, replaying a retry', async () => {
    const bankBefore = await balance('1000.EUR.fund');
    const incomeBefore = await balance('4100.EUR.donations');
    const first = await post(officer, donations, donation(), 'donation-1');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await post(officer, donations, donation(), 'donation-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect((await post(officer, donations, donation({ amount: 1 }), 'donation-1')).statusCode).toBe(409);
    // After the stored HTTP answer has expired, the same retry is refused by the ledger's key, not booked again.
    await t.database.db.deleteFrom('idempotency_keys').where('key', '=', 'donation-1').execute();
    const late = await post(officer, donations, donation(), 'donation-1');
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('idempotency_conflict');

    const recorded = first.json();
    expect(recorded).toMatchObject({ donor: { kind: 'state', registryId: null }, amount: 2_000_000_00, currency: 'EUR', earmark: { type: 'capability', code: 'ammunition.artillery' } });
    expect(await count('fund_donations', sql`id = ${recorded.id}`)).toBe(1);
    expect(await count('ledger_entries', sql`reference_type = 'donation' and reference_id = ${recorded.id}`)).toBe(1);
    const entry = (await get(auditor, `/api/v1/fund/ledger/entries/${recorded.ledgerEntryId}`)).json();
    expect(entry).toMatchObject({ referenceType: 'donation', referenceId: recorded.id, effectiveDate: '2025-01-15', total: 2_000_000_00 });
    expect(entry.description).toContain('ammunition.artillery');
    // Earmarked money is held apart, in the earmark's own cash account; the general bank account is untouched.
    expect(await balance('1000.EUR.fund')).toBe(bankBefore);
    expect(await balance(earmarkAccountCode('capability', 'ammunition.artillery', 'EUR'))).toBe(2_000_000_00);
    expect(entry.postings.map((p: { accountCode: string }) => p.accountCode)).toContain(earmarkAccountCode('capability', 'ammunition.artillery', 'EUR'));
    expect(await balance('4100.EUR.donations')).toBe(incomeBefore + 2_000_000_00);
    expect(await count('audit_events', sql`target_id = ${recorded.id} and action = 'fund.donation.recorded'`)).toBe(1);

    for (const caller of [officer, auditor, admin]) {
      expect((await get(caller, `${donations}/${recorded.id}`)).json().id).toBe(recorded.id);
      const list = (await get(caller, `${donations}?currency=EUR&earmarkType=capability&from=2025-01-01&to=2025-01-31`)).json();
      expect(list.items.map((d: { id: string }) => d.id)).toContain(recorded.id);
    }
    expect((await get(auditor, `${donations}?currency=UAH`)).json().items.some((d: { id: string }) => d.id === recorded.id)).toBe(false);
    expect((await get(auditor, `${donations}/01900000-0000-7000-8000-00000000dead`)).statusCode).toBe(404);
    expect((await verifyLedger(t.database.db)).problems).toEqual([]);
  });

  it('shows the public only aggregates: money in by source and out by use, per currency and period', async () => {
    const summary = async (query: string) => {
      const answer = await t.app.inject({ method: 'GET', url: `/api/v1/public/fund/sources-and-uses?${query}` });
      expect(answer.statusCode, answer.body).toBe(200);
      return answer.json() as { sources: Array<{ currency: string; category: string; amount: number }>; uses: unknown[] };
    };
    const amountOf = (s: Awaited<ReturnType<typeof summary>>) => s.sources.find((x) => x.currency === 'USD' && x.category === 'donations')?.amount ?? 0;
    const before = await summary('from=2024-03-01&to=2024-03-31');
    const booked = await post(officer, donations, donation({ currency: 'USD', amount: 12_345, date: '2024-03-10', earmark: { type: 'none' } }));
    expect(booked.statusCode, booked.body).toBe(201);
    const after = await summary('from=2024-03-01&to=2024-03-31');
    expect(amountOf(after) - amountOf(before)).toBe(12_345);
    expect(amountOf(await summary('from=2024-04-01&to=2024-04-30'))).toBe(0);
    // Nothing but categories, currencies and sums: no donor, no entry ids.
    expect(Object.keys(after.sources[0]).sort()).toEqual(['amount', 'category', 'currency']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/fund/sources-and-uses?from=2024-05-01&to=2024-04-01' })).statusCode).toBe(400);
  });

  it('records organization donors by registry id and program earmarks in UAH', async () => {
    const org = await makeOrganization(t, 'Donor Foundation');
    const response = await post(officer, donations, donation({ donor: { kind: 'organization', name: 'Donor Foundation', registryId: org.id }, currency: 'UAH', amount: 10_00, earmark: { type: 'program', code: 'DRONES-2025' } }));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ donor: { registryId: org.id }, earmark: { type: 'program', code: 'DRONES-2025' } });
    const none = await post(officer, donations, donation({ earmark: undefined, currency: 'USD', amount: 5 }));
    expect(none.json().earmark).toEqual({ type: 'none', code: null });
  });

  it('refuses other roles and bad input, booking nothing', async () => {
    const donationsBefore = await count('fund_donations');
    const entriesBefore = await count('ledger_entries');
    for (const caller of [auditor, admin, analyst, company]) expect((await post(caller, donations, donation())).statusCode).toBe(403);
    for (const caller of [analyst, company]) expect((await get(caller, donations)).statusCode).toBe(403);
    expect((await get(null, donations)).statusCode).toBe(401);
    const cases: Array<[unknown, string]> = [
      [donation({ earmark: { type: 'capability', code: 'no.such.capability' } }), 'body.earmark.code'],
      [donation({ donor: { kind: 'state', name: 'X', registryId: '01900000-0000-7000-8000-00000000beef' } }), 'body.donor.registryId'],
      [donation({ donor: { kind: 'organization', name: 'X', registryId: '01900000-0000-7000-8000-00000000beef' } }), 'body.donor.registryId'],
      [donation({ amount: 0 }), 'body.amount'],
      [donation({ amount: 1.5 }), 'body.amount'],
      [donation({ currency: 'GBP' }), 'body.currency'],
      [donation({ date: '2999-01-01' }), 'body.date'],
      [donation({ earmark: { type: 'program', code: '' } }), 'body.earmark.code'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(officer, donations, payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    expect((await get(officer, `${donations}?from=2025-02-01&to=2025-01-01`)).statusCode).toBe(400);
    expect(await count('fund_donations')).toBe(donationsBefore);
    expect(await count('ledger_entries')).toBe(entriesBefore);
  });
});
