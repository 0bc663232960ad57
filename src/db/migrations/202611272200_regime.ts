import { type Kysely, sql } from 'kysely';

// The special economic regime (docs/decisions/0011-regime.md): versioned eligibility rule sets,
// applications for residency, residents with their signed certificates, annual compliance reports,
// suspension proposals, appeals to a commission, and the settings administrators tune. Every
// status change of an application or a resident is one row of regime_transitions.
const statements = [
  // One row: the knobs of the regime. The certificate counter lives here so that numbering is
  // serialized by the row lock and survives a backup and restore (a sequence would not).
  sql`create table regime_settings (
    id boolean primary key default true check (id),
    decision_working_days int not null check (decision_working_days between 1 and 365),
    report_due_month int not null check (report_due_month between 1 and 12),
    report_due_day int not null check (report_due_day between 1 and 28),
    report_grace_days int not null check (report_grace_days between 0 and 365),
    reminder_days_before int[] not null,
    cure_days int not null check (cure_days between 1 and 365),
    appeal_days int not null check (appeal_days between 1 and 365),
    benefit_rates jsonb not null,
    hideable_fields text[] not null,
    last_certificate_seq int not null default 0,
    version int not null default 1,
    updated_at timestamptz not null
  )`,
  // Martial law suspended public holidays as days off in Ukraine, so working days are Monday to Friday.
  sql`insert into regime_settings (decision_working_days, report_due_month, report_due_day, report_grace_days, reminder_days_before, cure_days, appeal_days, benefit_rates, hideable_fields, updated_at)
    values (30, 4, 28, 30, '{30,7}', 60, 30,
      '{"corporateIncomeTaxPct": "18", "landTaxReliefPct": "100", "propertyTaxReliefPct": "100", "environmentalTaxReliefPct": "100"}',
      '{website,address,capabilities}', now())`,

  // A rule set never changes once stored: editing makes the next version.
  sql`create table regime_rule_sets (
    id uuid primary key,
    version int not null unique check (version >= 1),
    effective_from date not null,
    title text not null,
    notes text,
    criteria jsonb not null,
    created_by text not null,
    created_at timestamptz not null
  )`,
  sql`insert into regime_rule_sets (id, version, effective_from, title, notes, criteria, created_by, created_at) values (
    '019aa000-0000-7000-8000-000000000001', 1, '2025-01-01', 'Defense residents: starting rule set',
    'Seed rules modelled on the special legal regimes for defense companies; administrators make the next version.',
    ${JSON.stringify([
      { key: 'ukrainian_legal_entity', label: { en: 'A legal entity of Ukraine', uk: 'Юридична особа України' }, fact: 'hostCountryLegalEntity', op: 'eq', value: true },
      { key: 'defense_income_share', label: { en: 'Qualified defense income at least 75 % of revenue', uk: 'Кваліфікований оборонний дохід не менше 75 % виручки' }, fact: 'defenseIncomeSharePct', op: 'gte', value: '75' },
      { key: 'employees', label: { en: 'At least 9 employees', uk: 'Не менше 9 працівників' }, fact: 'employees', op: 'gte', value: '9' },
      { key: 'average_wage', label: { en: 'Average monthly wage at least 20,000 UAH', uk: 'Середня місячна зарплата не менше 20 000 грн' }, fact: 'averageMonthlyWage', op: 'gte', value: '20000', currency: 'UAH', rates: { EUR: '48.50', USD: '41.80' } },
      { key: 'no_sanctions_hit', label: { en: 'No confirmed sanctions hit', uk: 'Немає підтверджених санкційних збігів' }, fact: 'confirmedSanctionsHit', op: 'eq', value: false },
      { key: 'state_ownership_below_25', label: { en: 'State ownership below 25 %', uk: 'Частка держави менше 25 %' }, fact: 'stateOwnershipPct', op: 'lt', value: '25' },
      { key: 'owners_disclosed', label: { en: 'Beneficial owners disclosed', uk: 'Кінцевих бенефіціарів розкрито' }, fact: 'beneficialOwnersDisclosed', op: 'eq', value: true },
      { key: 'auditor_report', label: { en: "Independent auditor's report attached", uk: 'Додано звіт незалежного аудитора' }, fact: 'auditorReportAttached', op: 'eq', value: true },
    ])}::jsonb, 'system', now())`,

  sql`create table regime_applications (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    status text not null check (status in ('draft', 'submitted', 'checks', 'granted', 'refused', 'returned', 'withdrawn')),
    figures jsonb not null,
    auditor_report_document_id uuid references documents (id),
    document_ids uuid[] not null default '{}',
    rule_set_id uuid references regime_rule_sets (id),
    evaluation jsonb,
    submitted_at timestamptz,
    decision_due_at timestamptz,
    decided_at timestamptz,
    decision_reason text,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create index regime_applications_org_idx on regime_applications (organization_id, created_at)`,
  sql`create unique index regime_applications_open_idx on regime_applications (organization_id) where status in ('draft', 'submitted', 'checks')`,

  sql`create table regime_residents (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    application_id uuid not null unique references regime_applications (id),
    status text not null check (status in ('active', 'suspended', 'terminated', 'exited')),
    rule_set_id uuid not null references regime_rule_sets (id),
    granted_at timestamptz not null,
    certificate_id uuid not null unique,
    certificate_number text not null unique,
    certificate jsonb not null,
    signature text not null,
    key_id text not null,
    public_key text not null,
    suspended_at timestamptz,
    cure_deadline date,
    suspension_reason text,
    ended_at timestamptz,
    end_grounds text,
    hidden_fields text[] not null default '{}',
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create unique index regime_residents_current_idx on regime_residents (organization_id) where status in ('active', 'suspended')`,

  sql`create table regime_transitions (
    id uuid primary key,
    subject_type text not null check (subject_type in ('application', 'resident')),
    subject_id uuid not null,
    from_status text,
    to_status text not null,
    actor_id text,
    actor_label text not null,
    reason text,
    occurred_at timestamptz not null
  )`,
  sql`create index regime_transitions_subject_idx on regime_transitions (subject_type, subject_id, occurred_at)`,

  sql`create table regime_reports (
    id uuid primary key,
    resident_id uuid not null references regime_residents (id),
    organization_id uuid not null references organizations (id),
    year int not null check (year between 2000 and 2100),
    status text not null check (status in ('draft', 'accepted', 'failed')),
    figures jsonb not null,
    auditor_report_document_id uuid references documents (id),
    rule_set_id uuid references regime_rule_sets (id),
    evaluation jsonb,
    submitted_at timestamptz,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (resident_id, year)
  )`,

  sql`create table regime_suspension_proposals (
    id uuid primary key,
    resident_id uuid not null references regime_residents (id),
    report_id uuid references regime_reports (id),
    year int not null,
    cause text not null check (cause in ('report_failed', 'report_overdue')),
    details jsonb not null,
    status text not null check (status in ('open', 'accepted', 'dismissed')),
    decided_by text,
    decision_reason text,
    decided_at timestamptz,
    created_at timestamptz not null,
    unique (resident_id, year, cause)
  )`,
  sql`create index regime_suspension_proposals_status_idx on regime_suspension_proposals (status, created_at)`,

  // Reminders already sent, so each goes out once however many nodes run the sweep.
  sql`create table regime_notices (
    resident_id uuid not null references regime_residents (id),
    year int not null,
    kind text not null,
    sent_at timestamptz not null,
    primary key (resident_id, year, kind)
  )`,

  sql`create table regime_commission_members (
    user_id uuid primary key references users (id),
    added_by text not null,
    added_at timestamptz not null
  )`,
  sql`create table regime_appeals (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    subject_type text not null check (subject_type in ('application', 'resident')),
    subject_id uuid not null,
    grounds text not null,
    status text not null check (status in ('pending', 'upheld', 'dismissed')),
    filed_by text not null,
    decided_by text,
    decision_reason text,
    decided_at timestamptz,
    version int not null default 1,
    created_at timestamptz not null
  )`,
  sql`create unique index regime_appeals_pending_idx on regime_appeals (subject_type, subject_id) where status = 'pending'`,
];

/** Creates the regime tables and seeds the settings and the first rule set. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['regime_appeals', 'regime_commission_members', 'regime_notices', 'regime_suspension_proposals', 'regime_reports', 'regime_transitions', 'regime_residents', 'regime_applications', 'regime_rule_sets', 'regime_settings']) {
    await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  }
}
