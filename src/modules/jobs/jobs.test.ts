import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { enqueueJobs, registerJobHandler, runQueuedJobs } from './service.ts';

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

// A registry change queues re-screening of the organization it touched. If that organization's
// screening job runs at that moment, it may have read the records before the change, so the request
// must give a run of its own. On PostgreSQL it does not (docs/reliability.md, "Two app nodes"): the
// running job's row is only locked, still 'queued', so `on conflict do nothing` drops the request at
// once. Making the insert wait for the run instead deadlocks with the audit log's append lock (the
// change holds it, the job needs it to record its result). Pinned as a known failure on PostgreSQL
// until the queue commits its claims (a 'running' state with a lease) or stops deduplicating against
// running jobs; on PGlite the one connection already serializes the two, and it passes.
const knownFailureOnPostgres = process.env.TEST_DATABASE_URL ? it.fails : it;

describe('background jobs', () => {
  knownFailureOnPostgres('a job asked for again while a worker runs it is queued again (known defect on PostgreSQL: dropped; pinned with it.fails)', async () => {
    const queue = 'test.held';
    const ran: unknown[] = [];
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    registerJobHandler(queue, async (_trx, payload) => {
      ran.push(payload);
      if (ran.length === 1) {
        started();
        await released;
      }
    });
    await enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 1 } }]);
    const worker = runQueuedJobs(database.db, { queues: [queue], max: 1 });
    await running;
    const again = enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 2 } }]);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the request reaches the database while the job runs
    release();
    expect(await worker).toEqual({ done: 1, failed: 0 });
    expect(await again).toBe(1);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(ran).toEqual([{ change: 1 }, { change: 2 }]);
    const rows = (await sql<{ status: string }>`select status from background_jobs where queue = ${queue}`.execute(database.db)).rows;
    expect(rows).toEqual([{ status: 'done' }, { status: 'done' }]);
  });
});
