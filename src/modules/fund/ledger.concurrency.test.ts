import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE, createTestDatabase } from '../../../test/support/database.ts';
import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { AppError } from '../../core/errors.ts';
import { SYSTEM_ACTOR } from '../audit/service.ts';
import { createEntry, getAccount, openAccount, verifyLedger } from './service.ts';

// Twenty clients move money back and forth between the same two flagged accounts, some requests sent
// twice at once and some retried later with the same client key. On PGlite the transactions run one at
// a time; on PostgreSQL (TEST_DATABASE_URL) they really race, through a pool of 20 connections.

const CLIENTS = 20;
const TRANSFERS_PER_CLIENT = Number(process.env.ADI_LEDGER_CONCURRENCY_TRANSFERS ?? 15);
const START = 100_000;

let database: DatabaseHandle & { url?: string };
let pool: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = database.url ? await openDatabase({ kind: 'postgres', url: database.url, poolSize: CLIENTS }) : database;
});
afterAll(async () => {
  if (pool !== database) await pool?.close();
  await database?.close();
});

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe(`ledger under concurrent clients (${TEST_ENGINE})`, () => {
  it('loses no entry, doubles none, never overdraws a flagged account, and keeps every currency at zero', { timeout: 120_000 }, async () => {
    const db = pool.db;
    const stamp = Date.now().toString(36);
    const [a, b] = await Promise.all(
      ['a', 'b'].map((name) =>
        openAccount(db, SYSTEM_ACTOR, { code: `1300.UAH.race_${name}_${stamp}`, nameUk: `Гонка ${name}`, nameEn: `Race ${name}`, type: 'asset', currency: 'UAH', creditsMustNotExceedDebits: true }),
      ),
    );
    for (const account of [a, b]) {
      await createEntry(db, SYSTEM_ACTOR, {
        currency: 'UAH',
        description: 'opening funds',
        referenceType: 'budget',
        postings: [
          { account: account.id, direction: 'debit', amount: START },
          { account: '4200.UAH.budget', direction: 'credit', amount: START },
        ],
      });
    }

    const succeeded = new Map<string, Set<string>>();
    const moved = new Map<string, number>();
    let conflicts = 0;
    let replays = 0;
    const unexpected: unknown[] = [];

    async function send(key: string, from: string, to: string, amount: number) {
      try {
        const booked = await createEntry(db, SYSTEM_ACTOR, {
          currency: 'UAH',
          description: `transfer ${key}`,
          referenceType: 'other',
          clientKey: key,
          postings: [
            { account: to, direction: 'debit', amount },
            { account: from, direction: 'credit', amount },
          ],
        });
        if (booked.replayed) replays += 1;
        const ids = succeeded.get(key) ?? new Set<string>();
        ids.add(booked.entry.id);
        succeeded.set(key, ids);
        moved.set(key, from === a.id ? -amount : amount);
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict' && /may not be credited/.test(error.message)) conflicts += 1;
        else unexpected.push(error);
      }
    }

    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        const next = random(client + 1);
        const sentKeys: Array<[string, string, string, number]> = [];
        for (let i = 0; i < TRANSFERS_PER_CLIENT; i++) {
          const key = `race-${stamp}-${client}-${i}`;
          const [from, to] = next() < 0.5 ? [a.id, b.id] : [b.id, a.id];
          const amount = 1 + Math.floor(next() * 20_000);
          sentKeys.push([key, from, to, amount]);
          const roll = next();
          // A third are sent twice at once (a client whose first attempt timed out); some old keys are retried later.
          if (roll < 0.33) await Promise.all([send(key, from, to, amount), send(key, from, to, amount)]);
          else await send(key, from, to, amount);
          if (roll > 0.85) await send(...sentKeys[Math.floor(next() * sentKeys.length)]);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    expect(unexpected, String(unexpected[0])).toEqual([]);
    // No key produced two entries, and every success is in the database exactly once.
    for (const [key, ids] of succeeded) expect(ids.size, key).toBe(1);
    const stored = await sql<{ client_key: string; n: number }>`
      select client_key, count(*)::int as n from ledger_entries where client_key like ${`race-${stamp}-%`} group by client_key`.execute(db);
    expect(stored.rows.every((r) => r.n === 1)).toBe(true);
    expect(new Set(stored.rows.map((r) => r.client_key))).toEqual(new Set(succeeded.keys()));

    const net = [...moved.values()].reduce((sum, v) => sum + v, 0);
    const [finalA, finalB] = await Promise.all([getAccount(db, a.id), getAccount(db, b.id)]);
    expect(finalA.balance).toBe(START + net);
    expect(finalB.balance).toBe(START - net);
    expect(finalA.balance).toBeGreaterThanOrEqual(0);
    expect(finalB.balance).toBeGreaterThanOrEqual(0);
    const verified = await verifyLedger(db);
    expect(verified.problems).toEqual([]);
    expect(succeeded.size + conflicts).toBeGreaterThan(0);
    console.log(`${TEST_ENGINE}: ${CLIENTS}×${TRANSFERS_PER_CLIENT} transfers in ${seconds.toFixed(2)} s: ${succeeded.size} booked, ${replays} replays, ${conflicts} refused for lack of funds`);
  });
});
