import { type SelectQueryBuilder, sql } from 'kysely';

/** One page of a query and the count of all its rows, read together (the page's ordering and limits do not touch the count). */
export async function pageWithTotal<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  page: (query: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<DB, TB, O>,
): Promise<{ items: O[]; total: number }> {
  const [items, count] = await Promise.all([page(query).execute(), query.clearSelect().select(sql<string>`count(*)`.as('total')).executeTakeFirstOrThrow()]);
  return { items, total: Number((count as { total: string | number }).total) };
}
