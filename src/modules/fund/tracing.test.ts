import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { earmarkAccountCode, verifyLedger } from './service.ts';

// Earmarks and tracing through the real stack: donations held apart by earmark, the ledger refusing
// to spend them on anything else (service and database trigger), and every disbursement traced to the
// sources that paid it.

let t: TestApp;
let officer: Caller;
let auditor: Caller;
let company: Caller;

beforeAll(async () => {
  t = await createTestApp();
  [officer, auditor, company] = await Promise.all([signedInCaller(t, ['fund_officer']), signedInCaller(t, ['auditor']), signedInCaller(t, ['company'])]);
});
afterAll(async () => t?.close());

let keyCounter = 0;
function post(caller: Caller, url: string, payload: unknown) {
  return t.app.inject({ method: 'POST', url, headers: { ...caller.headers, 'idempotency-key': `trace-${++keyCounter}` }, payload: payload as object });
}
function get(caller: Caller | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: caller ? { cookie: caller.cookie } : {} });
}
async function ok<T = Record<string, unknown>>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

const UAV_UAH = earmarkAccountCode('capability', 'uav', 'UAH');
const UAV_EUR = earmarkAccountCode('capability', 'uav', 'EUR');
const spend = (account: string, amount: number, purpose: { program?: string; capability?: string } | undefined, referenceId: string) => ({
  currency: account.slice(5, 8),
  description: `Disbursement for ${referenceId}`,
  referenceType: 'disbursement',
  referenceId,
  ...(purpose ? { purpose } : {}),
  postings: [
    { account: `5000.${account.slice(5, 8)}.disbursements`, direction: 'debit', amount },
    { account, direction: 'credit', amount },
  ],
});

describe('earmarked money', () => {
  it('is held in its own account and spent only on its purpose (a capability covers its sub-categories)', async () => {
    await ok(post(officer, '/api/v1/fund/donations', { donor: { kind: 'state', name: 'Kingdom of Norway' }, amount: 1_000_00, currency: 'UAH', date: '2025-02-01', earmark: { type: 'capability', code: 'uav' } }));
    const account = (await ok<{ items: Array<{ code: string; earmark: unknown; balance: number; creditsMustNotExceedDebits: boolean }> }>(get(auditor, '/api/v1/fund/ledger/accounts?currency=UAH&type=asset&limit=200'), 200)).items.find((a) => a.code === UAV_UAH)!;
    expect(account).toMatchObject({ earmark: { type: 'capability', code: 'uav' }, balance: 1_000_00, creditsMustNotExceedDebits: true });

    const entriesBefore = await countEntries();
    for (const purpose of [undefined, { capability: 'ammunition' }, { capability: 'uavx' }, { program: 'uav' }]) {
      const refused = await post(officer, '/api/v1/fund/ledger/entries', spend(UAV_UAH, 10_00, purpose, 'award-refused'));
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'conflict', account: UAV_UAH, earmark: { type: 'capability', code: 'uav' } });
    }
    expect(await countEntries()).toBe(entriesBefore);
    const spent = await ok<{ purpose: unknown }>(post(officer, '/api/v1/fund/ledger/entries', spend(UAV_UAH, 400_00, { capability: 'uav.fpv' }, 'award-uav-1')));
    expect(spent.purpose).toEqual({ program: null, capability: 'uav.fpv' });
    // More than the earmark holds is an overdraft, whatever the purpose.
    expect((await post(officer, '/api/v1/fund/ledger/entries', spend(UAV_UAH, 600_01, { capability: 'uav' }, 'award-uav-2'))).statusCode).toBe(409);
  });

  it('is guarded by the database itself: a posting that bypasses the service is refused', async () => {
    const [account] = (await sql<{ id: string }>`select id from ledger_accounts where code = ${UAV_UAH}`.execute(t.database.db)).rows;
    const insert = t.database.db.transaction().execute(async (trx) => {
      await sql`insert into ledger_entries (id, currency, description, reference_type, status, effective_date, client_key, content_hash, created_by, created_at)
        values ('01900000-0000-7000-8000-0000000ba5e1', 'UAH', 'bypass', 'disbursement', 'posted', '2025-03-01', 'bypass', 'x', 'test', now())`.execute(trx);
      await sql`insert into ledger_postings (id, entry_id, account_id, direction, amount, seq)
        values ('01900000-0000-7000-8000-0000000ba5e2', '01900000-0000-7000-8000-0000000ba5e1', ${account.id}, 'credit', 1, 0)`.execute(trx);
    });
    await expect(insert).rejects.toThrow(/earmarked for capability uav/);

    // With the guard switched off (as a careless restore might), `adi ledger verify` still finds the breach.
    const rollback = new Error('rollback');
    const found = t.database.db.transaction().execute(async (trx) => {
      await sql`alter table ledger_postings disable trigger ledger_postings_earmark_guard`.execute(trx);
      await sql`insert into ledger_entries (id, currency, description, reference_type, status, effective_date, client_key, content_hash, created_by, created_at)
        values ('01900000-0000-7000-8000-0000000ba5e1', 'UAH', 'bypass', 'disbursement', 'posted', '2025-03-01', 'bypass', 'x', 'test', now())`.execute(trx);
      await sql`insert into ledger_postings (id, entry_id, account_id, direction, amount, seq) values
        ('01900000-0000-7000-8000-0000000ba5e2', '01900000-0000-7000-8000-0000000ba5e1', ${account.id}, 'credit', 1, 0),
        ('01900000-0000-7000-8000-0000000ba5e3', '01900000-0000-7000-8000-0000000ba5e1', '01900000-0000-7000-8000-000000005001', 'debit', 1, 1)`.execute(trx);
      const verification = await verifyLedger(trx);
      expect(verification.problems).toContainEqual(expect.stringMatching(new RegExp(`takes money from ${UAV_UAH.replaceAll('.', '\\.')}, earmarked for capability uav`)));
      throw rollback;
    });
    await expect(found).rejects.toBe(rollback);
    expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true });
  });

  it('keeps its earmark through an exchange, and an earmarked account is opened only with its earmark', async () => {
    await ok(post(officer, '/api/v1/fund/donations', { donor: { kind: 'state', name: 'Republic of Estonia' }, amount: 100_00, currency: 'EUR', date: '2025-02-02', earmark: { type: 'capability', code: 'uav' } }));
    const exchange = (to: string) => ({ from: UAV_EUR, to, amount: 100_00, rate: '45', rateSource: 'NBU official rate', rateDate: '2025-02-03', effectiveDate: '2025-02-03' });
    const lost = await post(officer, '/api/v1/fund/ledger/exchanges', exchange('1000.UAH.fund'));
    expect(lost.statusCode, lost.body).toBe(400);
    expect(lost.json().errors).toEqual([expect.objectContaining({ field: 'body.to', message: expect.stringContaining('earmark') })]);
    const kept = await ok<{ toAmount: number }>(post(officer, '/api/v1/fund/ledger/exchanges', exchange(UAV_UAH)));
    expect(kept.toAmount).toBe(4_500_00);
    // Exchange legs are undone by exchanging back, never by reversing one leg.
    const leg = (await ok<{ items: Array<{ id: string; referenceType: string; allowedActions: string[] }> }>(get(auditor, '/api/v1/fund/ledger/entries?referenceType=fx&limit=200'), 200)).items[0];
    expect(leg.allowedActions).toEqual([]);
    expect((await post(officer, `/api/v1/fund/ledger/entries/${leg.id}/reverse`, {})).statusCode).toBe(409);

    const open = (extra: Record<string, unknown>) => post(officer, '/api/v1/fund/ledger/accounts', { code: '1100.USD.program_demining_x', nameUk: 'Цільові', nameEn: 'Earmarked', type: 'asset', currency: 'USD', ...extra });
    expect((await open({})).json().errors).toEqual([expect.objectContaining({ field: 'body.earmark' })]);
    expect((await open({ type: 'liability', earmark: { type: 'program', code: 'DEMINING' } })).statusCode).toBe(400);
    const opened = await ok<{ earmark: unknown; creditsMustNotExceedDebits: boolean }>(open({ earmark: { type: 'program', code: 'DEMINING' } }));
    expect(opened).toMatchObject({ earmark: { type: 'program', code: 'DEMINING' }, creditsMustNotExceedDebits: true });
    expect((await post(officer, '/api/v1/fund/ledger/accounts', { code: '1100.USD.program_demining_y', nameUk: 'Ц', nameEn: 'E', type: 'asset', currency: 'USD', earmark: { type: 'program', code: 'DEMINING' } })).statusCode).toBe(409);
  });
});

async function countEntries(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ledger_entries`.execute(t.database.db);
  return Number(rows[0].n);
}

describe('tracing money from source to use', () => {
  it('traces each disbursement to its sources, FIFO within each pool, through exchanges and reversals', async () => {
    // General money: a budget allocation, then a donation, into 1000.UAH.fund.
    const budget = await ok<{ id: string }>(post(officer, '/api/v1/fund/ledger/entries', { currency: 'UAH', description: 'Budget allocation 2025', referenceType: 'budget', referenceId: 'budget-2025', effectiveDate: '2025-01-10', postings: [{ account: '1000.UAH.fund', direction: 'debit', amount: 700_00 }, { account: '4200.UAH.budget', direction: 'credit', amount: 700_00 }] }));
    const donation = await ok<{ ledgerEntryId: string; id: string }>(post(officer, '/api/v1/fund/donations', { donor: { kind: 'person', name: 'Olena Petrenko' }, amount: 500_00, currency: 'UAH', date: '2025-01-11' }));
    const paid = await ok<{ id: string }>(post(officer, '/api/v1/fund/ledger/entries', spend('1000.UAH.fund', 900_00, { program: 'ARTILLERY-2025' }, 'award-art-1')));

    const use = await ok<{ use: { amount: number; sources: Array<{ sourceEntryId: string; kind: string; amount: number; label: string }> }; source: null }>(get(auditor, `/api/v1/fund/tracing/entries/${paid.id}`), 200);
    expect(use.source).toBeNull();
    expect(use.use.sources.map((s) => [s.sourceEntryId, s.kind, s.amount])).toEqual([
      [budget.id, 'budget', 700_00],
      [donation.ledgerEntryId, 'donation', 200_00],
    ]);
    expect(use.use.sources[1].label).toBe('Olena Petrenko');

    const source = await ok<{ source: { spent: number; unspent: number; uses: Array<{ entryId: string; amount: number }>; remaining: Array<{ account: string; amount: number }> } }>(get(auditor, `/api/v1/fund/tracing/entries/${donation.ledgerEntryId}`), 200);
    expect(source.source).toMatchObject({ spent: 200_00, unspent: 300_00, uses: [{ entryId: paid.id, amount: 200_00 }], remaining: [{ account: '1000.UAH.fund', amount: 300_00 }] });

    // The earmarked UAV money (from the earmark tests) paid the UAV award, partly through the EUR exchange.
    const uses = await ok<{ items: Array<{ referenceId: string; sources: Array<{ kind: string; currency: string; amount: number; originAmount: number; label: string }>; reversedByEntryId: string | null; entryId: string }>; total: number }>(get(auditor, '/api/v1/fund/tracing/uses?referenceType=disbursement'), 200);
    const uav = uses.items.find((u) => u.referenceId === 'award-uav-1')!;
    expect(uav.sources).toEqual([expect.objectContaining({ kind: 'donation', label: 'Kingdom of Norway', currency: 'UAH', amount: 400_00, originAmount: 400_00 })]);
    expect((await ok<{ total: number }>(get(auditor, '/api/v1/fund/tracing/uses?program=ARTILLERY-2025'), 200)).total).toBe(1);

    // A reversal brings the money back: the award shows as reversed, the sources are whole again.
    await ok(post(officer, `/api/v1/fund/ledger/entries/${paid.id}/reverse`, {}));
    const again = await ok<{ use: { reversedByEntryId: string | null } }>(get(auditor, `/api/v1/fund/tracing/entries/${paid.id}`), 200);
    expect(again.use.reversedByEntryId).not.toBeNull();
    const whole = await ok<{ source: { spent: number; unspent: number } }>(get(auditor, `/api/v1/fund/tracing/entries/${budget.id}`), 200);
    expect(whole.source).toMatchObject({ spent: 0, unspent: 700_00 });

    const sources = await ok<{ items: Array<{ kind: string; currency: string; label: string; remaining: Array<{ account: string; amount: number; currency: string }> }> }>(get(auditor, '/api/v1/fund/tracing/sources?kind=donation'), 200);
    const estonia = sources.items.find((s) => s.label === 'Republic of Estonia')!;
    expect(estonia).toMatchObject({ currency: 'EUR', remaining: [{ account: UAV_UAH, currency: 'UAH', amount: 4_500_00 }] });
    expect(await verifyLedger(t.database.db)).toMatchObject({ ok: true });
  });

  it('shows the public only aggregated flows, with no donor names', async () => {
    const flows = await ok<{ nodes: Array<{ id: string; column: number }>; links: Array<{ source: string; target: string; amount: number }> }>(get(null, '/api/v1/public/fund/flows?currency=UAH'), 200);
    const link = (source: string, target: string) => flows.links.find((l) => l.source === source && l.target === target)?.amount;
    expect(link('source:donation', 'capability:uav.fpv')).toBe(400_00);
    // Free-text references are not shown to the public (they could name a person): payments group by kind.
    expect(link('capability:uav.fpv', 'payment:disbursement')).toBe(400_00);
    expect(flows.nodes.some((n) => n.id.includes('award-uav-1'))).toBe(false);
    // The reversed artillery payment is gone from the flows; its money shows as not yet spent.
    expect(flows.nodes.some((n) => n.id === 'program:ARTILLERY-2025')).toBe(false);
    expect(link('source:budget', 'unspent')).toBe(700_00);
    expect(JSON.stringify(flows)).not.toMatch(/Norway|Estonia|Petrenko/);
    expect((await get(null, '/api/v1/public/fund/flows?currency=XXX')).statusCode).toBe(400);
    expect((await get(null, '/api/v1/public/fund/flows?from=2025-02-01&to=2025-01-01')).statusCode).toBe(400);
  });

  it('lets only fund officers, auditors and administrators see the trace', async () => {
    expect((await get(company, '/api/v1/fund/tracing/uses')).statusCode).toBe(403);
    expect((await get(null, '/api/v1/fund/tracing/sources')).statusCode).toBe(401);
    expect((await get(auditor, '/api/v1/fund/tracing/entries/01900000-0000-7000-8000-00000000dead')).statusCode).toBe(404);
    expect((await get(auditor, '/api/v1/fund/tracing/entries/not-a-uuid')).statusCode).toBe(400);
  });
});
