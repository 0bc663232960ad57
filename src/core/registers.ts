import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { type Table, sendTable } from './tabular.ts';

// The public registers (members, regime residents, fund awards) answer one shape of query: filters,
// `sort` and `order`, a page (`limit`, `offset`), and `format=json|csv` on the same route. The two
// formats always hold the same rows in the same order for the same query: the page by default, or with
// `scope=all` every matching row (up to EXPORT_ROW_CAP, limit and offset ignored), which is what the
// web pages' "Download CSV" and "Download JSON" links ask for. `total` (and, for CSV, X-Total-Count)
// says how many rows match, so an export that hit the cap says so.

/** The most rows one answer with scope=all holds. */
export const EXPORT_ROW_CAP = 10_000;

/** A direction of a sort. */
export type SortOrder = 'asc' | 'desc';

/** What a register query asks for, besides its filters. */
export interface RegisterWindow {
  format: 'json' | 'csv';
  scope: 'page' | 'all';
  limit: number;
  offset: number;
}

/**
 * `sort` (one of `fields`, default `defaultField`) and `order` for a register's query string. An omitted
 * order is the field's natural one (`natural`): A→Z for names, newest or largest first for dates and sums.
 */
export function zSortQuery<const F extends readonly [string, ...string[]]>(fields: F, defaultField: F[number], natural: Record<F[number], SortOrder>) {
  const naturalText = fields.map((field) => `${field}: ${natural[field as F[number]]}`).join(', ');
  return {
    sort: z.enum(fields).default(defaultField).describe(`the column to sort by (default ${defaultField}); ties are broken by name, then by record, so paging is stable`),
    order: z.enum(['asc', 'desc']).optional().describe(`asc or desc; omitted, the column's natural direction (${naturalText})`),
  };
}

/** `format` and `scope` of a register's query string (see the note at the top of this file). */
export const zExportQuery = {
  format: z.enum(['json', 'csv']).default('json').describe('json, or csv (UTF-8 with BOM, RFC 4180): the same rows in the same order'),
  scope: z
    .enum(['page', 'all'])
    .default('page')
    .describe(`page: the rows of limit and offset; all: every matching row in the same order, at most ${EXPORT_ROW_CAP} (limit and offset ignored)`),
};

/** The limit and offset a register query reads: its page, or from the first row up to the cap for scope=all. */
export function registerPage(query: Pick<RegisterWindow, 'scope' | 'limit' | 'offset'>): { limit: number; offset: number } {
  return query.scope === 'all' ? { limit: EXPORT_ROW_CAP, offset: 0 } : { limit: query.limit, offset: query.offset };
}

/** The direction of a sort: the one asked for, or the column's natural one. */
export function sortOrder<S extends string>(sort: S, order: SortOrder | undefined, natural: Record<S, SortOrder>): SortOrder {
  return order ?? natural[sort];
}

/** Sends a register's rows as JSON (the page object), or as a CSV download of the same rows with X-Total-Count. */
export function sendRegister<T>(reply: FastifyReply, format: 'json' | 'csv', page: { items: T[]; total: number }, table: (items: T[]) => Table, fileName: string) {
  if (format === 'csv') return sendTable(reply.header('x-total-count', String(page.total)), table(page.items), 'csv', fileName);
  return reply.type('application/json; charset=utf-8').send(page);
}

/** The OpenAPI description of a register's 200 answer: the JSON page, or CSV. */
export function registerResponse(json: z.ZodType, what: string) {
  return {
    description: `${what}: JSON, or CSV with format=csv (X-Total-Count: how many rows match)`,
    content: { 'application/json': { schema: json }, 'text/csv': { schema: z.string() } },
  };
}
