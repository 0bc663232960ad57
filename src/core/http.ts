import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { AppConfig } from '../config.ts';
import { isDatabaseUnavailableError } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import type { CheckpointSigner } from '../modules/audit/signing.ts';
import type { SecretBox } from './secret-box.ts';
import type { Access, AuthContext } from './access.ts';
import { AppError, type AppErrorDetails, type ErrorCode, type FieldError, problemDocument } from './errors.ts';

/** What every route handler can reach. */
export interface AppDeps {
  db: Kysely<Database>;
  config: AppConfig;
  signer: CheckpointSigner;
  /** Encrypts stored secrets (TOTP seeds). */
  secrets: SecretBox;
}

/** The Fastify instance with Zod types, as modules receive it. */
export type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (see core/access.ts). Every /api route must declare it. */
    access?: Access;
  }
  interface FastifyRequest {
    auth: AuthContext;
  }
  interface FastifyInstance {
    /** Each route's declared access by `METHOD /path` (Fastify's URL form, `:id`): read by the access tests. */
    routeAccess: Map<string, Access>;
  }
}

/** Sends an error code as problem+json. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details: AppErrorDetails = {}) {
  const body = problemDocument(code, details, request.url.split('?')[0], String(request.id));
  if (details.headers) reply.headers(details.headers);
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

function zodFieldErrors(error: { validation: Array<{ keyword?: string; instancePath?: string; message?: string; params?: unknown }>; validationContext?: string }): FieldError[] {
  const where = error.validationContext ?? 'body';
  return error.validation.flatMap((issue) => {
    const path = (issue.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.');
    const prefix = [where, path].filter(Boolean).join('.');
    const keys = issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: string[] } | undefined)?.keys : undefined;
    if (keys?.length) return keys.map((key) => ({ field: `${prefix}.${key}`, message: 'is not a known field' }));
    return [{ field: prefix, message: issue.message ?? 'is not valid' }];
  });
}

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
  FST_ERR_CTP_INVALID_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_PARSE_TYPE: 'unsupported_media_type',
};

// SQLSTATEs that mean the request conflicts with the data (a race past the service's own checks),
// not that the server is broken.
const SQLSTATE_CODES: Record<string, { code: ErrorCode; detail: string }> = {
  '23505': { code: 'already_exists', detail: 'a record with the same unique value exists' },
  '22021': { code: 'bad_request', detail: 'the request holds characters the database cannot store' },
  '22P05': { code: 'bad_request', detail: 'the request holds characters the database cannot store' },
  '23503': { code: 'conflict', detail: 'the record refers to, or is referred to by, another record' },
  '40001': { code: 'conflict', detail: 'a concurrent change conflicted with this one; retry' },
  '40P01': { code: 'conflict', detail: 'a concurrent change conflicted with this one; retry' },
};

/** Seconds a client is asked to wait (Retry-After) when the database is unreachable or restarting. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The 503 answer while the database is unreachable: problem+json with Retry-After. */
export function databaseUnavailable(detail: string): AppErrorDetails {
  return { detail, headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) } };
}

function databaseErrorCode(error: unknown) {
  const sqlState = (error as { code?: unknown }).code;
  const looksLikePostgres = typeof (error as { severity?: unknown }).severity === 'string';
  return looksLikePostgres && typeof sqlState === 'string' ? SQLSTATE_CODES[sqlState] : undefined;
}

/** Answers errors Fastify raises before routing (bad URL encoding, over-long parameters) as problem+json. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const code: ErrorCode = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'uri_too_long' : 'bad_request';
  return sendProblem(request, reply, code, { detail: code === 'uri_too_long' ? 'a path parameter is too long' : 'the request URL is malformed' });
}

/**
 * Turns every error into problem+json: AppErrors with their code, validation failures with the
 * failing fields, a lost or unreachable database as 503 with Retry-After, Fastify's own client errors
 * as 4xx, and anything else as a generic 500 that is logged with the request id (the body never
 * carries internals).
 */
export function installErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => {
    if (error instanceof AppError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return sendProblem(request, reply, error.code, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = zodFieldErrors(error as unknown as Parameters<typeof zodFieldErrors>[0]);
      return sendProblem(request, reply, 'validation_failed', { detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
    }
    if (isDatabaseUnavailableError(error)) {
      // A passing fault, not a bug: the transaction rolled back (or, if the connection dropped during
      // COMMIT, may have committed: a retry with the same Idempotency-Key then replays the answer).
      request.log.warn({ err: error }, 'the database is unavailable');
      return sendProblem(
        request,
        reply,
        'unavailable',
        databaseUnavailable('the database is unreachable or the connection to it was lost; retry shortly (a write sent with an Idempotency-Key is safe to retry with the same key)'),
      );
    }
    const database = databaseErrorCode(error);
    if (database) {
      request.log.warn({ err: error }, 'database refused the change');
      return sendProblem(request, reply, database.code, { detail: database.detail });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.code === 'FST_ERR_VALIDATION' || (fastifyError as { validation?: unknown }).validation) {
      return sendProblem(request, reply, 'validation_failed', { detail: fastifyError.message });
    }
    if (error instanceof SyntaxError || fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      return sendProblem(request, reply, 'malformed_json', { detail: 'the body is not valid JSON' });
    }
    const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
    if (mapped) return sendProblem(request, reply, mapped, { detail: fastifyError.message });
    if (fastifyError.statusCode === 429) return sendProblem(request, reply, 'rate_limited', { detail: fastifyError.message });
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      request.log.warn({ err: error }, 'unmapped client error');
      return sendProblem(request, reply, 'bad_request', { detail: fastifyError.message });
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(request, reply, 'internal', { detail: `an unexpected error happened; quote request id ${request.id}` });
  });
}

/** The client address and agent of a request, and its id. */
export function clientInfo(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: String(request.id) };
}

/** The audit actor for a request. */
export function actorOf(request: FastifyRequest) {
  const user = request.auth?.user;
  const label = user ? (request.auth.kind === 'token' ? `${user.email} (token ${request.auth.tokenPrefix})` : user.email) : 'anonymous';
  return { actorId: user?.id ?? null, actorLabel: label, requestId: String(request.id) };
}

/** The platform's public address: ADI_PUBLIC_URL, else what the request came to (links in PDFs and QR codes). */
export function publicBaseUrl(deps: AppDeps, request: FastifyRequest): string {
  return deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
}

/** Headers of open data: anyone may read it, including web tools on other sites (nothing depends on a cookie); cached a minute. */
export function openDataHeaders(reply: FastifyReply): void {
  reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*').header('cross-origin-resource-policy', 'cross-origin');
}

/**
 * Registers routes that take a file as the raw request body, whatever its content type (what it is, is
 * decided from its bytes), up to `maxBytes`: in a scope of their own, so the JSON routes keep their parser.
 */
export function withRawBodies(app: App, maxBytes: number, register: (scope: App) => void): void {
  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
    register(scope);
  });
}
