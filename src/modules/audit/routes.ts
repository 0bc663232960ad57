import { type App, type AppDeps } from '../../core/http.ts';
import { AppError } from '../../core/errors.ts';
import { ReadCoalescer } from '../../core/coalesce.ts';
import { problemResponses } from '../../core/schemas.ts';
import { AUDIT_READERS, CHECKPOINT_SIGNERS } from './policy.ts';
import { ZAuditEventPage, ZAuditEventQuery, ZAuditHead, ZCheckpoint, ZCheckpointPage, ZCheckpointQuery } from './schema.ts';
import * as audit from './service.ts';

const tags = ['audit'];

/** Browsing the log, the public head and checkpoints, and signing on demand. */
export function registerAuditRoutes(app: App, deps: AppDeps): void {
  // The public checkpoint list is the most-read route during a traffic flood (see core/coalesce.ts).
  const checkpointPages = new ReadCoalescer<string>();

  app.get('/api/v1/audit/events', {
    config: { access: AUDIT_READERS },
    schema: { tags, summary: 'Audit events, newest first', querystring: ZAuditEventQuery, response: { 200: ZAuditEventPage, ...problemResponses(400, 401, 403) } },
    handler: async (request) => {
      const { limit, from, to, ...filter } = request.query;
      return audit.listAuditEvents(deps.db, { ...filter, from: from ? new Date(from) : undefined, to: to ? new Date(to) : undefined }, limit);
    },
  });

  app.get('/api/v1/audit/head', {
    config: { access: 'public' },
    schema: { tags, summary: 'The newest event sequence number and hash', response: { 200: ZAuditHead } },
    handler: async () => audit.auditHead(deps.db),
  });

  app.get('/api/v1/audit/checkpoints', {
    config: { access: 'public' },
    schema: { tags, summary: 'Signed checkpoints of the audit log, newest first', querystring: ZCheckpointQuery, response: { 200: ZCheckpointPage, ...problemResponses(400) } },
    handler: async (request, reply) => {
      const { before, limit } = request.query;
      const body = await checkpointPages.read(`${before ?? ''}/${limit}`, () => audit.checkpointPageJson(deps.db, deps.signer, before, limit));
      // Already JSON text of the declared shape (tested against it): sent without re-serializing.
      return reply.type('application/json; charset=utf-8').send(body as never);
    },
  });

  app.post('/api/v1/audit/checkpoints', {
    config: { access: CHECKPOINT_SIGNERS },
    schema: { tags, summary: 'Sign a checkpoint of the current head now', response: { 200: ZCheckpoint, 201: ZCheckpoint, ...problemResponses(401, 403, 409) } },
    handler: async (_request, reply) => {
      const result = await audit.signCheckpoint(deps.db, deps.signer);
      if (!result) throw new AppError('conflict', 'the audit log is empty: nothing to sign');
      return reply.status(result.created ? 201 : 200).send(result.checkpoint);
    },
  });
}
