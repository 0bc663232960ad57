import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type App, type AppDeps, actorOf } from '../../core/http.ts';
import { ZIdempotencyHeaders, withIdempotency } from '../../core/idempotency.ts';
import { problemResponses } from '../../core/schemas.ts';
import { LIST_ADMINS, SCREENERS } from './policy.ts';
import { ZImportListBody, ZList, ZMatchBody, ZMatchResponse } from './schema.ts';
import * as screening from './service.ts';

const tags = ['screening'];
const base = '/api/v1/screening';
// The real lists are a few megabytes; OpenSanctions' full FtM export is larger, and only
// administrators (authenticated before the body is read) may send one.
const LIST_BODY_LIMIT = 200 * 1024 * 1024;

/** Sanctions lists (import, inventory) and name screening against them. */
export function registerScreeningRoutes(app: App, deps: AppDeps): void {
  app.get(`${base}/lists`, {
    config: { access: SCREENERS },
    schema: { tags, summary: 'The imported sanctions lists with their current versions', response: { 200: z.object({ items: z.array(ZList) }), ...problemResponses(401, 403) } },
    handler: async () => ({ items: await screening.listLists(deps.db) }),
  });

  app.post(`${base}/lists`, {
    config: { access: LIST_ADMINS },
    bodyLimit: LIST_BODY_LIMIT,
    schema: {
      tags,
      summary: 'Import or replace a sanctions list (all files of one version); the previous version stays until this one is stored completely',
      description:
        'Formats: `ofac-csv` (files sdn.csv, alt.csv, add.csv), `un-xml` (the consolidated list XML), `ftm-json` (FollowTheMoney entities, one JSON object a line), `simple-csv` (`id,schema,name,aliases,birth_date,countries,identifiers`). A malformed file is a 400 naming the file and line; nothing is stored.',
      headers: ZIdempotencyHeaders,
      body: ZImportListBody,
      response: {
        201: z.object({
          list: ZList,
          entityCount: z.int(),
          warnings: z.array(z.object({ kind: z.string(), file: z.string(), line: z.int().optional(), value: z.string(), message: z.string() })).describe('the first values the importer had to leave out'),
        }),
        ...problemResponses(400, 401, 403, 409, 413),
      },
    },
    handler: async (request, reply) =>
      withIdempotency(deps.db, request, reply, async (trx) => {
        // The parsers stream from files, so the uploaded contents go to a private temporary folder first.
        const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'adi-list-'));
        try {
          const files: string[] = [];
          for (const file of request.body.files) {
            const target = path.join(folder, file.name);
            await fs.writeFile(target, file.content, { mode: 0o600 });
            files.push(target);
          }
          const result = await screening.importList(trx, actorOf(request), { format: request.body.format, source: request.body.source, files });
          return { status: 201, body: result };
        } finally {
          await fs.rm(folder, { recursive: true, force: true });
        }
      }),
  });

  app.post(`${base}/match`, {
    config: { access: SCREENERS },
    schema: {
      tags,
      summary: 'Screen names against the current lists (the yente /match shape): per query key, the listed entities that match, best first',
      description:
        'Each query gives a `name` (any script) or yente-style `properties.name`, and optionally `schema`, `birthDate` (YYYY[-MM[-DD]]), `country`, `gender` and `identifiers` (INN, OGRN, EDRPOU, LEI, IMO, PASSPORT…). Scores are in [0, 1]; only those at or above `threshold` (default 0.70) are returned.',
      body: ZMatchBody,
      response: { 200: ZMatchResponse, ...problemResponses(400, 401, 403) },
    },
    handler: async (request) => screening.match(deps.db, request.body),
  });
}
