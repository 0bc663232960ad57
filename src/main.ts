import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import { type App, type AppDeps, frameworkErrorHandler, installErrorHandling, sendProblem } from './core/http.ts';
import { purgeExpiredIdempotencyKeys } from './core/idempotency.ts';
import { PUBLIC_TOPICS, publicCacheFor } from './core/public-cache.ts';
import { uuidv7 } from './core/ids.ts';
import { loadSecretBox } from './core/secret-box.ts';
import { securityHeaders } from './core/security-headers.ts';
import { type DatabaseHandle, databaseTargetFor, startDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { registerAuditRoutes } from './modules/audit/routes.ts';
import { type DemoMode, registerDemoRoutes } from './modules/demo/routes.ts';
import { signCheckpoint } from './modules/audit/service.ts';
import { loadCheckpointSigner } from './modules/audit/signing.ts';
import { installAuthentication } from './modules/identity/http-auth.ts';
import { purgeExpiredSessions } from './modules/identity/service.ts';
import { registerFundAssetRoutes } from './modules/fund/assets-routes.ts';
import { registerFundDonationRoutes } from './modules/fund/donations-routes.ts';
import { registerFundLedgerRoutes } from './modules/fund/routes.ts';
import { registerFundTracingRoutes } from './modules/fund/tracing-routes.ts';
import { registerFundProgramRoutes } from './modules/fund/programs-routes.ts';
import { registerFundOpenDataRoutes } from './modules/fund/open-data-routes.ts';
import { registerScreeningRoutes } from './modules/screening/routes.ts';
import { registerScreeningCaseRoutes } from './modules/screening/cases-routes.ts';
import { registerScreeningJobs } from './modules/screening/cases-service.ts';
import { queueComplianceSweep, registerRegimeJobs } from './modules/regime/reports-service.ts';
import { registerRegimeRoutes } from './modules/regime/routes.ts';
import { registerIdentityRoutes } from './modules/identity/routes.ts';
import { purgeFinishedJobs, runQueuedJobs } from './modules/jobs/service.ts';
import { registerMembershipRoutes } from './modules/membership/routes.ts';
import { registerLocalizationRoutes } from './modules/localization/routes.ts';
import { registerEventRoutes } from './modules/events/routes.ts';
import { registerPortalRoutes } from './modules/portal/routes.ts';
import { publishDuePosts } from './modules/portal/service.ts';
import { registerNotificationRoutes } from './modules/notifications/routes.ts';
import { deliverInBackground } from './modules/notifications/service.ts';
import { registerRegistryRoutes } from './modules/registry/routes.ts';
import { registerSystemRoutes } from './modules/system/routes.ts';

/** The checkout: the first folder above this module with a package.json (works from src/ and dist/). */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

const ROOT = projectRoot();
/** Where `npm run build` puts the web app. */
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const SESSION_PURGE_INTERVAL_MS = 10 * 60_000;
// Messages are delivered right after the commit that queues them; the timer retries failures and
// picks up what a stopped process left.
const MAIL_DELIVERY_INTERVAL_MS = 60_000;
/** How often each node looks for queued background jobs (re-screening after list and registry changes). */
const JOB_POLL_INTERVAL_MS = 2_000;

/** Options for building the HTTP app. */
export interface BuildAppOptions {
  /** A pino destination (tests capture log lines to check that no secret is written). */
  logStream?: NodeJS.WritableStream;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /**
   * Settles when the database is open and migrated. Until then /healthz answers (the process is up),
   * /readyz answers 503, and API requests wait.
   */
  ready?: Promise<void>;
  /** Demo mode of this process (`adi serve --demo`): the sign-in page lists the demo accounts. Off when absent. */
  demo?: DemoMode;
}

/** Log redaction: credentials never reach a log line, whatever logs them. */
export const LOG_REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.totp',
  '*.secret',
  '*.token',
];

/** Builds the Fastify app over an open database: config → db → modules → server. */
export async function buildApp(deps: AppDeps, options: BuildAppOptions = {}): Promise<App> {
  const { config } = deps;
  const logger: FastifyServerOptions['logger'] = {
    level: config.logLevel,
    redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
    ...(options.logStream ? { stream: options.logStream } : {}),
  };
  const app = Fastify({
    logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : uuidv7();
    },
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    frameworkErrors: (error, request, reply) => frameworkErrorHandler(error, request as never, reply as never),
  }).withTypeProvider<ZodTypeProvider>();

  // The API speaks JSON only: any other body type is a clear 415, not a string that fails validation.
  app.removeContentTypeParser('text/plain');
  let isReady = options.ready === undefined;
  const ready = options.ready;
  if (ready) {
    ready.then(
      () => (isReady = true),
      () => {},
    );
    app.addHook('onRequest', (request, _reply, done) => {
      if (isReady || !(request.url.startsWith('/api/') || request.url.startsWith('/open-data/'))) return done();
      ready.then(() => done(), done);
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  // Every API route must say who may call it; a route that does not is a bug caught at start-up.
  app.decorate('routeAccess', new Map());
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} does not declare its access`);
    }
    if (route.config?.access !== undefined) {
      for (const method of [route.method].flat()) app.routeAccess.set(`${method} ${route.url}`, route.config.access);
    }
  });
  const pageHeaders = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: config.isDevelopment ? false : { maxAge: 31_536_000, includeSubDomains: true },
    crossOriginEmbedderPolicy: false,
  });
  // JSON answers are never rendered as documents: the headers that matter for them (OWASP REST
  // Security Cheat Sheet) are fewer, and every header costs on the hottest routes.
  const apiHeaders: Record<string, string> = {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(pageHeaders['strict-transport-security'] ? { 'strict-transport-security': pageHeaders['strict-transport-security'] } : {}),
  };
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? apiHeaders : pageHeaders);
    reply.header('x-request-id', request.id);
    done();
  });

  await app.register(fastifyCookie);
  // Two budgets: anonymous callers per client address, signed-in users per user. The limit's hook runs
  // after authentication (route-level hooks follow the app's), so a flood of anonymous requests from any
  // number of addresses never spends the budget that keeps staff sign-in and staff pages answering.
  await app.register(fastifyRateLimit, {
    keyGenerator: (request) => (request.auth?.user ? `user:${request.auth.user.id}` : `ip:${request.ip}`),
    max: (_request, key) => (key.startsWith('user:') ? config.rateLimitSignedInPerMinute : config.rateLimitPerMinute),
    timeWindow: 60_000,
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
    // The x-ratelimit-* headers on every answer cost a fifth of a small route's throughput; a client
    // that is limited still gets 429 with Retry-After.
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`rate limit of ${context.max} requests a minute exceeded; retry in ${context.after}`) as Error & { statusCode: number };
      error.statusCode = 429;
      return error;
    },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ADI Platform API',
        version: '1',
        description:
          'The REST API of the ADI Platform. Errors are RFC 9457 problem+json with a stable `code`. Cookie-authenticated writes need the `X-CSRF-Token` header; integrations use `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: '__Host-adi_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: false });

  installAuthentication(app, deps);
  registerSystemRoutes(app, deps, () => isReady);
  registerIdentityRoutes(app, deps);
  registerRegistryRoutes(app, deps);
  registerMembershipRoutes(app, deps);
  registerNotificationRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerFundLedgerRoutes(app, deps);
  registerFundAssetRoutes(app, deps);
  registerFundDonationRoutes(app, deps);
  registerFundTracingRoutes(app, deps);
  registerFundProgramRoutes(app, deps);
  registerFundOpenDataRoutes(app, deps);
  registerScreeningRoutes(app, deps);
  registerScreeningCaseRoutes(app, deps);
  registerRegimeRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerPortalRoutes(app, deps);
  registerLocalizationRoutes(app, deps);
  registerDemoRoutes(app, deps, options.demo);
  registerScreeningJobs();
  registerRegimeJobs();

  app.get('/api/v1/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  const serveWeb = options.serveWeb ?? true;
  const webBuilt = serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (webBuilt) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: false, maxAge: '1h', immutable: false });
    // The site root is the app's home page (the static handler would refuse a directory listing).
    app.get('/', { schema: { hide: true } }, (_request, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html'));
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage = (request.method === 'GET' || request.method === 'HEAD') && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (isPage && webBuilt) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
    return sendProblem(request, reply, 'not_found', { detail: `no route ${request.method} ${request.url.split('?')[0]}` });
  });

  return app;
}

/** A running platform: the server, its database and its timers. */
export interface RunningPlatform {
  app: App;
  database: DatabaseHandle;
  address: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, loads the signing key and starts listening. A caller may pass a
 * database it already began opening, so the engine starts while the server's modules load.
 */
export async function startPlatform(
  config: AppConfig,
  options: {
    database?: DatabaseHandle;
    trace?: (step: string) => void;
    /** Demo mode for this process only (see BuildAppOptions.demo). */
    demo?: DemoMode;
    /**
     * Runs once the database is migrated, before the background work (jobs, mail, sweeps) starts:
     * `adi serve --demo` loads the demo data set here, so no job runs halfway through it.
     */
    prepare?: (deps: AppDeps, address: string) => Promise<void>;
  } = {},
): Promise<RunningPlatform> {
  const trace = options.trace ?? (() => {});
  const database = options.database ?? startDatabase(databaseTargetFor(config));
  let app: App | undefined;
  try {
    const signer = await loadCheckpointSigner(config);
    const secrets = loadSecretBox(config);
    // The server listens while the embedded engine boots: /healthz answers at once, API requests wait.
    const ready = database.ready.then(async () => {
      trace('database open');
      await migrateToLatest(database.db);
      trace('migrations checked');
    });
    ready.catch(() => {});
    const deps: AppDeps = { db: database.db, config, signer, secrets };
    app = await buildApp(deps, { ready, demo: options.demo });
    const log = app.log;
    database.onConnectionLost((error) => log.warn({ err: error }, 'a database connection was lost; the pool opens a new one for the next query'));
    trace('app built');
    const address = await app.listen({ port: config.port, host: config.host });
    trace('listening');
    await ready;
    if (options.prepare) {
      await options.prepare(deps, address);
      trace('prepared');
    }
    // The regime's compliance sweep (reminders, overdue reports) once a day per node; the job key
    // and the sweep's own unique records make runs on several nodes harmless.
    let sweptOn = '';
    const queueDailySweep = () => {
      const today = new Date().toISOString().slice(0, 10);
      if (sweptOn === today) return;
      sweptOn = today;
      queueComplianceSweep(database.db).catch((error) => app?.log.error({ err: error }, 'queueing the regime compliance sweep failed'));
    };
    queueDailySweep();
    // Housekeeping: expired sessions and idempotency keys, and jobs finished a week ago, would otherwise stay forever.
    const housekeeping = setInterval(() => {
      purgeExpiredSessions(database.db).catch((error) => app?.log.error({ err: error }, 'purging expired sessions failed'));
      purgeExpiredIdempotencyKeys(database.db).catch((error) => app?.log.error({ err: error }, 'purging expired idempotency keys failed'));
      purgeFinishedJobs(database.db).catch((error) => app?.log.error({ err: error }, 'purging finished jobs failed'));
      queueDailySweep();
    }, SESSION_PURGE_INTERVAL_MS);
    housekeeping.unref();
    const mailLog = app.log;
    // Scheduled news goes out within a quarter of a minute of its time (the public news cache expires by then too).
    const publishing = setInterval(() => {
      publishDuePosts(database.db)
        .then((published) => {
          if (published > 0) publicCacheFor(database.db).invalidate(PUBLIC_TOPICS.news, PUBLIC_TOPICS.sitemap, PUBLIC_TOPICS.catalogue);
        })
        .catch((error) => mailLog.error({ err: error }, 'publishing scheduled posts failed'));
    }, 15_000);
    publishing.unref();
    const mailDelivery = setInterval(() => deliverInBackground({ db: database.db, config }, mailLog), MAIL_DELIVERY_INTERVAL_MS);
    mailDelivery.unref();
    // Background jobs: one batch at a time per node; nodes share the queue through row locks.
    let jobsRunning = false;
    const jobWorker = setInterval(() => {
      if (jobsRunning) return;
      jobsRunning = true;
      runQueuedJobs(database.db, { max: 50 })
        .then(({ failed }) => {
          if (failed > 0) mailLog.warn({ failed }, 'background jobs failed; they will be retried');
        })
        .catch((error) => mailLog.error({ err: error }, 'running background jobs failed'))
        .finally(() => (jobsRunning = false));
    }, JOB_POLL_INTERVAL_MS);
    jobWorker.unref();
    deliverInBackground({ db: database.db, config }, mailLog);
    let timer: NodeJS.Timeout | undefined;
    if (config.checkpointIntervalSeconds > 0) {
      timer = setInterval(() => {
        signCheckpoint(database.db, signer).catch((error) => app?.log.error({ err: error }, 'periodic audit checkpoint failed'));
      }, config.checkpointIntervalSeconds * 1000);
      timer.unref();
    }
    const running = app;
    return {
      app: running,
      database,
      address,
      stop: async () => {
        if (timer) clearInterval(timer);
        clearInterval(housekeeping);
        clearInterval(publishing);
        clearInterval(mailDelivery);
        clearInterval(jobWorker);
        await running.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await database.close();
    throw error;
  }
}
