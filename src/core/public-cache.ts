import { createHash } from 'node:crypto';
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
}

/** Serializes an answer (JSON unless it is text already) and tags it with a hash of its bytes. */
export function cacheableBody(body: unknown): CacheableBody {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  return { payload, etag: `"${createHash('sha256').update(payload).digest('base64url').slice(0, 27)}"` };
}

/**
 * Sends a public answer with its ETag and the given freshness; a request whose If-None-Match names the
 * same ETag gets 304 with no body.
 */
export function sendCacheable(request: FastifyRequest, reply: FastifyReply, body: CacheableBody, options: { maxAgeSeconds: number; contentType?: string }) {
  reply.header('etag', body.etag).header('cache-control', `public, max-age=${options.maxAgeSeconds}, stale-while-revalidate=${options.maxAgeSeconds * 5}`);
  const match = request.headers['if-none-match'];
  if (match && match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === body.etag)) return reply.status(304).send();
  return reply.type(options.contentType ?? 'application/json; charset=utf-8').send(body.payload);
}
