import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../core/errors.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import * as repo from './repo.ts';
import { createEntry, openAccount, resolvePending, reverseEntry, verifyLedger } from './service.ts';

// Model-based test: random sequences of entries, reservations, posts, voids, reversals and retries
// run against the real service and an in-memory model of the same accounts. After every command the
// database must agree with the model, every running total must equal the sum of its postings, no
// flag may be violated, and every currency must sum to zero.

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

type Flag = 'debits_must_not_exceed_credits' | 'credits_must_not_exceed_debits' | null;
interface ModelAccount {
  flag: Flag;
  dp: bigint;
  cp: bigint;
  dpe: bigint;
  cpe: bigint;
}
interface ModelPosting {
  account: number;
  direction: 'debit' | 'credit';
  amount: bigint;
}
interface ModelEntry {
  id: string;
  status: 'posted' | 'pending' | 'voided';
  postings: ModelPosting[];
  isReversal: boolean;
  reversed: boolean;
  reversalId?: string;
}
interface Model {
  accounts: ModelAccount[];
  entries: ModelEntry[];
  sent: Array<{ key: string; input: Parameters<typeof createEntry>[2]; entryId: string }>;
}
interface Real {
  db: Kysely<Database>;
  accountIds: string[];
  run: number;
  counter: number;
}

const FLAGS: Flag[] = ['credits_must_not_exceed_debits', 'debits_must_not_exceed_credits', null, null];

/** Applies postings to copies of the model's accounts; undefined when a flag would break (the service's rule). */
function applied(accounts: ModelAccount[], postings: ModelPosting[], phase: 'posted' | 'pending', factor: bigint): ModelAccount[] | undefined {
  const next = accounts.map((a) => ({ ...a }));
  const grew = new Map<number, { debits: bigint; credits: bigint }>();
  for (const p of postings) {
    const a = next[p.account];
    const amount = p.amount * factor;
    if (p.direction === 'debit') phase === 'posted' ? (a.dp += amount) : (a.dpe += amount);
    else phase === 'posted' ? (a.cp += amount) : (a.cpe += amount);
    const g = grew.get(p.account) ?? { debits: 0n, credits: 0n };
    if (p.direction === 'debit') g.debits += amount;
    else g.credits += amount;
    grew.set(p.account, g);
  }
  for (const [i, g] of grew) {
    const a = next[i];
    if (a.flag === 'debits_must_not_exceed_credits' && a.dp + a.dpe > a.cp && g.debits > 0n) return undefined;
    if (a.flag === 'credits_must_not_exceed_debits' && a.cp + a.cpe > a.dp && g.credits > 0n) return undefined;
  }
  return next;
}

async function expectCode(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${code}`).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

async function checkInvariants(model: Model, real: Real) {
  const rows = await sql<{ id: string; dp: bigint; cp: bigint; dpe: bigint; cpe: bigint; sdp: bigint; scp: bigint; sdpe: bigint; scpe: bigint }>`
    select a.id, a.debits_posted as dp, a.credits_posted as cp, a.debits_pending as dpe, a.credits_pending as cpe,
      coalesce(sum(p.amount) filter (where p.direction = 'debit' and e.status = 'posted'), 0)::bigint as sdp,
      coalesce(sum(p.amount) filter (where p.direction = 'credit' and e.status = 'posted'), 0)::bigint as scp,
      coalesce(sum(p.amount) filter (where p.direction = 'debit' and e.status = 'pending'), 0)::bigint as sdpe,
      coalesce(sum(p.amount) filter (where p.direction = 'credit' and e.status = 'pending'), 0)::bigint as scpe
    from ledger_accounts a left join ledger_postings p on p.account_id = a.id left join ledger_entries e on e.id = p.entry_id
    where a.id in (${sql.join(real.accountIds)})
    group by a.id`.execute(real.db);
  for (const row of rows.rows) {
    const i = real.accountIds.indexOf(row.id);
    const m = model.accounts[i];
    expect({ dp: row.dp, cp: row.cp, dpe: row.dpe, cpe: row.cpe }).toEqual({ dp: m.dp, cp: m.cp, dpe: m.dpe, cpe: m.cpe });
    expect({ dp: row.sdp, cp: row.scp, dpe: row.sdpe, cpe: row.scpe }).toEqual({ dp: m.dp, cp: m.cp, dpe: m.dpe, cpe: m.cpe });
    if (m.flag === 'debits_must_not_exceed_credits') expect(m.dp + m.dpe <= m.cp).toBe(true);
    if (m.flag === 'credits_must_not_exceed_debits') expect(m.cp + m.cpe <= m.dp).toBe(true);
  }
  expect((await verifyLedger(real.db)).problems).toEqual([]);
}

class BookCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly transfers: Array<{ debit: number; credit: number; amount: number }>,
    readonly pending: boolean,
  ) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const postings: ModelPosting[] = this.transfers.flatMap((t) => [
      { account: t.debit, direction: 'debit' as const, amount: BigInt(t.amount) },
      { account: t.credit, direction: 'credit' as const, amount: BigInt(t.amount) },
    ]);
    const key = `model-${real.run}-${++real.counter}`;
    const input = {
      currency: 'UAH' as const,
      description: 'model entry',
      referenceType: 'other' as const,
      pending: this.pending,
      clientKey: key,
      postings: postings.map((p) => ({ account: real.accountIds[p.account], direction: p.direction, amount: Number(p.amount) })),
    };
    const next = applied(model.accounts, postings, this.pending ? 'pending' : 'posted', 1n);
    if (!next) {
      await expectCode(createEntry(real.db, SYSTEM_ACTOR, input), 'conflict');
    } else {
      const booked = await createEntry(real.db, SYSTEM_ACTOR, input);
      expect(booked.replayed).toBe(false);
      expect(booked.entry.status).toBe(this.pending ? 'pending' : 'posted');
      model.accounts = next;
      model.entries.push({ id: booked.entry.id, status: booked.entry.status, postings, isReversal: false, reversed: false });
      model.sent.push({ key, input, entryId: booked.entry.id });
    }
    await checkInvariants(model, real);
  }
  toString = () => `book(${this.pending ? 'pending ' : ''}${this.transfers.map((t) => `${t.credit}→${t.debit}:${t.amount}`).join(', ')})`;
}

class RetryCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.sent.length > 0;
  async run(model: Model, real: Real) {
    const sent = model.sent[this.index % model.sent.length];
    const again = await createEntry(real.db, SYSTEM_ACTOR, sent.input);
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(sent.entryId);
    await expectCode(createEntry(real.db, SYSTEM_ACTOR, { ...sent.input, description: 'another entry with a used key' }), 'idempotency_conflict');
    await checkInvariants(model, real);
  }
  toString = () => `retry(${this.index})`;
}

class ResolveCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly index: number,
    readonly action: 'post' | 'void',
  ) {}
  check = (model: Readonly<Model>) => model.entries.length > 0;
  async run(model: Model, real: Real) {
    const entry = model.entries[this.index % model.entries.length];
    if (entry.status !== 'pending') {
      await expectCode(resolvePending(real.db, SYSTEM_ACTOR, entry.id, this.action), 'invalid_transition');
    } else {
      const released = applied(model.accounts, entry.postings, 'pending', -1n) ?? model.accounts.map((a) => ({ ...a }));
      // Releasing never breaks a flag; posting moves what was already counted, so the model applies it unchecked.
      const next = this.action === 'post' ? released.map((a) => ({ ...a })) : released;
      if (this.action === 'post') {
        for (const p of entry.postings) {
          if (p.direction === 'debit') next[p.account].dp += p.amount;
          else next[p.account].cp += p.amount;
        }
      }
      const result = await resolvePending(real.db, SYSTEM_ACTOR, entry.id, this.action);
      expect(result.status).toBe(this.action === 'post' ? 'posted' : 'voided');
      model.accounts = next;
      entry.status = result.status;
    }
    await checkInvariants(model, real);
  }
  toString = () => `${this.action}(${this.index})`;
}

class ReverseCommand implements fc.AsyncCommand<Model, Real> {
  constructor(readonly index: number) {}
  check = (model: Readonly<Model>) => model.entries.length > 0;
  async run(model: Model, real: Real) {
    const entry = model.entries[this.index % model.entries.length];
    if (entry.reversed) {
      // The same reversal request again is a retry and gets the first reversal; another one is refused.
      expect((await reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'model reversal' })).entry.id).toBe(entry.reversalId);
      await expectCode(reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'a second reversal' }), 'invalid_transition');
    } else if (entry.status !== 'posted' || entry.isReversal) {
      await expectCode(reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'model reversal' }), 'invalid_transition');
    } else {
      const mirrored = entry.postings.map((p) => ({ ...p, direction: p.direction === 'debit' ? ('credit' as const) : ('debit' as const) }));
      const next = applied(model.accounts, mirrored, 'posted', 1n);
      if (!next) {
        await expectCode(reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'model reversal' }), 'conflict');
      } else {
        const booked = await reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'model reversal' });
        expect(booked.entry.reversesEntryId).toBe(entry.id);
        // The same reversal request again is a retry: the first reversal comes back, nothing moves.
        expect((await reverseEntry(real.db, SYSTEM_ACTOR, entry.id, { description: 'model reversal' })).entry.id).toBe(booked.entry.id);
        model.accounts = next;
        entry.reversed = true;
        entry.reversalId = booked.entry.id;
        model.entries.push({ id: booked.entry.id, status: 'posted', postings: mirrored, isReversal: true, reversed: false });
      }
    }
    await checkInvariants(model, real);
  }
  toString = () => `reverse(${this.index})`;
}

const transfer = fc.record({ debit: fc.nat(3), credit: fc.nat(3), amount: fc.integer({ min: 1, max: 1000 }) });
const commands = fc.commands(
  [
    fc.tuple(fc.array(transfer, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([transfers, pending]) => new BookCommand(transfers, pending)),
    fc.nat().map((i) => new RetryCommand(i)),
    fc.tuple(fc.nat(), fc.constantFrom('post' as const, 'void' as const)).map(([i, action]) => new ResolveCommand(i, action)),
    fc.nat().map((i) => new ReverseCommand(i)),
  ],
  { maxCommands: 30 },
);

describe('ledger model', () => {
  it('keeps balances equal to the sums of postings, flags unbroken and every currency at zero, whatever the commands', { timeout: 300_000 }, async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(commands, async (cmds) => {
        run += 1;
        const accountIds: string[] = [];
        const stamp = `${run}_${Date.now().toString(36)}`;
        for (const [i, flag] of FLAGS.entries()) {
          const account = await openAccount(database.db, SYSTEM_ACTOR, {
            code: `8${i}00.UAH.model_${stamp}`,
            nameUk: `Модель ${i}`,
            nameEn: `Model ${i}`,
            type: i === 1 ? 'liability' : 'asset',
            currency: 'UAH',
            debitsMustNotExceedCredits: flag === 'debits_must_not_exceed_credits',
            creditsMustNotExceedDebits: flag === 'credits_must_not_exceed_debits',
          });
          accountIds.push(account.id);
        }
        const model: Model = { accounts: FLAGS.map((flag) => ({ flag, dp: 0n, cp: 0n, dpe: 0n, cpe: 0n })), entries: [], sent: [] };
        await fc.asyncModelRun(() => ({ model, real: { db: database.db, accountIds, run, counter: 0 } }), cmds);
      }),
      { numRuns: Number(process.env.ADI_LEDGER_MODEL_RUNS ?? 25) },
    );
  });
});
