import { type Kysely, sql } from 'kysely';

// A job asked for while the same key runs must run again afterwards (docs/decisions/0015-job-requested-while-running.md).
// The unique index on waiting jobs deduplicated requests when they were inserted, and a running job's
// row is still 'queued' (only locked), so a request during the run was dropped. Requests are now always
// inserted, and a worker that claims a key merges that key's other due rows into its run; the index
// that served the deduplication stays as a plain one for that lookup.
/** Lets several waiting rows share a key: they are merged when a worker claims the key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index background_jobs_queued_key_idx`.execute(db);
  await sql`create index background_jobs_queued_key_idx on background_jobs (queue, job_key) where status = 'queued'`.execute(db);
}

/** Restores one waiting row per key (the oldest of each key is kept; the others asked for the same work). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from background_jobs j where j.status = 'queued' and exists (
    select 1 from background_jobs o where o.status = 'queued' and o.queue = j.queue and o.job_key = j.job_key
      and (o.run_after, o.created_at, o.id) < (j.run_after, j.created_at, j.id))`.execute(db);
  await sql`drop index background_jobs_queued_key_idx`.execute(db);
  await sql`create unique index background_jobs_queued_key_idx on background_jobs (queue, job_key) where status = 'queued'`.execute(db);
}
