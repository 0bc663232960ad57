import client from 'prom-client';
import { z } from 'zod';
import { type App, type AppDeps, databaseUnavailable, sendProblem } from '../../core/http.ts';
import { isDatabaseReachable, isDatabaseUnavailableError } from '../../db/database.ts';
import { pendingMigrations } from '../../db/migrate.ts';
import { jobCounts, oldestQueuedJobs } from '../jobs/service.ts';

const tags = ['system'];
/** How long a scrape waits for the job queue's figures before it answers without them. */
const JOB_METRICS_TIMEOUT_MS = 2_000;
const JOB_STATUSES = ['queued', 'done', 'failed'] as const;

/** The query's result, or undefined when it fails or outlasts `ms` (the database is away: /metrics still answers). */
async function within<T>(ms: number, query: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([query.catch(() => undefined), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness, readiness and Prometheus metrics. */
export function registerSystemRoutes(app: App, deps: AppDeps, isStarted: () => boolean = () => true): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'adi_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'adi_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const databaseUnavailableErrors = new client.Counter({
    name: 'adi_database_unavailable_total',
    help: 'Requests answered 503 because the database was unreachable or the connection to it was lost',
    registers: [registry],
  });
  // The job queue, read from the database at each scrape (one grouped count; done rows live a week).
  new client.Gauge({
    name: 'adi_jobs',
    help: 'Background jobs by queue and status (queued: waiting or running; rows of one key asked for again are merged when a worker claims it)',
    labelNames: ['queue', 'status'] as const,
    registers: [registry],
    async collect() {
      const counts = await within(JOB_METRICS_TIMEOUT_MS, jobCounts(deps.db));
      this.reset();
      for (const queue of new Set(counts?.map((c) => c.queue))) {
        for (const status of JOB_STATUSES) this.set({ queue, status }, counts!.find((c) => c.queue === queue && c.status === status)?.count ?? 0);
      }
    },
  });
  new client.Gauge({
    name: 'adi_job_oldest_queued_seconds',
    help: 'Seconds the longest-waiting due job of a queue has been due (0 when its waiting jobs are not due yet)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const oldest = await within(JOB_METRICS_TIMEOUT_MS, oldestQueuedJobs(deps.db));
      this.reset();
      for (const { queue, seconds } of oldest ?? []) this.set({ queue }, seconds);
    },
  });
  app.addHook('onError', (_request, _reply, error, done) => {
    if (isDatabaseUnavailableError(error)) databaseUnavailableErrors.inc();
    done();
  });
  // Label children are looked up once per (method, route, status), not hashed on every request.
  const counters = new Map<string, client.Counter.Internal>();
  const timers = new Map<string, client.Histogram.Internal<'method' | 'route'>>();
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, never the raw URL: ids in paths would make unbounded label sets.
    const route = request.routeOptions.url ?? 'unmatched';
    const timerKey = `${request.method} ${route}`;
    const counterKey = `${timerKey} ${reply.statusCode}`;
    let counter = counters.get(counterKey);
    if (!counter) counters.set(counterKey, (counter = requests.labels(request.method, route, String(reply.statusCode))));
    let timer = timers.get(timerKey);
    if (!timer) timers.set(timerKey, (timer = duration.labels(request.method, route)));
    counter.inc();
    timer.observe(reply.elapsedTime / 1000);
    done();
  });

  app.get('/healthz', {
    config: { access: 'public' },
    schema: { tags, summary: 'The process is up', response: { 200: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.get('/readyz', {
    config: { access: 'public' },
    schema: { tags, summary: 'The database is reachable and its schema is current' },
    handler: async (request, reply) => {
      if (!isStarted()) return sendProblem(request, reply, 'unavailable', { detail: 'starting: the database is opening' });
      if (!(await isDatabaseReachable(deps.db))) return sendProblem(request, reply, 'unavailable', databaseUnavailable('the database does not answer'));
      const pending = await pendingMigrations(deps.db);
      if (pending.length > 0) return sendProblem(request, reply, 'unavailable', { detail: `migrations pending: ${pending.join(', ')}` });
      return { status: 'ready' };
    },
  });

  app.get('/metrics', {
    config: { access: 'public' },
    schema: { tags, summary: 'Prometheus metrics (text format)' },
    handler: async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  });
}
