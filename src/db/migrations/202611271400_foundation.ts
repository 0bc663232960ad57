import { type Kysely, sql } from 'kysely';

// The foundation: organizations placeholder, identity (users, sessions, API tokens, sign-in
// failures) and the append-only audit log with its signed checkpoints.
const statements = [
  sql`create table organizations (
    id uuid primary key,
    name text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create index organizations_name_idx on organizations (lower(name))`,

  sql`create table users (
    id uuid primary key,
    email text not null,
    display_name text not null,
    password_hash text not null,
    roles text[] not null,
    organization_id uuid references organizations (id),
    status text not null check (status in ('active', 'disabled')),
    totp_secret text,
    totp_pending_secret text,
    totp_enabled_at timestamptz,
    totp_last_step bigint,
    password_changed_at timestamptz not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create unique index users_email_key on users (lower(email))`,
  sql`create index users_organization_idx on users (organization_id)`,

  sql`create table sessions (
    token_hash text primary key,
    user_id uuid not null references users (id) on delete cascade,
    stage text not null check (stage in ('full', 'totp_enrolment')),
    csrf_token text not null,
    created_at timestamptz not null,
    last_seen_at timestamptz not null,
    expires_at timestamptz not null,
    ip text,
    user_agent text
  )`,
  sql`create index sessions_user_idx on sessions (user_id)`,

  sql`create table api_tokens (
    id uuid primary key,
    user_id uuid not null references users (id) on delete cascade,
    name text not null,
    prefix text not null unique,
    token_hash text not null unique,
    created_at timestamptz not null,
    last_used_at timestamptz,
    expires_at timestamptz,
    revoked_at timestamptz
  )`,
  sql`create index api_tokens_user_idx on api_tokens (user_id)`,

  sql`create table login_failures (
    id uuid primary key,
    email text not null,
    ip text not null,
    occurred_at timestamptz not null
  )`,
  sql`create index login_failures_email_idx on login_failures (email, occurred_at)`,
  sql`create index login_failures_ip_idx on login_failures (ip, occurred_at)`,

  // What a hash covers is `payload`: the event's canonical JSON exactly as the app hashed it. Every
  // other column is generated from it, so no column can say something the hash does not
  // (docs/decisions/0003-audit-log.md). `json` (not jsonb) is read lazily, which makes appends twice as
  // fast as building a jsonb value per column. The text-to-timestamp cast is stable, not immutable, in general;
  // the payload always carries a UTC ('Z') instant, so the result never depends on the session.
  sql`create function audit_instant(text) returns timestamptz language sql immutable parallel safe
    as $$ select $1::timestamptz $$`,
  sql`create table audit_events (
    seq bigint primary key,
    hash text not null,
    payload text not null,
    id uuid generated always as ((payload::json ->> 'id')::uuid) stored,
    occurred_at timestamptz generated always as (audit_instant(payload::json ->> 'occurredAt')) stored,
    actor_id uuid generated always as ((payload::json ->> 'actorId')::uuid) stored,
    actor_label text generated always as (payload::json ->> 'actorLabel') stored,
    action text generated always as (payload::json ->> 'action') stored,
    target_type text generated always as (payload::json ->> 'targetType') stored,
    target_id text generated always as (payload::json ->> 'targetId') stored,
    request_id text generated always as (payload::json ->> 'requestId') stored,
    details jsonb generated always as ((payload::json -> 'details')::jsonb) stored
  )`,
  sql`create unique index audit_events_id_key on audit_events (id)`,
  sql`create index audit_events_action_idx on audit_events (action, seq)`,
  sql`create index audit_events_target_idx on audit_events (target_type, target_id, seq)`,
  sql`create index audit_events_actor_idx on audit_events (actor_id, seq)`,
  sql`create index audit_events_time_idx on audit_events (occurred_at)`,

  sql`create table audit_checkpoints (
    seq bigint primary key,
    from_seq bigint not null,
    head_hash text not null,
    range_digest text not null,
    event_hashes bytea not null,
    signed_at timestamptz not null,
    key_id text not null,
    public_key text not null,
    signature text not null
  )`,

  // History is append-only: the database itself refuses to change or remove it.
  sql`create function refuse_history_change() returns trigger language plpgsql as $$
    begin
      raise exception 'table % is append-only: % is not allowed', tg_table_name, tg_op
        using errcode = 'insufficient_privilege';
    end
  $$`,
  sql`create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function refuse_history_change()`,
  sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function refuse_history_change()`,
  sql`create trigger audit_checkpoints_append_only before update or delete on audit_checkpoints
    for each row execute function refuse_history_change()`,
  sql`create trigger audit_checkpoints_no_truncate before truncate on audit_checkpoints
    for each statement execute function refuse_history_change()`,
];

/** Creates the foundation tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Not reversible: the audit log may never be dropped by a migration. */
export async function down(): Promise<void> {
  throw new Error('the foundation migration cannot be reverted');
}
