import { type Kysely, sql } from 'kysely';

// The program side of the special defense fund (docs/decisions/0012-fund-calls.md): calls for
// proposals, proposals, evaluator assignments with conflict-of-interest declarations and scores,
// awards with milestones (each reserved in the ledger as a pending entry), disbursements approved by
// a second fund officer (two above a limit), and clawbacks.
const statements = [
  sql`create table fund_program_settings (
    id boolean primary key default true check (id),
    second_approval_above jsonb not null,
    version int not null default 1,
    updated_at timestamptz not null
  )`,
  sql`insert into fund_program_settings (second_approval_above, updated_at) values ('{"UAH": 1000000000, "EUR": 25000000, "USD": 25000000}', now())`,

  sql`create table fund_calls (
    id uuid primary key,
    code text not null unique check (code ~ '^[a-z][a-z0-9_-]{1,40}$'),
    title_en text not null,
    title_uk text not null,
    text_en text not null,
    text_uk text not null,
    currency text not null,
    budget_minor bigint not null check (budget_minor > 0),
    capabilities text[] not null,
    eligibility text not null check (eligibility in ('members', 'residents', 'both')),
    opens_at timestamptz not null,
    closes_at timestamptz not null check (closes_at > opens_at),
    required_documents text[] not null,
    criteria jsonb not null,
    overall_threshold_tenths int not null check (overall_threshold_tenths between 0 and 50),
    evaluators_per_proposal int not null check (evaluators_per_proposal between 1 and 20),
    disagreement_limit_tenths int not null check (disagreement_limit_tenths between 0 and 50),
    min_partial_percent int not null check (min_partial_percent between 0 and 100),
    status text not null check (status in ('draft', 'published', 'ranked', 'awarded', 'cancelled')),
    reservation_entry_id uuid,
    created_by text not null,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,

  sql`create table fund_proposals (
    id uuid primary key,
    call_id uuid not null references fund_calls (id),
    organization_id uuid not null references organizations (id),
    status text not null check (status in ('draft', 'submitted', 'withdrawn')),
    title text not null,
    summary text,
    requested_minor bigint not null check (requested_minor > 0),
    cofinancing_minor bigint not null default 0 check (cofinancing_minor >= 0),
    capacity jsonb not null,
    milestones jsonb not null,
    budget_lines jsonb not null,
    document_ids uuid[] not null,
    eligibility jsonb,
    submitted_at timestamptz,
    final_scores jsonb,
    consensus_by text,
    consensus_at timestamptz,
    weighted_score_milli int,
    rank int,
    outcome text check (outcome in ('funded', 'partially_funded', 'reserve', 'below_threshold')),
    awarded_minor bigint,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (call_id, organization_id)
  )`,
  sql`create index fund_proposals_call_idx on fund_proposals (call_id, status)`,

  sql`create table fund_evaluator_assignments (
    id uuid primary key,
    proposal_id uuid not null references fund_proposals (id),
    evaluator_id uuid not null references users (id),
    status text not null check (status in ('assigned', 'declared', 'conflict', 'submitted')),
    declared_at timestamptz,
    conflict_reason text,
    scores jsonb,
    submitted_at timestamptz,
    assigned_by text not null,
    created_at timestamptz not null,
    version int not null default 1,
    unique (proposal_id, evaluator_id)
  )`,
  sql`create index fund_evaluator_assignments_evaluator_idx on fund_evaluator_assignments (evaluator_id, status)`,

  sql`create table fund_awards (
    id uuid primary key,
    call_id uuid not null references fund_calls (id),
    proposal_id uuid not null unique references fund_proposals (id),
    organization_id uuid not null references organizations (id),
    agreement_number text not null unique,
    currency text not null,
    amount_minor bigint not null check (amount_minor > 0),
    status text not null check (status in ('active', 'completed', 'terminated')),
    capacity_promised jsonb not null,
    awarded_at timestamptz not null,
    awarded_by text not null,
    ended_at timestamptz,
    end_reason text,
    version int not null default 1
  )`,

  sql`create table fund_award_milestones (
    id uuid primary key,
    award_id uuid not null references fund_awards (id),
    seq int not null,
    deliverable text not null,
    due_date date not null,
    amount_minor bigint not null check (amount_minor > 0),
    status text not null check (status in ('planned', 'reported', 'verified', 'failed', 'paid', 'cancelled')),
    reservation_entry_id uuid not null,
    report_text text,
    evidence_document_ids uuid[] not null default '{}',
    capacity_delivered jsonb not null default '[]',
    reported_at timestamptz,
    verified_by text,
    verified_at timestamptz,
    verification_note text,
    version int not null default 1,
    unique (award_id, seq)
  )`,

  sql`create table fund_disbursements (
    id uuid primary key,
    award_id uuid not null references fund_awards (id),
    milestone_id uuid not null unique references fund_award_milestones (id),
    currency text not null,
    amount_minor bigint not null check (amount_minor > 0),
    status text not null check (status in ('prepared', 'paid', 'cancelled')),
    required_approvals int not null check (required_approvals between 1 and 2),
    prepared_by uuid not null,
    prepared_by_label text not null,
    prepared_at timestamptz not null,
    approvals jsonb not null default '[]',
    entry_id uuid,
    paid_at timestamptz,
    version int not null default 1
  )`,

  sql`create table fund_clawbacks (
    id uuid primary key,
    award_id uuid not null references fund_awards (id),
    milestone_id uuid references fund_award_milestones (id),
    currency text not null,
    amount_minor bigint not null check (amount_minor > 0),
    reason text not null,
    entry_id uuid not null,
    created_by text not null,
    created_at timestamptz not null
  )`,
];

/** Creates the program tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['fund_clawbacks', 'fund_disbursements', 'fund_award_milestones', 'fund_awards', 'fund_evaluator_assignments', 'fund_proposals', 'fund_calls', 'fund_program_settings']) {
    await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  }
}
