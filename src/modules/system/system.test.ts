import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../main.ts';
import { enqueueJobs } from '../jobs/service.ts';
import { type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ ADI_BODY_LIMIT_BYTES: '4096' });
});
afterAll(async () => t?.close());

describe('system routes', () => {
  it('answers health, readiness and metrics', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toContain('adi_http_requests_total');
    expect(metrics.body).toContain('process_cpu_user_seconds_total');
  });

  it('reports the job queue: jobs per queue and status, and how long the oldest due job has waited', async () => {
    await enqueueJobs(t.database.db, 'test.metrics', [{ key: 'a', payload: {} }], new Date(Date.now() - 120_000));
    await enqueueJobs(t.database.db, 'test.metrics', [{ key: 'b', payload: {} }]);
    await t.database.db.updateTable('background_jobs').set({ status: 'done', finished_at: new Date() }).where('queue', '=', 'test.metrics').where('job_key', '=', 'b').execute();
    const body = (await t.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(body).toMatch(/^# TYPE adi_jobs gauge$/m);
    expect(body).toMatch(/^adi_jobs\{queue="test.metrics",status="queued"\} 1$/m);
    expect(body).toMatch(/^adi_jobs\{queue="test.metrics",status="done"\} 1$/m);
    expect(body).toMatch(/^adi_jobs\{queue="test.metrics",status="failed"\} 0$/m);
    const oldest = Number(/^adi_job_oldest_queued_seconds\{queue="test.metrics"\} ([\d.]+)$/m.exec(body)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(120);
    expect(oldest).toBeLessThan(180);
  });

  it('sends security headers: CSP without inline scripts, HSTS, nosniff, frame denial, request id', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-123' } });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBe('trace-123');
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/audit/head' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(api.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('answers unknown routes, bad JSON, wrong content types and oversized bodies with problem+json 4xx', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const cases = [
      { request: { method: 'GET' as const, url: '/api/v1/nothing-here' }, status: 404, code: 'not_found' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name": ' }, status: 400, code: 'malformed_json' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: { ...admin.headers, 'content-type': 'text/plain' }, payload: 'name=x' }, status: 415, code: 'unsupported_media_type' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(5000) }) }, status: 413, code: 'payload_too_large' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"__proto__": {"x": 1}, "name": "p"}' }, status: 400, code: 'malformed_json' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: admin.headers, payload: { name: 'bad\u0000name' } }, status: 400, code: 'validation_failed' },
      { request: { method: 'POST' as const, url: '/api/v1/organizations', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: '{"name": "\\ud800"}' }, status: 400, code: 'validation_failed' },
      { request: { method: 'GET' as const, url: '/api/v1/organizations/not-a-uuid', headers: { cookie: admin.cookie } }, status: 400, code: 'validation_failed' },
      { request: { method: 'GET' as const, url: '/api/v1/organizations?limit=100000', headers: { cookie: admin.cookie } }, status: 400, code: 'validation_failed' },
    ];
    for (const { request, status, code } of cases) {
      const response = await t.app.inject(request);
      expect(response.statusCode, `${request.method} ${request.url} ${String((request as { payload?: unknown }).payload ?? '')}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toMatchObject({ status, code, title: expect.any(String), detail: expect.any(String) });
    }
    const count = await t.database.db.selectFrom('organizations').selectAll().execute();
    expect(count).toHaveLength(0);
  });

  it('publishes an OpenAPI 3.1 document listing every API route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/api/v1/auth/login', '/api/v1/auth/logout', '/api/v1/auth/me', '/api/v1/users', '/api/v1/audit/checkpoints', '/api/v1/audit/events']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/users/{id}']).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });
});

describe('request flood', () => {
  it('answers past the per-address limit with a 429 problem, but keeps health checks open', async () => {
    const limited = await createTestApp({ ADI_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.app.inject({ method: 'GET', url: '/api/v1/audit/head' })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await limited.app.inject({ method: 'GET', url: '/api/v1/audit/head' });
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.json().code).toBe('rate_limited');
      expect((await limited.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('start-up', () => {
  it('answers /healthz while the database opens, /readyz 503 until it is ready, and holds API requests', async () => {
    let open!: () => void;
    const ready = new Promise<void>((resolve) => (open = resolve));
    const app = await buildApp(t.deps, { serveWeb: false, ready, logStream: new Writable({ write: (_c, _e, done) => done() }) });
    try {
      expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const starting = await app.inject({ method: 'GET', url: '/readyz' });
      expect(starting.statusCode).toBe(503);
      expect(starting.json().detail).toMatch(/starting/);
      let answered = false;
      const held = app.inject({ method: 'GET', url: '/api/v1/audit/head' }).then((r) => {
        answered = true;
        return r;
      });
      await new Promise((r) => setTimeout(r, 50));
      expect(answered).toBe(false);
      open();
      expect((await held).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('text the database cannot store', () => {
  it('refuses NUL and control characters in query-string filters with 400 (found by the fuzzer on PostgreSQL)', async () => {
    const admin = await signedInCaller(t, ['admin']);
    for (const url of ['/api/v1/organizations?q=%00', '/api/v1/users?q=a%00b', '/api/v1/audit/events?action=%00', '/api/v1/audit/events?targetId=%01x']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code).toBe('validation_failed');
    }
  });
});
