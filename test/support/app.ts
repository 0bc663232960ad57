import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { generate } from 'otplib';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/core/access.ts';
import type { App, AppDeps } from '../../src/core/http.ts';
import { SecretBox } from '../../src/core/secret-box.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { buildApp } from '../../src/main.ts';
import { SYSTEM_ACTOR } from '../../src/modules/audit/service.ts';
import { type CheckpointSigner, signerFromSeed } from '../../src/modules/audit/signing.ts';
import { createUser } from '../../src/modules/identity/service.ts';
import type { TCreateOrganization } from '../../src/modules/registry/schema.ts';
import { createOrganization } from '../../src/modules/registry/service.ts';
import { createTestDatabase } from './database.ts';

/** A fixed signing key for tests (never used outside them). */
export const TEST_AUDIT_SEED = Buffer.alloc(32, 7);
/** A fixed encryption key for tests (never used outside them). */
export const TEST_SECRET_KEY = Buffer.alloc(32, 5);

/** An app on a fresh database, with every log line kept for inspection. */
export interface TestApp {
  app: App;
  database: DatabaseHandle;
  deps: AppDeps;
  signer: CheckpointSigner;
  logLines: string[];
  close(): Promise<void>;
}

/** Builds the real app (all hooks and routes) over a fresh test database. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // Each app gets its own data folder (documents, outbox files), removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adi-test-data-'));
  const config: AppConfig = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ADI_RATE_LIMIT_PER_MINUTE: '100000', ADI_RATE_LIMIT_SIGNED_IN_PER_MINUTE: '100000', ADI_DATA_DIR: dataDir, ...env }, {});
  const signer = await signerFromSeed(TEST_AUDIT_SEED);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const deps: AppDeps = { db: database.db, config, signer, secrets: new SecretBox(TEST_SECRET_KEY) };
  const app = await buildApp(deps, { logStream, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    deps,
    signer,
    logLines,
    close: async () => {
      await app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A signed-in caller: the cookie header and CSRF token to send. */
export interface Caller {
  userId: string;
  email: string;
  password: string;
  cookie: string;
  csrf: string;
  totpSecret: string | null;
  /** Headers for a write with this caller's session. */
  headers: Record<string, string>;
}

let userCounter = 0;

/** The session cookie (name=value) from a response. */
export function sessionCookieFrom(response: { cookies: Array<{ name: string; value: string }> }): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('adi_session') && c.value);
  if (!cookie) throw new Error('no session cookie in the response');
  return `${cookie.name}=${cookie.value}`;
}

/** A TOTP code for the secret, `stepOffset` 30-second steps from now. */
export function totpCode(secret: string, stepOffset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepOffset * 30 });
}

/** Creates a user directly through the service. */
export async function makeUser(t: TestApp, roles: Role[], options: { organizationId?: string; email?: string } = {}) {
  userCounter += 1;
  const email = options.email ?? `user${userCounter}-${roles.join('-')}@test.adi.example`;
  const password = `correct horse battery ${userCounter}`;
  const user = await createUser(t.database.db, SYSTEM_ACTOR, { email, displayName: `Test ${userCounter}`, roles, organizationId: options.organizationId ?? null, password });
  return { user, email, password };
}

/** Creates an organization directly through the service. */
export async function makeOrganization(t: TestApp, name = `Org ${++userCounter}`, extra: Partial<TCreateOrganization> = {}) {
  return createOrganization(t.database.db, SYSTEM_ACTOR, { name, nameUk: name, country: 'UA', kind: 'manufacturer', addresses: [], contacts: [], capabilities: [], identifiers: [], ...extra });
}

/**
 * Creates a user with the roles and signs them in over HTTP; staff go through TOTP enrolment so the
 * session is full.
 */
export async function signedInCaller(t: TestApp, roles: Role[], options: { organizationId?: string } = {}): Promise<Caller> {
  let organizationId = options.organizationId;
  if (roles.includes('company') && !organizationId) organizationId = (await makeOrganization(t)).id;
  const { user, email, password } = await makeUser(t, roles, { organizationId });
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (login.statusCode !== 200) throw new Error(`login failed: ${login.body}`);
  let cookie = sessionCookieFrom(login);
  let me = login.json();
  let totpSecret: string | null = null;
  if (me.session.stage === 'totp_enrolment') {
    const setup = await t.app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie, 'x-csrf-token': me.session.csrfToken } });
    totpSecret = setup.json().secret as string;
    const enable = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/totp/enable',
      headers: { cookie, 'x-csrf-token': me.session.csrfToken },
      payload: { code: await totpCode(totpSecret) },
    });
    if (enable.statusCode !== 200) throw new Error(`totp enable failed: ${enable.body}`);
    cookie = sessionCookieFrom(enable);
    me = enable.json();
  }
  const csrf = me.session.csrfToken as string;
  return { userId: user.id, email, password, cookie, csrf, totpSecret, headers: { cookie, 'x-csrf-token': csrf } };
}
