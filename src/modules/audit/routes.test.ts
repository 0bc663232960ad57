import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, signedInCaller } from '../../../test/support/app.ts';
import { ZAuditEventPage, ZCheckpoint, ZCheckpointPage } from './schema.ts';
import { chainHash } from '../../core/audit-chain.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('audit routes', () => {
  it('lets auditors and admins sign checkpoints and browse events; the public reads checkpoints and the head', async () => {
    const auditor = await signedInCaller(t, ['auditor']);
    const admin = await signedInCaller(t, ['admin']);
    const empty = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints' });
    expect(ZCheckpointPage.parse(empty.json())).toMatchObject({ items: [], nextBefore: null, publicKey: t.signer.publicKeyHex });

    const signedSeqs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: { name: `Org ${i}`, nameUk: `Org ${i}`, country: 'UA', kind: 'manufacturer' } });
      const signed = await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: auditor.headers });
      expect(signed.statusCode).toBe(201);
      signedSeqs.push(ZCheckpoint.parse(signed.json()).seq);
    }
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: auditor.headers });
    expect(again.statusCode).toBe(200);

    const first = await t.app.inject({ method: 'GET', url: '/api/v1/audit/checkpoints?limit=2' });
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    const page = ZCheckpointPage.parse(first.json());
    expect(page.items.map((c) => c.seq)).toEqual([signedSeqs[2], signedSeqs[1]]);
    expect(page.nextBefore).toBe(signedSeqs[1]);
    expect(page.items[0].signedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const rest = ZCheckpointPage.parse((await t.app.inject({ method: 'GET', url: `/api/v1/audit/checkpoints?limit=2&before=${page.nextBefore}` })).json());
    expect(rest.items.map((c) => c.seq)).toEqual([signedSeqs[0]]);
    expect(rest.nextBefore).toBeNull();

    const head = (await t.app.inject({ method: 'GET', url: '/api/v1/audit/head' })).json();
    expect(head.seq).toBeGreaterThanOrEqual(signedSeqs[2]);

    const events = await t.app.inject({ method: 'GET', url: '/api/v1/audit/events?action=organization.&limit=2', headers: { cookie: auditor.cookie } });
    const eventPage = ZAuditEventPage.parse(events.json());
    expect(eventPage.items).toHaveLength(2);
    expect(eventPage.items.every((e) => e.action === 'organization.created' && e.actorId === admin.userId)).toBe(true);
    const [newest] = eventPage.items;
    expect(chainHash(newest.prevHash, newest.seq, newest.payload)).toBe(newest.hash);
    const older = ZAuditEventPage.parse((await t.app.inject({ method: 'GET', url: `/api/v1/audit/events?action=organization.&before=${eventPage.nextBefore}`, headers: { cookie: admin.cookie } })).json());
    expect(older.items.map((e) => e.details)).toEqual([{ name: 'Org 0', country: 'UA', identifiers: [], reviewed: true }]);
  });

  it('refuses the log to everyone but auditors and administrators', async () => {
    for (const role of ['public', 'company', 'officer', 'analyst', 'evaluator', 'fund_officer'] as const) {
      const caller = await signedInCaller(t, [role]);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/events', headers: { cookie: caller.cookie } })).statusCode, role).toBe(403);
      expect((await t.app.inject({ method: 'POST', url: '/api/v1/audit/checkpoints', headers: caller.headers })).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/events' })).statusCode).toBe(401);
  });
});
