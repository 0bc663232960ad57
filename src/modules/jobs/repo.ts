import { type Kysely, type RawBuilder, type Selectable, type Transaction, sql } from 'kysely';
import type { BackgroundJobsTable, Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Namespace of the per-key advisory locks (the two-integer form, so it never meets the audit log's one-bigint lock). */
const JOB_KEY_LOCK_CLASS = 7_310_015;
/** Keys other workers hold that one claim steps over before it leaves the rest to the next poll. */
const MAX_KEYS_PASSED = 32;
/**
 * Up to this many keys per call, a request for a key that already waits adds no row; above it (list
 * imports queue every organization) rows are always added and merged when claimed, so that one
 * transaction never holds thousands of advisory locks (PostgreSQL's lock table is small).
 */
const MAX_KEYS_DEDUPLICATED = 32;

/** The advisory lock of one key: a worker holds it exclusively while it runs the key, a request shares it until it commits. */
function keyLock(queue: RawBuilder<unknown> | string, jobKey: RawBuilder<unknown> | string) {
  return sql`${sql.lit(JOB_KEY_LOCK_CLASS)}, hashtext(${queue} || chr(10) || ${jobKey})`;
}

/**
 * Queues jobs in the caller's transaction, never waiting for anyone. A key whose job already waits gets
 * no second row if this transaction can share the key's lock: no worker runs the key now, and none can
 * claim it (which needs the lock exclusively) until this transaction commits, so that run will see
 * what it wrote. A key being run (its lock is held) gets a new row, to run after. Rows are added
 * without that check above `MAX_KEYS_DEDUPLICATED` keys. Returns the rows added.
 */
export async function insertJobs(trx: Transaction<Database>, rows: Array<{ id: string; queue: string; job_key: string; payload: unknown; run_after: Date; created_at: Date }>): Promise<number> {
  if (rows.length === 0) return 0;
  let fresh = rows;
  if (rows.length <= MAX_KEYS_DEDUPLICATED) {
    // The lock first, then the look: a waiting row seen after the lock was taken cannot have been claimed since.
    const locks = await sql<{ n: bigint; shared: boolean }>`
      select k.n, pg_try_advisory_xact_lock_shared(${keyLock(sql`k.queue`, sql`k.job_key`)}) as shared
      from unnest(${rows.map((r) => r.queue)}::text[], ${rows.map((r) => r.job_key)}::text[]) with ordinality as k(queue, job_key, n)`.execute(trx);
    const shared = rows.filter((_, i) => locks.rows.some((l) => Number(l.n) === i + 1 && l.shared));
    if (shared.length > 0) {
      const waiting = await sql<{ queue: string; job_key: string; run_after: Date }>`
        select queue, job_key, min(run_after) as run_after from background_jobs
        where status = 'queued' and (queue, job_key) in (select * from unnest(${shared.map((r) => r.queue)}::text[], ${shared.map((r) => r.job_key)}::text[]))
        group by 1, 2`.execute(trx);
      const waitsInTime = (r: (typeof rows)[number]) =>
        shared.includes(r) && waiting.rows.some((w) => w.queue === r.queue && w.job_key === r.job_key && new Date(w.run_after).getTime() <= r.run_after.getTime());
      fresh = rows.filter((r) => !waitsInTime(r));
    }
  }
  if (fresh.length === 0) return 0;
  const result = await sql`
    insert into background_jobs (id, queue, job_key, payload, status, run_after, created_at)
    select j.id, j.queue, j.job_key, j.payload::jsonb, 'queued', j.run_after, j.created_at
    from unnest(${fresh.map((r) => r.id)}::uuid[], ${fresh.map((r) => r.queue)}::text[], ${fresh.map((r) => r.job_key)}::text[],
                ${fresh.map((r) => JSON.stringify(r.payload))}::text[], ${fresh.map((r) => r.run_after.toISOString())}::timestamptz[],
                ${fresh.map((r) => r.created_at.toISOString())}::timestamptz[]) as j(id, queue, job_key, payload, run_after, created_at)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/** A claimed job, and how many other waiting rows of its key its run stands for (they were deleted). */
export type ClaimedJob = Selectable<BackgroundJobsTable> & { merged: number };

/**
 * Claims the next due job for the caller's transaction, which then runs it. Takes the key's advisory
 * lock with a try-lock (a key another worker is running is stepped over, never waited for, so one key
 * never runs twice at once), locks the key's due rows (FOR UPDATE SKIP LOCKED) and deletes all but
 * the oldest: they were committed before this run started, so it does their work too. A row committed
 * later stays queued and runs after this one. A rollback undoes all of it.
 */
export async function claimNextJob(trx: Transaction<Database>, queues: string[] | undefined, now: Date): Promise<ClaimedJob | undefined> {
  const passed: Array<{ queue: string; job_key: string }> = [];
  while (passed.length <= MAX_KEYS_PASSED) {
    const next = await sql<{ queue: string; job_key: string }>`
      select queue, job_key from background_jobs
      where status = 'queued' and run_after <= ${now}
        ${queues?.length ? sql`and queue = any(${queues}::text[])` : sql``}
        and (queue, job_key) not in (select * from unnest(${passed.map((p) => p.queue)}::text[], ${passed.map((p) => p.job_key)}::text[]))
      order by run_after, created_at, id
      limit 1`.execute(trx);
    const key = next.rows[0];
    if (!key) return undefined;
    const lock = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${keyLock(key.queue, key.job_key)}) as locked`.execute(trx);
    if (!lock.rows[0].locked) {
      passed.push(key);
      continue;
    }
    const [job, ...merged] = await trx
      .selectFrom('background_jobs')
      .selectAll()
      .where('queue', '=', key.queue)
      .where('job_key', '=', key.job_key)
      .where('status', '=', 'queued')
      .where('run_after', '<=', now)
      .orderBy('run_after')
      .orderBy('created_at')
      .orderBy('id')
      .forUpdate()
      .skipLocked()
      .execute();
    if (!job) {
      passed.push(key); // another worker ran it between the two reads
      continue;
    }
    if (merged.length > 0) await sql`delete from background_jobs where id = any(${merged.map((m) => m.id)}::uuid[])`.execute(trx);
    return { ...job, merged: merged.length };
  }
  return undefined;
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

/** Per queue with waiting rows: how long its longest-waiting due job has been due, in seconds (0 when none is due yet). */
export async function oldestQueuedJobs(db: Db, now: Date) {
  const result = await sql<{ queue: string; seconds: number }>`
    select queue, coalesce(extract(epoch from (${now}::timestamptz - min(run_after) filter (where run_after <= ${now}::timestamptz))), 0)::float8 as seconds
    from background_jobs where status = 'queued' group by 1 order by 1`.execute(db);
  return result.rows.map((r) => ({ queue: r.queue, seconds: Number(r.seconds) }));
}

/** Deletes finished jobs older than `before`. */
export async function purgeFinishedJobs(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('background_jobs').where('status', '=', 'done').where('finished_at', '<', before).execute();
}
