import type { Kysely, Transaction } from 'kysely';
import { type AuthContext, type Role, isStaff } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { randomToken, uuidv7 } from '../../core/ids.ts';
import type { SecretBox } from '../../core/secret-box.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { organizationExists } from '../registry/service.ts';
import {
  checkTotp,
  hashPassword,
  hashSecret,
  newTotpSecret,
  totpEnrolment,
  verifyPassword,
} from './credentials.ts';
import * as repo from './repo.ts';
import { API_TOKEN_DEFAULT_DAYS, type TCreateUser, type TMe, type TUpdateUser, type TUser } from './schema.ts';

/** Session settings from the configuration. */
export interface SessionPolicy {
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  loginMaxFailuresPerAccount: number;
  loginMaxFailuresPerIp: number;
  loginWindowMs: number;
}

/** Where a request came from, for sessions and the sign-in throttle. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  requestId: string | null;
}

// Writing last_seen_at on every request would turn every read into a write; a minute is precise enough
// for an idle timeout measured in tens of minutes.
const TOUCH_INTERVAL_MS = 60_000;

type UserRow = NonNullable<Awaited<ReturnType<typeof repo.findUserById>>>;

/** The public shape of a user (never the hashes or the TOTP secret). */
export function presentUser(row: UserRow): TUser {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles as Role[],
    organizationId: row.organization_id,
    organizationName: row.organization_name ?? null,
    status: row.status,
    totpEnabled: row.totp_enabled_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

async function requireUser(db: Kysely<Database>, id: string): Promise<UserRow> {
  const row = await repo.findUserById(db, id);
  if (!row) throw new AppError('not_found', 'no such user');
  return row;
}

// A company user may start without an organization: they register their own, and are linked to it then.
async function checkOrganizationLink(db: Kysely<Database>, organizationId: string | null) {
  if (organizationId && !(await organizationExists(db, organizationId))) {
    throw new AppError('validation_failed', { errors: [{ field: 'organizationId', message: 'no such organization' }] });
  }
}

/** Creates a user (administrators, and `adi user create`). */
export async function createUser(db: Kysely<Database>, actor: AuditActor, input: TCreateUser): Promise<TUser> {
  const organizationId = input.organizationId ?? null;
  await checkOrganizationLink(db, organizationId);
  const passwordHash = await hashPassword(input.password);
  const id = uuidv7();
  await db.transaction().execute(async (trx) => {
    if (await repo.findUserByEmail(trx, input.email)) {
      throw new AppError('already_exists', { detail: `a user with e-mail ${input.email} exists`, errors: [{ field: 'email', message: 'already in use' }] });
    }
    const now = new Date();
    await repo.insertUser(trx, {
      id,
      email: input.email,
      display_name: input.displayName,
      password_hash: passwordHash,
      roles: input.roles,
      organization_id: organizationId,
      status: 'active',
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'user.created',
      targetType: 'user',
      targetId: id,
      details: { email: input.email, roles: input.roles, organizationId },
    });
  });
  return presentUser(await requireUser(db, id));
}

/** Changes a user's name, roles, organization or status; disabling ends every session. */
export async function updateUser(db: Kysely<Database>, actor: AuditActor, id: string, patch: TUpdateUser): Promise<TUser> {
  const current = await requireUser(db, id);
  const roles = patch.roles ?? (current.roles as Role[]);
  const organizationId = patch.organizationId === undefined ? current.organization_id : patch.organizationId;
  await checkOrganizationLink(db, organizationId);
  if (actor.actorId === id && (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin') && current.roles.includes('admin')))) {
    throw new AppError('conflict', 'administrators cannot disable themselves or remove their own admin role');
  }
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockUser(trx, id))) throw new AppError('not_found', 'no such user');
    await repo.updateUser(trx, id, {
      display_name: patch.displayName,
      roles: patch.roles,
      organization_id: patch.organizationId,
      status: patch.status,
      updated_at: new Date(),
    });
    // Ending sessions on any change of roles or status means a user never keeps rights they lost.
    let sessionsEnded = 0;
    if (patch.status === 'disabled' || patch.roles || patch.organizationId !== undefined) sessionsEnded = await repo.deleteUserSessions(trx, id);
    await recordAudit(trx, actor, {
      action: 'user.updated',
      targetType: 'user',
      targetId: id,
      details: { changes: patch, sessionsEnded },
    });
  });
  return presentUser(await requireUser(db, id));
}

/**
 * Links a company user who has no organization yet to the one they just registered, inside the
 * registration's transaction. Their session continues: the link only widens what they may see.
 */
export async function linkUserToOrganization(trx: Transaction<Database>, actor: AuditActor, userId: string, organizationId: string): Promise<void> {
  await repo.updateUser(trx, userId, { organization_id: organizationId, updated_at: new Date() });
  await recordAudit(trx, actor, { action: 'user.organization_linked', targetType: 'user', targetId: userId, details: { organizationId } });
}

/** Removes a user's two-factor secret so they enrol again at their next sign-in. */
export async function resetTotp(db: Kysely<Database>, actor: AuditActor, id: string): Promise<TUser> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.lockUser(trx, id))) throw new AppError('not_found', 'no such user');
    await repo.updateUser(trx, id, { totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() });
    const sessionsEnded = await repo.deleteUserSessions(trx, id);
    await recordAudit(trx, actor, { action: 'user.totp_reset', targetType: 'user', targetId: id, details: { sessionsEnded } });
  });
  return presentUser(await requireUser(db, id));
}

/** A page of users. */
export async function listUsers(db: Kysely<Database>, filter: repo.UserFilter, limit: number, offset: number) {
  const { items, total } = await repo.listUsers(db, filter, limit, offset);
  return { items: items.map(presentUser), total, limit, offset };
}

/** One user. */
export async function getUser(db: Kysely<Database>, id: string): Promise<TUser> {
  return presentUser(await requireUser(db, id));
}

/** Number of users (0 means the installation still needs its first administrator). */
export function countUsers(db: Kysely<Database>): Promise<number> {
  return repo.countUsers(db);
}

/** A new session: the cookie value (shown once) and what the server keeps. */
export interface IssuedSession {
  token: string;
  me: TMe;
}

async function issueSession(db: Kysely<Database> | Parameters<typeof repo.insertSession>[0], user: UserRow, stage: 'full' | 'totp_enrolment', policy: SessionPolicy, client: ClientInfo): Promise<IssuedSession> {
  const token = randomToken(32);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + policy.sessionAbsoluteMs);
  const csrfToken = randomToken(32);
  await repo.insertSession(db, {
    token_hash: hashSecret(token),
    user_id: user.id,
    stage,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 500) ?? null,
  });
  return { token, me: { user: presentUser(user), session: { stage, csrfToken, expiresAt: expiresAt.toISOString() }, token: null } };
}

function actorForUser(user: { id: string; email: string }, client: ClientInfo): AuditActor {
  return { actorId: user.id, actorLabel: user.email, requestId: client.requestId };
}

async function throttle(db: Kysely<Database>, email: string, policy: SessionPolicy, client: ClientInfo) {
  const now = Date.now();
  const failures = await repo.recentLoginFailures(db, email, client.ip, new Date(now - policy.loginWindowMs));
  const blockedUntil = [
    failures.byEmail >= policy.loginMaxFailuresPerAccount && failures.oldestEmail ? failures.oldestEmail.getTime() + policy.loginWindowMs : 0,
    failures.byIp >= policy.loginMaxFailuresPerIp && failures.oldestIp ? failures.oldestIp.getTime() + policy.loginWindowMs : 0,
  ];
  const until = Math.max(...blockedUntil);
  if (until > now) {
    const retryAfter = Math.max(1, Math.ceil((until - now) / 1000));
    throw new AppError('too_many_attempts', {
      detail: `too many failed sign-ins; try again in ${retryAfter} s`,
      headers: { 'retry-after': String(retryAfter) },
      extra: { retryAfterSeconds: retryAfter },
    });
  }
}

async function recordFailure(db: Kysely<Database>, email: string, reason: string, userId: string | null, client: ClientInfo) {
  await db.transaction().execute(async (trx) => {
    await repo.insertLoginFailure(trx, { id: uuidv7(), email, ip: client.ip, occurred_at: new Date() });
    await recordAudit(trx, { actorId: null, actorLabel: 'anonymous', requestId: client.requestId }, {
      action: 'auth.login_failed',
      targetType: 'user',
      targetId: userId,
      details: { email, reason, ip: client.ip },
    });
  });
}

/**
 * Signs in with e-mail, password and (for accounts with two-factor) a TOTP code. Staff without
 * two-factor get a session limited to enrolment. Failures are throttled per account and per address.
 */
export async function login(
  db: Kysely<Database>,
  policy: SessionPolicy,
  secrets: SecretBox,
  input: { email: string; password: string; totp?: string },
  client: ClientInfo,
): Promise<IssuedSession> {
  await throttle(db, input.email, policy, client);
  const user = await repo.findUserByEmail(db, input.email);
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    await recordFailure(db, input.email, !user ? 'unknown_email' : !passwordOk ? 'wrong_password' : 'disabled', user?.id ?? null, client);
    throw new AppError('invalid_credentials');
  }
  const staff = isStaff(user.roles);
  let totpStep: bigint | null = null;
  if (user.totp_secret) {
    if (!input.totp) throw new AppError('totp_required', 'enter the 6-digit code from your authenticator app');
    const step = await checkTotp(secrets.open(user.totp_secret, user.id), input.totp);
    if (step === null || (user.totp_last_step !== null && BigInt(step) <= user.totp_last_step)) {
      await recordFailure(db, input.email, step === null ? 'wrong_totp' : 'replayed_totp', user.id, client);
      throw new AppError('totp_invalid');
    }
    totpStep = BigInt(step);
  }
  const stage = staff && !user.totp_secret ? 'totp_enrolment' : 'full';
  const issued = await db.transaction().execute(async (trx) => {
    // The check above read the last step before the password hash was verified: a sign-in with the
    // same code at the same moment (another node, another request) passed it too. The conditional
    // update lets only one of them claim the step.
    if (totpStep !== null && !(await repo.claimTotpStep(trx, user.id, totpStep))) return null;
    await repo.clearLoginFailures(trx, input.email, new Date(Date.now() - policy.loginWindowMs));
    const session = await issueSession(trx, user, stage, policy, client);
    await recordAudit(trx, actorForUser(user, client), {
      action: 'auth.login',
      targetType: 'user',
      targetId: user.id,
      details: { stage, via: 'password', ip: client.ip },
    });
    return session;
  });
  if (!issued) {
    await recordFailure(db, input.email, 'replayed_totp', user.id, client);
    throw new AppError('totp_invalid');
  }
  return issued;
}

/** Ends the caller's session. */
export async function logout(db: Kysely<Database>, auth: AuthContext, client: ClientInfo): Promise<void> {
  if (!auth.session || !auth.user) return;
  const user = auth.user;
  const tokenHash = auth.session.tokenHash;
  await db.transaction().execute(async (trx) => {
    if (await repo.deleteSession(trx, tokenHash)) {
      await recordAudit(trx, actorForUser(user, client), { action: 'auth.logout', targetType: 'user', targetId: user.id });
    }
  });
}

/** The caller as `Me`. */
export async function me(db: Kysely<Database>, auth: AuthContext): Promise<TMe> {
  if (!auth.user || (!auth.session && auth.kind !== 'token')) throw new AppError('unauthenticated');
  const user = await requireUser(db, auth.user.id);
  return {
    user: presentUser(user),
    session: auth.session ? { stage: auth.session.stage, csrfToken: auth.session.csrfToken, expiresAt: auth.session.expiresAt.toISOString() } : null,
    token: auth.kind === 'token' && auth.tokenPrefix ? { prefix: auth.tokenPrefix } : null,
  };
}

/**
 * The caller behind a session cookie, or null when the session is unknown, idle too long, past its
 * absolute lifetime, or its user is disabled.
 */
export async function resolveSession(db: Kysely<Database>, policy: SessionPolicy, token: string): Promise<AuthContext | null> {
  const tokenHash = hashSecret(token);
  const row = await repo.findSession(db, tokenHash);
  if (!row) return null;
  const now = Date.now();
  const expired = row.expires_at.getTime() <= now || row.last_seen_at.getTime() + policy.sessionIdleMs <= now;
  if (expired || row.status !== 'active') {
    await repo.deleteSession(db, tokenHash);
    return null;
  }
  if (now - row.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(db, tokenHash, new Date(now));
  return {
    kind: 'session',
    user: { id: row.user_id, email: row.email, roles: row.roles as Role[], organizationId: row.organization_id },
    session: { tokenHash, stage: row.stage, csrfToken: row.csrf_token, expiresAt: row.expires_at },
    tokenPrefix: null,
  };
}

const API_TOKEN_PATTERN = /^adi_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

/** The caller behind an API token; throws `invalid_token` for an unknown, revoked or expired one. */
export async function resolveApiToken(db: Kysely<Database>, bearer: string): Promise<AuthContext> {
  if (!API_TOKEN_PATTERN.test(bearer)) throw new AppError('invalid_token');
  const row = await repo.findApiTokenByHash(db, hashSecret(bearer));
  const now = Date.now();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at.getTime() <= now) || row.status !== 'active') {
    throw new AppError('invalid_token');
  }
  if (!row.last_used_at || now - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchApiToken(db, row.id, new Date(now));
  return {
    kind: 'token',
    user: { id: row.user_id, email: row.email, roles: row.roles as Role[], organizationId: row.organization_id },
    session: null,
    tokenPrefix: row.prefix,
  };
}

function sessionUser(auth: AuthContext) {
  if (!auth.user || !auth.session) throw new AppError('forbidden', 'this needs a signed-in browser session, not an API token');
  return { user: auth.user, session: auth.session };
}

/** Starts two-factor enrolment: a new pending secret with its QR code. */
export async function totpSetup(db: Kysely<Database>, secrets: SecretBox, auth: AuthContext) {
  const { user } = sessionUser(auth);
  const secret = newTotpSecret();
  await db.transaction().execute(async (trx) => {
    await repo.lockUser(trx, user.id);
    const current = await repo.findUserById(trx, user.id);
    if (current?.totp_secret) throw new AppError('conflict', 'two-factor sign-in is already set up; an administrator can reset it');
    await repo.updateUser(trx, user.id, { totp_pending_secret: secrets.seal(secret, user.id) });
  });
  return { secret, ...(await totpEnrolment(secret, user.email)) };
}

/** Finishes enrolment with a code from the app; the session is replaced by a full one. */
export async function totpEnable(
  db: Kysely<Database>,
  policy: SessionPolicy,
  secrets: SecretBox,
  auth: AuthContext,
  code: string,
  client: ClientInfo,
): Promise<IssuedSession> {
  const { user, session } = sessionUser(auth);
  return db.transaction().execute(async (trx) => {
    await repo.lockUser(trx, user.id);
    const current = await requireUser(trx, user.id);
    if (current.totp_secret) throw new AppError('conflict', 'two-factor sign-in is already set up');
    if (!current.totp_pending_secret) throw new AppError('conflict', 'start with POST /api/v1/auth/totp/setup');
    const step = await checkTotp(secrets.open(current.totp_pending_secret, user.id), code);
    if (step === null) throw new AppError('totp_invalid');
    const now = new Date();
    await repo.updateUser(trx, user.id, {
      totp_secret: current.totp_pending_secret,
      totp_pending_secret: null,
      totp_enabled_at: now,
      totp_last_step: BigInt(step),
      updated_at: now,
    });
    await repo.deleteSession(trx, session.tokenHash);
    const issued = await issueSession(trx, { ...current, totp_enabled_at: now }, 'full', policy, client);
    await recordAudit(trx, actorForUser(user, client), { action: 'auth.totp_enabled', targetType: 'user', targetId: user.id });
    return issued;
  });
}

/** Changes the caller's password; every session ends and the caller gets a new one. */
export async function changePassword(
  db: Kysely<Database>,
  policy: SessionPolicy,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<IssuedSession> {
  const { user, session } = sessionUser(auth);
  const current = await requireUser(db, user.id);
  if (!(await verifyPassword(current.password_hash, input.currentPassword))) {
    throw new AppError('validation_failed', { errors: [{ field: 'currentPassword', message: 'is wrong' }] });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', { errors: [{ field: 'newPassword', message: 'must differ from the current password' }] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    await repo.updateUser(trx, user.id, { password_hash: passwordHash, password_changed_at: now, updated_at: now });
    const sessionsEnded = await repo.deleteUserSessions(trx, user.id);
    const issued = await issueSession(trx, current, session.stage, policy, client);
    await recordAudit(trx, actorForUser(user, client), { action: 'auth.password_changed', targetType: 'user', targetId: user.id, details: { sessionsEnded } });
    return issued;
  });
}

function presentToken(row: { id: string; name: string; prefix: string; created_at: Date; last_used_at: Date | null; expires_at: Date | null; revoked_at: Date | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/** The caller's API tokens. */
export async function listApiTokens(db: Kysely<Database>, auth: AuthContext) {
  if (!auth.user) throw new AppError('unauthenticated');
  return { items: (await repo.listApiTokens(db, auth.user.id)).map(presentToken) };
}

const PREFIX_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function tokenPrefix(): string {
  const bytes = randomToken(16);
  let prefix = '';
  for (const ch of bytes) {
    if (PREFIX_ALPHABET.includes(ch)) prefix += ch;
    if (prefix.length === 8) return prefix;
  }
  return tokenPrefix();
}

/** Creates an API token for the caller; the secret is returned once and stored only as a hash. */
export async function createApiToken(db: Kysely<Database>, auth: AuthContext, input: { name: string; expiresInDays?: number }, client: ClientInfo) {
  const { user } = sessionUser(auth);
  const prefix = tokenPrefix();
  const secret = `adi_${prefix}_${randomToken(32)}`;
  const now = new Date();
  const row = {
    id: uuidv7(),
    user_id: user.id,
    name: input.name,
    prefix,
    token_hash: hashSecret(secret),
    created_at: now,
    last_used_at: null,
    expires_at: new Date(now.getTime() + (input.expiresInDays ?? API_TOKEN_DEFAULT_DAYS) * 86_400_000),
    revoked_at: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertApiToken(trx, row);
    await recordAudit(trx, actorForUser(user, client), {
      action: 'api_token.created',
      targetType: 'api_token',
      targetId: row.id,
      details: { name: row.name, prefix, expiresAt: row.expires_at?.toISOString() ?? null },
    });
  });
  return { token: presentToken(row), secret };
}

/** Revokes one of the caller's tokens (404 for another user's token). */
export async function revokeApiToken(db: Kysely<Database>, auth: AuthContext, id: string, client: ClientInfo): Promise<void> {
  if (!auth.user) throw new AppError('unauthenticated');
  const user = auth.user;
  await db.transaction().execute(async (trx) => {
    const token = await repo.findUserApiToken(trx, user.id, id);
    if (!token) throw new AppError('not_found', 'no such token');
    if (token.revoked_at) return;
    await repo.revokeApiToken(trx, id, new Date());
    await recordAudit(trx, actorForUser(user, client), { action: 'api_token.revoked', targetType: 'api_token', targetId: id, details: { prefix: token.prefix } });
  });
}

/**
 * Deletes sessions past their absolute expiry (idle ones are refused on use and removed then). Not
 * audited: ending a session that already ended changes no one's rights.
 */
export function purgeExpiredSessions(db: Kysely<Database>): Promise<number> {
  return repo.deleteExpiredSessions(db, new Date());
}

/** Records a refused request in the audit log (who tried what). */
export async function recordAccessDenied(db: Kysely<Database>, auth: AuthContext, route: string, method: string, client: ClientInfo): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, { actorId: auth.user?.id ?? null, actorLabel: auth.user?.email ?? 'anonymous', requestId: client.requestId }, {
      action: 'access.denied',
      targetType: 'route',
      targetId: `${method} ${route}`,
      details: { roles: auth.user?.roles ?? [], ip: client.ip, via: auth.kind },
    });
  });
}
