import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LedgerReferenceType } from '../../db/schema.ts';
import type { PoolMovementRow } from './tracing-repo.ts';
import { traceMovements } from './tracing-service.ts';

// Tracing is replayed from the ledger's pool movements. These properties drive it with random
// histories (sources, uses, transfers, exchanges, reversals) that respect the ledger's own rule that
// a pool never pays out more than it holds, and check that no money is created, lost or misplaced.

const POOLS = ['1000.UAH.fund', '1100.UAH.cap_uav_0abc12', '1000.EUR.fund'] as const;
type PoolCode = (typeof POOLS)[number];

type Operation =
  | { op: 'source'; pool: number; amount: number; kind: 'asset_sale' | 'donation' | 'budget' }
  | { op: 'use'; pool: number; amount: number }
  | { op: 'transfer'; amount: number }
  | { op: 'exchange'; amount: number; rate: number }
  | { op: 'reverseUse'; pick: number }
  | { op: 'reverseSource'; pick: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ op: fc.constant('source' as const), pool: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 10_000 }), kind: fc.constantFrom('asset_sale' as const, 'donation' as const, 'budget' as const) }),
  fc.record({ op: fc.constant('use' as const), pool: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 8_000 }) }),
  fc.record({ op: fc.constant('transfer' as const), amount: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ op: fc.constant('exchange' as const), amount: fc.integer({ min: 1, max: 5_000 }), rate: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant('reverseUse' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('reverseSource' as const), pick: fc.nat() }),
);

/** Turns operations into the ledger's pool movements, skipping those the ledger would refuse (an overdraft). */
function simulate(operations: Operation[]) {
  const rows: PoolMovementRow[] = [];
  const balance = new Map<PoolCode, bigint>(POOLS.map((p) => [p, 0n]));
  const sourceAmounts = new Map<string, { amount: bigint; pool: PoolCode }>();
  const uses: Array<{ id: string; pool: PoolCode; amount: bigint; reversed: boolean }> = [];
  const sources: Array<{ id: string; pool: PoolCode; amount: bigint; reversed: boolean }> = [];
  let seq = 0n;
  const move = (entry: { id: string; type: LedgerReferenceType; ref?: string; reverses?: string }, pool: PoolCode, direction: 'debit' | 'credit', amount: bigint) => {
    rows.push({
      entry_id: entry.id,
      entry_seq: seq,
      effective_date: '2025-01-01',
      currency: pool.slice(5, 8),
      description: entry.type,
      reference_type: entry.type,
      reference_id: entry.ref ?? null,
      reverses_entry_id: entry.reverses ?? null,
      purpose_program: null,
      purpose_capability: null,
      account_code: pool,
      direction,
      amount,
      donor_name: null,
      asset_description: null,
      income_category: null,
    });
    balance.set(pool, balance.get(pool)! + (direction === 'debit' ? amount : -amount));
  };
  const next = () => `00000000-0000-7000-8000-${(++seq).toString().padStart(12, '0')}`;
  for (const o of operations) {
    if (o.op === 'source') {
      const id = next();
      const pool = POOLS[o.pool];
      move({ id, type: o.kind }, pool, 'debit', BigInt(o.amount));
      sourceAmounts.set(id, { amount: BigInt(o.amount), pool });
      sources.push({ id, pool, amount: BigInt(o.amount), reversed: false });
    } else if (o.op === 'use') {
      const pool = POOLS[o.pool];
      if (balance.get(pool)! < BigInt(o.amount)) continue;
      const id = next();
      move({ id, type: 'disbursement', ref: `award-${id}` }, pool, 'credit', BigInt(o.amount));
      uses.push({ id, pool, amount: BigInt(o.amount), reversed: false });
    } else if (o.op === 'transfer') {
      if (balance.get('1000.UAH.fund')! < BigInt(o.amount)) continue;
      const id = next();
      move({ id, type: 'other' }, '1000.UAH.fund', 'credit', BigInt(o.amount));
      move({ id, type: 'other' }, '1100.UAH.cap_uav_0abc12', 'debit', BigInt(o.amount));
    } else if (o.op === 'exchange') {
      if (balance.get('1000.EUR.fund')! < BigInt(o.amount)) continue;
      const exchangeId = `fx-${seq}`;
      move({ id: next(), type: 'fx', ref: exchangeId }, '1000.EUR.fund', 'credit', BigInt(o.amount));
      move({ id: next(), type: 'fx', ref: exchangeId }, '1000.UAH.fund', 'debit', BigInt(o.amount * o.rate));
    } else if (o.op === 'reverseUse') {
      const open = uses.filter((u) => !u.reversed);
      if (open.length === 0) continue;
      const use = open[o.pick % open.length];
      use.reversed = true;
      move({ id: next(), type: 'reversal', reverses: use.id }, use.pool, 'debit', use.amount);
    } else {
      const open = sources.filter((s) => !s.reversed && balance.get(s.pool)! >= s.amount);
      if (open.length === 0) continue;
      const source = open[o.pick % open.length];
      source.reversed = true;
      move({ id: next(), type: 'reversal', reverses: source.id }, source.pool, 'credit', source.amount);
    }
  }
  return { rows, balance, sourceAmounts };
}

describe('fund tracing (FIFO within each pool)', () => {
  it('never creates or loses money: every use is paid in full, every source is spent or held, every pool holds its balance', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        const { rows, balance, sourceAmounts } = simulate(operations);
        const trace = traceMovements(rows);
        for (const use of trace.uses.values()) {
          expect(use.shares.reduce((sum, s) => sum + s.amount, 0n)).toBe(use.amount);
          expect(use.shares.some((s) => s.sourceEntryId === 'unknown')).toBe(false);
        }
        for (const pool of POOLS) {
          const held = trace.balances.find((b) => b.account === pool)?.shares.reduce((sum, s) => sum + s.amount, 0n) ?? 0n;
          expect(held).toBe(balance.get(pool));
        }
        // In the source's own currency, what it paid for plus what is left is exactly what it gave.
        const accounted = new Map<string, bigint>();
        const add = (id: string, amount: bigint) => accounted.set(id, (accounted.get(id) ?? 0n) + amount);
        for (const use of trace.uses.values()) if (!use.reversedByEntryId) for (const s of use.shares) add(s.sourceEntryId, s.originAmount);
        for (const b of trace.balances) for (const s of b.shares) add(s.sourceEntryId, s.originAmount);
        for (const [id, { amount }] of sourceAmounts) expect(accounted.get(id) ?? 0n).toBe(amount);
        // Shares never go negative, and money that stayed in its source's currency keeps its amount.
        const allShares = [...[...trace.uses.values()].flatMap((u) => u.shares.map((s) => ({ s, currency: u.currency }))), ...trace.balances.flatMap((b) => b.shares.map((s) => ({ s, currency: b.currency })))];
        for (const { s, currency } of allShares) {
          expect(s.amount > 0n && s.originAmount >= 0n).toBe(true);
          if (sourceAmounts.get(s.sourceEntryId)!.pool.slice(5, 8) === currency) expect(s.originAmount).toBe(s.amount);
        }
        expect([...accounted.keys()].every((id) => sourceAmounts.has(id))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('pays each use from the oldest money in its pool first', () => {
    const plain = fc.array(
      fc.oneof(
        fc.record({ op: fc.constant('source' as const), pool: fc.constant(0), amount: fc.integer({ min: 1, max: 1_000 }), kind: fc.constant('donation' as const) }),
        fc.record({ op: fc.constant('use' as const), pool: fc.constant(0), amount: fc.integer({ min: 1, max: 1_500 }) }),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(plain, (operations) => {
        const { rows } = simulate(operations);
        const trace = traceMovements(rows);
        // The reference: a queue of [source, left] consumed front to back.
        const queue: Array<[string, bigint]> = [];
        for (const row of rows) {
          if (row.direction === 'debit') queue.push([row.entry_id, row.amount]);
          else {
            let need = row.amount;
            const expected: Array<[string, bigint]> = [];
            while (need > 0n) {
              const head = queue[0];
              const take = head[1] < need ? head[1] : need;
              expected.push([head[0], take]);
              head[1] -= take;
              need -= take;
              if (head[1] === 0n) queue.shift();
            }
            expect(trace.uses.get(row.entry_id)!.shares.map((s) => [s.sourceEntryId, s.amount])).toEqual(expected);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('carries sources through an exchange, splitting the converted amount in proportion', () => {
    const { rows } = simulate([
      { op: 'source', pool: 2, amount: 100, kind: 'donation' },
      { op: 'source', pool: 2, amount: 300, kind: 'asset_sale' },
      { op: 'exchange', amount: 400, rate: 45 },
      { op: 'use', pool: 0, amount: 9_000 },
    ]);
    const trace = traceMovements(rows);
    const [use] = trace.uses.values();
    expect(use.shares.map((s) => [s.amount, s.originAmount])).toEqual([
      [4_500n, 100n],
      [4_500n, 100n],
    ]);
    const left = trace.balances.find((b) => b.account === '1000.UAH.fund')!.shares;
    expect(left.map((s) => [s.amount, s.originAmount])).toEqual([[9_000n, 200n]]);
  });

  it('returns a reversed use to the front of its pool, and takes a reversed source back from its own money', () => {
    const { rows } = simulate([
      { op: 'source', pool: 0, amount: 100, kind: 'donation' },
      { op: 'source', pool: 0, amount: 100, kind: 'budget' },
      { op: 'use', pool: 0, amount: 150 },
      { op: 'reverseUse', pick: 0 },
      { op: 'reverseSource', pick: 1 },
      { op: 'use', pool: 0, amount: 100 },
    ]);
    const trace = traceMovements(rows);
    const uses = [...trace.uses.values()];
    expect(uses[0].reversedByEntryId).not.toBeNull();
    // The budget source (second) is reversed out of its own lot; the later use is paid by the donation.
    expect(uses[1].referenceType).toBe('reversal');
    expect(uses[1].shares.map((s) => s.sourceEntryId)).toEqual([rows[1].entry_id]);
    expect(uses[2].shares.map((s) => [s.sourceEntryId, s.amount])).toEqual([[rows[0].entry_id, 100n]]);
    expect(trace.balances).toEqual([]);
  });
});
