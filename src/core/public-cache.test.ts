import { gunzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { acceptsGzip, cacheableBody, sendCacheable } from './public-cache.ts';

describe('public answers', () => {
  const big = cacheableBody({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Member ${i}` })) });
  const small = cacheableBody({ status: 'ok' });
  const app = Fastify();
  app.get('/big', (request, reply) => sendCacheable(request, reply, big, { maxAgeSeconds: 30 }));
  app.get('/small', (request, reply) => sendCacheable(request, reply, small, { maxAgeSeconds: 30 }));
  afterAll(() => app.close());

  it('reads Accept-Encoding as HTTP says: q=0 refuses, * accepts', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br, deflate')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('gzips a large answer for a client that accepts it, with its own ETag, and the bytes unzip to the plain answer', async () => {
    const plain = await app.inject({ url: '/big' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    expect(plain.body).toBe(big.payload);

    const zipped = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(big.payload);
    expect(zipped.rawPayload.length).toBeLessThan(big.payload.length / 3);

    // Each representation revalidates against its own tag only.
    const notModified = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) } });
    expect(notModified.statusCode).toBe(304);
    const otherTag = await app.inject({ url: '/big', headers: { 'accept-encoding': 'gzip', 'if-none-match': String(plain.headers.etag) } });
    expect(otherTag.statusCode).toBe(200);
  });

  it('sends a small answer as it is', async () => {
    const response = await app.inject({ url: '/small', headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
