import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/database.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import * as repo from './repo.ts';
import { enqueueJobs, jobCounts, oldestQueuedJobs, registerJobHandler, runQueuedJobs } from './service.ts';

let database: DatabaseHandle;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

beforeAll(async () => {
  database = await createTestDatabase();
  // What the test handlers read and write: the records a job works on, and the work it did.
  await sql`create table test_job_inputs (job_key text not null, value int not null)`.execute(database.db);
  await sql`create table test_job_outputs (job_key text not null, seen int[] not null)`.execute(database.db);
});
afterAll(async () => database?.close());

/**
 * Registers a handler that logs each run's payload and holds its first run until `release()`:
 * `started` settles once that run is inside its transaction.
 */
function heldHandler(queue: string) {
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
  return { ran, running, release };
}

async function statuses(queue: string) {
  return (await sql<{ job_key: string; status: string; attempts: number }>`select job_key, status, attempts from background_jobs where queue = ${queue} order by created_at, id`.execute(database.db)).rows;
}

/** Lets a request reach the database while a job runs (on PGlite it waits for the one connection instead). */
const aMoment = () => new Promise((resolve) => setTimeout(resolve, 200));

// A registry change queues re-screening of the organization it touched. If that organization's
// screening job is running, it may have read the records before the change, so the request must give
// a run of its own. Issue #11: on PostgreSQL it was dropped (the running job's row is only locked,
// still 'queued', and a unique index deduplicated the insert against it). Now a request skips its
// row only while it holds the key's advisory lock shared (no worker runs the key, none can claim it
// before the request commits); the worker that claims a key merges the key's other due rows
// (docs/decisions/0015-job-requested-while-running.md).
describe('background jobs', () => {
  it('a job asked for again while a worker runs it runs once more afterwards', async () => {
    const queue = 'test.held';
    const { ran, running, release } = heldHandler(queue);
    await enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 1 } }]);
    const worker = runQueuedJobs(database.db, { queues: [queue], max: 1 });
    await running;
    const again = enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 2 } }]);
    await aMoment();
    // On PostgreSQL the request is in before the run ends: it never waits for the worker.
    if (onPostgres) expect(await Promise.race([again, aMoment().then(() => 'waiting')])).toBe(1);
    release();
    expect(await worker).toEqual({ done: 1, failed: 0 });
    expect(await again).toBe(1);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(ran).toEqual([{ change: 1 }, { change: 2 }]);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 0, failed: 0 });
    expect(await statuses(queue)).toEqual([
      { job_key: 'organization-1', status: 'done', attempts: 1 },
      { job_key: 'organization-1', status: 'done', attempts: 1 },
    ]);
  });

  it('two requests while the job runs give one more run, not two', async () => {
    const queue = 'test.held-twice';
    const { ran, running, release } = heldHandler(queue);
    await enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 1 } }]);
    const worker = runQueuedJobs(database.db, { queues: [queue], max: 1 });
    await running;
    const requests = Promise.all([
      enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 2 } }]),
      enqueueJobs(database.db, queue, [{ key: 'organization-1', payload: { change: 3 } }]),
    ]);
    await aMoment();
    release();
    expect(await worker).toEqual({ done: 1, failed: 0 });
    // On PostgreSQL both requests came in during the run: a row each, merged when claimed. On PGlite they
    // reach the one connection after the run: the second finds the first's row waiting and adds none.
    expect(await requests).toEqual(onPostgres ? [1, 1] : [1, 0]);
    expect(await statuses(queue)).toHaveLength(onPostgres ? 3 : 2);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(ran).toHaveLength(2);
    expect(ran[0]).toEqual({ change: 1 });
    // The row the run stood for is gone; one row per run is left, both done.
    expect(await statuses(queue)).toEqual([
      { job_key: 'organization-1', status: 'done', attempts: 1 },
      { job_key: 'organization-1', status: 'done', attempts: 1 },
    ]);
  });

  it('requests for a waiting job, and the same key twice in one call, give one run', async () => {
    const queue = 'test.waiting';
    const ran: unknown[] = [];
    registerJobHandler(queue, async (_trx, payload) => void ran.push(payload));
    expect(await enqueueJobs(database.db, queue, [{ key: 'k', payload: 1 }, { key: 'k', payload: 2 }, { key: 'other', payload: 3 }])).toBe(2);
    expect(await enqueueJobs(database.db, queue, [{ key: 'k', payload: 4 }])).toBe(0);
    // Unless the waiting one is due later than the new request wants.
    expect(await enqueueJobs(database.db, queue, [{ key: 'soon', payload: 5 }], new Date(Date.now() + 3600_000))).toBe(1);
    expect(await enqueueJobs(database.db, queue, [{ key: 'soon', payload: 6 }])).toBe(1);
    await sql`delete from background_jobs where queue = ${queue} and job_key = 'soon' and run_after > now()`.execute(database.db);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 3, failed: 0 });
    expect(ran).toEqual([1, 3, 6]);
    expect(await statuses(queue)).toEqual([
      { job_key: 'k', status: 'done', attempts: 1 },
      { job_key: 'other', status: 'done', attempts: 1 },
      { job_key: 'soon', status: 'done', attempts: 1 },
    ]);
  });

  it('a bulk request (a list import queues every organization) adds its rows without taking locks; each key still runs once', async () => {
    const queue = 'test.bulk';
    const ran: unknown[] = [];
    registerJobHandler(queue, async (_trx, payload) => void ran.push(payload));
    const keys = Array.from({ length: 40 }, (_, i) => ({ key: `organization-${i}`, payload: i }));
    expect(await enqueueJobs(database.db, queue, keys)).toBe(40);
    expect(await enqueueJobs(database.db, queue, keys)).toBe(40);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 40, failed: 0 });
    expect(ran).toEqual(keys.map((k) => k.payload));
    expect((await statuses(queue)).filter((r) => r.status === 'done')).toHaveLength(40);
    expect(await statuses(queue)).toHaveLength(40);
  });

  it('a run that crashes (its transaction rolls back) leaves its key queued; the next worker runs it once', async () => {
    const queue = 'test.crash';
    await enqueueJobs(database.db, queue, [{ key: 'crash-1', payload: {} }]);
    // A second row of the key, as two requests in flight at the same moment leave (neither saw the other's).
    // (Due a second ago, so the worker's clock, Node's, sees it due too.)
    await sql`insert into background_jobs (id, queue, job_key, payload, status, run_after, created_at) values (gen_random_uuid(), ${queue}, 'crash-1', '{}', 'queued', now() - interval '1 second', now())`.execute(database.db);
    // What a worker that dies mid-job leaves: it claimed the key (merging the second row) and wrote,
    // then its transaction never committed (PostgreSQL rolls back a dead connection's transaction).
    await expect(
      database.db.transaction().execute(async (trx) => {
        const job = await repo.claimNextJob(trx, [queue], new Date());
        expect(job).toMatchObject({ job_key: 'crash-1', merged: 1 });
        await sql`insert into test_job_outputs values ('crash-1', '{0}')`.execute(trx);
        throw new Error('the worker died');
      }),
    ).rejects.toThrow('the worker died');
    expect(await statuses(queue)).toEqual([
      { job_key: 'crash-1', status: 'queued', attempts: 0 },
      { job_key: 'crash-1', status: 'queued', attempts: 0 },
    ]);
    registerJobHandler(queue, async (trx) => void (await sql`insert into test_job_outputs values ('crash-1', '{1}')`.execute(trx)));
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect((await sql<{ seen: number[] }>`select seen from test_job_outputs where job_key = 'crash-1'`.execute(database.db)).rows).toEqual([{ seen: [1] }]);
    expect(await statuses(queue)).toEqual([{ job_key: 'crash-1', status: 'done', attempts: 1 }]);
  });

  it('a handler that throws: its writes are undone, the attempt is kept, and it runs again when due', async () => {
    const queue = 'test.throws';
    let calls = 0;
    registerJobHandler(queue, async (trx) => {
      calls += 1;
      await sql`insert into test_job_outputs values ('throws-1', ${[calls]}::int[])`.execute(trx);
      if (calls === 1) throw new Error('the list service did not answer');
    });
    await enqueueJobs(database.db, queue, [{ key: 'throws-1', payload: {} }]);
    // Due a second ago: the worker's clock (Node's) must see it due too, or it would run on its own.
    await sql`insert into background_jobs (id, queue, job_key, payload, status, run_after, created_at) values (gen_random_uuid(), ${queue}, 'throws-1', '{}', 'queued', now() - interval '1 second', now())`.execute(database.db);
    const before = Date.now();
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 0, failed: 1 });
    const [failed, ...others] = (await sql<{ status: string; attempts: number; last_error: string; run_after: Date }>`select status, attempts, last_error, run_after from background_jobs where queue = ${queue}`.execute(database.db)).rows;
    expect(others).toEqual([]); // the second request is the same work: the retry does it
    expect(failed).toMatchObject({ status: 'queued', attempts: 1, last_error: 'the list service did not answer' });
    expect(new Date(failed.run_after).getTime()).toBeGreaterThanOrEqual(before + 2000);
    expect((await sql`select * from test_job_outputs where job_key = 'throws-1'`.execute(database.db)).rows).toEqual([]);
    await sql`update background_jobs set run_after = now() where queue = ${queue}`.execute(database.db);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect((await sql<{ seen: number[] }>`select seen from test_job_outputs where job_key = 'throws-1'`.execute(database.db)).rows).toEqual([{ seen: [2] }]);
    expect(await statuses(queue)).toEqual([{ job_key: 'throws-1', status: 'done', attempts: 2 }]);
  });

  it('counts jobs per queue and status, and how long the oldest due job has waited', async () => {
    const queue = 'test.counted';
    await enqueueJobs(database.db, queue, [{ key: 'due', payload: {} }], new Date(Date.now() - 90_000));
    await enqueueJobs(database.db, queue, [{ key: 'later', payload: {} }], new Date(Date.now() + 3600_000));
    expect((await jobCounts(database.db)).filter((c) => c.queue === queue)).toEqual([{ queue, status: 'queued', count: 2 }]);
    const [oldest] = (await oldestQueuedJobs(database.db)).filter((o) => o.queue === queue);
    expect(oldest.seconds).toBeGreaterThanOrEqual(90);
    expect(oldest.seconds).toBeLessThan(120);
    await sql`delete from background_jobs where queue = ${queue} and job_key = 'due'`.execute(database.db);
    expect((await oldestQueuedJobs(database.db)).filter((o) => o.queue === queue)).toEqual([{ queue, seconds: 0 }]);
  });

  // The next two need two connections at once; PGlite has one, which already runs one transaction at a time.
  it.skipIf(!onPostgres)('a request for a waiting job keeps it from being claimed until the request commits, so the run sees the change (PostgreSQL only: needs two connections)', async () => {
    const queue = 'test.late-commit';
    registerJobHandler(queue, async (trx, payload) => {
      const { key } = payload as { key: string };
      const { rows } = await sql<{ value: number }>`select value from test_job_inputs where job_key = ${key} order by value`.execute(trx);
      await sql`insert into test_job_outputs values (${key}, ${rows.map((r) => r.value)}::int[])`.execute(trx);
    });
    await sql`insert into test_job_inputs values ('late-1', 1)`.execute(database.db);
    await enqueueJobs(database.db, queue, [{ key: 'late-1', payload: { key: 'late-1' } }]);
    // A registry change writes and asks for the job while the first request still waits: no new row,
    // and no worker takes the job before the change commits (before issue #11's fix, one took it and
    // ran it on the old records, and the change was never screened).
    const change = await database.db.startTransaction().execute();
    await sql`insert into test_job_inputs values ('late-1', 2)`.execute(change);
    expect(await enqueueJobs(change, queue, [{ key: 'late-1', payload: { key: 'late-1' } }])).toBe(0);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 0, failed: 0 });
    await change.commit().execute();
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 0, failed: 0 });
    expect((await sql<{ seen: number[] }>`select seen from test_job_outputs where job_key = 'late-1'`.execute(database.db)).rows).toEqual([{ seen: [1, 2] }]);
  });

  it.skipIf(!onPostgres)('a second worker never runs a key another worker is running, and takes the other keys meanwhile (PostgreSQL only: needs two connections)', async () => {
    const queue = 'test.two-workers';
    const { ran, running, release } = heldHandler(queue);
    await enqueueJobs(database.db, queue, [{ key: 'busy', payload: 'busy-1' }]);
    const first = runQueuedJobs(database.db, { queues: [queue], max: 1 });
    await running;
    await enqueueJobs(database.db, queue, [{ key: 'busy', payload: 'busy-2' }]);
    await enqueueJobs(database.db, queue, [{ key: 'free', payload: 'free-1' }]);
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(ran).toEqual(['busy-1', 'free-1']);
    release();
    expect(await first).toEqual({ done: 1, failed: 0 });
    expect(await runQueuedJobs(database.db, { queues: [queue] })).toEqual({ done: 1, failed: 0 });
    expect(ran).toEqual(['busy-1', 'free-1', 'busy-2']);
  });
});
