// The public registers (members, residents, awards) as tables: which columns sort, each column's
// natural direction (the server's default when no order is sent), and the state of a register page in
// its address (?q=…&sort=…&order=…&offset=… and its filters), so a sorted, filtered page can be shared
// and survives a reload and a change of language.
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

/** A direction of a sort. */
export type SortOrder = 'asc' | 'desc';

/** The columns a register sorts by, its default, and each column's natural direction (as the API has them). */
export interface RegisterSorts<S extends string> {
  fields: readonly S[];
  defaultSort: S;
  natural: Record<S, SortOrder>;
}

export const MEMBER_SORTS: RegisterSorts<'name' | 'country' | 'member_since'> = {
  fields: ['name', 'country', 'member_since'],
  defaultSort: 'name',
  natural: { name: 'asc', country: 'asc', member_since: 'desc' },
};

export const RESIDENT_SORTS: RegisterSorts<'name' | 'since' | 'status'> = {
  fields: ['name', 'since', 'status'],
  defaultSort: 'name',
  natural: { name: 'asc', since: 'desc', status: 'asc' },
};

export const AWARD_SORTS: RegisterSorts<'recipient' | 'amount' | 'date' | 'call'> = {
  fields: ['recipient', 'amount', 'date', 'call'],
  defaultSort: 'date',
  natural: { recipient: 'asc', amount: 'desc', date: 'desc', call: 'asc' },
};

/** What a register page asks the API for, besides its page. */
export type RegisterQuery<S extends string, F extends string> = { q: string; sort: S; order: SortOrder } & Record<F, string>;

/**
 * A register page's query in its address: the search (typed into `search`, sent debounced as `q`), the
 * sort and its direction, the filters and the offset. Changing a filter, the search or the sort goes
 * back to the first page; none of it adds a history entry (filtering is not navigation).
 */
export function useRegisterQuery<S extends string, F extends string>(sorts: RegisterSorts<S>, filterKeys: readonly F[]) {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get('sort') as S | null;
  const sort = sortParam && sorts.fields.includes(sortParam) ? sortParam : sorts.defaultSort;
  const orderParam = params.get('order');
  const order: SortOrder = orderParam === 'asc' || orderParam === 'desc' ? orderParam : sorts.natural[sort];
  const offset = Math.max(0, Math.floor(Number(params.get('offset'))) || 0);
  const filters = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? ''])) as Record<F, string>;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [q] = useDebouncedValue(search.trim(), 300);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('offset' in changes)) next.delete('offset');
        return next;
      },
      { replace: true, preventScrollReset: true },
    );

  useEffect(() => {
    if ((params.get('q') ?? '') !== q) update({ q });
  }, [q]);

  return {
    query: { q, sort, order, ...filters } as RegisterQuery<S, F>,
    offset,
    search,
    setSearch,
    /** Sorts by the column: its natural direction first, the other one when it is sorted already. */
    sortBy: (field: S) => {
      const nextOrder = field === sort ? (order === 'asc' ? 'desc' : 'asc') : sorts.natural[field];
      update({ sort: field, order: nextOrder });
    },
    setFilter: (key: F, value: string) => update({ [key]: value }),
    setOffset: (next: number) => update({ offset: next > 0 ? String(next) : null }),
  };
}
