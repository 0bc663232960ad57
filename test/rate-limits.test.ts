import { describe, expect, it } from 'vitest';
import { createTestApp, signedInCaller } from './support/app.ts';

// Issue #10: under a flood of anonymous requests, staff keep working. Anonymous callers are limited per
// client address; a signed-in user has a budget of its own, whatever address the flood comes from.

describe('rate limits', () => {
  it('gives anonymous callers a per-address budget and signed-in users their own', async () => {
    const t = await createTestApp({ ADI_RATE_LIMIT_PER_MINUTE: '20', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '30' });
    try {
      const officer = await signedInCaller(t, ['officer']);
      const flood: number[] = [];
      for (let i = 0; i < 40; i++) flood.push((await t.app.inject({ method: 'GET', url: '/api/v1/public/faq' })).statusCode);
      expect(flood.filter((s) => s === 429).length).toBeGreaterThanOrEqual(19);
      // Another address is not limited by the first one's flood.
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/faq', remoteAddress: '198.51.100.7' })).statusCode).toBe(200);
      // The officer, on the flooded address, still works: a staff page and a write.
      const staff: number[] = [];
      for (let i = 0; i < 10; i++) staff.push((await t.app.inject({ method: 'GET', url: '/api/v1/portal/posts', headers: { cookie: officer.cookie } })).statusCode);
      expect(staff).toEqual(Array(10).fill(200));
      const written = await t.app.inject({ method: 'POST', url: '/api/v1/portal/faq', headers: officer.headers, payload: { groupKey: 'flood', groupUk: 'Тест', groupEn: 'Test', questionUk: 'Питання?', questionEn: 'Question?', answerUk: 'Так.', answerEn: 'Yes.' } });
      expect(written.statusCode).toBe(201);
      // The user's own budget runs out too.
      const more: number[] = [];
      for (let i = 0; i < 30; i++) more.push((await t.app.inject({ method: 'GET', url: '/api/v1/portal/posts', headers: { cookie: officer.cookie } })).statusCode);
      expect(more).toContain(429);
      // A made-up cookie is an anonymous caller: it does not buy a fresh budget.
      const forged = await t.app.inject({ method: 'GET', url: '/api/v1/public/faq', headers: { cookie: 'adi_session=forged-value' } });
      expect(forged.statusCode).toBe(429);
    } finally {
      await t.close();
    }
  });
});
