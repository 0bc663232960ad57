import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { canonicalJson, sha256Hex } from '../../core/audit-chain.ts';
import { AppError } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { enqueueJobs } from '../jobs/service.ts';
import { SCREENING_QUEUE, allOrganizationIds } from '../registry/service.ts';
import { ScreeningIndex } from './engine/screening-index.ts';
import { ListFormatError, type ListFormat, type ListWarning, parseList } from './lists/formats.ts';
import * as repo from './repo.ts';
import type { TList, TMatchQuery, TMatchResponse } from './schema.ts';
import type { EntityIdentifier, ListEntity, ScreeningQuery } from './types.ts';

type Db = Kysely<Database>;

/** The phases of an import, for progress bars: reading the files, then storing the entities. */
export type ImportPhase = 'reading' | 'storing';

/** What an import needs: the list's files on disk, its format and source name. */
export interface ImportRequest {
  format: ListFormat;
  source: string;
  files: string[];
  onProgress?: (phase: ImportPhase, done: number, total: number) => void;
}

/** At most this many warnings are kept with a version (the count is always exact). */
const KEPT_WARNINGS = 200;
/** Entities per insert statement. */
const INSERT_CHUNK = 1000;

function presentList(row: Awaited<ReturnType<typeof repo.listLists>>[number]): TList {
  return {
    source: row.source,
    format: row.format as TList['format'],
    versionId: row.current_version_id,
    entityCount: row.entity_count ?? 0,
    nameCount: row.name_count ?? 0,
    files: row.files ?? [],
    warnings: Array.isArray(row.warnings) ? (row.warnings as unknown[]).length : 0,
    importedBy: row.imported_by ?? null,
    importedAt: row.imported_at ? row.imported_at.toISOString() : null,
  };
}

/** Every imported list with its current version. */
export async function listLists(db: Db): Promise<TList[]> {
  return (await repo.listLists(db)).map(presentList);
}

function fileSha256(file: string): Promise<{ bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    fs.createReadStream(file)
      .on('data', (chunk) => {
        bytes += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
  });
}

function badList(detail: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('validation_failed', { detail, errors: [{ field: 'body.files', message: detail }], extra });
}

/**
 * Imports a list version: parses every file completely first (a malformed file is a 400 naming the
 * file and line, and nothing is stored), then in one transaction stores the version and its entities
 * and makes it current. The previous version stays current until that transaction commits, and its
 * entities are dropped with it.
 */
export async function importList(db: Db, actor: AuditActor, request: ImportRequest): Promise<{ list: TList; entityCount: number; warnings: ListWarning[] }> {
  const entities: ListEntity[] = [];
  const warnings: ListWarning[] = [];
  let warningCount = 0;
  const seen = new Set<string>();
  try {
    for await (const entity of parseList(request.format, request.files, {
      source: request.source,
      onProgress: (done, total) => request.onProgress?.('reading', done, total),
      onWarning: (warning) => {
        warningCount += 1;
        if (warnings.length < KEPT_WARNINGS) warnings.push(warning);
      },
    })) {
      if (seen.has(entity.id)) throw badList(`entity ${entity.id} appears twice in the list; ids must be unique`, { entityId: entity.id });
      seen.add(entity.id);
      entities.push(entity);
    }
  } catch (error) {
    if (error instanceof ListFormatError) throw badList(error.message, { file: error.file, ...(error.line !== undefined ? { line: error.line } : {}), ...(error.field ? { listField: error.field } : {}) });
    if (error instanceof AppError) throw error;
    if (error instanceof Error && /list format|list source|no files/.test(error.message)) throw badList(error.message);
    throw error;
  }
  if (entities.length === 0) throw badList(`the ${request.format} files hold no listed entities; refusing to replace the list with an empty one`);
  const files = await Promise.all(request.files.map(async (file) => ({ name: path.basename(file), ...(await fileSha256(file)) })));
  const rows: repo.EntityRow[] = entities.map((e) => ({ entity_id: e.id, schema: e.schema, caption: e.caption, content_hash: sha256Hex(canonicalJson(e)), data: e }));
  const nameCount = entities.reduce((sum, e) => sum + e.names.length, 0);

  const versionId = uuidv7();
  await inTransaction(db, async (trx) => {
    const now = new Date();
    const { current_version_id: replaced } = await repo.lockList(trx, request.source, request.format, now);
    await repo.insertVersion(trx, {
      id: versionId,
      source: request.source,
      format: request.format,
      files,
      entity_count: entities.length,
      name_count: nameCount,
      warnings: warningCount > warnings.length ? [...warnings, { kind: 'truncated', message: `${warningCount - warnings.length} more warnings not kept` }] : warnings,
      imported_by: actor.actorLabel,
      imported_at: now,
    });
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await repo.insertEntities(trx, versionId, rows.slice(i, i + INSERT_CHUNK));
      request.onProgress?.('storing', Math.min(i + INSERT_CHUNK, rows.length), rows.length);
    }
    await repo.swapVersion(trx, request.source, versionId, replaced, now);
    // Every organization is screened again against the new version, in the background.
    await enqueueJobs(trx, SCREENING_QUEUE, (await allOrganizationIds(trx)).map((id) => ({ key: id, payload: { organizationId: id } })));
    await recordAudit(trx, actor, {
      action: 'screening.list.imported',
      targetType: 'sanctions_list',
      targetId: request.source,
      details: { versionId, replacedVersionId: replaced, format: request.format, entities: entities.length, names: nameCount, warnings: warningCount, files },
    });
  });
  const list = (await listLists(db)).find((l) => l.source === request.source)!;
  return { list, entityCount: entities.length, warnings };
}

/**
 * The entities of a list's current version, in entity-id order, optionally only those of a schema and
 * with a country among theirs (empty when the list was never imported).
 */
export async function currentListEntities(db: Db, source: string, filter: { schema?: string; country?: string } = {}): Promise<ListEntity[]> {
  const version = (await repo.currentVersions(db)).find((v) => v.source === source);
  if (!version) return [];
  return (await repo.entitiesOfVersion(db, version.version_id, filter)).map((row) => row.data as ListEntity);
}

/** The in-process index of the current list versions, with what a match answer needs beside it. */
interface LoadedIndex {
  key: string;
  index: ScreeningIndex;
  schemaOf: Map<string, string>;
  lists: Array<{ source: string; versionId: string; importedAt: string }>;
}

// The index is keyed by the current list versions (UUIDv7, unique across databases), so any handle or
// transaction of any database finds the right one. Every match checks the versions with one small
// query, so several app nodes on one database never answer from an outdated list for longer than one
// request. The two most recent indexes are kept (tests run several databases in one process).
const indexes = new Map<string, LoadedIndex>();
const building = new Map<string, Promise<LoadedIndex>>();
const KEPT_INDEXES = 2;

/** The index of the current list versions, rebuilt when a list changed since it was built. */
export async function currentIndex(db: Db): Promise<LoadedIndex> {
  const versions = await repo.currentVersions(db);
  const key = versions.map((v) => v.version_id).join(',');
  const cached = indexes.get(key);
  if (cached) return cached;
  const pending = building.get(key);
  if (pending) return pending;
  const promise = (async () => {
    const rows = await repo.entitiesOf(db, versions.map((v) => v.version_id));
    // The source shown with a match is the list's name (an OFAC list imported as "us-ofac" keeps
    // its fixed `ofac:` entity ids).
    const versionSource = new Map(versions.map((v) => [v.version_id, v.source]));
    const sourceOf = new Map<string, string>();
    const schemaOf = new Map<string, string>();
    for (const row of rows) {
      sourceOf.set(row.entity_id, versionSource.get(row.version_id)!);
      schemaOf.set(row.entity_id, row.schema);
    }
    const entities = rows.map((r) => r.data as ListEntity);
    const index = ScreeningIndex.build(entities, (e) => sourceOf.get(e.id) ?? e.id.split(':')[0]);
    return { key, index, schemaOf, lists: versions.map((v) => ({ source: v.source, versionId: v.version_id, importedAt: v.imported_at.toISOString() })) };
  })();
  building.set(key, promise);
  try {
    const loaded = await promise;
    indexes.set(key, loaded);
    while (indexes.size > KEPT_INDEXES) indexes.delete(indexes.keys().next().value!);
    return loaded;
  } finally {
    building.delete(key);
  }
}

const PROPERTY_SCHEMES: Array<[keyof NonNullable<TMatchQuery['properties']>, string]> = [
  ['innCode', 'INN'],
  ['ogrnCode', 'OGRN'],
  ['registrationNumber', 'REGISTRATION'],
  ['leiCode', 'LEI'],
  ['imoNumber', 'IMO'],
  ['passportNumber', 'PASSPORT'],
];

/** The engine queries of one API query: one per name, sharing the other evidence. */
export function engineQueries(query: TMatchQuery, field: string): ScreeningQuery[] {
  const names = [...(query.name ? [query.name] : []), ...(query.properties?.name ?? [])];
  if (names.length === 0) throw new AppError('validation_failed', { detail: `${field}.name: give a name (or properties.name)`, errors: [{ field: `${field}.name`, message: 'give a name (or properties.name)' }] });
  const identifiers: EntityIdentifier[] = [...(query.identifiers ?? []).map((i) => ({ scheme: i.scheme.toUpperCase(), value: i.value }))];
  for (const [property, scheme] of PROPERTY_SCHEMES) for (const value of query.properties?.[property] ?? []) identifiers.push({ scheme, value });
  const birthDate = query.birthDate ?? query.properties?.birthDate?.[0];
  const country = (query.country ?? query.properties?.country?.[0] ?? query.properties?.nationality?.[0])?.toUpperCase();
  return names.map((name) => ({
    name,
    ...(query.schema ? { schema: query.schema } : {}),
    ...(birthDate ? { birthDate } : {}),
    ...(country ? { country } : {}),
    ...(query.gender ? { gender: query.gender } : {}),
    ...(identifiers.length ? { identifiers } : {}),
  }));
}

/** Screens each query against the current lists; per key, the matches at or above the threshold, best first. */
export async function match(db: Db, body: { queries: Record<string, TMatchQuery>; threshold: number; limit: number }): Promise<TMatchResponse> {
  const prepared = Object.entries(body.queries).map(([key, query]) => ({ key, query, engine: engineQueries(query, `body.queries.${key}`) }));
  const loaded = await currentIndex(db);
  const responses: TMatchResponse['responses'] = {};
  for (const { key, query, engine } of prepared) {
    // Several names of one query: the best score per entity over all of them.
    const best = new Map<string, ReturnType<ScreeningIndex['match']>[number]>();
    for (const q of engine) {
      for (const m of loaded.index.match(q, { threshold: body.threshold, limit: body.limit })) {
        const prior = best.get(m.entityId);
        if (!prior || m.score > prior.score) best.set(m.entityId, m);
      }
    }
    const results = [...best.values()]
      .sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId))
      .slice(0, body.limit)
      .map((m) => ({
        id: m.entityId,
        caption: m.caption,
        schema: loaded.schemaOf.get(m.entityId) ?? 'LegalEntity',
        score: Math.round(m.score * 10_000) / 10_000,
        match: m.score >= body.threshold,
        matchedName: m.matchedName,
        source: m.source,
        datasets: [m.source],
        programs: m.programs,
        evidence: m.evidence,
      }));
    responses[key] = {
      status: 200,
      query: { schema: query.schema ?? null, name: engine[0].name, birthDate: engine[0].birthDate ?? null, country: engine[0].country ?? null },
      results,
      total: { value: results.length, relation: 'eq' },
    };
  }
  return { responses, threshold: body.threshold, limit: body.limit, lists: loaded.lists };
}
