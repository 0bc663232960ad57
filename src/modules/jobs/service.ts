import type { Kysely, Transaction } from 'kysely';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import * as repo from './repo.ts';

// The platform's background work (docs/decisions/0010-screening.md): a PostgreSQL table claimed with
// FOR UPDATE SKIP LOCKED. A job runs in the transaction that claimed it, so its writes and its "done"
// commit together: a crash re-runs it, never half-does it, and two nodes never run it both.

type Db = Kysely<Database>;

/** Does one job's work inside the claiming transaction. */
export type JobHandler = (trx: Transaction<Database>, payload: unknown) => Promise<void>;

const handlers = new Map<string, JobHandler>();
/** Attempts before a job is marked failed. */
const MAX_ATTEMPTS = 5;

/** Registers the handler of a queue (once per process; the last registration wins). */
export function registerJobHandler(queue: string, handler: JobHandler): void {
  handlers.set(queue, handler);
}

/** Queues one job per key (a key already waiting is not queued twice). Runs in the caller's transaction when given one. */
export async function enqueueJobs(db: Kysely<Database>, queue: string, jobs: Array<{ key: string; payload: unknown }>, runAfter = new Date()): Promise<number> {
  const now = new Date();
  return repo.insertJobs(db, jobs.map((j) => ({ id: uuidv7(), queue, job_key: j.key, payload: j.payload, run_after: runAfter, created_at: now })));
}

/**
 * Runs due jobs one at a time until none is left or `max` ran. A job that throws is retried later
 * (after 2^attempts seconds) and marked failed after five attempts; the error is kept on the row.
 */
export async function runQueuedJobs(db: Db, options: { max?: number; queues?: string[] } = {}): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  for (let i = 0; i < (options.max ?? 100); i++) {
    let claimed: { id: string; attempts: number } | undefined;
    try {
      const ran = await db.transaction().execute(async (trx) => {
        const job = await repo.claimNextJob(trx, options.queues, new Date());
        if (!job) return false;
        claimed = { id: job.id, attempts: job.attempts };
        const handler = handlers.get(job.queue);
        if (!handler) throw new Error(`no handler for queue ${job.queue}`);
        await handler(trx, job.payload);
        await repo.finishJob(trx, job.id, new Date());
        return true;
      });
      if (!ran) break;
      done += 1;
    } catch (error) {
      if (!claimed) throw error;
      const attempts = claimed.attempts + 1;
      const retryAt = attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + 2 ** attempts * 1000);
      await repo.failJob(db, claimed.id, error instanceof Error ? error.message.slice(0, 2000) : String(error), retryAt, new Date());
      failed += 1;
    }
  }
  return { done, failed };
}

/** Jobs per queue and status. */
export async function jobCounts(db: Db) {
  return repo.jobCounts(db);
}

/** Deletes jobs that finished more than a week ago. */
export async function purgeFinishedJobs(db: Db): Promise<void> {
  await repo.purgeFinishedJobs(db, new Date(Date.now() - 7 * 24 * 3600 * 1000));
}
