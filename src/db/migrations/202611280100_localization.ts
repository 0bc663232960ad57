import { type Kysely, sql } from 'kysely';

// Localization: units and upkeep of the capability taxonomy, needs (versioned), capacity reports by
// members. Needs and per-company capacity are restricted data (docs/decisions/0013): the public sees
// them only as suppressed aggregates.
const PERIOD_CHECK = `period ~ '^20[0-9]{2}(-Q[1-4])?$'`;

const statements = [
  // A category counts in its top-level category's unit, so sub-categories add up to their parent.
  sql`alter table capability_categories
    add column unit_uk text not null default 'од.',
    add column unit_en text not null default 'units',
    add column archived boolean not null default false,
    add column version int not null default 1`,

  sql`update capability_categories set name_uk = 'Логістика, ремонт і технічне обслуговування', name_en = 'Logistics, repair and maintenance' where code = 'repair'`,
  sql`update capability_categories set name_uk = 'Артилерійські системи', name_en = 'Artillery systems' where code = 'artillery'`,
  sql`insert into capability_categories (code, parent_code, name_uk, name_en, sort_order) values
    ('ammunition.artillery.shells_155', 'ammunition.artillery', 'Артилерійські снаряди 155 мм', 'Artillery shells 155 mm', 111),
    ('ammunition.artillery.shells_152', 'ammunition.artillery', 'Артилерійські снаряди 152 мм', 'Artillery shells 152 mm', 112),
    ('ammunition.mortar', 'ammunition', 'Мінометні міни', 'Mortar rounds', 14),
    ('uav.long_range', 'uav', 'БпЛА великої дальності', 'Long-range UAVs', 24),
    ('electronic_warfare.jammers', 'electronic_warfare', 'Засоби радіоелектронного придушення', 'Jammers', 41),
    ('electronic_warfare.sigint', 'electronic_warfare', 'Радіоелектронна розвідка', 'Signals intelligence', 42),
    ('armored_vehicles.apc', 'armored_vehicles', 'Бронетранспортери', 'Armored personnel carriers', 61),
    ('armored_vehicles.repair', 'armored_vehicles', 'Відновлення бронетехніки', 'Armored vehicle overhaul', 62),
    ('artillery.howitzers', 'artillery', 'Самохідні гаубиці', 'Self-propelled howitzers', 71),
    ('artillery.barrels', 'artillery', 'Стволи', 'Barrels', 72),
    ('demining.machines', 'demining', 'Машини розмінування', 'Demining machines', 81),
    ('communications.radios', 'communications', 'Радіостанції', 'Radios', 91),
    ('repair.field', 'repair', 'Польовий ремонт', 'Field repair', 141),
    ('repair.logistics', 'repair', 'Логістичні транспортні засоби', 'Logistics vehicles', 142)`,

  sql`update capability_categories c set unit_uk = u.unit_uk, unit_en = u.unit_en
    from (values
      ('ammunition', 'шт.', 'rounds'),
      ('uav', 'од.', 'units'),
      ('ugv', 'од.', 'units'),
      ('maritime_drones', 'од.', 'units'),
      ('electronic_warfare', 'комплектів', 'systems'),
      ('air_defense', 'од.', 'units'),
      ('armored_vehicles', 'машин', 'vehicles'),
      ('artillery', 'од.', 'units'),
      ('missiles', 'од.', 'units'),
      ('demining', 'комплектів', 'kits'),
      ('communications', 'комплектів', 'sets'),
      ('optics', 'од.', 'units'),
      ('small_arms', 'од.', 'units'),
      ('naval', 'од.', 'vessels'),
      ('protective_equipment', 'комплектів', 'sets'),
      ('medical', 'комплектів', 'kits'),
      ('repair', 'од. техніки', 'items of equipment'),
      ('components', 'од.', 'units'),
      ('software', 'ліцензій', 'licences')
    ) as u (top, unit_uk, unit_en)
    where c.code = u.top or starts_with(c.code, u.top || '.')`,

  sql.raw(`create table localization_needs (
    id uuid primary key,
    category_code text not null references capability_categories (code),
    period text not null check (${PERIOD_CHECK}),
    quantity bigint not null check (quantity >= 0),
    note text,
    version int not null default 1,
    created_by text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    unique (category_code, period)
  )`),

  // Every version of a need, the first included: a revision never overwrites what was planned before.
  sql`create table localization_need_versions (
    need_id uuid not null references localization_needs (id),
    version int not null,
    quantity bigint not null,
    note text,
    reason text,
    recorded_by text not null,
    recorded_at timestamptz not null,
    primary key (need_id, version)
  )`,

  sql.raw(`create table capacity_reports (
    id uuid primary key,
    organization_id uuid not null references organizations (id),
    category_code text not null references capability_categories (code),
    period text not null check (${PERIOD_CHECK}),
    domestic_output bigint not null check (domestic_output >= 0),
    capacity bigint not null check (capacity >= domestic_output),
    imported_content_pct int not null check (imported_content_pct between 0 and 100),
    imported_components text[] not null default '{}',
    evidence_document_ids uuid[] not null default '{}',
    note text,
    status text not null check (status in ('submitted', 'confirmed', 'returned')),
    submitted_by text not null,
    submitted_at timestamptz not null,
    decided_by_id uuid,
    decided_by text,
    decided_at timestamptz,
    decision_reason text,
    version int not null default 1,
    unique (organization_id, category_code, period)
  )`),
  sql`create index capacity_reports_category_period_idx on capacity_reports (category_code, period)`,
  sql`create index capacity_reports_status_idx on capacity_reports (status, submitted_at)`,
];

/** Creates the localization tables, adds units to the taxonomy and extends it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them (the taxonomy keeps its added categories). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['capacity_reports', 'localization_need_versions', 'localization_needs']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
  await sql`alter table capability_categories drop column unit_uk, drop column unit_en, drop column archived, drop column version`.execute(db);
}
