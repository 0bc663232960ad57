import { type Kysely, sql } from 'kysely';

// The public portal (issue #10): news posts in both languages (Markdown, rendered and sanitized when
// shown) with a draft → scheduled → published → archived life, and the FAQ, seeded with the four
// questions the founding announcement answered.
const statements = [
  sql`create table portal_posts (
    id uuid primary key,
    slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title_uk text not null,
    title_en text not null,
    summary_uk text not null default '',
    summary_en text not null default '',
    body_uk text not null,
    body_en text not null,
    tags text[] not null default '{}',
    image_document_ids uuid[] not null default '{}',
    status text not null check (status in ('draft', 'scheduled', 'published', 'archived')),
    publish_at timestamptz,
    published_at timestamptz,
    version int not null default 1,
    created_by text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    check (status <> 'scheduled' or publish_at is not null)
  )`,
  sql`create index portal_posts_public_idx on portal_posts (status, published_at desc)`,
  sql`create index portal_posts_schedule_idx on portal_posts (publish_at) where status = 'scheduled'`,

  sql`create table portal_faq (
    id uuid primary key,
    group_key text not null,
    group_uk text not null,
    group_en text not null,
    question_uk text not null,
    question_en text not null,
    answer_uk text not null,
    answer_en text not null,
    sort_order int not null default 0,
    published boolean not null default true,
    version int not null default 1,
    updated_at timestamptz not null
  )`,
  sql`create index portal_faq_order_idx on portal_faq (sort_order, id)`,

  // The four founding questions (PRODUCT.md): why attract manufacturers, what members get, how the fund
  // is financed, what progress is made. Officers edit them like any entry.
  sql`insert into portal_faq (id, group_key, group_uk, group_en, question_uk, question_en, answer_uk, answer_en, sort_order, updated_at) values
    ('01900000-0000-7000-8000-000000000f01', 'alliance', 'Альянс', 'The Alliance',
     'Навіщо залучати іноземних виробників озброєння?', 'Why attract foreign arms manufacturers?',
     'Щоб виробляти зброю в Україні: менше залежати від поставок з-за кордону і збудувати оборонну промисловість, яка підтримує себе сама. На першому міжнародному форумі оборонних індустрій у Києві зібралися **252 компанії приблизно з 30 країн**.',
     'To make weapons in Ukraine: to depend less on deliveries from abroad and to build a defense industry that sustains itself. **252 defense companies from about 30 countries** came to the first international forum of defense industries in Kyiv.',
     10, now()),
    ('01900000-0000-7000-8000-000000000f02', 'alliance', 'Альянс', 'The Alliance',
     'Що отримують учасники Альянсу?', 'What do members of the Alliance get?',
     'Учасники Альянсу оборонних індустрій, які локалізують виробництво, можуть стати резидентами **спеціального правового режиму**: податкові та митні пільги, доки вони виконують його умови. Перелік резидентів публічний.',
     'Members of the Alliance of Defense Industries that localize production can become residents of the **special economic regime**: tax and customs benefits for as long as they meet its rules. The list of residents is public.',
     20, now()),
    ('01900000-0000-7000-8000-000000000f03', 'fund', 'Фонд', 'The fund',
     'Як фінансується спеціальний оборонний фонд?', 'How is the special defense fund financed?',
     'Частково — коштами від продажу конфіскованих активів держави-агресора та її підсанкційних власників, решта — донори і бюджет. Кожне надходження і кожна виплата — збалансований запис у книзі фонду; джерела і використання коштів публікуються як відкриті дані.',
     'In part from the sale of confiscated assets of the aggressor state and its sanctioned owners; the rest from donors and the budget. Every inflow and every payment is a balanced entry in the fund''s ledger; sources and uses are published as open data.',
     30, now()),
    ('01900000-0000-7000-8000-000000000f04', 'progress', 'Поступ', 'Progress',
     'Якого поступу досягнуто?', 'What progress has been made?',
     'Прогрес локалізації показано на сторінці локалізації: покриття потреб вітчизняним виробництвом за категоріями і роками, без даних, що розкривають окрему компанію. Реєстр учасників, резидентів і гранти фонду оновлюються щодня.',
     'Localization progress is shown on the localization page: how far domestic production covers the need, by category and year, without figures that would reveal a single company. The registers of members, residents and the fund''s awards are updated daily.',
     40, now())`,
];

/** Creates the portal's posts and FAQ (with the founding questions). */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['portal_faq', 'portal_posts']) await sql`drop table if exists ${sql.raw(table)}`.execute(db);
}
