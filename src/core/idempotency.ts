import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import * as repo from '../modules/system/idempotency-repo.ts';
import { canonicalJson, sha256Hex } from './audit-chain.ts';
import { AppError } from './errors.ts';

/** The request header that names a retry-safe request (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** How long a key and its answer are kept; a retry after that runs the request again. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const PRINTABLE_ASCII = /^[\x20-\x7E]{1,200}$/;
const KEY_RULE = 'must be 1 to 200 printable ASCII characters';

/**
 * The optional Idempotency-Key header, for a route's `headers` schema (so it is validated and shown
 * in the OpenAPI document). Other headers pass through untouched.
 */
export const ZIdempotencyHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(PRINTABLE_ASCII, KEY_RULE)
    .optional()
    .describe('Send a unique value (a UUID) to make a retry safe: the same key and body return the first answer; a different body with the key is a 409'),
});

/** What an idempotent handler answers: the status and the body to send (and to replay). */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
}

/** Runs `work` in `db` when it already is a transaction, else in a new one (so services compose with withIdempotency). */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/** The request's Idempotency-Key, undefined without one; a malformed key is a 400 naming the header. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[IDEMPOTENCY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !PRINTABLE_ASCII.test(value)) {
    throw new AppError('validation_failed', { detail: `headers.${IDEMPOTENCY_HEADER}: ${KEY_RULE}`, errors: [{ field: `headers.${IDEMPOTENCY_HEADER}`, message: KEY_RULE }] });
  }
  return value;
}

/** SHA-256 of what makes two requests "the same": method, path and the canonical JSON of the body. */
export function idempotencyRequestHash(method: string, route: string, body: unknown): string {
  return sha256Hex(`${method}\n${route}\n${canonicalJson(body ?? null)}`);
}

/**
 * Runs a state-changing handler at most once per (user, Idempotency-Key), in one transaction with
 * the change, and sets the reply's status. The handler gets that transaction and must do all its
 * writes in it.
 *
 * - No key, or an anonymous caller: the handler simply runs (in a transaction).
 * - A key seen before with the same method, path and body: the stored answer is returned with
 *   `Idempotent-Replayed: true`, and nothing runs.
 * - A key seen before with anything else: 409 `idempotency_conflict`.
 *
 * Why a placeholder row first, in the same transaction: the row is inserted (ON CONFLICT DO
 * NOTHING) before the handler runs. A concurrent request with the same key then blocks on the
 * primary key until the first transaction ends: if it committed, the second finds the stored answer
 * and replays it; if it rolled back, the second owns the key and runs. So two requests can never
 * both apply the change, and the answer is stored exactly when the change commits. Only successful
 * answers are kept: a request that failed changed nothing (its transaction, key row included,
 * rolled back), so retrying it runs it again. On PGlite there is one connection and transactions
 * already run one at a time.
 *
 * `requestContent` is what must match for a retry to be "the same request"; the JSON body unless
 * told (an upload names its bytes' hash and its query string, which the path leaves out).
 */
export async function withIdempotency<T>(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  work: (trx: Transaction<Database>) => Promise<IdempotentAnswer<T>>,
  requestContent: unknown = request.body,
): Promise<T> {
  const key = idempotencyKeyOf(request);
  const userId = request.auth?.user?.id;
  const answer = await db.transaction().execute(async (trx): Promise<IdempotentAnswer<T> & { replayed: boolean }> => {
    if (key === undefined || !userId) return { ...(await work(trx)), replayed: false };
    const route = `${request.method} ${request.url.split('?')[0]}`;
    const requestHash = idempotencyRequestHash(request.method, route, requestContent);
    const now = new Date();
    // Opportunistic purge of this user's expired keys, so an expired key counts as new.
    await repo.deleteExpiredKeysOfUser(trx, userId, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
    if (!(await repo.claimIdempotencyKey(trx, { userId, key, route, requestHash, createdAt: now }))) {
      const stored = await repo.findIdempotentAnswer(trx, userId, key);
      if (!stored) throw new AppError('conflict', 'a concurrent request with this Idempotency-Key changed; retry');
      if (stored.route !== route || stored.request_hash !== requestHash) {
        throw new AppError('idempotency_conflict', `this Idempotency-Key was used for a different request (${stored.route}); use a new key for a new request`);
      }
      return { status: stored.status_code, body: JSON.parse(stored.response_body) as T, replayed: true };
    }
    const result = await work(trx);
    await repo.storeIdempotentAnswer(trx, userId, key, result.status, JSON.stringify(result.body));
    return { ...result, replayed: false };
  });
  reply.status(answer.status);
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return answer.body;
}

/** Deletes every expired key (housekeeping); the number deleted. */
export function purgeExpiredIdempotencyKeys(db: Kysely<Database>, now = new Date()): Promise<number> {
  return repo.deleteExpiredKeys(db, new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
}
