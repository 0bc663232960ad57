import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, makeOrganization, signedInCaller } from '../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('organizations placeholder', () => {
  it('lets officers create and search organizations, paginated', async () => {
    const officer = await signedInCaller(t, ['officer']);
    for (const name of ['Ukroboronprom Test', 'Антонов Test', 'Kharkiv Drones Test']) {
      const created = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: officer.headers, payload: { name } });
      expect(created.statusCode).toBe(201);
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?q=test&limit=2', headers: { cookie: officer.cookie } });
    expect(page.json()).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page.json().items).toHaveLength(2);
    const second = await t.app.inject({ method: 'GET', url: '/api/v1/organizations?q=test&limit=2&offset=2', headers: { cookie: officer.cookie } });
    expect(second.json().items).toHaveLength(1);
    const cyrillic = await t.app.inject({ method: 'GET', url: `/api/v1/organizations?q=${encodeURIComponent('антонов')}`, headers: { cookie: officer.cookie } });
    expect(cyrillic.json().items.map((o: { name: string }) => o.name)).toEqual(['Антонов Test']);
  });

  it("shows a company user only its own organization, and 404 for another company's id (no IDOR)", async () => {
    const mine = await makeOrganization(t, 'Mine LLC');
    const theirs = await makeOrganization(t, 'Theirs LLC');
    const rep = await signedInCaller(t, ['company'], { organizationId: mine.id });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: rep.cookie } });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: mine.id }] });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${mine.id}`, headers: { cookie: rep.cookie } })).statusCode).toBe(200);
    const other = await t.app.inject({ method: 'GET', url: `/api/v1/organizations/${theirs.id}`, headers: { cookie: rep.cookie } });
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('Theirs LLC');
    const guessed = await t.app.inject({ method: 'GET', url: '/api/v1/organizations/01900000-0000-7000-8000-000000000000', headers: { cookie: rep.cookie } });
    expect(guessed.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: rep.headers, payload: { name: 'x' } })).statusCode).toBe(403);
  });

  it('refuses the public role and anonymous callers', async () => {
    const visitor = await signedInCaller(t, ['public']);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: visitor.cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations' })).statusCode).toBe(401);
  });
});
