import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Queues jobs; a key already waiting in its queue is left as it is. */
export async function insertJobs(db: Db, rows: Array<{ id: string; queue: string; job_key: string; payload: unknown; run_after: Date; created_at: Date }>): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await sql`
    insert into background_jobs (id, queue, job_key, payload, status, run_after, created_at)
    select j.id, j.queue, j.job_key, j.payload::jsonb, 'queued', j.run_after, j.created_at
    from unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.queue)}::text[], ${rows.map((r) => r.job_key)}::text[],
                ${rows.map((r) => JSON.stringify(r.payload))}::text[], ${rows.map((r) => r.run_after.toISOString())}::timestamptz[],
                ${rows.map((r) => r.created_at.toISOString())}::timestamptz[]) as j(id, queue, job_key, payload, run_after, created_at)
    on conflict (queue, job_key) where status = 'queued' do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Locks the next due job no other worker holds (FOR UPDATE SKIP LOCKED: several nodes share the
 * queue and never run the same job), oldest first.
 */
export async function claimNextJob(trx: Transaction<Database>, queues: string[] | undefined, now: Date) {
  let query = trx.selectFrom('background_jobs').selectAll().where('status', '=', 'queued').where('run_after', '<=', now);
  if (queues?.length) query = query.where('queue', 'in', queues);
  return query.orderBy('run_after').orderBy('created_at').orderBy('id').limit(1).forUpdate().skipLocked().executeTakeFirst();
}

/** Marks a job done. */
export async function finishJob(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx.updateTable('background_jobs').set({ status: 'done', finished_at: at, attempts: sql`attempts + 1` }).where('id', '=', id).execute();
}

/** Records a failed attempt: retried after `retryAt`, or failed for good when `retryAt` is null. */
export async function failJob(db: Db, id: string, error: string, retryAt: Date | null, at: Date): Promise<void> {
  await db
    .updateTable('background_jobs')
    .set(retryAt ? { attempts: sql`attempts + 1`, last_error: error, run_after: retryAt } : { attempts: sql`attempts + 1`, last_error: error, status: 'failed', finished_at: at })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .execute();
}

/** Jobs per queue and status (for /metrics, the CLI and tests). */
export async function jobCounts(db: Db) {
  const result = await sql<{ queue: string; status: string; n: number }>`select queue, status, count(*)::int as n from background_jobs group by 1, 2 order by 1, 2`.execute(db);
  return result.rows.map((r) => ({ queue: r.queue, status: r.status, count: Number(r.n) }));
}

/** Deletes finished jobs older than `before`. */
export async function purgeFinishedJobs(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('background_jobs').where('status', '=', 'done').where('finished_at', '<', before).execute();
}
