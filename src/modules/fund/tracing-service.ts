import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../core/errors.ts';
import type { Database, LedgerReferenceType } from '../../db/schema.ts';
import { agreementNumbers } from './programs-repo.ts';
import { type PoolMovementRow, poolMovements } from './tracing-repo.ts';
import type { TFlows, TTracedEntry, TTracedSource, TTracedSourceQuery, TTracedUse, TTracedUseQuery } from './tracing-schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

// Tracing follows money from where it came from to what it paid for (docs/fund-tracing.md). Every
// inflow to a cash pool (a `1000.*` bank account or a `1100.*` earmarked account) that is not a
// transfer is a source and becomes a lot; every outflow takes the oldest lots of its pool first
// (FIFO within the pool, hence within each earmark, since earmarked money has its own pools). Lots
// keep their source and the amount in the source's own currency through exchanges and transfers.

/** What kind of source a lot comes from. */
export type SourceKind = 'asset_sale' | 'donation' | 'budget' | 'clawback' | 'other';

/** A piece of one source's money lying in a pool: `amount` in the pool's currency, `originAmount` in the source's. */
interface Lot {
  sourceEntryId: string;
  amount: bigint;
  originAmount: bigint;
  /** The transfer that last moved it into its pool, so that reversing the transfer takes back the same money. */
  viaEntryId?: string;
}

/** A part of a use (or of what is left) paid by one source. */
export interface TracedShare {
  sourceEntryId: string;
  /** Minor units of the use's (or pool's) currency. */
  amount: bigint;
  /** The same money in minor units of the source's currency. */
  originAmount: bigint;
}

/** Money that arrived: an asset sale's net proceeds, a donation, a budget allocation, a clawback. */
export interface TracedSource {
  entryId: string;
  entrySeq: bigint;
  date: string;
  kind: SourceKind;
  referenceId: string | null;
  label: string;
  currency: string;
  amount: bigint;
  /** The pool it arrived in (its earmark, when it has one). */
  account: string;
}

/** Money that left the pools: a disbursement, a payment, the reversal of a source. */
export interface TracedUse {
  entryId: string;
  entrySeq: bigint;
  date: string;
  referenceType: LedgerReferenceType;
  referenceId: string | null;
  description: string;
  purpose: { program: string | null; capability: string | null } | null;
  currency: string;
  amount: bigint;
  /** Set when a later reversal brought the money back (its shares went back to their pools). */
  reversedByEntryId: string | null;
  shares: TracedShare[];
}

/** What is still in a pool, by source. */
export interface TracedBalance {
  account: string;
  currency: string;
  shares: TracedShare[];
}

/** The whole trace: every source, every use with the sources that paid it, and what is left per pool. */
export interface FundTrace {
  sources: Map<string, TracedSource>;
  uses: Map<string, TracedUse>;
  balances: TracedBalance[];
}

const SOURCE_KINDS: ReadonlySet<string> = new Set(['asset_sale', 'donation', 'budget', 'clawback', 'other']);
/** Income accounts (their name part) and the kind of source they book. */
const INCOME_KINDS: Record<string, SourceKind> = { asset_sales: 'asset_sale', donations: 'donation', budget: 'budget' };

/**
 * The kind of a source: the income account it credits decides (as the public sources-and-uses report
 * counts it), then the entry's reference type, else `other`.
 */
function sourceKind(entry: PoolMovementRow): SourceKind {
  const byAccount = entry.income_category ? INCOME_KINDS[entry.income_category] : undefined;
  if (byAccount) return byAccount;
  return SOURCE_KINDS.has(entry.reference_type) ? (entry.reference_type as SourceKind) : 'other';
}

/** A pool's lots, oldest first, with a moving head so taking from the front costs nothing. */
class Pool {
  private lots: Lot[] = [];
  private head = 0;

  /** Adds lots after the newest. */
  pushBack(lots: Lot[]): void {
    for (const lot of lots) if (lot.amount > 0n) this.lots.push(lot);
  }

  /** Puts lots back before the oldest (money that returns keeps its place in the queue). */
  pushFront(lots: Lot[]): void {
    const live = lots.filter((l) => l.amount > 0n);
    this.lots = [...live, ...this.lots.slice(this.head)];
    this.head = 0;
  }

  /**
   * Takes `amount`: first from the lots `preferred` brought in, as their source or as the transfer
   * that moved them (a reversal takes back that entry's own money), then oldest first. A shortfall (only possible when the pools' history is incomplete, e.g. money
   * booked straight into a pool by an entry tracing cannot place) is taken from an 'unknown' source.
   */
  take(amount: bigint, preferred?: string): Lot[] {
    const taken: Lot[] = [];
    let need = amount;
    if (preferred) {
      for (let i = this.head; i < this.lots.length && need > 0n; i++) {
        const lot = this.lots[i];
        if (lot.sourceEntryId === preferred || lot.viaEntryId === preferred) need -= this.takeFrom(i, need, taken);
      }
    }
    while (need > 0n && this.head < this.lots.length) {
      need -= this.takeFrom(this.head, need, taken);
      if (this.lots[this.head].amount === 0n) this.head++;
    }
    if (need > 0n) taken.push({ sourceEntryId: 'unknown', amount: need, originAmount: need });
    return taken;
  }

  private takeFrom(index: number, need: bigint, taken: Lot[]): bigint {
    const lot = this.lots[index];
    const amount = lot.amount < need ? lot.amount : need;
    if (amount === 0n) return 0n;
    // The origin amount is split in proportion; the last piece of a lot takes what is left, so the
    // pieces of a source always add up to exactly what it gave.
    const originAmount = amount === lot.amount ? lot.originAmount : (lot.originAmount * amount) / lot.amount;
    lot.amount -= amount;
    lot.originAmount -= originAmount;
    taken.push({ sourceEntryId: lot.sourceEntryId, amount, originAmount, viaEntryId: lot.viaEntryId });
    return amount;
  }

  /** The lots still in the pool. */
  remaining(): Lot[] {
    return this.lots.slice(this.head).filter((l) => l.amount > 0n);
  }
}

/** Splits lots into consecutive pieces of the given sizes (their total must not exceed the lots' total). */
function splitLots(lots: Lot[], sizes: bigint[]): { pieces: Lot[][]; rest: Lot[] } {
  const queue = new Pool();
  queue.pushBack(lots.map((l) => ({ ...l })));
  const pieces = sizes.map((size) => queue.take(size));
  return { pieces, rest: queue.remaining() };
}

/**
 * Re-expresses lots in another currency for the arriving leg of an exchange: each lot's amount is
 * converted in proportion to the two legs, the last lot taking the rounding remainder, so the lots
 * add up to exactly what arrived. Origin amounts do not change.
 */
function convertLots(lots: Lot[], fromTotal: bigint, toTotal: bigint): Lot[] {
  if (fromTotal === 0n) return [{ sourceEntryId: 'unknown', amount: toTotal, originAmount: toTotal }];
  let given = 0n;
  return lots.map((lot, i) => {
    const amount = i === lots.length - 1 ? toTotal - given : (lot.amount * toTotal) / fromTotal;
    given += amount;
    return { ...lot, amount };
  });
}

/** Adds up shares per source, keeping the order sources first appear in. */
function mergeShares(lots: Lot[]): TracedShare[] {
  const bySource = new Map<string, TracedShare>();
  for (const lot of lots) {
    const share = bySource.get(lot.sourceEntryId);
    if (share) {
      share.amount += lot.amount;
      share.originAmount += lot.originAmount;
    } else bySource.set(lot.sourceEntryId, { sourceEntryId: lot.sourceEntryId, amount: lot.amount, originAmount: lot.originAmount });
  }
  return [...bySource.values()];
}

function sourceLabel(row: PoolMovementRow): string {
  if (row.donor_name) return row.donor_name;
  if (row.asset_description) return row.asset_description;
  return row.description;
}

/** Groups consecutive rows of the same entry (the rows come in entry order). */
function* byEntry(rows: PoolMovementRow[]): Generator<PoolMovementRow[]> {
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i].entry_id !== rows[start].entry_id) {
      yield rows.slice(start, i);
      start = i;
    }
  }
}

/**
 * Replays the pools' history and allocates every outflow to the sources that paid it (FIFO within
 * each pool). Pure: the same movements always give the same trace.
 */
export function traceMovements(rows: PoolMovementRow[]): FundTrace {
  const pools = new Map<string, Pool>();
  const poolOf = (code: string) => {
    let pool = pools.get(code);
    if (!pool) pools.set(code, (pool = new Pool()));
    return pool;
  };
  const sources = new Map<string, TracedSource>();
  const uses = new Map<string, TracedUse>();
  // What each entry took out of each pool, so that its reversal can put the same money back.
  const takenByEntry = new Map<string, Map<string, Lot[]>>();
  // The lots on their way through an exchange, by exchange id, between its two legs.
  const inExchange = new Map<string, { lots: Lot[]; total: bigint }>();

  for (const movements of byEntry(rows)) {
    const entry = movements[0];
    const outflows = movements.filter((m) => m.direction === 'credit');
    const inflows = movements.filter((m) => m.direction === 'debit');
    const reversed = entry.reverses_entry_id;

    // Money out first: a reversal of a source takes back that source's own money before any other.
    const taken = new Map<string, Lot[]>();
    for (const out of outflows) {
      const lots = poolOf(out.account_code).take(out.amount, reversed ?? undefined);
      taken.set(out.account_code, [...(taken.get(out.account_code) ?? []), ...lots]);
    }
    if (taken.size) takenByEntry.set(entry.entry_id, taken);
    let leaving = [...taken.values()].flat();
    const leavingTotal = outflows.reduce((sum, m) => sum + m.amount, 0n);

    if (inflows.length) {
      const restorable = reversed && outflows.length === 0 ? takenByEntry.get(reversed) : undefined;
      if (restorable) {
        // A reversal of an outflow: the same money returns to the front of the pools it left.
        for (const into of inflows) {
          const { pieces, rest } = splitLots(restorable.get(into.account_code) ?? [], [into.amount]);
          const back = pieces[0].filter((l) => l.sourceEntryId !== 'unknown');
          const shortfall = into.amount - back.reduce((sum, l) => sum + l.amount, 0n);
          if (shortfall > 0n) back.push({ sourceEntryId: 'unknown', amount: shortfall, originAmount: shortfall });
          poolOf(into.account_code).pushFront(back);
          restorable.set(into.account_code, rest);
        }
        const use = uses.get(reversed!);
        if (use) use.reversedByEntryId = entry.entry_id;
      } else if (entry.reference_type === 'fx' && outflows.length === 0 && entry.reference_id && inExchange.has(entry.reference_id)) {
        // The arriving leg of an exchange: the lots that left in the other currency arrive converted.
        const { lots, total } = inExchange.get(entry.reference_id)!;
        inExchange.delete(entry.reference_id);
        const arrived = inflows.reduce((sum, m) => sum + m.amount, 0n);
        const converted = convertLots(lots, total, arrived);
        const { pieces } = splitLots(converted, inflows.map((m) => m.amount));
        inflows.forEach((into, i) => poolOf(into.account_code).pushBack(pieces[i].map((l) => ({ ...l, viaEntryId: entry.entry_id }))));
      } else if (outflows.length) {
        // A transfer between pools in one entry (or its reversal): the money keeps its sources.
        const { pieces, rest } = splitLots(leaving, inflows.map((m) => m.amount));
        inflows.forEach((into, i) => poolOf(into.account_code).pushBack(pieces[i].map((l) => ({ ...l, viaEntryId: entry.entry_id }))));
        leaving = rest;
      } else {
        // New money: each arrival is a source of its own.
        const kind = sourceKind(entry);
        for (const into of inflows) {
          const prior = sources.get(entry.entry_id);
          if (prior) prior.amount += into.amount;
          else {
            sources.set(entry.entry_id, {
              entryId: entry.entry_id,
              entrySeq: entry.entry_seq,
              date: entry.effective_date,
              kind,
              referenceId: entry.reference_id,
              label: sourceLabel(entry),
              currency: entry.currency,
              amount: into.amount,
              account: into.account_code,
            });
          }
          poolOf(into.account_code).pushBack([{ sourceEntryId: entry.entry_id, amount: into.amount, originAmount: into.amount }]);
        }
      }
    }

    const leftTotal = leaving.reduce((sum, l) => sum + l.amount, 0n);
    if (leftTotal === 0n) continue;
    if (entry.reference_type === 'fx' && inflows.length === 0 && entry.reference_id) {
      inExchange.set(entry.reference_id, { lots: leaving, total: leavingTotal });
      continue;
    }
    uses.set(entry.entry_id, {
      entryId: entry.entry_id,
      entrySeq: entry.entry_seq,
      date: entry.effective_date,
      referenceType: entry.reference_type,
      referenceId: entry.reference_id,
      description: entry.description,
      purpose: entry.purpose_program !== null || entry.purpose_capability !== null ? { program: entry.purpose_program, capability: entry.purpose_capability } : null,
      currency: entry.currency,
      amount: leftTotal,
      reversedByEntryId: null,
      shares: mergeShares(leaving),
    });
  }

  const balances: TracedBalance[] = [...pools.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([account, pool]) => ({ account, currency: account.slice(5, 8), shares: mergeShares(pool.remaining()) }))
    .filter((b) => b.shares.length > 0);
  return { sources, uses, balances };
}

/** Replays the ledger's cash pools and returns the whole trace. */
export async function traceFund(db: Db): Promise<FundTrace> {
  return traceMovements(await poolMovements(db));
}

function presentUse(trace: FundTrace, use: TracedUse): TTracedUse {
  return {
    entryId: use.entryId,
    entrySeq: Number(use.entrySeq),
    date: use.date,
    referenceType: use.referenceType,
    referenceId: use.referenceId,
    description: use.description,
    purpose: use.purpose,
    currency: use.currency,
    amount: Number(use.amount),
    reversedByEntryId: use.reversedByEntryId,
    sources: use.shares.map((share) => {
      const source = trace.sources.get(share.sourceEntryId);
      return {
        sourceEntryId: share.sourceEntryId,
        kind: source?.kind ?? 'unknown',
        referenceId: source?.referenceId ?? null,
        label: source?.label ?? 'unknown source',
        currency: source?.currency ?? use.currency,
        originAmount: Number(share.originAmount),
        amount: Number(share.amount),
      };
    }),
  };
}

/** Per source, the uses it paid and what of it is left in which pool. */
function spendingBySource(trace: FundTrace) {
  const uses = new Map<string, Array<{ use: TracedUse; share: TracedShare }>>();
  for (const use of trace.uses.values()) {
    // A reversed use returned its money to the pools, where `remaining` counts it.
    if (use.reversedByEntryId) continue;
    for (const share of use.shares) {
      let list = uses.get(share.sourceEntryId);
      if (!list) uses.set(share.sourceEntryId, (list = []));
      list.push({ use, share });
    }
  }
  const remaining = new Map<string, Array<{ account: string; currency: string; share: TracedShare }>>();
  for (const balance of trace.balances) {
    for (const share of balance.shares) {
      let list = remaining.get(share.sourceEntryId);
      if (!list) remaining.set(share.sourceEntryId, (list = []));
      list.push({ account: balance.account, currency: balance.currency, share });
    }
  }
  return { uses, remaining };
}

function presentSource(source: TracedSource, spending: ReturnType<typeof spendingBySource>): TTracedSource {
  const uses = spending.uses.get(source.entryId) ?? [];
  const remaining = spending.remaining.get(source.entryId) ?? [];
  const spent = uses.reduce((sum, u) => sum + u.share.originAmount, 0n);
  const unspent = remaining.reduce((sum, r) => sum + r.share.originAmount, 0n);
  return {
    entryId: source.entryId,
    entrySeq: Number(source.entrySeq),
    date: source.date,
    kind: source.kind,
    referenceId: source.referenceId,
    label: source.label,
    currency: source.currency,
    amount: Number(source.amount),
    account: source.account,
    spent: Number(spent),
    unspent: Number(unspent),
    uses: uses.map(({ use, share }) => ({
      entryId: use.entryId,
      date: use.date,
      referenceType: use.referenceType,
      referenceId: use.referenceId,
      description: use.description,
      currency: use.currency,
      amount: Number(share.amount),
      originAmount: Number(share.originAmount),
    })),
    remaining: remaining.map((r) => ({ account: r.account, currency: r.currency, amount: Number(r.share.amount), originAmount: Number(r.share.originAmount) })),
  };
}

function checkRange(from: string | undefined, to: string | undefined): void {
  if (from && to && from > to) throw new AppError('validation_failed', { detail: 'querystring.to: must not be before from', errors: [{ field: 'querystring.to', message: 'must not be before from' }] });
}

/** A page of uses (newest first) with the sources that paid each. */
export async function listTracedUses(db: Db, query: TTracedUseQuery) {
  checkRange(query.from, query.to);
  const trace = await traceFund(db);
  const matching = [...trace.uses.values()]
    .filter((u) => (!query.from || u.date >= query.from) && (!query.to || u.date <= query.to))
    .filter((u) => !query.referenceType || u.referenceType === query.referenceType)
    .filter((u) => !query.program || u.purpose?.program === query.program)
    .reverse();
  return { items: matching.slice(query.offset, query.offset + query.limit).map((u) => presentUse(trace, u)), total: matching.length };
}

/** A page of sources (newest first) with where their money went and what is left. */
export async function listTracedSources(db: Db, query: TTracedSourceQuery) {
  checkRange(query.from, query.to);
  const trace = await traceFund(db);
  const spending = spendingBySource(trace);
  const matching = [...trace.sources.values()]
    .filter((s) => (!query.from || s.date >= query.from) && (!query.to || s.date <= query.to))
    .filter((s) => !query.kind || s.kind === query.kind)
    .reverse();
  return { items: matching.slice(query.offset, query.offset + query.limit).map((s) => presentSource(s, spending)), total: matching.length };
}

/** The trace of one entry: the sources of a use, or where a source's money went; 404 when the entry moved no pool money. */
export async function traceEntry(db: Db, entryId: string): Promise<TTracedEntry> {
  const trace = await traceFund(db);
  const use = trace.uses.get(entryId);
  const source = trace.sources.get(entryId);
  if (!use && !source) throw new AppError('not_found', 'the entry is neither a source nor a use of fund money, or it is not posted');
  return { entryId, use: use ? presentUse(trace, use) : null, source: source ? presentSource(source, spendingBySource(trace)) : null };
}

const UNSPENT_NODE = 'unspent';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The public flows in one currency: source kinds → what the money was spent on (a program, a
 * capability category, or general spending) → the award or payment, and sources → "not yet spent".
 * Only aggregates leave: no donor names, no descriptions. Reversed payments and reversed sources
 * are left out (the money came back or never counted).
 */
export async function publicFlows(db: Db, query: { currency: string; from?: string; to?: string }): Promise<TFlows> {
  checkRange(query.from, query.to);
  const trace = await traceFund(db);
  const nodes = new Map<string, TFlows['nodes'][number]>();
  const links = new Map<string, { source: string; target: string; amount: bigint }>();
  const node = (id: string, column: number, kind: TFlows['nodes'][number]['kind'], label: string) => {
    if (!nodes.has(id)) nodes.set(id, { id, column, kind, label });
    return id;
  };
  const link = (source: string, target: string, amount: bigint) => {
    const key = `${source}→${target}`;
    const existing = links.get(key);
    if (existing) existing.amount += amount;
    else links.set(key, { source, target, amount });
  };
  const sourceNode = (sourceEntryId: string) => {
    const kind = trace.sources.get(sourceEntryId)?.kind ?? 'unknown';
    return node(`source:${kind}`, 0, 'source', kind);
  };
  for (const use of trace.uses.values()) {
    if (use.currency !== query.currency || use.reversedByEntryId || use.referenceType === 'reversal') continue;
    if ((query.from && use.date < query.from) || (query.to && use.date > query.to)) continue;
    const purpose = use.purpose?.program
      ? node(`program:${use.purpose.program}`, 1, 'program', use.purpose.program)
      : use.purpose?.capability
        ? node(`capability:${use.purpose.capability}`, 1, 'capability', use.purpose.capability)
        : node('general', 1, 'general', 'general');
    // Only award ids (UUIDs) are named: a free-text reference typed by an officer could name a person.
    const payee = use.referenceId && UUID.test(use.referenceId) ? node(`award:${use.referenceId}`, 2, 'award', use.referenceId) : node(`payment:${use.referenceType}`, 2, 'award', use.referenceType);
    for (const share of use.shares) link(sourceNode(share.sourceEntryId), purpose, share.amount);
    link(purpose, payee, use.amount);
  }
  for (const balance of trace.balances) {
    if (balance.currency !== query.currency) continue;
    for (const share of balance.shares) link(sourceNode(share.sourceEntryId), node(UNSPENT_NODE, 1, 'unspent', 'unspent'), share.amount);
  }
  // Awards of calls are public (GET /api/v1/public/fund/awards): label them with their agreement numbers.
  const awardIds = [...nodes.values()].filter((n) => n.id.startsWith('award:')).map((n) => n.label);
  for (const award of await agreementNumbers(db, awardIds)) {
    const awardNode = nodes.get(`award:${award.id}`);
    if (awardNode) awardNode.label = award.agreement_number;
  }
  return {
    currency: query.currency,
    from: query.from ?? null,
    to: query.to ?? null,
    nodes: [...nodes.values()].sort((a, b) => a.column - b.column || a.id.localeCompare(b.id)),
    links: [...links.values()].filter((l) => l.amount > 0n).map((l) => ({ ...l, amount: Number(l.amount) })),
  };
}
