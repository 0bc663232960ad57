import { type Kysely, sql } from 'kysely';

// Registry (organizations in full, identifiers, capability taxonomy, people, officers, ownership,
// documents) and membership in the Alliance (applications, their history, deadlines), with the
// e-mail outbox and idempotency keys that both use.
const statements = [
  sql`create extension if not exists pg_trgm`,

  // The capability taxonomy: a tree of codes. Localization extends it; a starter set is seeded below.
  sql`create table capability_categories (
    code text primary key check (code ~ '^[a-z][a-z0-9_.]{1,63}$'),
    parent_code text references capability_categories (code),
    name_uk text not null,
    name_en text not null,
    sort_order int not null default 0
  )`,

  sql`alter table organizations
    add column name_uk text,
    add column name_original text,
    add column short_name text,
    add column country char(2) not null default 'UA' check (country ~ '^[A-Z]{2}$'),
    add column kind text not null default 'manufacturer'
      check (kind in ('manufacturer', 'integrator', 'research', 'supplier', 'investor', 'public_body', 'other')),
    add column size_band text check (size_band in ('micro', 'small', 'medium', 'large')),
    add column website text,
    add column founded_on date,
    add column addresses jsonb not null default '[]',
    add column contacts jsonb not null default '[]',
    add column capabilities text[] not null default '{}',
    add column version int not null default 1`,
  // One lower-cased text of every name the organization has, for trigram search in any script.
  sql`alter table organizations add column search_text text generated always as (
    lower(name || ' ' || coalesce(name_uk, '') || ' ' || coalesce(name_original, '') || ' ' || coalesce(short_name, ''))
  ) stored`,
  // GIN answers substring (LIKE) searches; GiST answers "nearest names first" for typos (KNN ordering);
  // a 256-byte signature keeps names in two scripts from saturating it (the default 12 bytes did).
  sql`create index organizations_search_trgm_idx on organizations using gin (search_text gin_trgm_ops)`,
  sql`create index organizations_search_knn_idx on organizations using gist (search_text gist_trgm_ops(siglen = 256))`,
  sql`create index organizations_country_idx on organizations (country)`,
  sql`create index organizations_capabilities_idx on organizations using gin (capabilities)`,

  // Identifiers and the other facts a company user may only propose carry a review status:
  // pending (proposed, awaiting an officer), confirmed, rejected, removal_pending, removed.
  sql`create table organization_identifiers (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    scheme text not null,
    value text not null,
    identifier text not null,
    status text not null check (status in ('pending', 'confirmed', 'rejected', 'removal_pending', 'removed')),
    proposed_by uuid references users (id),
    reviewed_by uuid references users (id),
    review_note text,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  // An identifier belongs to one organization at a time (rejected and removed ones free it).
  sql`create unique index organization_identifiers_live_idx on organization_identifiers (identifier)
    where status in ('pending', 'confirmed', 'removal_pending')`,
  sql`create index organization_identifiers_org_idx on organization_identifiers (organization_id)`,
  // Search finds an organization by the bare number too (12345678 for UA-EDR-12345678).
  sql`create index organization_identifiers_value_idx on organization_identifiers (value)`,

  sql`create table people (
    id uuid primary key,
    primary_name text not null,
    names jsonb not null default '[]',
    birth_date date,
    nationalities text[] not null default '{}',
    identifiers jsonb not null default '[]',
    search_text text not null,
    -- The organization whose user entered the person (null when staff did): company users see
    -- people linked to their own organization only.
    entered_for_organization_id uuid references organizations (id),
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create index people_search_trgm_idx on people using gin (search_text gin_trgm_ops)`,

  sql`create table organization_officers (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    person_id uuid not null references people (id),
    role text not null check (role in ('director', 'signatory', 'board_member', 'chief_accountant', 'other')),
    from_date date,
    to_date date,
    status text not null check (status in ('pending', 'confirmed', 'rejected', 'removal_pending', 'removed')),
    proposed_by uuid references users (id),
    reviewed_by uuid references users (id),
    review_note text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (to_date is null or from_date is null or to_date >= from_date)
  )`,
  sql`create index organization_officers_org_idx on organization_officers (organization_id)`,
  sql`create index organization_officers_person_idx on organization_officers (person_id)`,

  // Share in parts per million (25 % = 250000) so shares add up exactly; control kinds beside it.
  sql`create table ownership_links (
    id uuid primary key,
    owned_organization_id uuid not null references organizations (id),
    owner_person_id uuid references people (id),
    owner_organization_id uuid references organizations (id),
    share_ppm int check (share_ppm between 1 and 1000000),
    control_kinds text[] not null default '{}',
    from_date date,
    to_date date,
    status text not null check (status in ('pending', 'confirmed', 'rejected', 'removal_pending', 'removed')),
    proposed_by uuid references users (id),
    reviewed_by uuid references users (id),
    review_note text,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check ((owner_person_id is null) <> (owner_organization_id is null)),
    check (share_ppm is not null or cardinality(control_kinds) > 0),
    check (to_date is null or from_date is null or to_date >= from_date)
  )`,
  sql`create index ownership_links_owned_idx on ownership_links (owned_organization_id)`,
  sql`create index ownership_links_owner_org_idx on ownership_links (owner_organization_id)`,
  sql`create index ownership_links_owner_person_idx on ownership_links (owner_person_id)`,

  // Document metadata; the bytes live in the blob store under their SHA-256.
  sql`create table documents (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    document_type text not null check (document_type in
      ('statutes', 'registry_extract', 'financial_statement', 'licence', 'localization_plan', 'ownership_evidence', 'other')),
    title text not null,
    file_name text not null,
    content_type text not null,
    size_bytes bigint not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_by uuid references users (id),
    created_at timestamptz not null
  )`,
  sql`create index documents_org_idx on documents (organization_id, created_at desc)`,

  sql`create table membership_applications (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    status text not null check (status in
      ('draft', 'submitted', 'screening', 'under_review', 'approved', 'rejected', 'returned', 'member', 'suspended', 'terminated', 'withdrawn')),
    local_partner_organization_id uuid references organizations (id),
    site_oblast text,
    site_city text,
    investment_minor bigint check (investment_minor >= 0),
    investment_currency char(3) check (investment_currency ~ '^[A-Z]{3}$'),
    jobs int check (jobs >= 0),
    capabilities text[] not null default '{}',
    planned_start date,
    plan_summary text,
    document_ids uuid[] not null default '{}',
    -- The officer's reasons for the last return, rejection, suspension or termination: the company sees them.
    decision_reason text,
    screening_mode text not null default 'manual' check (screening_mode in ('manual', 'automatic')),
    status_changed_at timestamptz not null,
    due_at timestamptz,
    submitted_at timestamptz,
    member_since timestamptz,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  sql`create index membership_applications_org_idx on membership_applications (organization_id)`,
  sql`create index membership_applications_status_idx on membership_applications (status, due_at)`,
  // One open application or membership per organization at a time.
  sql`create unique index membership_applications_one_open_idx on membership_applications (organization_id)
    where status not in ('rejected', 'terminated', 'withdrawn')`,

  sql`create table membership_transitions (
    id uuid primary key,
    application_id uuid not null references membership_applications (id),
    from_status text,
    to_status text not null,
    actor_id uuid references users (id),
    actor_label text not null,
    reason text,
    occurred_at timestamptz not null
  )`,
  sql`create index membership_transitions_app_idx on membership_transitions (application_id, occurred_at)`,

  // How long an application may stay in a state before it is flagged overdue; admins change it.
  sql`create table membership_deadlines (
    status text primary key,
    days int not null check (days between 1 and 365)
  )`,
  sql`insert into membership_deadlines (status, days) values
    ('submitted', 2), ('screening', 10), ('under_review', 30), ('returned', 30), ('approved', 5)`,

  // Notifications: written in the same transaction as the change, delivered afterwards.
  sql`create table email_outbox (
    id uuid primary key,
    organization_id uuid references organizations (id),
    to_address text not null,
    subject text not null,
    body text not null,
    created_at timestamptz not null,
    delivered_at timestamptz,
    delivery text check (delivery in ('smtp', 'file')),
    attempts int not null default 0,
    last_error text
  )`,
  sql`create index email_outbox_pending_idx on email_outbox (created_at) where delivered_at is null`,
  sql`create index email_outbox_org_idx on email_outbox (organization_id, created_at desc)`,

  // A retried POST with the same Idempotency-Key gets the first answer back.
  sql`create table idempotency_keys (
    user_id uuid not null references users (id),
    key text not null,
    route text not null,
    request_hash text not null,
    status_code int not null,
    response_body text not null,
    created_at timestamptz not null,
    primary key (user_id, key)
  )`,

  sql`insert into capability_categories (code, parent_code, name_uk, name_en, sort_order) values
    ('ammunition', null, 'Боєприпаси', 'Ammunition', 10),
    ('ammunition.artillery', 'ammunition', 'Артилерійські боєприпаси', 'Artillery ammunition', 11),
    ('ammunition.small_arms', 'ammunition', 'Набої до стрілецької зброї', 'Small-arms ammunition', 12),
    ('ammunition.propellants', 'ammunition', 'Пороху та вибухові речовини', 'Propellants and explosives', 13),
    ('uav', null, 'Безпілотні авіаційні системи', 'Unmanned aerial systems', 20),
    ('uav.strike', 'uav', 'Ударні БпЛА', 'Strike UAVs', 21),
    ('uav.reconnaissance', 'uav', 'Розвідувальні БпЛА', 'Reconnaissance UAVs', 22),
    ('uav.fpv', 'uav', 'FPV-дрони', 'FPV drones', 23),
    ('ugv', null, 'Наземні роботизовані комплекси', 'Unmanned ground vehicles', 30),
    ('maritime_drones', null, 'Морські дрони', 'Maritime drones', 35),
    ('electronic_warfare', null, 'Радіоелектронна боротьба', 'Electronic warfare', 40),
    ('air_defense', null, 'Протиповітряна оборона', 'Air defense', 50),
    ('air_defense.radars', 'air_defense', 'Радари', 'Radars', 51),
    ('air_defense.interceptors', 'air_defense', 'Засоби перехоплення', 'Interceptors', 52),
    ('armored_vehicles', null, 'Бронетехніка', 'Armored vehicles', 60),
    ('artillery', null, 'Артилерія', 'Artillery', 70),
    ('missiles', null, 'Ракети', 'Missiles', 75),
    ('demining', null, 'Розмінування', 'Demining', 80),
    ('communications', null, 'Зв’язок', 'Communications', 90),
    ('optics', null, 'Оптика та прилади нічного бачення', 'Optics and night vision', 95),
    ('small_arms', null, 'Стрілецька зброя', 'Small arms', 100),
    ('naval', null, 'Кораблі та катери', 'Naval vessels', 110),
    ('protective_equipment', null, 'Засоби індивідуального захисту', 'Protective equipment', 120),
    ('medical', null, 'Тактична медицина', 'Tactical medicine', 130),
    ('repair', null, 'Ремонт і технічне обслуговування', 'Repair and maintenance', 140),
    ('components', null, 'Компоненти та електроніка', 'Components and electronics', 150),
    ('software', null, 'Програмне забезпечення та кібер', 'Software and cyber', 160)`,
];

/** Creates the registry and membership tables and seeds the starter capability taxonomy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops what `up` created (only safe before any real data exists). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['idempotency_keys', 'email_outbox', 'membership_deadlines', 'membership_transitions', 'membership_applications', 'documents', 'ownership_links', 'organization_officers', 'people', 'organization_identifiers']) {
    await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  }
  await sql`alter table organizations drop column search_text, drop column name_uk, drop column name_original, drop column short_name, drop column country, drop column kind, drop column size_band, drop column website, drop column founded_on, drop column addresses, drop column contacts, drop column capabilities, drop column version`.execute(db);
  await sql`drop table if exists capability_categories`.execute(db);
}
