import { fileTypeFromBuffer } from 'file-type';
import type { Kysely } from 'kysely';
import { AppError, invalidFields, staleVersion } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, PostStatus } from '../../db/schema.ts';
import { type AuditActor, SYSTEM_ACTOR, auditHead, checkpointPageJson, recordAuditBatch } from '../audit/service.ts';
import type { CheckpointSigner } from '../audit/signing.ts';
import { publicSourcesAndUses, todayUtc } from '../fund/service.ts';
import { publicAggregates } from '../localization/service.ts';
import { listPublicMembers, membersByCountry } from '../membership/service.ts';
import { publicRegister } from '../regime/public-service.ts';
import { type FeedInfo, type FeedPost, atomFeed, rssFeed } from './feeds.ts';
import { markdownToText, renderMarkdown } from './markdown.ts';
import type { BlobStore } from '../registry/blob-store.ts';
import * as repo from './repo.ts';
import { type TCreateFaqBody, type TCreatePostBody, type TPortalImage, type TPostTransitionBody, type TUpdateFaqBody, type TUpdatePostBody, type TUploadImageQuery, imageUrl } from './schema.ts';

type Db = Kysely<Database>;

const notFound = (what: string) => new AppError('not_found', { detail: `no such ${what}` });

// Posts -------------------------------------------------------------------------------------------

function presentPostSummary(row: { id: string; slug: string; title_uk: string; title_en: string; summary_uk: string; summary_en: string; body_uk?: string; body_en?: string; tags: string[]; published_at: Date | null }) {
  return {
    id: row.id,
    slug: row.slug,
    titleUk: row.title_uk,
    titleEn: row.title_en,
    // A post without a written summary is summarized by the start of its text.
    summaryUk: row.summary_uk || (row.body_uk ? markdownToText(row.body_uk, 240) : ''),
    summaryEn: row.summary_en || (row.body_en ? markdownToText(row.body_en, 240) : ''),
    tags: row.tags,
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

function presentPost(row: repo.PostRow) {
  return {
    ...presentPostSummary(row),
    bodyUk: row.body_uk,
    bodyEn: row.body_en,
    htmlUk: renderMarkdown(row.body_uk),
    htmlEn: renderMarkdown(row.body_en),
    status: row.status,
    publishAt: row.publish_at?.toISOString() ?? null,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listPosts(db: Db, query: { status?: PostStatus; tag?: string; q?: string; limit: number; offset: number }) {
  const { items, total } = await repo.listPosts(db, query, query.limit, query.offset);
  return {
    items: items.map((row) => ({
      ...presentPostSummary(row),
      status: row.status,
      publishAt: row.publish_at?.toISOString() ?? null,
      version: row.version,
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getPost(db: Db, id: string) {
  const row = await repo.findPost(db, id);
  if (!row) throw notFound('post');
  return presentPost(row);
}

async function checkSlugFree(db: Db, slug: string, exceptId?: string) {
  const taken = await repo.postBySlug(db, slug);
  if (taken && taken.id !== exceptId) throw new AppError('already_exists', { detail: `another post has the address ${slug}` });
}

export async function createPost(db: Db, actor: AuditActor, input: TCreatePostBody) {
  const id = uuidv7();
  await inTransaction(db, async (trx) => {
    await checkSlugFree(trx, input.slug);
    const now = new Date();
    await repo.insertPost(trx, {
      id,
      slug: input.slug,
      title_uk: input.titleUk,
      title_en: input.titleEn,
      summary_uk: input.summaryUk,
      summary_en: input.summaryEn,
      body_uk: input.bodyUk,
      body_en: input.bodyEn,
      tags: [...new Set(input.tags)],
      status: 'draft',
      version: 1,
      created_by: actor.actorLabel,
      created_at: now,
      updated_at: now,
    });
    await recordAuditBatch(trx, actor, [{ action: 'portal.post_created', targetType: 'portal_post', targetId: id, details: { slug: input.slug } }]);
  });
  return getPost(db, id);
}

export async function updatePost(db: Db, actor: AuditActor, id: string, input: TUpdatePostBody) {
  await inTransaction(db, async (trx) => {
    const row = await repo.lockPost(trx, id);
    if (!row) throw notFound('post');
    if (row.version !== input.version) throw staleVersion(row.version, 'post');
    if (input.slug && input.slug !== row.slug) {
      // A published address is shared and linked to: it stays.
      if (row.status === 'published' || row.status === 'archived') throw invalidFields([{ field: 'body.slug', message: 'the address of a published post does not change' }]);
      await checkSlugFree(trx, input.slug, id);
    }
    const patch = {
      ...(input.slug !== undefined && { slug: input.slug }),
      ...(input.titleUk !== undefined && { title_uk: input.titleUk }),
      ...(input.titleEn !== undefined && { title_en: input.titleEn }),
      ...(input.summaryUk !== undefined && { summary_uk: input.summaryUk }),
      ...(input.summaryEn !== undefined && { summary_en: input.summaryEn }),
      ...(input.bodyUk !== undefined && { body_uk: input.bodyUk }),
      ...(input.bodyEn !== undefined && { body_en: input.bodyEn }),
      ...(input.tags !== undefined && { tags: [...new Set(input.tags)] }),
    };
    await repo.updatePost(trx, id, { ...patch, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'portal.post_updated', targetType: 'portal_post', targetId: id, details: { changed: Object.keys(patch) } }]);
  });
  return getPost(db, id);
}

const POST_TRANSITIONS: Record<TPostTransitionBody['action'], { from: PostStatus[]; to: PostStatus }> = {
  schedule: { from: ['draft'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  publish: { from: ['draft', 'scheduled'], to: 'published' },
  archive: { from: ['published'], to: 'archived' },
  restore: { from: ['archived'], to: 'published' },
};

export async function transitionPost(db: Db, actor: AuditActor, id: string, input: TPostTransitionBody, now = new Date()) {
  await inTransaction(db, async (trx) => {
    const row = await repo.lockPost(trx, id);
    if (!row) throw notFound('post');
    if (row.version !== input.version) throw staleVersion(row.version, 'post');
    const rule = POST_TRANSITIONS[input.action];
    if (!rule.from.includes(row.status)) {
      const allowed = Object.entries(POST_TRANSITIONS).filter(([, r]) => r.from.includes(row.status)).map(([action]) => action);
      throw new AppError('invalid_transition', { detail: `a ${row.status} post cannot ${input.action}`, extra: { allowed } });
    }
    let publishAt: Date | null = row.publish_at;
    if (input.action === 'schedule') {
      if (!input.publishAt) throw invalidFields([{ field: 'body.publishAt', message: 'is required to schedule' }]);
      publishAt = new Date(input.publishAt);
      if (publishAt.getTime() <= now.getTime()) throw invalidFields([{ field: 'body.publishAt', message: 'must be in the future; publish now instead' }]);
    } else if (input.publishAt) {
      throw invalidFields([{ field: 'body.publishAt', message: 'only scheduling takes a time' }]);
    }
    if (input.action === 'unschedule') publishAt = null;
    const publishedAt = input.action === 'publish' ? now : row.published_at;
    await repo.updatePost(trx, id, { status: rule.to, publish_at: publishAt, published_at: publishedAt, version: row.version + 1, updated_at: now });
    await recordAuditBatch(trx, actor, [{ action: `portal.post_${rule.to}`, targetType: 'portal_post', targetId: id, details: { slug: row.slug, from: row.status, publishAt: publishAt?.toISOString() ?? null } }]);
  });
  return getPost(db, id);
}

/** Publishes the scheduled posts whose time has come (a timer in main.ts runs it every 15 s); how many. */
export async function publishDuePosts(db: Db, now = new Date()): Promise<number> {
  return inTransaction(db, async (trx) => {
    const due = await repo.duePosts(trx, now);
    for (const row of due) await repo.updatePost(trx, row.id, { status: 'published', published_at: row.publish_at, version: row.version + 1, updated_at: now });
    if (due.length) await recordAuditBatch(trx, SYSTEM_ACTOR, due.map((row) => ({ action: 'portal.post_published', targetType: 'portal_post', targetId: row.id, details: { slug: row.slug, from: 'scheduled', scheduled: true } })));
    return due.length;
  });
}

// Public news -------------------------------------------------------------------------------------

export async function listPublicPosts(db: Db, query: { tag?: string; limit: number; offset: number }) {
  const [{ items, total }, tags] = await Promise.all([repo.listPublicPosts(db, query, query.limit, query.offset), repo.publicTags(db)]);
  return { items: items.map(presentPostSummary), total, limit: query.limit, offset: query.offset, tags };
}

export async function getPublicPost(db: Db, slug: string) {
  const row = await repo.findPublicPost(db, slug);
  if (!row) throw notFound('post');
  return { ...presentPostSummary(row), htmlUk: renderMarkdown(row.body_uk), htmlEn: renderMarkdown(row.body_en), updatedAt: row.updated_at.toISOString() };
}

/** How long the public news may be cached: a minute, or until the next scheduled post goes out. */
export async function newsCacheMillis(db: Db, now = Date.now()): Promise<number> {
  const next = await repo.nextScheduledAt(db);
  return Math.max(1000, Math.min(60_000, next ? next.getTime() - now : 60_000));
}

const FEED_TITLES = {
  uk: { title: 'Альянс оборонних індустрій — новини', description: 'Новини платформи Альянсу оборонних індустрій' },
  en: { title: 'Alliance of Defense Industries — news', description: 'News of the Alliance of Defense Industries platform' },
};

/** A language's feed (the 50 newest posts) as Atom or RSS. */
export async function newsFeed(db: Db, lang: 'uk' | 'en', format: 'atom' | 'rss', baseUrl: string, selfUrl: string): Promise<string> {
  const { items } = await repo.listPublicPosts(db, {}, 50, 0);
  const posts: FeedPost[] = items.map((row) => {
    const body = lang === 'uk' ? row.body_uk : row.body_en;
    const summary = lang === 'uk' ? row.summary_uk : row.summary_en;
    return { slug: row.slug, title: lang === 'uk' ? row.title_uk : row.title_en, summary: summary || markdownToText(body, 240), html: renderMarkdown(body), tags: row.tags, publishedAt: row.published_at!, updatedAt: row.updated_at };
  });
  const info: FeedInfo = { lang, ...FEED_TITLES[lang], baseUrl: baseUrl.replace(/\/+$/, ''), selfUrl };
  return format === 'atom' ? atomFeed(info, posts) : rssFeed(info, posts);
}

// FAQ ---------------------------------------------------------------------------------------------

function presentFaq(row: Awaited<ReturnType<typeof repo.listFaq>>[number]) {
  return {
    id: row.id,
    groupKey: row.group_key,
    groupUk: row.group_uk,
    groupEn: row.group_en,
    questionUk: row.question_uk,
    questionEn: row.question_en,
    answerUk: row.answer_uk,
    answerEn: row.answer_en,
    answerHtmlUk: renderMarkdown(row.answer_uk),
    answerHtmlEn: renderMarkdown(row.answer_en),
    sortOrder: row.sort_order,
    published: row.published,
    version: row.version,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listFaq(db: Db) {
  return { items: (await repo.listFaq(db, false)).map(presentFaq) };
}

/** The public FAQ: published entries grouped, groups in the order of their first entry. */
export async function publicFaq(db: Db) {
  const groups = new Map<string, { groupKey: string; groupUk: string; groupEn: string; items: Array<{ id: string; questionUk: string; questionEn: string; answerHtmlUk: string; answerHtmlEn: string }> }>();
  for (const entry of (await repo.listFaq(db, true)).map(presentFaq)) {
    const group = groups.get(entry.groupKey) ?? { groupKey: entry.groupKey, groupUk: entry.groupUk, groupEn: entry.groupEn, items: [] };
    group.items.push({ id: entry.id, questionUk: entry.questionUk, questionEn: entry.questionEn, answerHtmlUk: entry.answerHtmlUk, answerHtmlEn: entry.answerHtmlEn });
    groups.set(entry.groupKey, group);
  }
  return { groups: [...groups.values()] };
}

export async function createFaq(db: Db, actor: AuditActor, input: TCreateFaqBody) {
  const id = uuidv7();
  return inTransaction(db, async (trx) => {
    await repo.insertFaq(trx, {
      id,
      group_key: input.groupKey,
      group_uk: input.groupUk,
      group_en: input.groupEn,
      question_uk: input.questionUk,
      question_en: input.questionEn,
      answer_uk: input.answerUk,
      answer_en: input.answerEn,
      sort_order: input.sortOrder,
      published: input.published,
      version: 1,
      updated_at: new Date(),
    });
    await recordAuditBatch(trx, actor, [{ action: 'portal.faq_created', targetType: 'portal_faq', targetId: id, details: { groupKey: input.groupKey } }]);
    return presentFaq((await repo.lockFaq(trx, id))!);
  });
}

export async function updateFaq(db: Db, actor: AuditActor, id: string, input: TUpdateFaqBody) {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockFaq(trx, id);
    if (!row) throw notFound('FAQ entry');
    if (row.version !== input.version) throw staleVersion(row.version, 'FAQ entry');
    const patch = {
      ...(input.groupKey !== undefined && { group_key: input.groupKey }),
      ...(input.groupUk !== undefined && { group_uk: input.groupUk }),
      ...(input.groupEn !== undefined && { group_en: input.groupEn }),
      ...(input.questionUk !== undefined && { question_uk: input.questionUk }),
      ...(input.questionEn !== undefined && { question_en: input.questionEn }),
      ...(input.answerUk !== undefined && { answer_uk: input.answerUk }),
      ...(input.answerEn !== undefined && { answer_en: input.answerEn }),
      ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
      ...(input.published !== undefined && { published: input.published }),
    };
    await repo.updateFaq(trx, id, { ...patch, version: row.version + 1, updated_at: new Date() });
    await recordAuditBatch(trx, actor, [{ action: 'portal.faq_updated', targetType: 'portal_faq', targetId: id, details: { changed: Object.keys(patch) } }]);
    return presentFaq((await repo.lockFaq(trx, id))!);
  });
}

export async function deleteFaq(db: Db, actor: AuditActor, id: string) {
  await inTransaction(db, async (trx) => {
    const row = await repo.lockFaq(trx, id);
    if (!row) throw notFound('FAQ entry');
    await repo.deleteFaq(trx, id);
    await recordAuditBatch(trx, actor, [{ action: 'portal.faq_deleted', targetType: 'portal_faq', targetId: id, details: { questionEn: row.question_en } }]);
  });
}

// Open data catalogue -----------------------------------------------------------------------------

const CC_BY = 'https://creativecommons.org/licenses/by/4.0/';
const OPENAPI = '/api/v1/openapi.json';

interface Dataset {
  id: string;
  titleUk: string;
  titleEn: string;
  descriptionUk: string;
  descriptionEn: string;
  formats: Array<{ format: string; mediaType: string; url: string }>;
  schemaUrl: string;
  /** Audit actions whose latest occurrence dates the dataset. */
  changedBy: string[];
}

const json = (url: string) => ({ format: 'JSON', mediaType: 'application/json', url });
const csv = (url: string) => ({ format: 'CSV', mediaType: 'text/csv', url });

/** Every dataset the platform publishes. A new public export is listed here (the test checks each URL answers). */
export const DATASETS: Dataset[] = [
  {
    id: 'members',
    titleUk: 'Реєстр учасників Альянсу',
    titleEn: 'Register of Alliance members',
    descriptionUk: 'Учасники Альянсу оборонних індустрій: назва, країна, можливості, дата вступу.',
    descriptionEn: 'Members of the Alliance of Defense Industries: name, country, capabilities, date of admission.',
    formats: [json('/api/v1/public/members?scope=all'), csv('/api/v1/public/members.csv')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1public~1members`,
    changedBy: ['membership.'],
  },
  {
    id: 'residents',
    titleUk: 'Реєстр резидентів спеціального правового режиму',
    titleEn: 'Register of residents of the special economic regime',
    descriptionUk: 'Чинні та колишні резиденти, статус свідоцтва.',
    descriptionEn: 'Current and former residents with the status of their certificates.',
    formats: [json('/api/v1/public/regime/residents?scope=all'), csv('/api/v1/public/regime/residents?format=csv&scope=all')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1public~1regime~1residents`,
    changedBy: ['regime.'],
  },
  {
    id: 'fund-awards',
    titleUk: 'Реєстр грантів фонду',
    titleEn: 'Register of fund awards',
    descriptionUk: 'Гранти спеціального оборонного фонду: отримувач, конкурс, сума, виплачено, повернено, статус.',
    descriptionEn: 'Awards of the special defense fund: recipient, call, amount, paid, clawed back, status.',
    formats: [json('/api/v1/public/fund/awards?scope=all'), csv('/api/v1/public/fund/awards?format=csv&scope=all')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1public~1fund~1awards`,
    changedBy: ['fund.award', 'fund.disbursement', 'fund.clawback'],
  },
  {
    id: 'fund-sources-and-uses',
    titleUk: 'Надходження і використання коштів фонду',
    titleEn: 'Fund sources and uses',
    descriptionUk: 'Гроші фонду за джерелами (продаж активів, донори, бюджет) і використанням, за валютами.',
    descriptionEn: "The fund's money by source (asset sales, donations, budget) and by use, per currency.",
    formats: [json('/api/v1/public/fund/sources-and-uses'), csv('/api/v1/public/fund/sources-and-uses?format=csv')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1public~1fund~1sources-and-uses`,
    changedBy: ['fund.'],
  },
  {
    id: 'fund-awards-ocds',
    titleUk: 'Конкурси та гранти фонду (OCDS)',
    titleEn: 'Fund calls and awards (OCDS)',
    descriptionUk: 'Конкурси, пропозиції, гранти і виплати у форматі Open Contracting Data Standard.',
    descriptionEn: 'Calls, proposals, awards and payments in the Open Contracting Data Standard.',
    formats: [json('/open-data/ocds/releases.json'), json('/open-data/ocds/records.json')],
    schemaUrl: 'https://standard.open-contracting.org/1.1/en/schema/release/',
    changedBy: ['fund.call', 'fund.proposal', 'fund.award', 'fund.disbursement'],
  },
  {
    id: 'fund-grants-360giving',
    titleUk: 'Гранти фонду (360Giving)',
    titleEn: 'Fund grants (360Giving)',
    descriptionUk: 'Гранти фонду у форматі 360Giving Data Standard.',
    descriptionEn: "The fund's grants in the 360Giving Data Standard.",
    formats: [json('/open-data/360giving/grants.json'), csv('/open-data/360giving/grants.csv')],
    schemaUrl: 'https://standard.threesixtygiving.org/en/latest/technical/reference/',
    changedBy: ['fund.award', 'fund.disbursement'],
  },
  {
    id: 'localization-aggregates',
    titleUk: 'Поступ локалізації',
    titleEn: 'Localization progress',
    descriptionUk: 'Вітчизняне виробництво за категоріями і роками; дані, що розкривають окрему компанію, приховано.',
    descriptionEn: 'Domestic production by category and year; figures that would reveal a single company are suppressed.',
    formats: [json('/open-data/localization/aggregates.json'), csv('/open-data/localization/aggregates.csv')],
    schemaUrl: `${OPENAPI}#/paths/~1open-data~1localization~1aggregates.json`,
    changedBy: ['localization.'],
  },
  {
    id: 'audit-checkpoints',
    titleUk: 'Підписані контрольні точки журналу аудиту',
    titleEn: 'Signed checkpoints of the audit log',
    descriptionUk: 'Голова журналу і підписи Ed25519, за якими будь-хто перевірить, що історію не переписано.',
    descriptionEn: 'The log head and Ed25519 signatures with which anyone can check that history was never rewritten.',
    formats: [json('/api/v1/audit/checkpoints')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1audit~1checkpoints`,
    changedBy: ['audit.checkpoint'],
  },
  {
    id: 'news',
    titleUk: 'Новини',
    titleEn: 'News',
    descriptionUk: 'Новини платформи; стрічки Atom і RSS для кожної мови.',
    descriptionEn: 'News of the platform; Atom and RSS feeds per language.',
    formats: [
      json('/api/v1/public/news'),
      { format: 'Atom', mediaType: 'application/atom+xml', url: '/feeds/news-uk.atom' },
      { format: 'Atom', mediaType: 'application/atom+xml', url: '/feeds/news-en.atom' },
      { format: 'RSS', mediaType: 'application/rss+xml', url: '/feeds/news-uk.rss' },
      { format: 'RSS', mediaType: 'application/rss+xml', url: '/feeds/news-en.rss' },
    ],
    schemaUrl: 'https://www.rfc-editor.org/rfc/rfc4287',
    changedBy: ['portal.post'],
  },
  {
    id: 'events',
    titleUk: 'Форуми та події',
    titleEn: 'Forums and events',
    descriptionUk: 'Опубліковані події Альянсу з програмою і доповідачами.',
    descriptionEn: 'Published events of the Alliance with their agenda and speakers.',
    formats: [json('/api/v1/public/events')],
    schemaUrl: `${OPENAPI}#/paths/~1api~1v1~1public~1events`,
    changedBy: ['events.event', 'events.session'],
  },
];

export async function openDataCatalogue(db: Db) {
  const datasets = await Promise.all(
    DATASETS.map(async ({ changedBy, ...dataset }) => ({ ...dataset, licenceUrl: CC_BY, updatedAt: (await repo.lastChangeOf(db, changedBy))?.toISOString() ?? null })),
  );
  return { licence: { name: 'Creative Commons Attribution 4.0', url: CC_BY }, datasets };
}

// Transparency dashboard --------------------------------------------------------------------------

/** Everything the transparency dashboard shows, in one answer (cached by the route). */
export async function dashboard(db: Db, signer: CheckpointSigner, now = new Date()) {
  const today = todayUtc(now);
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear];
  const fundYears = await Promise.all(
    years.map(async (year) => {
      const { sources, uses } = await publicSourcesAndUses(db, `${year}-01-01`, year === thisYear ? today : `${year}-12-31`);
      return { year, sources, uses };
    }),
  );
  const [members, byCountry, residents, localization, head, page] = await Promise.all([
    listPublicMembers(db, { limit: 1, offset: 0 }),
    membersByCountry(db),
    publicRegister(db, { status: 'current', limit: 1, offset: 0 }),
    publicAggregates(db, now),
    auditHead(db),
    checkpointPageJson(db, signer, undefined, 1),
  ]);
  const latest = (JSON.parse(page) as { items: Array<{ seq: number; headHash: string; signedAt: string; keyId: string }> }).items[0];
  return {
    generatedAt: now.toISOString(),
    fund: { years: fundYears.filter((y, i) => i === fundYears.length - 1 || y.sources.length + y.uses.length > 0) },
    members: { total: members.total, byCountry },
    residents: { active: residents.total },
    localization,
    audit: { headSeq: Number(head.seq), headHash: head.hash, latestCheckpoint: latest ? { seq: latest.seq, headHash: latest.headHash, signedAt: latest.signedAt, keyId: latest.keyId } : null },
  };
}

// Sitemap -----------------------------------------------------------------------------------------

/** Public pages that exist without data. */
const STATIC_PAGES = ['/', '/news', '/faq', '/register/members', '/residents', '/register/awards', '/transparency/fund', '/transparency/audit', '/transparency', '/localization', '/open-data', '/events'];

/** sitemap.xml: every public page in both languages (hreflang alternates), posts and events included. */
export async function sitemap(db: Db, baseUrl: string, events: Array<{ id: string }>): Promise<string> {
  const base = baseUrl.replace(/\/+$/, '');
  const posts = await repo.publicPostSlugs(db);
  const pages: Array<{ path: string; lastmod?: Date }> = [...STATIC_PAGES.map((path) => ({ path })), ...posts.map((p) => ({ path: `/news/${p.slug}`, lastmod: p.updated_at })), ...events.map((e) => ({ path: `/events/${e.id}` }))];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const urls = pages.flatMap(({ path, lastmod }) =>
    (['uk', 'en'] as const).map((lang) =>
      [
        '  <url>',
        `    <loc>${escape(`${base}${path}?lang=${lang}`)}</loc>`,
        ...(lastmod ? [`    <lastmod>${lastmod.toISOString()}</lastmod>`] : []),
        `    <xhtml:link rel="alternate" hreflang="uk" href="${escape(`${base}${path}?lang=uk`)}"/>`,
        `    <xhtml:link rel="alternate" hreflang="en" href="${escape(`${base}${path}?lang=en`)}"/>`,
        '  </url>',
      ].join('\n'),
    ),
  );
  return ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">', ...urls, '</urlset>', ''].join('\n');
}

// Images ------------------------------------------------------------------------------------------

/** Image types a post may show, as detected from the bytes (the name and header are not trusted). */
const IMAGE_TYPES = { 'image/png': 'PNG', 'image/jpeg': 'JPEG', 'image/webp': 'WebP' } as const;
type ImageType = keyof typeof IMAGE_TYPES;

/** Markdown for an image: the description with Markdown's own brackets and backslashes escaped. */
function imageMarkdown(alt: string, id: string): string {
  return `![${alt.replace(/[\\[\]]/g, (c) => `\\${c}`)}](${imageUrl(id)})`;
}

function presentImage(row: NonNullable<Awaited<ReturnType<typeof repo.findImage>>>): TPortalImage {
  return {
    id: row.id,
    url: imageUrl(row.id),
    markdownUk: imageMarkdown(row.alt_uk, row.id),
    markdownEn: imageMarkdown(row.alt_en, row.id),
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: Number(row.size_bytes),
    altUk: row.alt_uk,
    altEn: row.alt_en,
    createdAt: row.created_at.toISOString(),
  };
}

/** Stores an image for posts in the documents store after checking what its bytes really are. */
export async function uploadImage(db: Db, blobs: BlobStore, actor: AuditActor, input: TUploadImageQuery & { bytes: Buffer }): Promise<TPortalImage> {
  if (input.bytes.length === 0) throw new AppError('validation_failed', { detail: 'the file is empty', errors: [{ field: 'body', message: 'is empty' }] });
  const detected = await fileTypeFromBuffer(input.bytes);
  if (!detected || !(detected.mime in IMAGE_TYPES)) {
    throw new AppError('unsupported_media_type', { detail: `the file content is ${detected ? detected.mime : 'not a recognised image format'}; allowed: ${Object.values(IMAGE_TYPES).join(', ')}` });
  }
  const sha256 = await blobs.put(input.bytes);
  const row = {
    id: uuidv7(),
    sha256,
    content_type: detected.mime as ImageType,
    size_bytes: BigInt(input.bytes.length),
    file_name: input.fileName,
    alt_uk: input.altUk,
    alt_en: input.altEn,
    uploaded_by: actor.actorLabel,
    created_at: new Date(),
  };
  await inTransaction(db, async (trx) => {
    await repo.insertImage(trx, row);
    await recordAuditBatch(trx, actor, [
      { action: 'portal.image_uploaded', targetType: 'portal_image', targetId: row.id, details: { fileName: row.file_name, contentType: row.content_type, sizeBytes: input.bytes.length, sha256 } },
    ]);
  });
  return presentImage(row);
}

export async function listImages(db: Db, limit: number, offset: number) {
  const { items, total } = await repo.listImages(db, limit, offset);
  return { items: items.map(presentImage), total, limit, offset };
}

/** An image's type and bytes for anyone: images are public once uploaded (they are made for public posts). */
export async function openImage(db: Db, blobs: BlobStore, id: string) {
  const row = await repo.findImage(db, id);
  if (!row) throw notFound('image');
  const stream = blobs.open(row.sha256);
  if (!stream) throw new AppError('not_found', { detail: 'the image file is missing from storage; restore the documents folder' });
  return { contentType: row.content_type, sizeBytes: Number(row.size_bytes), sha256: row.sha256, stream };
}
