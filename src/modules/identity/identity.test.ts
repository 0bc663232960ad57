import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp, makeUser, sessionCookieFrom, signedInCaller, totpCode } from '../../../test/support/app.ts';
import { purgeExpiredSessions } from './service.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ ADI_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', ADI_LOGIN_MAX_FAILURES_PER_IP: '1000' });
});
afterAll(async () => t?.close());

const login = (payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, headers });

async function auditActions(): Promise<string[]> {
  const rows = await t.database.db.selectFrom('audit_events').select('action').orderBy('seq').execute();
  return rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('signs a company user in with a __Host- HttpOnly Secure SameSite cookie and audits it', async () => {
    const { email, password } = await makeUser(t, ['public']);
    const response = await login({ email: email.toUpperCase(), password });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.email).toBe(email);
    expect(body.session.stage).toBe('full');
    expect(body.session.csrfToken.length).toBeGreaterThanOrEqual(43);
    const cookie = response.cookies.find((c) => c.name === '__Host-adi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
    expect(cookie.domain).toBeUndefined();
    expect(Buffer.from(cookie.value, 'base64url').length).toBeGreaterThanOrEqual(16);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `${cookie.name}=${cookie.value}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(email);
    expect(await auditActions()).toContain('auth.login');
  });

  it('issues a new session id at every sign-in (no fixation)', async () => {
    const { email, password } = await makeUser(t, ['public']);
    const first = sessionCookieFrom(await login({ email, password }));
    const second = sessionCookieFrom(await login({ email, password }, { cookie: first }));
    expect(second).not.toBe(first);
  });

  it('answers a wrong password and an unknown e-mail alike, and audits the failure without the password', async () => {
    const { email } = await makeUser(t, ['public']);
    const wrong = await login({ email, password: 'wrong password 123' });
    const unknown = await login({ email: 'nobody@test.adi.example', password: 'wrong password 123' });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().code).toBe('invalid_credentials');
    }
    const failures = await t.database.db.selectFrom('audit_events').select(['details']).where('action', '=', 'auth.login_failed').execute();
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(failures)).not.toContain('wrong password 123');
  });

  it('throttles an account after repeated failures with 429 and Retry-After', async () => {
    const { email, password } = await makeUser(t, ['public']);
    for (let i = 0; i < 3; i++) expect((await login({ email, password: `bad password ${i}` })).statusCode).toBe(401);
    const blocked = await login({ email, password });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().code).toBe('too_many_attempts');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles a client address across accounts', async () => {
    const strict = await createTestApp({ ADI_LOGIN_MAX_FAILURES_PER_IP: '2' });
    try {
      for (let i = 0; i < 2; i++) {
        await strict.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `x${i}@test.adi.example`, password: 'whatever it is' } });
      }
      const { email, password } = await makeUser(strict, ['public']);
      const blocked = await strict.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      expect(blocked.statusCode).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it('refuses a disabled user', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const { user, email, password } = await makeUser(t, ['public']);
    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.headers, payload: { status: 'disabled' } });
    expect(patched.statusCode).toBe(200);
    expect((await login({ email, password })).statusCode).toBe(401);
  });
});

describe('two-factor sign-in for staff', () => {
  it('limits a staff session to enrolment until TOTP is set up, then requires the code', async () => {
    const { email, password } = await makeUser(t, ['officer']);
    const first = await login({ email, password });
    expect(first.json().session.stage).toBe('totp_enrolment');
    const cookie = sessionCookieFrom(first);
    const csrf = first.json().session.csrfToken;
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('totp_enrolment_required');

    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie, 'x-csrf-token': csrf } });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(qrSvg).toMatch(/^<svg/);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enable', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: '000000' } });
    expect([401]).toContain(wrong.statusCode);
    const enabled = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/enable', headers: { cookie, 'x-csrf-token': csrf }, payload: { code: await totpCode(secret) } });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().session.stage).toBe('full');
    const stored = await t.database.db.selectFrom('users').select(['id', 'totp_secret']).where('email', '=', email).executeTakeFirstOrThrow();
    expect(stored.totp_secret).toMatch(/^v1:/);
    expect(stored.totp_secret).not.toContain(secret);
    expect(t.deps.secrets.open(stored.totp_secret!, stored.id)).toBe(secret);
    const fullCookie = sessionCookieFrom(enabled);
    expect(fullCookie).not.toBe(cookie);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/organizations', headers: { cookie: fullCookie } })).statusCode).toBe(200);

    const noCode = await login({ email, password });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json().code).toBe('totp_required');
    const badCode = await login({ email, password, totp: '123456' });
    expect(badCode.json().code).toMatch(/totp_invalid/);
    // The enrolment code's time step is used: a later step signs in, and that step cannot be replayed.
    const code = await totpCode(secret, 1);
    const good = await login({ email, password, totp: code });
    expect(good.statusCode).toBe(200);
    expect(good.json().session.stage).toBe('full');
    const replay = await login({ email, password, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().code).toBe('totp_invalid');
  });

  it('lets an administrator reset two-factor, ending the sessions', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const officer = await signedInCaller(t, ['officer']);
    const reset = await t.app.inject({ method: 'POST', url: `/api/v1/users/${officer.userId}/reset-totp`, headers: admin.headers });
    expect(reset.statusCode).toBe(200);
    expect(reset.json().totpEnabled).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: officer.cookie } })).statusCode).toBe(401);
    const again = await login({ email: officer.email, password: officer.password });
    expect(again.json().session.stage).toBe('totp_enrolment');
  });
});

describe('sessions', () => {
  it('ends at sign-out', async () => {
    const caller = await signedInCaller(t, ['public']);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: caller.headers });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: caller.cookie } })).statusCode).toBe(401);
    expect(await auditActions()).toContain('auth.logout');
  });

  it('ends after the idle time-out and after the absolute time-out', async () => {
    const idle = await signedInCaller(t, ['public']);
    await sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${idle.userId}`.execute(t.database.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: idle.cookie } })).statusCode).toBe(401);
    const old = await signedInCaller(t, ['public']);
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${old.userId}`.execute(t.database.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: old.cookie } })).statusCode).toBe(401);
  });

  it('purges sessions past their absolute expiry, and only those', async () => {
    const old = await signedInCaller(t, ['public']);
    const fresh = await signedInCaller(t, ['public']);
    await sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${old.userId}`.execute(t.database.db);
    expect(await purgeExpiredSessions(t.database.db)).toBeGreaterThanOrEqual(1);
    const left = await t.database.db.selectFrom('sessions').select('user_id').where('user_id', 'in', [old.userId, fresh.userId]).execute();
    expect(left.map((r) => r.user_id)).toEqual([fresh.userId]);
  });

  it('ends every session when the password changes, and the new password works', async () => {
    const caller = await signedInCaller(t, ['public']);
    const other = sessionCookieFrom(await login({ email: caller.email, password: caller.password }));
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: caller.headers, payload: { currentPassword: 'not it at all', newPassword: 'a brand new password' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('currentPassword');
    const changed = await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: caller.headers, payload: { currentPassword: caller.password, newPassword: 'a brand new password' } });
    expect(changed.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: other } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: caller.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: sessionCookieFrom(changed) } })).statusCode).toBe(200);
    expect((await login({ email: caller.email, password: 'a brand new password' })).statusCode).toBe(200);
  });

  it('ends every session when an administrator disables the user', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const caller = await signedInCaller(t, ['public']);
    await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${caller.userId}`, headers: admin.headers, payload: { status: 'disabled' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: caller.cookie } })).statusCode).toBe(401);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const caller = await signedInCaller(t, ['public']);
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: caller.cookie } });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: caller.cookie, 'x-csrf-token': 'x'.repeat(43) } });
    expect(wrong.json().code).toBe('csrf_failed');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: caller.cookie } })).statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('authenticate with Bearer, are stored hashed, and stop working when revoked', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: admin.headers, payload: { name: 'integration', expiresInDays: 30 } });
    expect(created.statusCode).toBe(201);
    const { token, secret } = created.json();
    expect(secret).toMatch(/^adi_[A-Za-z0-9]{8}_/);
    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', token.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(secret);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const bearer = { authorization: `Bearer ${secret}` };
    const users = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(users.statusCode).toBe(200);
    // An integration can ask who it is: the token's user, no browser session.
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: admin.email }, session: null, token: { prefix: token.prefix } });
    // No CSRF token needed for bearer writes.
    const org = await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: bearer, payload: { name: 'Token Org', nameUk: 'Token Org', country: 'UA', kind: 'manufacturer' } });
    expect(org.statusCode).toBe(201);
    const event = await t.database.db.selectFrom('audit_events').select('actor_label').where('action', '=', 'organization.created').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect(event.actor_label).toContain(`token ${token.prefix}`);
    // Tokens cannot mint tokens.
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: bearer, payload: { name: 'x' } })).statusCode).toBe(403);

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth/tokens', headers: { cookie: admin.cookie } });
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(token.id);
    expect(JSON.stringify(list.json())).not.toContain(secret);

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: admin.headers })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('invalid_token');
  });

  it('answers 401 for malformed, unknown and expired tokens', async () => {
    for (const header of ['Bearer nope', 'Basic abc', `Bearer adi_ABCDEFGH_${'a'.repeat(43)}`]) {
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: header } });
      expect(response.statusCode).toBe(401);
      expect(response.json().code).toBe('invalid_token');
    }
    const admin = await signedInCaller(t, ['admin']);
    const { token, secret } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: admin.headers, payload: { name: 'short', expiresInDays: 1 } })).json();
    await sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${token.id}`.execute(t.database.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
  });

  it('cannot revoke another user\'s token', async () => {
    const a = await signedInCaller(t, ['public']);
    const b = await signedInCaller(t, ['public']);
    const { token } = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: a.headers, payload: { name: 'mine' } })).json();
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/auth/tokens/${token.id}`, headers: b.headers })).statusCode).toBe(404);
  });
});

describe('user administration', () => {
  it('creates, lists, searches and updates users; every change is audited', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const org = (await t.app.inject({ method: 'POST', url: '/api/v1/organizations', headers: admin.headers, payload: { name: 'Kyiv Armour LLC', nameUk: 'Kyiv Armour LLC', country: 'UA', kind: 'manufacturer' } })).json();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email: 'Rep@Kyiv-Armour.example', displayName: 'Олена Коваленко', roles: ['company'], organizationId: org.id, password: 'a long enough password' },
    });
    expect(created.statusCode).toBe(201);
    const user = created.json();
    expect(user).toMatchObject({ email: 'rep@kyiv-armour.example', roles: ['company'], organizationId: org.id, organizationName: 'Kyiv Armour LLC', status: 'active', totpEnabled: false });
    expect(JSON.stringify(user)).not.toContain('password');

    const duplicate = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'rep@kyiv-armour.example', displayName: 'X', roles: ['public'], password: 'a long enough password' } });
    expect(duplicate.statusCode).toBe(409);

    const search = await t.app.inject({ method: 'GET', url: '/api/v1/users?q=коваленко&role=company', headers: { cookie: admin.cookie } });
    expect(search.json()).toMatchObject({ total: 1, items: [{ id: user.id }] });

    const patched = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: admin.headers, payload: { roles: ['company', 'public'], displayName: 'Olena Kovalenko' } });
    expect(patched.json()).toMatchObject({ roles: ['company', 'public'], displayName: 'Olena Kovalenko' });
    const events = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('target_id', '=', user.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['user.created', 'user.updated']);
    expect(events.every((e) => e.actor_id === admin.userId)).toBe(true);
  });

  it('creates a company user without an organization (they register their own) but refuses an unknown one', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'c@x.example', displayName: 'C', roles: ['company'], organizationId: '01900000-0000-7000-8000-000000000000', password: 'a long enough password' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: 'organizationId', message: 'no such organization' }]);
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'c@x.example', displayName: 'C', roles: ['company'], password: 'a long enough password' } });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ roles: ['company'], organizationId: null });
  });

  it('lists the failing fields of a bad request and writes nothing', async () => {
    const admin = await signedInCaller(t, ['admin']);
    const before = await t.database.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const response = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: admin.headers, payload: { email: 'not-an-email', displayName: '', roles: ['emperor'], password: 'short', extra: 1 } });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field).join(' ');
    for (const field of ['email', 'displayName', 'roles', 'password', 'extra']) expect(fields).toContain(field);
    const after = await t.database.db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses non-administrators with a 403 that is logged and audited', async () => {
    for (const role of ['public', 'company', 'officer', 'analyst', 'evaluator', 'fund_officer', 'auditor'] as const) {
      const caller = await signedInCaller(t, [role]);
      const response = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { cookie: caller.cookie } });
      expect(response.statusCode, role).toBe(403);
      expect(response.json().code).toBe('forbidden');
      const denied = await t.database.db.selectFrom('audit_events').select(['action', 'target_id']).where('actor_id', '=', caller.userId).where('action', '=', 'access.denied').execute();
      expect(denied).toEqual([{ action: 'access.denied', target_id: 'GET /api/v1/users' }]);
    }
    expect(t.logLines.some((line) => line.includes('access denied'))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(401);
  });

  it('never writes a password, TOTP code, cookie or token to the log', async () => {
    const secretPassword = 'this-password-must-not-be-logged-42';
    const { email } = await makeUser(t, ['officer']);
    await login({ email, password: secretPassword });
    const caller = await signedInCaller(t, ['admin']);
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: caller.headers, payload: { email: 'z@z.example', displayName: 'Z', roles: ['public'], password: secretPassword } });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: caller.headers, payload: '{"password": "' + secretPassword + '", broken' , });
    const created = (await t.app.inject({ method: 'POST', url: '/api/v1/auth/tokens', headers: caller.headers, payload: { name: 'log check' } })).json();
    await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: { authorization: `Bearer ${created.secret}` } });
    const log = t.logLines.join('\n');
    expect(log.length).toBeGreaterThan(0);
    expect(log).not.toContain(secretPassword);
    expect(log).not.toContain(caller.cookie.split('=')[1]);
    expect(log).not.toContain(caller.csrf);
    expect(log).not.toContain(created.secret);
    expect(log).not.toContain(caller.password);
  });
});
