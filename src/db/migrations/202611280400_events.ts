import { type Kysely, sql } from 'kysely';

// Forum and matchmaking (issue #9, docs/decisions/0016-events.md): events with sessions and meeting
// hours, delegates' registrations with a waitlist and badge codes, each organization's stated goals,
// and B2B meeting requests placed into slots and tables. No person or table is double-booked: the
// unique keys below hold that even if two nodes place meetings at the same moment.
const statements = [
  sql`create table events (
    id uuid primary key,
    title_uk text not null,
    title_en text not null,
    description_uk text not null default '',
    description_en text not null default '',
    venue_uk text not null,
    venue_en text not null,
    starts_on date not null,
    ends_on date not null,
    time_zone text not null,
    capacity int not null check (capacity > 0),
    per_company_limit int not null check (per_company_limit > 0),
    meeting_minutes int not null check (meeting_minutes between 10 and 240),
    table_count int not null check (table_count >= 0),
    meeting_hours jsonb not null default '[]',
    status text not null check (status in ('draft', 'published', 'closed', 'cancelled')),
    version int not null default 1,
    created_by text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_on >= starts_on)
  )`,
  sql`create index events_starts_on_idx on events (starts_on desc)`,

  sql`create table event_sessions (
    id uuid primary key,
    event_id uuid not null references events (id),
    title_uk text not null,
    title_en text not null,
    description_uk text not null default '',
    description_en text not null default '',
    room text not null default '',
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    speakers jsonb not null default '[]',
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (ends_at > starts_at)
  )`,
  sql`create index event_sessions_event_idx on event_sessions (event_id, starts_at)`,

  sql`create table event_registrations (
    id uuid primary key,
    event_id uuid not null references events (id),
    organization_id uuid not null references organizations (id),
    full_name text not null,
    email text not null,
    position text not null default '',
    status text not null check (status in ('registered', 'waitlisted', 'cancelled')),
    badge_code text not null unique,
    unavailable_slots jsonb not null default '[]',
    checked_in_at timestamptz,
    checked_in_by text,
    registered_by text not null,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create unique index event_registrations_email_idx on event_registrations (event_id, lower(email)) where status <> 'cancelled'`,
  sql`create index event_registrations_org_idx on event_registrations (event_id, organization_id, status)`,
  sql`create index event_registrations_queue_idx on event_registrations (event_id, status, created_at)`,

  // What an organization seeks and offers at an event: the partner recommendations read it.
  sql`create table event_participants (
    event_id uuid not null references events (id),
    organization_id uuid not null references organizations (id),
    goals text not null default '',
    seeks text[] not null default '{}',
    offers text[] not null default '{}',
    interests text[] not null default '{}',
    version int not null default 1,
    updated_at timestamptz not null,
    primary key (event_id, organization_id)
  )`,

  sql`create table meeting_requests (
    id uuid primary key,
    event_id uuid not null references events (id),
    requester_organization_id uuid not null references organizations (id),
    requester_registration_id uuid not null references event_registrations (id),
    recipient_organization_id uuid not null references organizations (id),
    recipient_registration_ids uuid[] not null default '{}',
    message text not null default '',
    status text not null check (status in ('requested', 'accepted', 'declined', 'cancelled')),
    decision_reason text,
    slot_start timestamptz,
    table_no int,
    placed_by text check (placed_by in ('booking', 'scheduler')),
    placed_at timestamptz,
    created_by text not null,
    created_at timestamptz not null,
    decided_by text,
    decided_at timestamptz,
    version int not null default 1,
    check (requester_organization_id <> recipient_organization_id),
    check ((slot_start is null) = (table_no is null)),
    check (slot_start is null or status = 'accepted')
  )`,
  // One table hosts one meeting per slot; one open request per pair of organizations.
  sql`create unique index meeting_requests_table_idx on meeting_requests (event_id, slot_start, table_no) where slot_start is not null`,
  sql`create unique index meeting_requests_pair_idx on meeting_requests (event_id, requester_organization_id, recipient_organization_id) where status in ('requested', 'accepted')`,
  sql`create index meeting_requests_recipient_idx on meeting_requests (event_id, recipient_organization_id, status)`,
  sql`create index meeting_requests_requester_idx on meeting_requests (event_id, requester_organization_id, status)`,

  // One row per person per placed meeting: the primary key is the rule that nobody is in two places at once.
  sql`create table meeting_attendance (
    event_id uuid not null references events (id),
    registration_id uuid not null references event_registrations (id),
    slot_start timestamptz not null,
    meeting_id uuid not null references meeting_requests (id),
    primary key (event_id, registration_id, slot_start)
  )`,
  sql`create index meeting_attendance_meeting_idx on meeting_attendance (meeting_id)`,
];

/** Creates the events tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['meeting_attendance', 'meeting_requests', 'event_participants', 'event_registrations', 'event_sessions', 'events']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
}
