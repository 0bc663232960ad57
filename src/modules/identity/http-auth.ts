import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANONYMOUS, accessDecision } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import { type App, type AppDeps, clientInfo, sendProblem } from '../../core/http.ts';
import { sameSecret } from './credentials.ts';
import * as identity from './service.ts';

/** The session cookie's name: `__Host-` (Secure, path /, no domain) except in plain-HTTP development. */
export function sessionCookieName(isDevelopment: boolean): string {
  return isDevelopment ? 'adi_session' : '__Host-adi_session';
}

/** Sets the session cookie for a newly issued session. */
export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string): void {
  reply.setCookie(sessionCookieName(deps.config.isDevelopment), token, {
    httpOnly: true,
    secure: !deps.config.isDevelopment,
    sameSite: 'lax',
    path: '/',
    maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
  });
}

/** Removes the session cookie. */
export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.clearCookie(sessionCookieName(deps.config.isDevelopment), { path: '/', secure: !deps.config.isDevelopment, httpOnly: true, sameSite: 'lax' });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller (API token, else session cookie), then enforces the route's declared access and,
 * for cookie-authenticated writes, the CSRF token. Runs before the body is parsed, so a refused caller
 * learns nothing about validation. Denials (403) are logged and audited.
 */
export function installAuthentication(app: App, deps: AppDeps): void {
  app.decorateRequest('auth', null as never);

  /** Resolves the caller and enforces access; true when it answered the request itself (refused it). */
  async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const access = request.routeOptions.config?.access;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) return refuse(request, reply, 'invalid_token', { detail: 'use Authorization: Bearer <token>' });
      try {
        request.auth = await identity.resolveApiToken(deps.db, match[1]);
      } catch (error) {
        if (error instanceof AppError) return refuse(request, reply, error.code, error.details);
        throw error;
      }
    } else {
      const cookie = request.cookies[sessionCookieName(deps.config.isDevelopment)];
      if (cookie && cookie.length <= 128) {
        const resolved = await identity.resolveSession(deps.db, deps.config, cookie);
        if (resolved) request.auth = resolved;
        else clearSessionCookie(reply, deps);
      }
    }
    if (access === undefined) return false; // static files, docs: public by nature (see main.ts)

    const decision = accessDecision(access, request.auth);
    if (decision === 'unauthenticated') return refuse(request, reply, 'unauthenticated');
    if (decision === 'enrolment_required') return refuse(request, reply, 'totp_enrolment_required');
    if (decision === 'forbidden') {
      await logAccessDenied(deps, request);
      return refuse(request, reply, 'forbidden', { detail: 'your roles do not allow this' });
    }
    // Public writes (sign-in) need no CSRF token: they act on no existing session.
    if (access !== 'public' && request.auth.kind === 'session' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !request.auth.session || !sameSecret(sent, request.auth.session.csrfToken)) {
        request.log.warn({ userId: request.auth.user?.id }, 'csrf token missing or wrong');
        return refuse(request, reply, 'csrf_failed', { detail: 'send the X-CSRF-Token header from /api/v1/auth/me' });
      }
    }
    return false;
  }

  app.addHook('onRequest', (request, reply, done) => {
    request.auth = ANONYMOUS;
    const access = request.routeOptions.config?.access;
    // An anonymous request to a public route (the hot path during a flood) needs no work at all.
    if (request.headers.authorization === undefined && request.headers.cookie === undefined && (access === undefined || access === 'public')) {
      return done();
    }
    authenticate(request, reply).then((answered) => {
      if (!answered) done();
    }, done);
  });
}

function refuse(request: FastifyRequest, reply: FastifyReply, code: Parameters<typeof sendProblem>[2], details?: Parameters<typeof sendProblem>[3]): true {
  sendProblem(request, reply, code, details);
  return true;
}

/** Logs and audits a refused request (no secrets: the user id, route and method). */
async function logAccessDenied(deps: AppDeps, request: FastifyRequest): Promise<void> {
  const route = request.routeOptions.url ?? request.url;
  request.log.warn({ userId: request.auth.user?.id, route, method: request.method }, 'access denied');
  await identity.recordAccessDenied(deps.db, request.auth, route, request.method, clientInfo(request));
}

/**
 * Runs a route's work; a refusal a service decides (403: another company's record, a state machine's
 * role rule) is logged and audited like the route-level ones, then answered as usual.
 */
export async function auditingRefusals<T>(deps: AppDeps, request: FastifyRequest, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.code === 'forbidden') await logAccessDenied(deps, request);
    throw error;
  }
}
