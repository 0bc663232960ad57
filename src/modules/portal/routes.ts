import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, actorOf, publicBaseUrl, withRawBodies } from '../../core/http.ts';
import { sha256Hex } from '../../core/audit-chain.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { PUBLIC_TOPICS, cacheableBody, publicCacheFor, sendCacheable } from '../../core/public-cache.ts';
import { problemResponses, zIdParams } from '../../core/schemas.ts';
import { listPublicEvents } from '../events/service.ts';
import { BlobStore } from '../registry/blob-store.ts';
import { PORTAL_EDITORS, PORTAL_READERS } from './policy.ts';
import {
  ZCreateFaqBody,
  ZCreatePostBody,
  ZDashboard,
  ZFaqEntry,
  ZFaqList,
  ZOpenDataCatalogue,
  ZPost,
  ZPostList,
  ZPostListQuery,
  ZPostTransitionBody,
  ZPublicFaq,
  ZPublicPost,
  ZPublicPostList,
  ZPortalImage,
  ZPortalImageList,
  ZPortalImageListQuery,
  ZPublicPostListQuery,
  ZUpdateFaqBody,
  ZUpdatePostBody,
  ZUploadImageQuery,
  zSlugParams,
} from './schema.ts';
import * as portal from './service.ts';

const tags = ['portal'];
const publicTags = ['public register'];

const FEEDS = [
  { lang: 'uk', format: 'atom', path: '/feeds/news-uk.atom', type: 'application/atom+xml; charset=utf-8' },
  { lang: 'en', format: 'atom', path: '/feeds/news-en.atom', type: 'application/atom+xml; charset=utf-8' },
  { lang: 'uk', format: 'rss', path: '/feeds/news-uk.rss', type: 'application/rss+xml; charset=utf-8' },
  { lang: 'en', format: 'rss', path: '/feeds/news-en.rss', type: 'application/rss+xml; charset=utf-8' },
] as const;

/** The public portal: news with feeds, the FAQ, the transparency dashboard, the open data catalogue and the sitemap. */
export function registerPortalRoutes(app: App, deps: AppDeps): void {
  const cache = publicCacheFor(deps.db);
  const cacheKey = (request: FastifyRequest) => request.url;
  const dropNews = () => cache.invalidate(PUBLIC_TOPICS.news, PUBLIC_TOPICS.sitemap, PUBLIC_TOPICS.catalogue);

  // Editors: posts ---------------------------------------------------------------------------------

  app.get('/api/v1/portal/posts', {
    config: { access: PORTAL_READERS },
    schema: { tags, summary: 'Posts in every state, newest first', querystring: ZPostListQuery, response: { 200: ZPostList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => portal.listPosts(deps.db, request.query),
  });

  app.post('/api/v1/portal/posts', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Write a post (a draft) in Ukrainian and English, in Markdown', headers: ZIdempotencyHeaders, body: ZCreatePostBody, response: { 201: ZPost, ...problemResponses(400, 401, 403, 409) } },
    handler: async (request, reply) => withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await portal.createPost(trx, actorOf(request), request.body) })),
  });

  app.get('/api/v1/portal/posts/:id', {
    config: { access: PORTAL_READERS },
    schema: { tags, summary: 'One post with its rendered preview in both languages', params: zIdParams, response: { 200: ZPost, ...problemResponses(400, 401, 403, 404) } },
    handler: async (request) => portal.getPost(deps.db, request.params.id),
  });

  app.patch('/api/v1/portal/posts/:id', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Edit a post (the address of a published post stays)', params: zIdParams, headers: ZIdempotencyHeaders, body: ZUpdatePostBody, response: { 200: ZPost, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const body = await withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await portal.updatePost(trx, actorOf(request), request.params.id, request.body) }));
      dropNews();
      return body;
    },
  });

  app.post('/api/v1/portal/posts/:id/transitions', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Schedule, unschedule, publish, archive or restore a post', params: zIdParams, headers: ZIdempotencyHeaders, body: ZPostTransitionBody, response: { 200: ZPost, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const body = await withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await portal.transitionPost(trx, actorOf(request), request.params.id, request.body) }));
      dropNews();
      return body;
    },
  });

  // Editors: images --------------------------------------------------------------------------------

  const blobs = new BlobStore(deps.config.dataDir);
  // The upload takes the image as the raw request body (what it is, is decided from its bytes).
  withRawBodies(app, deps.config.documentMaxBytes, (scope) => {
    scope.post('/api/v1/portal/images', {
      config: { access: PORTAL_EDITORS },
      bodyLimit: deps.config.documentMaxBytes,
      schema: {
        tags,
        summary: 'Upload an image for posts (PNG, JPEG or WebP): the file is the request body; its type is checked from its bytes',
        description: 'The answer carries the Markdown that shows the image in each language. Send `Idempotency-Key` to make a retry safe.',
        headers: ZIdempotencyHeaders,
        querystring: ZUploadImageQuery,
        response: { 201: ZPortalImage, ...problemResponses(400, 401, 403, 409, 413, 415) },
      },
      handler: async (request, reply) => {
        const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return withIdempotency(
          deps.db,
          request,
          reply,
          async (trx) => ({ status: 201, body: await portal.uploadImage(trx, blobs, actorOf(request), { ...request.query, bytes }) }),
          { query: request.query, sha256: sha256Hex(bytes) },
        );
      },
    });
  });

  app.get('/api/v1/portal/images', {
    config: { access: PORTAL_READERS },
    schema: { tags, summary: 'Uploaded images, newest first', querystring: ZPortalImageListQuery, response: { 200: ZPortalImageList, ...problemResponses(400, 401, 403) } },
    handler: async (request) => portal.listImages(deps.db, request.query.limit, request.query.offset),
  });

  app.get('/api/v1/public/images/:id', {
    config: { access: 'public' },
    schema: {
      tags: publicTags,
      summary: 'An image of a news post (its bytes never change, so it is cached for a year)',
      params: zIdParams,
      response: { 200: z.any().describe('the image (PNG, JPEG or WebP)'), 304: z.null().describe('not modified'), ...problemResponses(400, 404) },
    },
    handler: async (request, reply) => {
      const image = await portal.openImage(deps.db, blobs, request.params.id);
      const etag = `"${image.sha256}"`;
      reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag);
      if (request.headers['if-none-match'] === etag) {
        image.stream.destroy();
        return reply.status(304).send(null);
      }
      return reply.type(image.contentType).header('content-length', String(image.sizeBytes)).send(image.stream);
    },
  });

  // Editors: FAQ -----------------------------------------------------------------------------------

  app.get('/api/v1/portal/faq', {
    config: { access: PORTAL_READERS },
    schema: { tags, summary: 'Every FAQ entry, unpublished ones included, in order', response: { 200: ZFaqList, ...problemResponses(401, 403) } },
    handler: async () => portal.listFaq(deps.db),
  });

  app.post('/api/v1/portal/faq', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Add a question and its answer in both languages', headers: ZIdempotencyHeaders, body: ZCreateFaqBody, response: { 201: ZFaqEntry, ...problemResponses(400, 401, 403) } },
    handler: async (request, reply) => {
      const body = await withIdempotency(deps.db, request, reply, async (trx) => ({ status: 201, body: await portal.createFaq(trx, actorOf(request), request.body) }));
      cache.invalidate(PUBLIC_TOPICS.faq);
      return body;
    },
  });

  app.patch('/api/v1/portal/faq/:id', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Edit, re-order, publish or hide an FAQ entry', params: zIdParams, headers: ZIdempotencyHeaders, body: ZUpdateFaqBody, response: { 200: ZFaqEntry, ...problemResponses(400, 401, 403, 404, 409) } },
    handler: async (request, reply) => {
      const body = await withIdempotency(deps.db, request, reply, async (trx) => ({ status: 200, body: await portal.updateFaq(trx, actorOf(request), request.params.id, request.body) }));
      cache.invalidate(PUBLIC_TOPICS.faq);
      return body;
    },
  });

  app.delete('/api/v1/portal/faq/:id', {
    config: { access: PORTAL_EDITORS },
    schema: { tags, summary: 'Remove an FAQ entry', params: zIdParams, response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) } },
    handler: async (request, reply) => {
      await portal.deleteFaq(deps.db, actorOf(request), request.params.id);
      cache.invalidate(PUBLIC_TOPICS.faq);
      return reply.status(204).send(null);
    },
  });

  // Public -----------------------------------------------------------------------------------------

  app.get('/api/v1/public/news', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'Published news, newest first (ETag; cached a minute at most)', querystring: ZPublicPostListQuery, response: { 200: ZPublicPostList, ...problemResponses(400) } },
    handler: async (request, reply) => {
      const ttl = await portal.newsCacheMillis(deps.db);
      const body = await cache.get(PUBLIC_TOPICS.news, cacheKey(request), ttl, async () => cacheableBody(await portal.listPublicPosts(deps.db, request.query)));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 30 });
    },
  });

  app.get('/api/v1/public/news/:slug', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'One published post, rendered and sanitized in both languages', params: zSlugParams, response: { 200: ZPublicPost, ...problemResponses(400, 404) } },
    handler: async (request, reply) => {
      const body = await cache.get(PUBLIC_TOPICS.news, cacheKey(request), 60_000, async () => cacheableBody(await portal.getPublicPost(deps.db, request.params.slug)));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 30 });
    },
  });

  for (const feed of FEEDS) {
    app.get(feed.path, {
      config: { access: 'public' },
      schema: { tags: publicTags, summary: `News feed in ${feed.lang === 'uk' ? 'Ukrainian' : 'English'} (${feed.format === 'atom' ? 'Atom' : 'RSS 2.0'})`, response: { 200: { description: 'the feed', content: { [feed.type.split(';')[0]!]: { schema: z.string() } } } } },
      handler: async (request, reply) => {
        const base = publicBaseUrl(deps, request);
        const body = await cache.get(PUBLIC_TOPICS.news, `${base}${feed.path}`, await portal.newsCacheMillis(deps.db), async () =>
          cacheableBody(await portal.newsFeed(deps.db, feed.lang, feed.format, base, `${base.replace(/\/+$/, '')}${feed.path}`)),
        );
        return sendCacheable(request, reply, body, { maxAgeSeconds: 300, contentType: feed.type });
      },
    });
  }

  app.get('/api/v1/public/faq', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'The FAQ, grouped, in both languages', response: { 200: ZPublicFaq } },
    handler: async (request, reply) => {
      const body = await cache.get(PUBLIC_TOPICS.faq, 'all', 60_000, async () => cacheableBody(await portal.publicFaq(deps.db)));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 60 });
    },
  });

  app.get('/api/v1/public/dashboard', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'The transparency dashboard: fund money in and out by year, members by country, residents, localization, the audit head', response: { 200: ZDashboard } },
    handler: async (request, reply) => {
      const body = await cache.get(PUBLIC_TOPICS.dashboard, 'all', 30_000, async () => cacheableBody(await portal.dashboard(deps.db, deps.signer)));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 30 });
    },
  });

  app.get('/api/v1/public/open-data', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'The open data catalogue: every dataset with its formats, schema, licence and last change', response: { 200: ZOpenDataCatalogue } },
    handler: async (request, reply) => {
      const body = await cache.get(PUBLIC_TOPICS.catalogue, 'all', 60_000, async () => cacheableBody(await portal.openDataCatalogue(deps.db)));
      return sendCacheable(request, reply, body, { maxAgeSeconds: 60 });
    },
  });

  app.get('/sitemap.xml', {
    config: { access: 'public' },
    schema: { tags: publicTags, summary: 'Every public page in both languages', response: { 200: { description: 'the sitemap', content: { 'application/xml': { schema: z.string() } } } } },
    handler: async (request, reply) => {
      const base = publicBaseUrl(deps, request);
      const body = await cache.get(PUBLIC_TOPICS.sitemap, base, 300_000, async () => {
        const events = await listPublicEvents(deps.db, { limit: 200, offset: 0 });
        return cacheableBody(await portal.sitemap(deps.db, base, events.items));
      });
      return sendCacheable(request, reply, body, { maxAgeSeconds: 300, contentType: 'application/xml; charset=utf-8' });
    },
  });
}
