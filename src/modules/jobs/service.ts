import { type Kysely, type Transaction, sql } from 'kysely';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import * as repo from './repo.ts';

// The platform's background work (docs/decisions/0010-screening.md): a PostgreSQL table claimed with
// FOR UPDATE SKIP LOCKED. A job runs in the transaction that claimed it, so its writes and its "done"
// commit together: a crash re-runs it, never half-does it, and two nodes never run it both. A key
// asked for again while its job runs gets a new row that runs once more afterwards; asking while it
// waits changes nothing (docs/decisions/0015-job-requested-while-running.md).

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

/**
 * Queues one job per key, in the caller's transaction when given one, and never waits for a worker. A
 * key whose job waits gets no second row (its run, claimed after this transaction commits, covers the
 * request); a key being run gets a new row, to run once more afterwards. Returns the rows added.
 */
export async function enqueueJobs(db: Kysely<Database>, queue: string, jobs: Array<{ key: string; payload: unknown }>, runAfter = new Date()): Promise<number> {
  if (!db.isTransaction) return db.transaction().execute((trx) => enqueueJobs(trx, queue, jobs, runAfter));
  const now = new Date();
  const byKey = new Map<string, unknown>();
  for (const job of jobs) if (!byKey.has(job.key)) byKey.set(job.key, job.payload);
  return repo.insertJobs(db as Transaction<Database>, [...byKey].map(([key, payload]) => ({ id: uuidv7(), queue, job_key: key, payload, run_after: runAfter, created_at: now })));
}

/** When a job that failed `attempts` times (this one included) is tried again; null once it has failed for good. */
function retryTime(attempts: number): Date | null {
  return attempts >= MAX_ATTEMPTS ? null : new Date(Date.now() + 2 ** attempts * 1000);
}

/** What a failed attempt keeps of its error (on the row, so no stack and at most 2,000 characters). */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 2000) : String(error);
}

/**
 * Runs due jobs one at a time until none is left or `max` ran. A job that throws is retried later
 * (after 2^attempts seconds) and marked failed after five attempts; the error is kept on the row. The
 * handler runs inside a savepoint: its writes are undone, while the failed attempt and the merging
 * of its key's other rows commit.
 */
export async function runQueuedJobs(db: Db, options: { max?: number; queues?: string[] } = {}): Promise<{ done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  for (let i = 0; i < (options.max ?? 100); i++) {
    let claimed: { id: string; attempts: number } | undefined;
    try {
      const outcome = await db.transaction().execute(async (trx) => {
        const job = await repo.claimNextJob(trx, options.queues, new Date());
        if (!job) return 'none' as const;
        claimed = { id: job.id, attempts: job.attempts };
        await sql`savepoint job_handler`.execute(trx);
        try {
          const handler = handlers.get(job.queue);
          if (!handler) throw new Error(`no handler for queue ${job.queue}`);
          await handler(trx, job.payload);
        } catch (error) {
          await sql`rollback to savepoint job_handler`.execute(trx);
          await repo.failJob(trx, job.id, errorText(error), retryTime(job.attempts + 1), new Date());
          return 'failed' as const;
        }
        await sql`release savepoint job_handler`.execute(trx);
        await repo.finishJob(trx, job.id, new Date());
        return 'done' as const;
      });
      if (outcome === 'none') break;
      if (outcome === 'done') done += 1;
      else failed += 1;
    } catch (error) {
      // The transaction itself failed (a lost connection, a failed commit): none of it stayed, so
      // the job and its key's rows are queued as before; the attempt is recorded when possible.
      if (!claimed) throw error;
      await repo.failJob(db, claimed.id, errorText(error), retryTime(claimed.attempts + 1), new Date());
      failed += 1;
    }
  }
  return { done, failed };
}

/** Jobs per queue and status. */
export async function jobCounts(db: Db) {
  return repo.jobCounts(db);
}

/** Per queue with waiting jobs: seconds its longest-waiting due job has been due (0 when none is due yet). */
export async function oldestQueuedJobs(db: Db) {
  return repo.oldestQueuedJobs(db, new Date());
}

/** Deletes jobs that finished more than a week ago. */
export async function purgeFinishedJobs(db: Db): Promise<void> {
  await repo.purgeFinishedJobs(db, new Date(Date.now() - 7 * 24 * 3600 * 1000));
}
