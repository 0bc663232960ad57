import { escapeLike } from '../../db/like.ts';
import { type Insertable, type Kysely, type Transaction, type Updateable, sql } from 'kysely';
import type { ApiTokensTable, Database, SessionsTable, UsersTable } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

const userColumns = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.password_hash',
  'users.roles',
  'users.organization_id',
  'users.status',
  'users.totp_secret',
  'users.totp_pending_secret',
  'users.totp_enabled_at',
  'users.totp_last_step',
  'users.password_changed_at',
  'users.created_at',
  'users.updated_at',
] as const;

/** A user row with the name of its organization. */
export type UserWithOrganization = Awaited<ReturnType<typeof findUserById>> & {};

function usersWithOrganization(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select([...userColumns, 'organizations.name as organization_name']);
}

/** The user with this id, or undefined. */
export async function findUserById(db: Db, id: string) {
  return usersWithOrganization(db).where('users.id', '=', id).executeTakeFirst();
}

/** The user with this e-mail (case-insensitive), or undefined. */
export async function findUserByEmail(db: Db, email: string) {
  return usersWithOrganization(db)
    .where(sql<string>`lower(users.email)`, '=', email.toLowerCase())
    .executeTakeFirst();
}

/** Locks the user's row until the transaction ends (serializes changes to one account). */
export async function lockUser(trx: Transaction<Database>, id: string): Promise<boolean> {
  const row = await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** Inserts a user. */
export async function insertUser(trx: Transaction<Database>, row: Insertable<UsersTable>): Promise<void> {
  await trx.insertInto('users').values(row).execute();
}

/** Inserts many users in one statement. */
export async function insertUsers(trx: Transaction<Database>, rows: Insertable<UsersTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('users').values(rows).execute();
}

/** Users whose e-mail is at the domain or one of its subdomains (`a@d`, `a@x.d`), with their organizations' names. */
export async function usersAtDomain(db: Db, domain: string) {
  const at = `%@${escapeLike(domain.toLowerCase())}`;
  const below = `%.${escapeLike(domain.toLowerCase())}`;
  return usersWithOrganization(db)
    .where((eb) => eb.or([eb(sql`lower(users.email)`, 'like', at), eb(sql`lower(users.email)`, 'like', below)]))
    .orderBy('users.created_at')
    .orderBy('users.email')
    .execute();
}

/** Gives the users a new password hash and ends their sessions. */
export async function setPasswordHash(trx: Transaction<Database>, ids: string[], passwordHash: string, at: Date): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: at, updated_at: at }).where('id', 'in', ids).execute();
  await trx.deleteFrom('sessions').where('user_id', 'in', ids).execute();
}

/** Updates a user's columns. */
export async function updateUser(trx: Transaction<Database>, id: string, patch: Updateable<UsersTable>): Promise<void> {
  await trx.updateTable('users').set(patch).where('id', '=', id).execute();
}

/**
 * Records the TOTP time step a sign-in used, unless that step or a later one is already recorded
 * (so one code signs in once, even from two requests at the same moment). True when it was claimed.
 */
export async function claimTotpStep(trx: Transaction<Database>, id: string, step: bigint): Promise<boolean> {
  const result = await trx
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Filters for the user list. */
export interface UserFilter {
  q?: string;
  role?: string;
  status?: string;
}

function filteredUsers(db: Db, filter: UserFilter) {
  let query = usersWithOrganization(db);
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([eb(sql`lower(users.email)`, 'like', pattern), eb(sql`lower(users.display_name)`, 'like', pattern)]),
    );
  }
  if (filter.role) query = query.where(sql<boolean>`${filter.role} = any(users.roles)`);
  if (filter.status) query = query.where('users.status', '=', filter.status as 'active' | 'disabled');
  return query;
}

/** A page of users ordered by e-mail, and the total matching the filter. */
export async function listUsers(db: Db, filter: UserFilter, limit: number, offset: number) {
  const items = await filteredUsers(db, filter).orderBy('users.email').limit(limit).offset(offset).execute();
  const { total } = await filteredUsers(db, filter)
    .clearSelect()
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/** Number of users (0 on a new installation). */
export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Stores a new session. */
export async function insertSession(trx: Db, row: Insertable<SessionsTable>): Promise<void> {
  await trx.insertInto('sessions').values(row).execute();
}

/** The session with this token hash, joined with its user. */
export async function findSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.token_hash',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.email',
      'users.roles',
      'users.organization_id',
      'users.status',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records activity on a session. */
export async function touchSession(db: Db, tokenHash: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute();
}

/** Ends one session. Returns whether it existed. */
export async function deleteSession(db: Db, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Ends every session of a user. Returns how many ended. */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Removes sessions past their absolute expiry. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Stores a new API token. */
export async function insertApiToken(trx: Transaction<Database>, row: Insertable<ApiTokensTable>): Promise<void> {
  await trx.insertInto('api_tokens').values(row).execute();
}

/** The token with this hash, joined with its user. */
export async function findApiTokenByHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.prefix',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'api_tokens.last_used_at',
      'users.id as user_id',
      'users.email',
      'users.roles',
      'users.organization_id',
      'users.status',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records use of a token. */
export async function touchApiToken(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

/** A user's tokens, newest first (without hashes). */
export async function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** One of a user's tokens, or undefined. */
export async function findUserApiToken(db: Db, userId: string, id: string) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Marks a token revoked. */
export async function revokeApiToken(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}

/** Records a failed sign-in. */
export async function insertLoginFailure(db: Db, row: { id: string; email: string; ip: string; occurred_at: Date }): Promise<void> {
  await db.insertInto('login_failures').values(row).execute();
}

/** Failed sign-ins for an e-mail and for an address since a time, with the oldest of each. */
export async function recentLoginFailures(db: Db, email: string, ip: string, since: Date) {
  const row = await db
    .selectFrom('login_failures')
    .select([
      sql<number>`(count(*) filter (where email = ${email}))::int`.as('by_email'),
      sql<number>`(count(*) filter (where ip = ${ip}))::int`.as('by_ip'),
      sql<Date | null>`min(occurred_at) filter (where email = ${email})`.as('oldest_email'),
      sql<Date | null>`min(occurred_at) filter (where ip = ${ip})`.as('oldest_ip'),
    ])
    .where('occurred_at', '>=', since)
    .where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return {
    byEmail: Number(row.by_email),
    byIp: Number(row.by_ip),
    oldestEmail: row.oldest_email ? new Date(row.oldest_email) : null,
    oldestIp: row.oldest_ip ? new Date(row.oldest_ip) : null,
  };
}

/** Forgets an account's failures after a successful sign-in, and old failures of everyone. */
export async function clearLoginFailures(db: Db, email: string, olderThan: Date): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where((eb) => eb.or([eb('email', '=', email), eb('occurred_at', '<', olderThan)]))
    .execute();
}
