import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { todayUtc, verifyLedger } from './service.ts';

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

const base = '/api/v1/fund/ledger';
let keyCounter = 0;

function post(caller: Caller, url: string, payload?: unknown, key: string | null = `k-${++keyCounter}`) {
  return t.app.inject({ method: 'POST', url: `${base}${url}`, headers: { ...caller.headers, ...(key ? { 'idempotency-key': key } : {}) }, ...(payload === undefined ? {} : { payload: payload as object }) });
}
function get(caller: Caller | null, url: string) {
  return t.app.inject({ method: 'GET', url: `${base}${url}`, headers: caller ? { cookie: caller.cookie } : {} });
}
async function account(code: string) {
  const list = (await get(officer, '/accounts?limit=200')).json();
  return list.items.find((a: { code: string }) => a.code === code);
}
function donation(amount: number, currency = 'UAH', extra: Record<string, unknown> = {}) {
  return {
    currency,
    description: `Donation of ${amount}`,
    referenceType: 'donation',
    postings: [
      { account: `1000.${currency}.fund`, direction: 'debit', amount },
      { account: `4100.${currency}.donations`, direction: 'credit', amount },
    ],
    ...extra,
  };
}
function payout(amount: number, extra: Record<string, unknown> = {}) {
  return {
    currency: 'UAH',
    description: `Award payout ${amount}`,
    referenceType: 'disbursement',
    postings: [
      { account: '5000.UAH.disbursements', direction: 'debit', amount },
      { account: '1000.UAH.fund', direction: 'credit', amount },
    ],
    ...extra,
  };
}

describe('fund ledger over HTTP', () => {
  it('lists the seeded chart of accounts in Ukrainian and English with balances', async () => {
    for (const caller of [officer, auditor, admin]) {
      const response = await get(caller, '/accounts');
      expect(response.statusCode, response.body).toBe(200);
    }
    const list = (await get(auditor, '/accounts?currency=UAH')).json();
    const bank = list.items.find((a: { code: string }) => a.code === '1000.UAH.fund');
    expect(bank).toMatchObject({ type: 'asset', currency: 'UAH', nameEn: 'Fund bank account (UAH)', creditsMustNotExceedDebits: true, balance: 0, available: 0 });
    expect(bank.nameUk).toMatch(/гривня/);
    expect(list.items.every((a: { currency: string }) => a.currency === 'UAH')).toBe(true);
    const one = await get(auditor, `/accounts/${bank.id}`);
    expect(one.json().code).toBe('1000.UAH.fund');
    expect((await get(auditor, '/accounts/01900000-0000-7000-8000-00000000dead')).statusCode).toBe(404);
  });

  it('refuses callers without a ledger role and anonymous ones', async () => {
    for (const caller of [analyst, company]) {
      expect((await get(caller, '/accounts')).statusCode).toBe(403);
      expect((await get(caller, '/trial-balance')).statusCode).toBe(403);
      expect((await post(caller, '/entries', donation(100))).statusCode).toBe(403);
    }
    expect((await get(null, '/accounts')).statusCode).toBe(401);
    // Reading is oversight; booking is the fund officer's alone.
    for (const caller of [auditor, admin]) {
      const refused = await post(caller, '/entries', donation(100));
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect((await post(caller, '/exchanges', { from: '1000.EUR.fund', to: '1000.UAH.fund', amount: 100, rate: '45', rateSource: 'NBU', rateDate: todayUtc() })).statusCode).toBe(403);
    }
  });

  it('books a balanced entry, moves the running totals, audits it, and replays a retry', async () => {
    const key = 'donation-1';
    const first = await post(officer, '/entries', donation(1_000_000), key);
    expect(first.statusCode, first.body).toBe(201);
    const entry = first.json();
    expect(entry).toMatchObject({ status: 'posted', currency: 'UAH', total: 1_000_000, referenceType: 'donation', allowedActions: ['reverse'], reversedByEntryId: null });
    expect(entry.postings).toHaveLength(2);
    const retry = await post(officer, '/entries', donation(1_000_000), key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(entry.id);
    const other = await post(officer, '/entries', donation(5), key);
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('idempotency_conflict');
    expect(await account('1000.UAH.fund')).toMatchObject({ debitsPosted: 1_000_000, balance: 1_000_000, available: 1_000_000 });
    expect(await account('4100.UAH.donations')).toMatchObject({ creditsPosted: 1_000_000, balance: 1_000_000 });
    const read = await get(auditor, `/entries/${entry.id}`);
    expect(read.json()).toEqual(entry);
    const audit = await sql<{ n: number }>`select count(*)::int as n from audit_events where action = 'fund.ledger.entry_posted' and target_id = ${entry.id}`.execute(t.database.db);
    expect(audit.rows[0].n).toBe(1);
  });

  it('never doubles an entry retried with the same client key, even without Idempotency-Key', async () => {
    const body = donation(700, 'EUR', { clientKey: 'bank-statement-2026-11-27-line-4' });
    const first = await post(officer, '/entries', body, null);
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(officer, '/entries', body, null);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const changed = await post(officer, '/entries', { ...body, description: 'something else' }, null);
    expect(changed.statusCode).toBe(409);
    expect(changed.json().code).toBe('idempotency_conflict');
    expect((await account('1000.EUR.fund')).debitsPosted).toBe(700);
  });

  it('refuses unbalanced, one-sided, mixed-currency, non-positive and unknown-account entries with field errors, writing nothing', async () => {
    const before = await account('1000.UAH.fund');
    const cases: Array<[unknown, RegExp]> = [
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 100 }] }, /body\.postings/],
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 100 }, { account: '4100.UAH.donations', direction: 'credit', amount: 99 }] }, /debits \(100\) must equal credits \(99\)/],
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 100 }, { account: '4100.EUR.donations', direction: 'credit', amount: 100 }] }, /EUR account/],
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 0 }, { account: '4100.UAH.donations', direction: 'credit', amount: 0 }] }, /amount/],
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: -5 }, { account: '4100.UAH.donations', direction: 'credit', amount: -5 }] }, /amount/],
      [{ ...donation(100), postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 1.5 }, { account: '4100.UAH.donations', direction: 'credit', amount: 1.5 }] }, /amount/],
      [{ ...donation(100), postings: [{ account: '9999.UAH.nothing', direction: 'debit', amount: 100 }, { account: '4100.UAH.donations', direction: 'credit', amount: 100 }] }, /is not a ledger account/],
      [{ ...donation(100), currency: 'XXX' }, /currency/],
      [{ ...donation(100), effectiveDate: '2999-01-01' }, /effectiveDate/],
      [{ ...donation(100), referenceType: 'reversal' }, /referenceType/],
    ];
    for (const [payload, message] of cases) {
      const response = await post(officer, '/entries', payload);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(response.json().code).toBe('validation_failed');
      expect(response.body).toMatch(message);
    }
    const past = await post(officer, '/entries', { ...donation(1), effectiveDate: '2099-01-01' });
    if (todayUtc() < '2099-01-01') expect(past.statusCode).toBe(400);
    expect(await account('1000.UAH.fund')).toEqual(before);
  });

  it('refuses an entry that would overdraw a flagged account with 409 naming the account and the available amount', async () => {
    const before = await account('1000.UAH.fund');
    const response = await post(officer, '/entries', payout(before.available + 1));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'conflict', account: '1000.UAH.fund', available: before.available });
    expect(response.json().detail).toMatch(/1000\.UAH\.fund/);
    expect(await account('1000.UAH.fund')).toEqual(before);
  });

  it('reserves, then posts or voids exactly once, counting reservations against availability', async () => {
    const start = await account('1000.UAH.fund');
    const reserve = await post(officer, '/entries', payout(300_000, { pending: true }));
    expect(reserve.statusCode, reserve.body).toBe(201);
    const pending = reserve.json();
    expect(pending).toMatchObject({ status: 'pending', allowedActions: ['post', 'void'] });
    expect(await account('1000.UAH.fund')).toMatchObject({ balance: start.balance, creditsPending: 300_000, available: start.available - 300_000 });
    // The reservation counts: what is left is all another payout may take.
    const tooMuch = await post(officer, '/entries', payout(start.available - 300_000 + 1));
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().available).toBe(start.available - 300_000);

    const posted = await post(officer, `/entries/${pending.id}/post`);
    expect(posted.statusCode, posted.body).toBe(200);
    expect(posted.json()).toMatchObject({ status: 'posted', allowedActions: ['reverse'] });
    expect(await account('1000.UAH.fund')).toMatchObject({ balance: start.balance - 300_000, creditsPending: 0, available: start.available - 300_000 });
    for (const action of ['post', 'void']) {
      const again = await post(officer, `/entries/${pending.id}/${action}`);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'invalid_transition', allowed: ['reverse'] });
    }

    const second = (await post(officer, '/entries', payout(50_000, { pending: true }))).json();
    const voided = await post(officer, `/entries/${second.id}/void`);
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'voided', allowedActions: [] });
    expect((await post(officer, `/entries/${second.id}/post`)).json()).toMatchObject({ code: 'invalid_transition', allowed: [] });
    expect((await post(officer, `/entries/${second.id}/reverse`)).json()).toMatchObject({ code: 'invalid_transition', allowed: [] });
    expect(await account('1000.UAH.fund')).toMatchObject({ balance: start.balance - 300_000, available: start.available - 300_000 });
    expect((await post(officer, '/entries/01900000-0000-7000-8000-00000000dead/post')).statusCode).toBe(404);
  });

  it('reverses a posted entry once with mirrored postings, and refuses a reversal that would overdraw', async () => {
    const original = (await post(officer, '/entries', donation(12_345))).json();
    const reversed = await post(officer, `/entries/${original.id}/reverse`, { description: 'Donor asked for a refund' });
    expect(reversed.statusCode, reversed.body).toBe(201);
    const reversal = reversed.json();
    expect(reversal).toMatchObject({ referenceType: 'reversal', reversesEntryId: original.id, status: 'posted', allowedActions: [], total: 12_345 });
    expect(reversal.postings.map((p: { accountCode: string; direction: string }) => `${p.accountCode}:${p.direction}`)).toEqual(['1000.UAH.fund:credit', '4100.UAH.donations:debit']);
    expect((await get(officer, `/entries/${original.id}`)).json()).toMatchObject({ reversedByEntryId: reversal.id, allowedActions: [] });
    const twice = await post(officer, `/entries/${original.id}/reverse`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'invalid_transition', allowed: [] });
    // A retry of the same reversal request (same derived client key and body) answers with the first reversal.
    const retried = await post(officer, `/entries/${original.id}/reverse`, { description: 'Donor asked for a refund' }, null);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().id).toBe(reversal.id);

    // Reversing a donation whose money has been paid out would overdraw the bank account.
    const bank = await account('1000.UAH.fund');
    const gift = (await post(officer, '/entries', donation(1000))).json();
    expect((await post(officer, '/entries', payout(bank.available + 1000))).statusCode).toBe(201);
    const refused = await post(officer, `/entries/${gift.id}/reverse`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', account: '1000.UAH.fund', available: 0 });
  });

  it('exchanges currency in two entries through FX clearing, recording rate, source and date on both', async () => {
    await post(officer, '/entries', donation(100_000, 'EUR'));
    const today = todayUtc();
    const response = await post(officer, '/exchanges', { from: '1000.EUR.fund', to: '1000.UAH.fund', amount: 10_000, rate: '45.1234', rateSource: 'NBU official rate', rateDate: today });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result).toMatchObject({ fromAmount: 10_000, toAmount: 451_234, rate: '45.1234' });
    expect(result.entries).toHaveLength(2);
    for (const entry of result.entries) {
      expect(entry).toMatchObject({ referenceType: 'fx', referenceId: result.exchangeId, fx: { rate: '45.1234', source: 'NBU official rate', date: today } });
    }
    expect(result.entries[0].currency).toBe('EUR');
    expect(result.entries[1].currency).toBe('UAH');
    expect(await account('1900.EUR.fx')).toMatchObject({ debitsPosted: 10_000 });
    expect(await account('1900.UAH.fx')).toMatchObject({ creditsPosted: 451_234 });
    const same = await post(officer, '/exchanges', { from: '1000.EUR.fund', to: '1000.EUR.fund', amount: 1, rate: '1', rateSource: 'x', rateDate: today });
    expect(same.statusCode).toBe(400);
    const broke = await post(officer, '/exchanges', { from: '1000.USD.fund', to: '1000.UAH.fund', amount: 1, rate: '41', rateSource: 'NBU', rateDate: today });
    expect(broke.statusCode).toBe(409);
    expect(broke.json().account).toBe('1000.USD.fund');
    const badRate = await post(officer, '/exchanges', { from: '1000.EUR.fund', to: '1000.UAH.fund', amount: 1, rate: '0', rateSource: 'NBU', rateDate: today });
    expect(badRate.statusCode).toBe(400);
  });

  it('opens and closes accounts; a closed account refuses new postings', async () => {
    const opened = await post(officer, '/accounts', { code: '2100.UAH.program_drones', nameUk: 'Програма: дрони', nameEn: 'Program: drones', type: 'liability', currency: 'UAH', ownerType: 'program', ownerId: '01900000-0000-7000-8000-000000000abc' });
    expect(opened.statusCode, opened.body).toBe(201);
    const acct = opened.json();
    expect((await post(officer, '/accounts', { code: '2100.UAH.program_drones', nameUk: 'x', nameEn: 'x', type: 'liability', currency: 'UAH' })).statusCode).toBe(409);
    expect((await post(officer, '/accounts', { code: '2100.EUR.program_x', nameUk: 'x', nameEn: 'x', type: 'liability', currency: 'UAH' })).statusCode).toBe(400);
    expect((await post(officer, '/accounts', { code: '2100.UAH.program_y', nameUk: 'x', nameEn: 'x', type: 'liability', currency: 'UAH', ownerType: 'award' })).statusCode).toBe(400);
    const stale = await post(officer, `/accounts/${acct.id}/close`, { version: 7 });
    expect(stale.statusCode).toBe(409);
    const closed = await post(officer, `/accounts/${acct.id}/close`, { version: 1 });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    const refused = await post(officer, '/entries', {
      currency: 'UAH',
      description: 'Allocation to a closed program',
      referenceType: 'budget',
      postings: [
        { account: '4200.UAH.budget', direction: 'debit', amount: 10 },
        { account: acct.id, direction: 'credit', amount: 10 },
      ],
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'conflict', account: '2100.UAH.program_drones' });
    const full = await account('1000.EUR.fund');
    const notEmpty = await post(officer, `/accounts/${full.id}/close`, { version: full.version });
    expect(notEmpty.statusCode).toBe(409);
  });

  it('gives a statement with running balance, paged and by date range', async () => {
    const acct = (await post(officer, '/accounts', { code: '1200.UAH.statement_test', nameUk: 'Тест', nameEn: 'Test', type: 'asset', currency: 'UAH', creditsMustNotExceedDebits: true })).json();
    const move = (amount: number, direction: 'debit' | 'credit', effectiveDate: string) =>
      post(officer, '/entries', {
        currency: 'UAH',
        description: `move ${amount}`,
        referenceType: 'other',
        effectiveDate,
        postings: [
          { account: acct.id, direction, amount },
          { account: '4200.UAH.budget', direction: direction === 'debit' ? 'credit' : 'debit', amount },
        ],
      });
    expect((await move(1000, 'debit', '2026-01-10')).statusCode).toBe(201);
    expect((await move(300, 'credit', '2026-02-10')).statusCode).toBe(201);
    expect((await move(50, 'debit', '2026-03-10')).statusCode).toBe(201);
    // Booked later, dated earlier: it takes its place by date.
    expect((await move(5, 'debit', '2026-01-20')).statusCode).toBe(201);
    const all = (await get(auditor, `/accounts/${acct.id}/statement`)).json();
    expect(all.lines.map((l: { balance: number }) => l.balance)).toEqual([1000, 1005, 705, 755]);
    expect(all).toMatchObject({ openingBalance: 0, closingBalance: 755, total: 4 });
    const range = (await get(auditor, `/accounts/${acct.id}/statement?from=2026-02-01&to=2026-02-28`)).json();
    expect(range).toMatchObject({ openingBalance: 1005, closingBalance: 705, total: 1 });
    expect(range.lines).toHaveLength(1);
    expect(range.lines[0]).toMatchObject({ direction: 'credit', amount: 300, balance: 705 });
    const page = (await get(auditor, `/accounts/${acct.id}/statement?limit=2&offset=2`)).json();
    expect(page.lines.map((l: { balance: number }) => l.balance)).toEqual([705, 755]);
    expect((await get(auditor, `/accounts/${acct.id}/statement?from=2026-03-01&to=2026-01-01`)).statusCode).toBe(400);
    expect((await get(auditor, `/accounts/${acct.id}/statement?from=yesterday`)).statusCode).toBe(400);
    const trialThen = (await get(auditor, '/trial-balance?at=2026-01-31')).json();
    const line = trialThen.currencies.find((c: { currency: string }) => c.currency === 'UAH').accounts.find((a: { code: string }) => a.code === '1200.UAH.statement_test');
    expect(line).toMatchObject({ debits: 1005, credits: 0, balance: 1005 });
  });

  it('answers the trial balance as JSON and CSV: each currency balances', async () => {
    const response = await get(admin, '/trial-balance');
    expect(response.statusCode, response.body).toBe(200);
    const tb = response.json();
    expect(tb.balanced).toBe(true);
    for (const c of tb.currencies) expect(c.debits).toBe(c.credits);
    expect(tb.currencies.map((c: { currency: string }) => c.currency)).toEqual(['EUR', 'UAH', 'USD']);
    const csv = await get(auditor, '/trial-balance?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body.startsWith('\uFEFFat,currency,code')).toBe(true);
    expect(csv.body).toMatch(/1000\.UAH\.fund/);
    expect(csv.body).toMatch(/TOTAL/);
    expect((await get(auditor, '/trial-balance?format=xml')).statusCode).toBe(400);
    expect((await get(auditor, '/trial-balance?at=2026-13-45')).statusCode).toBe(400);
    expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true, problems: [] });
  });

  it('makes postings immutable and entries changeable only from pending to posted or voided', async () => {
    const entry = (await post(officer, '/entries', donation(10))).json();
    const db = t.database.db;
    await expect(sql`update ledger_postings set amount = 11 where entry_id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_postings where entry_id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate ledger_postings cascade`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_entries set description = 'changed' where id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`update ledger_entries set status = 'voided' where id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from ledger_entries where id = ${entry.id}`.execute(db)).rejects.toThrow(/append-only/);
    const pending = (await post(officer, '/entries', donation(10, 'UAH', { pending: true }))).json();
    await expect(sql`update ledger_entries set status = 'posted', description = 'sneaky' where id = ${pending.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await post(officer, `/entries/${pending.id}/void`)).statusCode).toBe(200);
  });
});
