import { type Kysely, sql } from 'kysely';

// Screening cases and the background job queue (docs/decisions/0010-screening.md). A case is one
// screened record (an organization or a person) against one listed entity; it keeps both records as
// they were when the hit was found, and the analyst's decision. The job queue is a plain table claimed
// with FOR UPDATE SKIP LOCKED, so several app nodes never run the same job and it works on PGlite.
const statements = [
  sql`create table screening_cases (
    id uuid primary key,
    subject_type text not null check (subject_type in ('organization', 'person')),
    subject_id uuid not null,
    subject_name text not null,
    subject jsonb not null,
    entity_id text not null,
    entity_caption text not null,
    list_source text not null,
    entity_hash text not null,
    entity jsonb not null,
    score numeric(5, 4) not null check (score >= 0 and score <= 1),
    matched_name text not null,
    evidence jsonb not null,
    status text not null check (status in ('open', 'confirmed', 'dismissed')),
    decision_reason text,
    decided_by text,
    decided_at timestamptz,
    reopened_because text,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (subject_type, subject_id, entity_id),
    check ((status = 'open') = (decided_at is null))
  )`,
  sql`create index screening_cases_status_idx on screening_cases (status, updated_at)`,
  // Which organizations a case concerns: the organization itself, or each organization the person
  // (an owner or officer) or holding company belongs to.
  sql`create table screening_case_organizations (
    case_id uuid not null references screening_cases (id),
    organization_id uuid not null references organizations (id),
    primary key (case_id, organization_id)
  )`,
  sql`create index screening_case_organizations_org_idx on screening_case_organizations (organization_id)`,
  sql`create table screening_runs (
    organization_id uuid primary key references organizations (id),
    screened_at timestamptz not null,
    subjects int not null,
    hits int not null,
    list_versions text not null
  )`,

  sql`create table background_jobs (
    id uuid primary key,
    queue text not null,
    job_key text not null,
    payload jsonb not null,
    status text not null check (status in ('queued', 'done', 'failed')),
    attempts int not null default 0,
    last_error text,
    run_after timestamptz not null,
    created_at timestamptz not null,
    finished_at timestamptz
  )`,
  // One queued job per key: asking again while it waits changes nothing.
  sql`create unique index background_jobs_queued_key_idx on background_jobs (queue, job_key) where status = 'queued'`,
  sql`create index background_jobs_next_idx on background_jobs (status, run_after, created_at)`,
];

/** Creates the screening case tables and the job queue. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['background_jobs', 'screening_runs', 'screening_case_organizations', 'screening_cases']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
}
