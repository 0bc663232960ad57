import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { apiClient, memberCompany } from '../../../test/support/fund-programs.ts';
import { PUBLIC_TOPICS, publicCacheFor } from '../../core/public-cache.ts';
import { DATASETS, publishDuePosts } from './service.ts';

// The public portal through the real stack: posts from draft to archive with sanitized Markdown,
// scheduled publishing, Atom and RSS feeds per language, ETags, the FAQ with its founding questions,
// the open data catalogue, the transparency dashboard and the sitemap.

let t: TestApp;
let api: ReturnType<typeof apiClient>;
let officer: Caller;
let auditor: Caller;
let company: Caller;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

const post = (slug: string, extra: Record<string, unknown> = {}) => ({
  slug,
  titleUk: 'Форум у Києві',
  titleEn: 'The forum in Kyiv',
  bodyUk: '**252** компанії з 30 країн.\n\n<script>alert(1)</script> [посилання](javascript:alert(1))',
  bodyEn: '**252** companies from 30 countries.\n\n<script>alert(1)</script> [link](javascript:alert(1))',
  tags: ['forum'],
  ...extra,
});

async function publish(id: string, version: number) {
  return api(officer, 'POST', `/api/v1/portal/posts/${id}/transitions`, { version, action: 'publish' });
}

beforeAll(async () => {
  t = await createTestApp();
  api = apiClient(t, 'portal');
  [officer, auditor, company] = await Promise.all([signedInCaller(t, ['officer']), signedInCaller(t, ['auditor']), signedInCaller(t, ['company'])]);
}, 120_000);
afterAll(async () => t?.close());

describe('news', () => {
  it('takes a post from draft to published to archived; the public sees only what is published, sanitized', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/portal/posts', headers: company.headers, payload: post('x-company') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/portal/posts', headers: officer.headers, payload: post('Not A Slug') })).statusCode).toBe(400);
    const draft = await api(officer, 'POST', '/api/v1/portal/posts', post('founding-forum'), 201);
    expect(draft).toMatchObject({ status: 'draft', version: 1, publishedAt: null });
    expect(draft.htmlEn).toBe('<p><strong>252</strong> companies from 30 countries.</p>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; [link](javascript:alert(1))</p>');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/portal/posts', headers: officer.headers, payload: post('founding-forum') })).statusCode).toBe(409);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/news/founding-forum' })).statusCode).toBe(404);
    expect((await api(auditor, 'GET', '/api/v1/portal/posts?status=draft')).items.map((p: { slug: string }) => p.slug)).toContain('founding-forum');

    const published = await publish(draft.id, draft.version);
    expect(published.status).toBe('published');
    const publicPost = await api(null, 'GET', '/api/v1/public/news/founding-forum');
    expect(publicPost.htmlUk).toContain('<strong>252</strong> компанії');
    expect(publicPost.htmlUk).not.toMatch(/<script|<a /);
    expect(publicPost).not.toHaveProperty('bodyUk');
    const list = await api(null, 'GET', '/api/v1/public/news?tag=forum');
    expect(list.items.map((p: { slug: string }) => p.slug)).toEqual(['founding-forum']);
    expect(list.tags).toEqual(['forum']);
    // The written summary is empty: the start of the text stands in.
    expect(list.items[0].summaryEn).toMatch(/^252 companies from 30 countries/);

    // A published address stays; archiving hides the post, restoring brings it back.
    expect((await t.app.inject({ method: 'PATCH', url: `/api/v1/portal/posts/${draft.id}`, headers: officer.headers, payload: { version: published.version, slug: 'moved' } })).statusCode).toBe(400);
    const archived = await api(officer, 'POST', `/api/v1/portal/posts/${draft.id}/transitions`, { version: published.version, action: 'archive' });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/news/founding-forum' })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/portal/posts/${draft.id}/transitions`, headers: officer.headers, payload: { version: archived.version, action: 'schedule', publishAt: new Date(Date.now() + 60_000).toISOString() } })).statusCode).toBe(409);
    await api(officer, 'POST', `/api/v1/portal/posts/${draft.id}/transitions`, { version: archived.version, action: 'restore' });
    expect((await api(null, 'GET', '/api/v1/public/news')).items.map((p: { slug: string }) => p.slug)).toContain('founding-forum');
    const actions = await t.database.db.selectFrom('audit_events').select('action').where('target_id', '=', draft.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['portal.post_created', 'portal.post_published', 'portal.post_archived', 'portal.post_published']);
  });

  it('publishes a scheduled post when its time comes, not before', async () => {
    const draft = await api(officer, 'POST', '/api/v1/portal/posts', post('scheduled-update', { tags: ['update'] }), 201);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/portal/posts/${draft.id}/transitions`, headers: officer.headers, payload: { version: 1, action: 'schedule', publishAt: new Date(Date.now() - 1000).toISOString() } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/portal/posts/${draft.id}/transitions`, headers: officer.headers, payload: { version: 1, action: 'schedule' } })).statusCode).toBe(400);
    const publishAt = new Date(Date.now() + 3_600_000);
    const scheduled = await api(officer, 'POST', `/api/v1/portal/posts/${draft.id}/transitions`, { version: 1, action: 'schedule', publishAt: publishAt.toISOString() });
    expect(scheduled).toMatchObject({ status: 'scheduled', publishAt: publishAt.toISOString() });

    expect(await publishDuePosts(t.database.db, new Date(publishAt.getTime() - 1000))).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/news/scheduled-update' })).statusCode).toBe(404);
    expect(await publishDuePosts(t.database.db, new Date(publishAt.getTime() + 1000))).toBe(1);
    publicCacheFor(t.database.db).invalidate(PUBLIC_TOPICS.news);
    const live = await api(null, 'GET', '/api/v1/public/news/scheduled-update');
    expect(live.publishedAt).toBe(publishAt.toISOString());
    expect(await publishDuePosts(t.database.db, new Date(publishAt.getTime() + 2000))).toBe(0);
  });

  it('serves valid Atom and RSS feeds per language, with the text escaped', async () => {
    for (const lang of ['uk', 'en'] as const) {
      const atom = await t.app.inject({ method: 'GET', url: `/feeds/news-${lang}.atom` });
      expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
      expect(XMLValidator.validate(atom.body)).toBe(true);
      const feed = xml.parse(atom.body).feed;
      expect(feed['@xml:lang']).toBe(lang);
      for (const required of ['id', 'title', 'updated', 'author']) expect(feed[required], required).toBeDefined();
      const entries = [feed.entry].flat();
      expect(entries.length).toBeGreaterThanOrEqual(2);
      for (const entry of entries) {
        for (const required of ['id', 'title', 'updated', 'link', 'content']) expect(entry[required], required).toBeDefined();
        expect(entry.content).not.toContain('<script');
      }
      expect(entries.map((e: { title: string }) => e.title)).toContain(lang === 'uk' ? 'Форум у Києві' : 'The forum in Kyiv');

      const rss = await t.app.inject({ method: 'GET', url: `/feeds/news-${lang}.rss` });
      expect(XMLValidator.validate(rss.body)).toBe(true);
      const channel = xml.parse(rss.body).rss.channel;
      expect(channel.language).toBe(lang);
      for (const required of ['title', 'link', 'description']) expect(channel[required], required).toBeDefined();
      for (const item of [channel.item].flat()) {
        for (const required of ['title', 'link', 'guid', 'pubDate']) expect(item[required], required).toBeDefined();
        expect(Number.isNaN(Date.parse(item.pubDate))).toBe(false);
      }
    }
  });

  it('answers If-None-Match with 304 until the news changes', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/v1/public/news' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=30/);
    const again = await t.app.inject({ method: 'GET', url: '/api/v1/public/news', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const draft = await api(officer, 'POST', '/api/v1/portal/posts', post('third-post'), 201);
    await publish(draft.id, draft.version);
    const changed = await t.app.inject({ method: 'GET', url: '/api/v1/public/news', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().items.map((p: { slug: string }) => p.slug)).toContain('third-post');
  });
});

describe('FAQ', () => {
  it('ships the four founding questions; officers add, hide and remove entries', async () => {
    const faq = await api(null, 'GET', '/api/v1/public/faq');
    const questions = faq.groups.flatMap((g: { items: Array<{ questionEn: string }> }) => g.items.map((i) => i.questionEn));
    expect(questions).toEqual(['Why attract foreign arms manufacturers?', 'What do members of the Alliance get?', 'How is the special defense fund financed?', 'What progress has been made?']);
    expect(faq.groups.map((g: { groupKey: string }) => g.groupKey)).toEqual(['alliance', 'fund', 'progress']);
    expect(faq.groups[0].items[0].answerHtmlEn).toContain('<strong>252 defense companies from about 30 countries</strong>');

    expect((await t.app.inject({ method: 'POST', url: '/api/v1/portal/faq', headers: company.headers, payload: {} })).statusCode).toBe(403);
    const entry = await api(officer, 'POST', '/api/v1/portal/faq', { groupKey: 'fund', groupUk: 'Фонд', groupEn: 'The fund', questionUk: 'Хто перевіряє фонд?', questionEn: 'Who audits the fund?', answerUk: 'Аудитори.', answerEn: 'Auditors.', sortOrder: 35 }, 201);
    const withEntry = await api(null, 'GET', '/api/v1/public/faq');
    expect(withEntry.groups.find((g: { groupKey: string }) => g.groupKey === 'fund').items.map((i: { questionEn: string }) => i.questionEn)).toEqual(['How is the special defense fund financed?', 'Who audits the fund?']);
    await api(officer, 'PATCH', `/api/v1/portal/faq/${entry.id}`, { version: 1, published: false });
    expect(JSON.stringify(await api(null, 'GET', '/api/v1/public/faq'))).not.toContain('Who audits the fund?');
    expect((await api(auditor, 'GET', '/api/v1/portal/faq')).items).toHaveLength(5);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/portal/faq/${entry.id}`, headers: officer.headers })).statusCode).toBe(204);
    expect((await api(auditor, 'GET', '/api/v1/portal/faq')).items).toHaveLength(4);
  });
});

describe('transparency', () => {
  it('lists every dataset with formats that answer, a schema, the licence and the last change', async () => {
    const catalogue = await api(null, 'GET', '/api/v1/public/open-data');
    expect(catalogue.datasets.map((d: { id: string }) => d.id)).toEqual(DATASETS.map((d) => d.id));
    expect(catalogue.licence.url).toBe('https://creativecommons.org/licenses/by/4.0/');
    for (const dataset of catalogue.datasets) {
      expect(dataset.schemaUrl, dataset.id).toMatch(/^(https:\/\/|\/api\/v1\/openapi\.json#)/);
      for (const format of dataset.formats) {
        const response = await t.app.inject({ method: 'GET', url: format.url });
        expect(response.statusCode, format.url).toBe(200);
        expect(String(response.headers['content-type']), format.url).toContain(format.mediaType);
      }
    }
    expect(catalogue.datasets.find((d: { id: string }) => d.id === 'news').updatedAt).not.toBeNull();
  });

  it('composes the dashboard from the public figures, and the sitemap from the public pages', async () => {
    const member = await memberCompany(t, 'Dashboard Member Works');
    expect(member.organizationId).toBeDefined();
    publicCacheFor(t.database.db).invalidate(PUBLIC_TOPICS.dashboard);
    const dashboard = await api(null, 'GET', '/api/v1/public/dashboard');
    expect(dashboard.members.total).toBe(1);
    expect(dashboard.members.byCountry).toEqual([{ country: 'UA', count: 1 }]);
    expect(dashboard.audit.headSeq).toBeGreaterThan(10);
    expect(dashboard.localization).toHaveProperty('categories');
    expect(dashboard.fund.years.at(-1).year).toBe(new Date().getUTCFullYear());

    const sitemap = await t.app.inject({ method: 'GET', url: '/sitemap.xml' });
    expect(XMLValidator.validate(sitemap.body)).toBe(true);
    const urls = [xml.parse(sitemap.body).urlset.url].flat().map((u: { loc: string }) => u.loc);
    expect(urls).toContain('http://localhost:80/news/founding-forum?lang=uk');
    expect(urls).toContain('http://localhost:80/news/founding-forum?lang=en');
    expect(urls).toContain('http://localhost:80/faq?lang=en');
    expect(urls).toContain('http://localhost:80/register/awards?lang=uk');
    expect(urls.some((u: string) => u.includes('scheduled-update'))).toBe(true);
  });
});

describe('images for posts', () => {
  // A 1×1 PNG, and a PDF that claims to be one.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const upload = (caller: Caller, bytes: Buffer, query = 'fileName=plant.png&altUk=%D0%A6%D0%B5%D1%85%20%5B1%5D&altEn=The%20plant%20%5B1%5D', extra: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/portal/images?${query}`, headers: { ...caller.headers, 'content-type': 'image/png', ...extra }, payload: bytes });

  it('an officer uploads an image; a post shows it; anyone downloads the same bytes, cached for good', async () => {
    expect((await upload(company, png)).statusCode).toBe(403);
    expect((await upload(officer, pdf)).json()).toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect((await upload(officer, Buffer.alloc(0))).statusCode).toBe(400);
    expect((await upload(officer, png, 'fileName=a/b.png&altUk=x&altEn=y')).statusCode).toBe(400);
    expect((await upload(officer, png, 'fileName=plant.png&altEn=y')).statusCode).toBe(400);

    const first = await upload(officer, png, undefined, { 'idempotency-key': 'image-1' });
    expect(first.statusCode).toBe(201);
    const image = first.json();
    expect(image).toMatchObject({ contentType: 'image/png', sizeBytes: png.length, url: `/api/v1/public/images/${image.id}`, markdownEn: `![The plant \\[1\\]](/api/v1/public/images/${image.id})` });
    // A retry with the same key is the same image, not a second one.
    const retry = await upload(officer, png, undefined, { 'idempotency-key': 'image-1' });
    expect(retry.json().id).toBe(image.id);
    expect((await api(auditor, 'GET', '/api/v1/portal/images')).items.filter((i: { id: string }) => i.id === image.id)).toHaveLength(1);

    const download = await t.app.inject({ method: 'GET', url: image.url });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(Buffer.compare(download.rawPayload, png)).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: image.url, headers: { 'if-none-match': String(download.headers.etag) } })).statusCode).toBe(304);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/images/019ac000-0000-7000-8000-000000000999' })).statusCode).toBe(404);

    const draft = await api(officer, 'POST', '/api/v1/portal/posts', post('plant-visit', { bodyEn: `A visit.\n\n${image.markdownEn}`, bodyUk: `Візит.\n\n${image.markdownUk}` }), 201);
    await publish(draft.id, draft.version);
    const shown = await api(null, 'GET', '/api/v1/public/news/plant-visit');
    expect(shown.htmlEn).toContain(`<img src="/api/v1/public/images/${image.id}" alt="The plant [1]" loading="lazy" />`);
    const audit = await t.deps.db.selectFrom('audit_events').select('action').where('target_id', '=', image.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['portal.image_uploaded']);
  });
});
