import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

// What the public reads most (news, FAQ, registers, the transparency dashboard) is computed once and
// kept in this process for a short time. A change made through this process drops its topic at once
// (callers invalidate after their transaction commits, so no reader caches the old state); a change
// made on another node shows up here within the topic's time to live.

/** The topics of the public cache; a change drops its topics after its transaction commits. */
export const PUBLIC_TOPICS = {
  members: 'members',
  news: 'portal.news',
  faq: 'portal.faq',
  dashboard: 'portal.dashboard',
  catalogue: 'portal.catalogue',
  sitemap: 'portal.sitemap',
} as const;

interface Entry {
  expires: number;
  value: Promise<unknown>;
}

/** A small in-process cache of public answers, keyed by topic and query. */
export class PublicCache {
  private readonly topics = new Map<string, Map<string, Entry>>();
  hits = 0;
  misses = 0;

  /** The cached answer, or `load`'s (shared by concurrent callers; a failure is not kept). */
  get<T>(topic: string, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const entries = this.topics.get(topic) ?? new Map<string, Entry>();
    this.topics.set(topic, entries);
    const now = Date.now();
    const found = entries.get(key);
    if (found && found.expires > now) {
      this.hits += 1;
      return found.value as Promise<T>;
    }
    this.misses += 1;
    const value = load();
    entries.set(key, { expires: now + ttlMs, value });
    // Bounded: a topic keeps at most 500 queries (filters and pages), the oldest dropped first.
    if (entries.size > 500) entries.delete(entries.keys().next().value!);
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  }

  /** Drops every answer of the topics. */
  invalidate(...topics: string[]): void {
    for (const topic of topics) this.topics.delete(topic);
  }
}

const caches = new WeakMap<object, PublicCache>();

/** The cache of one database handle (each app, and each test app, has its own). */
export function publicCacheFor(db: object): PublicCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new PublicCache();
    caches.set(db, cache);
  }
  return cache;
}

/** An answer's bytes and their ETag, computed once and cached together. */
export interface CacheableBody {
  payload: string;
  etag: string;
  /** The payload gzipped, made on the first request that accepts it and kept with the entry. */
  gzipped?: Buffer;
}

/** Serializes an answer (JSON unless it is text already) and tags it with a hash of its bytes. */
export function cacheableBody(body: unknown): CacheableBody {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return { payload, etag: `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"` };
}

// Below this size gzip saves less than its header and the client's work to undo it.
const GZIP_MIN_BYTES = 1024;

/** True when the Accept-Encoding header accepts gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...parameters] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * Sends a public answer with its ETag and the given freshness; a request whose If-None-Match names the
 * same ETag gets 304 with no body. A client that accepts gzip gets the gzipped bytes, compressed once per
 * cached answer: under a flood that is a fifth of the bytes to write for each request, at no CPU cost.
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: CacheableBody, options: { maxAgeSeconds: number; contentType?: string }) {
  const gzip = body.payload.length >= GZIP_MIN_BYTES && acceptsGzip(request.headers['accept-encoding']);
  // Each encoding is its own representation, with its own strong ETag.
  const etag = gzip ? `${body.etag.slice(0, -1)}-gz"` : body.etag;
  reply.header('etag', etag).header('cache-control', `public, max-age=${options.maxAgeSeconds}, stale-while-revalidate=${options.maxAgeSeconds * 5}`).header('vary', 'accept-encoding');
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return reply.status(304).send();
  reply.type(options.contentType ?? 'application/json; charset=utf-8');
  if (!gzip) return reply.send(body.payload);
  body.gzipped ??= gzipSync(body.payload);
  return reply.header('content-encoding', 'gzip').send(body.gzipped);
}
