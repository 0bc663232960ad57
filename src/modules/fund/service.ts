import type { Kysely, Transaction } from 'kysely';
import { canonicalJson, sha256Hex } from '../../core/audit-chain.ts';
import { AppError, type FieldError, invalidFields as invalid } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, LedgerAccountType, LedgerDirection, LedgerEntryStatus, LedgerReferenceType } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import * as repo from './repo.ts';
import {
  CURRENCY_EXPONENT,
  type TAccount,
  type TAccountListQuery,
  type TCreateAccount,
  type TCreateEntry,
  type TEntry,
  type TEntryAction,
  type TEntryListQuery,
  type TExchange,
  type TExchangeResult,
  type TReverse,
  type TStatement,
  type TStatementQuery,
  type TTrialBalance,
} from './schema.ts';

type Db = Kysely<Database>;
type AccountRow = repo.AccountRow;
type EntryRow = repo.EntryRow;

const ENTRY_NOT_FOUND = 'no such ledger entry';
const ACCOUNT_NOT_FOUND = 'no such ledger account';
const MAX_POSTINGS = 100;

/** The calendar date today in UTC, as YYYY-MM-DD. */
export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Debit for accounts that grow by debits (assets, expenses), credit for the others. */
export function normalSide(type: LedgerAccountType): LedgerDirection {
  return type === 'asset' || type === 'expense' ? 'debit' : 'credit';
}

// Amounts are validated as safe integers on the way in; a running total beyond 2^53 would need a
// text representation in the API, which the fund will not reach (9×10^15 kopiykas).
function money(value: bigint): number {
  return Number(value);
}

/** The posted balance on the normal side and what is left after pending reservations against it. */
export function balancesOf(row: Pick<AccountRow, 'type' | 'debits_posted' | 'credits_posted' | 'debits_pending' | 'credits_pending'>) {
  const debitNormal = normalSide(row.type) === 'debit';
  const balance = debitNormal ? row.debits_posted - row.credits_posted : row.credits_posted - row.debits_posted;
  const available = balance - (debitNormal ? row.credits_pending : row.debits_pending);
  return { balance, available };
}

/** The presented account. */
export function presentAccount(row: AccountRow): TAccount {
  const { balance, available } = balancesOf(row);
  return {
    id: row.id,
    code: row.code,
    nameUk: row.name_uk,
    nameEn: row.name_en,
    type: row.type,
    currency: row.currency,
    normalSide: normalSide(row.type),
    debitsMustNotExceedCredits: row.debits_must_not_exceed_credits,
    creditsMustNotExceedDebits: row.credits_must_not_exceed_debits,
    ownerType: row.owner_type,
    ownerId: row.owner_id,
    earmark: row.earmark_type && row.earmark_code ? { type: row.earmark_type, code: row.earmark_code } : null,
    debitsPosted: money(row.debits_posted),
    creditsPosted: money(row.credits_posted),
    debitsPending: money(row.debits_pending),
    creditsPending: money(row.credits_pending),
    balance: money(balance),
    available: money(available),
    openedAt: row.opened_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    version: row.version,
  };
}

/** What may still happen to an entry: a reservation is posted or voided; a posted entry may be reversed once; a reversal is final. */
export function allowedEntryActions(entry: Pick<EntryRow, 'status' | 'reverses_entry_id' | 'reference_type'>, reversedBy: string | null): TEntryAction[] {
  if (entry.status === 'pending') return ['post', 'void'];
  if (entry.status === 'posted' && entry.reverses_entry_id === null && reversedBy === null && entry.reference_type !== 'fx') return ['reverse'];
  return [];
}

interface PresentedPosting {
  id: string;
  seq: number;
  account_id: string;
  account_code: string;
  direction: LedgerDirection;
  amount: bigint;
}

function presentEntry(row: EntryRow, postings: PresentedPosting[], reversedBy: string | null): TEntry {
  const total = postings.filter((p) => p.direction === 'debit').reduce((sum, p) => sum + p.amount, 0n);
  return {
    id: row.id,
    entrySeq: Number(row.entry_seq),
    currency: row.currency,
    description: row.description,
    referenceType: row.reference_type,
    referenceId: row.reference_id,
    reversesEntryId: row.reverses_entry_id,
    reversedByEntryId: reversedBy,
    status: row.status,
    effectiveDate: row.effective_date,
    clientKey: row.client_key,
    fx: row.fx_rate !== null && row.fx_rate_source !== null && row.fx_rate_date !== null ? { rate: normalizeRate(row.fx_rate), source: row.fx_rate_source, date: row.fx_rate_date } : null,
    purpose: row.purpose_program !== null || row.purpose_capability !== null ? { program: row.purpose_program, capability: row.purpose_capability } : null,
    total: money(total),
    postings: postings.map((p) => ({ id: p.id, seq: p.seq, accountId: p.account_id, accountCode: p.account_code, direction: p.direction, amount: money(p.amount) })),
    allowedActions: allowedEntryActions(row, reversedBy),
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    resolvedBy: row.resolved_by,
    resolvedAt: row.resolved_at ? row.resolved_at.toISOString() : null,
  };
}

/** A decimal rate without trailing zeros (numeric(24,12) pads them). */
function normalizeRate(rate: string): string {
  return rate.includes('.') ? rate.replace(/0+$/, '').replace(/\.$/, '') : rate;
}

async function loadEntry(db: Db | Transaction<Database>, row: EntryRow): Promise<TEntry> {
  const [postings, reversedBy] = await Promise.all([repo.postingsOf(db, [row.id]), repo.findReversalId(db, row.id)]);
  return presentEntry(row, postings, reversedBy ?? null);
}

/** A page of the journal (newest first), each entry with its postings. */
export async function listEntries(db: Db, query: TEntryListQuery) {
  if (query.from && query.to && query.from > query.to) throw invalid([{ field: 'querystring.to', message: 'must not be before from' }]);
  const { items, total } = await repo.listEntries(db, query, query.limit, query.offset);
  const ids = items.map((e) => e.id);
  const [postings, reversals] = await Promise.all([repo.postingsOf(db, ids), repo.reversalsOf(db, ids)]);
  const byEntry = new Map<string, typeof postings>();
  for (const p of postings) {
    const list = byEntry.get(p.entry_id);
    if (list) list.push(p);
    else byEntry.set(p.entry_id, [p]);
  }
  return { items: items.map((e) => presentEntry(e, byEntry.get(e.id) ?? [], reversals.get(e.id) ?? null)), total };
}

/** One entry with its postings; 404 when there is none. */
export async function getEntry(db: Db, id: string): Promise<TEntry> {
  const row = await repo.findEntry(db, id);
  if (!row) throw new AppError('not_found', ENTRY_NOT_FOUND);
  return loadEntry(db, row);
}


/** A posting resolved to its account. */
interface ResolvedPosting {
  account: AccountRow;
  direction: LedgerDirection;
  amount: bigint;
}

/** Everything needed to book one entry. */
interface EntryDraft {
  currency: string;
  description: string;
  referenceType: LedgerReferenceType;
  referenceId: string | null;
  effectiveDate: string;
  pending: boolean;
  clientKey: string;
  contentHash: string;
  reversesEntryId: string | null;
  fx: { rate: string; source: string; date: string } | null;
  purpose: EntryPurpose | null;
  postings: ResolvedPosting[];
  auditAction: string;
}

/** What an entry pays for (see ZPurpose). */
export interface EntryPurpose {
  program?: string | null;
  capability?: string | null;
}

/** Whether a purpose may spend money earmarked as the account says (a capability earmark covers its sub-categories). */
export function purposeMeetsEarmark(account: Pick<AccountRow, 'earmark_type' | 'earmark_code'>, purpose: EntryPurpose | null | undefined): boolean {
  if (!account.earmark_type || !account.earmark_code) return true;
  if (account.earmark_type === 'program') return purpose?.program === account.earmark_code;
  const capability = purpose?.capability;
  return !!capability && (capability === account.earmark_code || capability.startsWith(`${account.earmark_code}.`));
}

/**
 * Refuses an entry that takes earmarked money for another purpose: a 409 naming the account, its
 * earmark and the purpose the entry stated. (The database trigger ledger_earmark_guard is the last
 * line of defence behind this check.)
 */
function checkEarmarks(postings: ResolvedPosting[], purpose: EntryPurpose | null): void {
  for (const p of postings) {
    if (p.direction !== 'credit' || purposeMeetsEarmark(p.account, purpose)) continue;
    const stated = purpose?.program || purpose?.capability ? `the entry's purpose is ${[purpose.program && `program ${purpose.program}`, purpose.capability && `capability ${purpose.capability}`].filter(Boolean).join(' and ')}` : 'the entry states no purpose';
    throw new AppError('conflict', {
      detail: `account ${p.account.code} holds money earmarked for ${p.account.earmark_type} ${p.account.earmark_code}; ${stated}`,
      extra: { account: p.account.code, earmark: { type: p.account.earmark_type, code: p.account.earmark_code } },
    });
  }
}

/** Per account, how an entry moves its four running totals. */
function totalsDeltas(postings: Array<{ accountId: string; direction: LedgerDirection; amount: bigint }>, phase: 'pending' | 'posted', factor: 1n | -1n): Map<string, repo.TotalsDelta> {
  const deltas = new Map<string, repo.TotalsDelta>();
  for (const p of postings) {
    let d = deltas.get(p.accountId);
    if (!d) deltas.set(p.accountId, (d = { accountId: p.accountId, debitsPosted: 0n, creditsPosted: 0n, debitsPending: 0n, creditsPending: 0n }));
    const amount = p.amount * factor;
    if (phase === 'posted' && p.direction === 'debit') d.debitsPosted += amount;
    if (phase === 'posted' && p.direction === 'credit') d.creditsPosted += amount;
    if (phase === 'pending' && p.direction === 'debit') d.debitsPending += amount;
    if (phase === 'pending' && p.direction === 'credit') d.creditsPending += amount;
  }
  return deltas;
}

function addDeltas(a: Map<string, repo.TotalsDelta>, b: Map<string, repo.TotalsDelta>): repo.TotalsDelta[] {
  const merged = new Map(a);
  for (const [id, d] of b) {
    const e = merged.get(id);
    merged.set(
      id,
      e
        ? { accountId: id, debitsPosted: e.debitsPosted + d.debitsPosted, creditsPosted: e.creditsPosted + d.creditsPosted, debitsPending: e.debitsPending + d.debitsPending, creditsPending: e.creditsPending + d.creditsPending }
        : d,
    );
  }
  return [...merged.values()];
}

/**
 * Checks the locked accounts against the change: closed accounts take nothing new, and a flag holds
 * over posted plus pending totals (a reservation counts against what is available). A violation is a
 * 409 naming the account and what it has available; the caller's transaction then rolls back.
 */
function checkAccounts(locked: AccountRow[], deltas: repo.TotalsDelta[], options: { refuseClosed: boolean }): void {
  const byId = new Map(locked.map((a) => [a.id, a]));
  for (const d of deltas) {
    const a = byId.get(d.accountId);
    if (!a) throw new AppError('conflict', `ledger account ${d.accountId} disappeared`);
    if (options.refuseClosed && a.closed_at !== null) {
      throw new AppError('conflict', { detail: `account ${a.code} is closed and takes no new postings`, extra: { account: a.code } });
    }
    const dp = a.debits_posted + d.debitsPosted;
    const cp = a.credits_posted + d.creditsPosted;
    const dpe = a.debits_pending + d.debitsPending;
    const cpe = a.credits_pending + d.creditsPending;
    if (a.debits_must_not_exceed_credits && dp + dpe > cp && d.debitsPosted + d.debitsPending > 0n) {
      const available = a.credits_posted - a.debits_posted - a.debits_pending;
      throw new AppError('conflict', {
        detail: `account ${a.code} may not be debited beyond its credits: ${available} ${a.currency} minor units available, the change needs ${d.debitsPosted + d.debitsPending}`,
        extra: { account: a.code, available: money(available), currency: a.currency },
      });
    }
    if (a.credits_must_not_exceed_debits && cp + cpe > dp && d.creditsPosted + d.creditsPending > 0n) {
      const available = a.debits_posted - a.credits_posted - a.credits_pending;
      throw new AppError('conflict', {
        detail: `account ${a.code} may not be credited beyond its debits: ${available} ${a.currency} minor units available, the change needs ${d.creditsPosted + d.creditsPending}`,
        extra: { account: a.code, available: money(available), currency: a.currency },
      });
    }
  }
}

function sortedIds(ids: Iterable<string>): string[] {
  // Plain code-unit order: the same order PostgreSQL's uuid comparison gives for lower-case ids.
  return [...new Set(ids)].sort();
}

/**
 * Books one entry in the caller's transaction: claims its client key (a retry with the same key and
 * content returns the first entry; other content is a 409), locks the accounts in id order, checks
 * them, moves the running totals, writes the postings and the audit event.
 */
async function book(trx: Transaction<Database>, actor: AuditActor, draft: EntryDraft): Promise<{ entry: TEntry; replayed: boolean }> {
  if (draft.referenceType !== 'reversal' && draft.referenceType !== 'fx') checkEarmarks(draft.postings, draft.purpose);
  const id = uuidv7();
  const createdAt = new Date();
  const row = {
    id,
    currency: draft.currency,
    description: draft.description,
    reference_type: draft.referenceType,
    reference_id: draft.referenceId,
    reverses_entry_id: draft.reversesEntryId,
    status: (draft.pending ? 'pending' : 'posted') as LedgerEntryStatus,
    effective_date: draft.effectiveDate,
    client_key: draft.clientKey,
    content_hash: draft.contentHash,
    fx_rate: draft.fx?.rate ?? null,
    fx_rate_source: draft.fx?.source ?? null,
    fx_rate_date: draft.fx?.date ?? null,
    purpose_program: draft.purpose?.program ?? null,
    purpose_capability: draft.purpose?.capability ?? null,
    created_by_id: actor.actorId,
    created_by: actor.actorLabel,
    created_at: createdAt,
  };
  const claimed = await repo.claimEntry(trx, row);
  if (!claimed) {
    const existing = await repo.findEntryByClientKey(trx, draft.clientKey);
    if (!existing) throw new AppError('conflict', 'a concurrent entry with this client key changed; retry');
    if (existing.content_hash !== draft.contentHash) {
      throw new AppError('idempotency_conflict', `client key ${draft.clientKey} was used for a different entry (${existing.id}); use a new key for a new entry`);
    }
    return { entry: await loadEntry(trx, existing), replayed: true };
  }
  const postings = draft.postings.map((p) => ({ accountId: p.account.id, direction: p.direction, amount: p.amount }));
  const deltas = [...totalsDeltas(postings, draft.pending ? 'pending' : 'posted', 1n).values()];
  const locked = await repo.lockAccounts(trx, sortedIds(deltas.map((d) => d.accountId)));
  checkAccounts(locked, deltas, { refuseClosed: true });
  await repo.applyTotals(trx, deltas);
  const postingRows = draft.postings.map((p, seq) => ({ id: uuidv7(), entry_id: id, account_id: p.account.id, direction: p.direction, amount: p.amount, seq }));
  await repo.insertPostings(trx, postingRows);
  const total = postings.filter((p) => p.direction === 'debit').reduce((sum, p) => sum + p.amount, 0n);
  await recordAudit(trx, actor, {
    action: draft.auditAction,
    targetType: 'ledger_entry',
    targetId: id,
    details: {
      currency: draft.currency,
      total: money(total),
      status: row.status,
      referenceType: draft.referenceType,
      ...(draft.referenceId ? { referenceId: draft.referenceId } : {}),
      ...(draft.reversesEntryId ? { reversesEntryId: draft.reversesEntryId } : {}),
      ...(draft.purpose ? { purpose: draft.purpose } : {}),
      postings: postingRows.map((p) => ({ account: draft.postings[p.seq].account.code, direction: p.direction, amount: money(p.amount) })),
    },
  });
  const present = postingRows.map((p) => ({ ...p, account_code: draft.postings[p.seq].account.code }));
  const entryRow: EntryRow = { ...row, entry_seq: claimed.entry_seq, resolved_by: null, resolved_at: null };
  return { entry: presentEntry(entryRow, present, null), replayed: false };
}

/** Resolves posting references (ids or codes) to accounts; unknown ones are field errors. */
async function resolveAccounts(db: Db | Transaction<Database>, refs: Array<{ ref: string; field: string }>): Promise<{ accounts: Array<AccountRow | undefined>; errors: FieldError[] }> {
  const rows = await repo.findAccountsByRef(db, [...new Set(refs.map((r) => r.ref))]);
  const byRef = new Map<string, AccountRow>();
  for (const row of rows) {
    byRef.set(row.id, row);
    byRef.set(row.code, row);
  }
  const errors: FieldError[] = [];
  const accounts = refs.map((r) => {
    const account = byRef.get(r.ref) ?? byRef.get(r.ref.toLowerCase());
    if (!account) errors.push({ field: r.field, message: 'is not a ledger account' });
    return account;
  });
  return { accounts, errors };
}

function checkBookingDate(date: string | undefined, field: string, errors: FieldError[], today: string): string {
  if (date !== undefined && date > today) errors.push({ field, message: 'must not be in the future' });
  return date ?? today;
}

/** The result of booking: the entry, and whether it is the answer to an earlier request with the same client key. */
export interface BookedEntry {
  entry: TEntry;
  replayed: boolean;
}

/**
 * Books a new entry (posted, or pending when `pending` is set) in one transaction. The rules: at
 * least two postings, positive amounts, every account in the entry's currency and open, debits equal
 * credits (400 with field errors otherwise), and no account flag violated (409 naming the account).
 * `derivedKey` is the client key to use when the input has none (the HTTP layer derives it from the
 * Idempotency-Key, so a retry after the key expired still books once).
 */
export async function createEntry(db: Db, actor: AuditActor, input: TCreateEntry, derivedKey?: string): Promise<BookedEntry> {
  const errors: FieldError[] = [];
  const today = todayUtc();
  if (!Array.isArray(input.postings) || input.postings.length < 2) errors.push({ field: 'body.postings', message: 'an entry needs at least two postings' });
  if (input.postings.length > MAX_POSTINGS) errors.push({ field: 'body.postings', message: `at most ${MAX_POSTINGS} postings` });
  if (!(input.currency in CURRENCY_EXPONENT)) errors.push({ field: 'body.currency', message: 'is not a currency the fund books' });
  const effectiveDate = checkBookingDate(input.effectiveDate, 'body.effectiveDate', errors, today);
  const amounts = input.postings.map((p, i) => {
    const ok = Number.isSafeInteger(p.amount) && p.amount > 0;
    if (!ok) errors.push({ field: `body.postings.${i}.amount`, message: 'must be a positive whole number of minor units' });
    return ok ? BigInt(p.amount) : 0n;
  });
  const { accounts, errors: accountErrors } = await resolveAccounts(db, input.postings.map((p, i) => ({ ref: p.account, field: `body.postings.${i}.account` })));
  errors.push(...accountErrors);
  accounts.forEach((account, i) => {
    if (account && account.currency !== input.currency) errors.push({ field: `body.postings.${i}.account`, message: `is a ${account.currency} account, the entry is in ${input.currency}` });
  });
  const debits = input.postings.reduce((sum, p, i) => (p.direction === 'debit' ? sum + amounts[i] : sum), 0n);
  const credits = input.postings.reduce((sum, p, i) => (p.direction === 'credit' ? sum + amounts[i] : sum), 0n);
  if (debits !== credits) errors.push({ field: 'body.postings', message: `debits (${debits}) must equal credits (${credits})` });
  if (errors.length) throw invalid(errors);

  const pending = input.pending ?? false;
  const purpose = input.purpose && (input.purpose.program || input.purpose.capability) ? { program: input.purpose.program ?? null, capability: input.purpose.capability ?? null } : null;
  const content = {
    currency: input.currency,
    description: input.description,
    referenceType: input.referenceType,
    referenceId: input.referenceId ?? null,
    effectiveDate: input.effectiveDate ?? null,
    pending,
    // Only when stated, so entries booked before purposes existed keep the hash they were stored with.
    ...(purpose ? { purpose } : {}),
    postings: input.postings.map((p, i) => ({ account: accounts[i]!.id, direction: p.direction, amount: p.amount })),
  };
  return inTransaction(db, (trx) =>
    book(trx, actor, {
      currency: input.currency,
      description: input.description,
      referenceType: input.referenceType,
      referenceId: input.referenceId ?? null,
      effectiveDate,
      pending,
      clientKey: input.clientKey ?? derivedKey ?? `auto:${uuidv7()}`,
      contentHash: sha256Hex(canonicalJson(content)),
      reversesEntryId: null,
      fx: null,
      purpose,
      postings: input.postings.map((p, i) => ({ account: accounts[i]!, direction: p.direction, amount: amounts[i] })),
      auditAction: pending ? 'fund.ledger.entry_reserved' : 'fund.ledger.entry_posted',
    }),
  );
}

function refuseTransition(row: EntryRow, reversedBy: string | null, action: TEntryAction): AppError {
  const allowed = allowedEntryActions(row, reversedBy);
  const state = reversedBy ? `${row.status} and reversed by ${reversedBy}` : row.reverses_entry_id ? `a reversal (${row.status})` : row.status;
  return new AppError('invalid_transition', { detail: `cannot ${action} entry ${row.id}: it is ${state}`, extra: { allowed, entryStatus: row.status } });
}

/**
 * Resolves a pending entry: `post` turns its reservations into posted amounts, `void` releases them.
 * Exactly once: a second post or void is a 409 `invalid_transition` with what is allowed.
 */
export async function resolvePending(db: Db, actor: AuditActor, id: string, action: 'post' | 'void'): Promise<TEntry> {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockEntry(trx, id);
    if (!row) throw new AppError('not_found', ENTRY_NOT_FOUND);
    if (row.status !== 'pending') throw refuseTransition(row, (await repo.findReversalId(trx, id)) ?? null, action);
    const postings = await repo.postingsOf(trx, [id]);
    const moves = postings.map((p) => ({ accountId: p.account_id, direction: p.direction, amount: p.amount }));
    const release = totalsDeltas(moves, 'pending', -1n);
    const deltas = action === 'post' ? addDeltas(release, totalsDeltas(moves, 'posted', 1n)) : [...release.values()];
    const locked = await repo.lockAccounts(trx, sortedIds(deltas.map((d) => d.accountId)));
    // Posting a reservation moves amounts already counted against the flags, and voiding frees them:
    // neither can break a flag, but the check stays as a guard against a corrupted total.
    checkAccounts(locked, deltas, { refuseClosed: false });
    await repo.applyTotals(trx, deltas);
    const at = new Date();
    const status = action === 'post' ? 'posted' : 'voided';
    await repo.resolveEntry(trx, id, status, actor.actorLabel, at);
    const total = moves.filter((p) => p.direction === 'debit').reduce((sum, p) => sum + p.amount, 0n);
    await recordAudit(trx, actor, { action: action === 'post' ? 'fund.ledger.pending_posted' : 'fund.ledger.pending_voided', targetType: 'ledger_entry', targetId: id, details: { currency: row.currency, total: money(total) } });
    return presentEntry({ ...row, status, resolved_by: actor.actorLabel, resolved_at: at }, postings, null);
  });
}

/**
 * Reverses a posted entry: a new posted entry with every posting mirrored (debit ↔ credit) that
 * refers to the original. Once only; reservations are voided instead, and a reversal is final. The
 * reversal's client key defaults to one derived from the original, so a retry never reverses twice.
 */
export async function reverseEntry(db: Db, actor: AuditActor, id: string, input: TReverse = null): Promise<BookedEntry> {
  return inTransaction(db, async (trx) => {
    const row = await repo.lockEntry(trx, id);
    if (!row) throw new AppError('not_found', ENTRY_NOT_FOUND);
    const clientKey = input?.clientKey ?? `reversal:${id}`;
    const contentHash = sha256Hex(canonicalJson({ reverses: id, description: input?.description ?? null }));
    const reversedBy = (await repo.findReversalId(trx, id)) ?? null;
    if (reversedBy) {
      // The same request again is a retry and gets the first answer; anything else is a second reversal.
      const existing = await repo.findEntry(trx, reversedBy);
      if (existing && existing.client_key === clientKey && existing.content_hash === contentHash) return { entry: await loadEntry(trx, existing), replayed: true };
    }
    if (row.reference_type === 'fx' && row.status === 'posted') {
      // An exchange is two entries and a bank deal; undoing one leg would leave the other standing. An
      // exchange is undone by exchanging back, at the rate of the day.
      throw new AppError('invalid_transition', { detail: `entry ${row.id} is one leg of exchange ${row.reference_id}; exchange the money back instead of reversing a leg`, extra: { allowed: [], entryStatus: row.status } });
    }
    if (!allowedEntryActions(row, reversedBy).includes('reverse')) throw refuseTransition(row, reversedBy, 'reverse');
    const postings = await repo.postingsOf(trx, [id]);
    const accounts = await repo.findAccountsByRef(trx, sortedIds(postings.map((p) => p.account_id)));
    const byId = new Map(accounts.map((a) => [a.id, a]));
    const description = input?.description ?? `Reversal of entry ${row.entry_seq}: ${row.description}`.slice(0, 500);
    return book(trx, actor, {
      currency: row.currency,
      description,
      referenceType: 'reversal',
      referenceId: row.reference_id,
      effectiveDate: todayUtc(),
      pending: false,
      clientKey,
      contentHash,
      reversesEntryId: id,
      fx: null,
      purpose: row.purpose_program !== null || row.purpose_capability !== null ? { program: row.purpose_program, capability: row.purpose_capability } : null,
      postings: postings.map((p) => ({ account: byId.get(p.account_id)!, direction: p.direction === 'debit' ? 'credit' : 'debit', amount: p.amount })),
      auditAction: 'fund.ledger.entry_reversed',
    });
  });
}

/** Parses a decimal rate into numerator/denominator bigints (no float anywhere). */
function rateFraction(rate: string): { numerator: bigint; denominator: bigint } {
  const [whole, fraction = ''] = rate.split('.');
  return { numerator: BigInt(whole + fraction), denominator: 10n ** BigInt(fraction.length) };
}

/** The target amount of an exchange in minor units, rounded half up. */
export function convertAmount(amount: bigint, rate: string, fromCurrency: keyof typeof CURRENCY_EXPONENT, toCurrency: keyof typeof CURRENCY_EXPONENT): bigint {
  const { numerator, denominator } = rateFraction(rate);
  const scaleUp = 10n ** BigInt(Math.max(0, CURRENCY_EXPONENT[toCurrency] - CURRENCY_EXPONENT[fromCurrency]));
  const scaleDown = 10n ** BigInt(Math.max(0, CURRENCY_EXPONENT[fromCurrency] - CURRENCY_EXPONENT[toCurrency]));
  const top = amount * numerator * scaleUp;
  const bottom = denominator * scaleDown;
  return (top * 2n + bottom) / (bottom * 2n);
}

/**
 * A currency exchange: two entries in one transaction through the FX clearing accounts
 * (`1900.<CUR>.fx`). The source leg moves the amount from the source account into clearing; the
 * target leg moves the converted amount from clearing into the target account. Both record the rate,
 * its source and its date, and share a reference id.
 */
export async function exchange(db: Db, actor: AuditActor, input: TExchange): Promise<TExchangeResult & { replayed: boolean }> {
  const today = todayUtc();
  const errors: FieldError[] = [];
  const effectiveDate = checkBookingDate(input.effectiveDate, 'body.effectiveDate', errors, today);
  if (input.rateDate > today) errors.push({ field: 'body.rateDate', message: 'must not be in the future' });
  const { accounts, errors: accountErrors } = await resolveAccounts(db, [
    { ref: input.from, field: 'body.from' },
    { ref: input.to, field: 'body.to' },
  ]);
  errors.push(...accountErrors);
  const [from, to] = accounts;
  if (from && to && from.currency === to.currency) errors.push({ field: 'body.to', message: 'must be in another currency than the source account' });
  const fromCurrency = from?.currency as keyof typeof CURRENCY_EXPONENT | undefined;
  const toCurrency = to?.currency as keyof typeof CURRENCY_EXPONENT | undefined;
  const clearing = fromCurrency && toCurrency ? await resolveAccounts(db, [
    { ref: `1900.${fromCurrency}.fx`, field: 'body.from' },
    { ref: `1900.${toCurrency}.fx`, field: 'body.to' },
  ]) : undefined;
  if (clearing?.errors.length) errors.push(...clearing.errors.map((e) => ({ field: e.field, message: 'has no FX clearing account for its currency' })));
  for (const [account, field] of [[from, 'body.from'], [to, 'body.to']] as const) {
    if (account?.code.startsWith('1900.')) errors.push({ field, message: 'must not be an FX clearing account' });
  }
  // Exchanging keeps an earmark: earmarked money goes only to an account with the same earmark, and
  // unearmarked money does not become earmarked on the way.
  if (from && to && (from.earmark_type !== to.earmark_type || from.earmark_code !== to.earmark_code)) {
    errors.push({ field: 'body.to', message: from.earmark_type ? `must carry the source's earmark (${from.earmark_type} ${from.earmark_code})` : `is earmarked (${to.earmark_type} ${to.earmark_code}); the source is not` });
  }
  const amount = BigInt(input.amount);
  const toAmount = fromCurrency && toCurrency ? convertAmount(amount, input.rate, fromCurrency, toCurrency) : 0n;
  if (fromCurrency && toCurrency && toAmount < 1n) errors.push({ field: 'body.amount', message: 'converts to less than one minor unit' });
  if (toAmount > BigInt(Number.MAX_SAFE_INTEGER)) errors.push({ field: 'body.amount', message: 'converts to more than the API can carry' });
  if (errors.length) throw invalid(errors);

  const [fromClearing, toClearing] = clearing!.accounts as AccountRow[];
  const baseKey = input.clientKey ?? `auto:${uuidv7()}`;
  const contentHash = sha256Hex(canonicalJson({ ...input, effectiveDate: input.effectiveDate ?? null, from: from!.id, to: to!.id }));
  const fx = { rate: input.rate, source: input.rateSource, date: input.rateDate };
  const description = input.description ?? `Exchange ${fromCurrency} → ${toCurrency} at ${input.rate} (${input.rateSource}, ${input.rateDate})`;
  const exchangeId = uuidv7();
  return inTransaction(db, async (trx) => {
    const common = { description, referenceType: 'fx' as const, effectiveDate, pending: false, contentHash, reversesEntryId: null, fx, purpose: null, auditAction: 'fund.ledger.exchange_leg' };
    const out = await book(trx, actor, {
      ...common,
      currency: fromCurrency!,
      referenceId: exchangeId,
      clientKey: `${baseKey}#out`,
      postings: [
        { account: fromClearing, direction: 'debit', amount },
        { account: from!, direction: 'credit', amount },
      ],
    });
    const referenceId = out.replayed ? out.entry.referenceId! : exchangeId;
    const into = await book(trx, actor, {
      ...common,
      currency: toCurrency!,
      referenceId,
      clientKey: `${baseKey}#in`,
      postings: [
        { account: to!, direction: 'debit', amount: toAmount },
        { account: toClearing, direction: 'credit', amount: toAmount },
      ],
    });
    return { exchangeId: referenceId, rate: input.rate, fromAmount: money(amount), toAmount: money(toAmount), entries: [out.entry, into.entry], replayed: out.replayed && into.replayed };
  });
}

/** Opens an account (programs, awards and organizations get their own). */
export async function openAccount(db: Db, actor: AuditActor, input: TCreateAccount): Promise<TAccount> {
  const errors: FieldError[] = [];
  if (input.code.slice(5, 8) !== input.currency) errors.push({ field: 'body.code', message: `must carry the currency (${input.currency}) as its middle part` });
  if (input.debitsMustNotExceedCredits && input.creditsMustNotExceedDebits) errors.push({ field: 'body.creditsMustNotExceedDebits', message: 'an account may carry only one of the two balance flags' });
  const ownerType = input.ownerType ?? 'fund';
  if (ownerType !== 'fund' && !input.ownerId) errors.push({ field: 'body.ownerId', message: `is required for a ${ownerType} account` });
  if (input.earmark) {
    // Earmarked cash lives in the 1100 range so tracing treats it as a pool; it can never be overdrawn.
    if (!input.code.startsWith('1100.')) errors.push({ field: 'body.code', message: 'an earmarked account must be in the 1100 range (1100.<CUR>.…)' });
    if (input.type !== 'asset') errors.push({ field: 'body.type', message: 'an earmarked account holds cash: type asset' });
    if (input.debitsMustNotExceedCredits) errors.push({ field: 'body.debitsMustNotExceedCredits', message: 'an earmarked account may not pay out more than it holds; leave this flag off' });
  } else if (input.code.startsWith('1100.')) {
    errors.push({ field: 'body.earmark', message: 'the 1100 range is for earmarked cash: state the earmark' });
  }
  if (errors.length) throw invalid(errors);
  return inTransaction(db, async (trx) => {
    if ((await repo.findAccountsByRef(trx, [input.code])).length) throw new AppError('already_exists', `account ${input.code} exists`);
    if (input.earmark) {
      const existing = await repo.findEarmarkAccount(trx, input.earmark.type, input.earmark.code, input.currency);
      if (existing) throw new AppError('already_exists', { detail: `account ${existing.code} already holds ${input.currency} earmarked for ${input.earmark.type} ${input.earmark.code}`, extra: { account: existing.code } });
    }
    const id = uuidv7();
    await repo.insertAccount(trx, {
      id,
      code: input.code,
      name_uk: input.nameUk,
      name_en: input.nameEn,
      type: input.type,
      currency: input.currency,
      debits_must_not_exceed_credits: input.debitsMustNotExceedCredits ?? false,
      credits_must_not_exceed_debits: input.earmark ? true : (input.creditsMustNotExceedDebits ?? false),
      owner_type: ownerType,
      owner_id: input.ownerId ?? null,
      earmark_type: input.earmark?.type ?? null,
      earmark_code: input.earmark?.code ?? null,
      opened_at: new Date(),
    });
    await recordAudit(trx, actor, {
      action: 'fund.ledger.account_opened',
      targetType: 'ledger_account',
      targetId: id,
      details: { code: input.code, type: input.type, currency: input.currency, ...(input.earmark ? { earmarkType: input.earmark.type, earmarkCode: input.earmark.code } : {}) },
    });
    return presentAccount((await repo.findAccount(trx, id))!);
  });
}

/**
 * The code of the cash account for an earmark: `1100.<CUR>.<program|cap>_<readable code>_<hash>`.
 * Earmark codes may hold capitals, dots and dashes that account codes may not, so the readable part
 * is lossy and a short hash of the exact earmark keeps two codes from ever sharing an account.
 */
export function earmarkAccountCode(earmarkType: 'program' | 'capability', earmarkCode: string, currency: string): string {
  const readable = earmarkCode.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 40);
  const hash = sha256Hex(`${earmarkType}:${earmarkCode}`).slice(0, 6);
  return `1100.${currency}.${earmarkType === 'program' ? 'program' : 'cap'}_${readable ? `${readable}_` : ''}${hash}`;
}

/**
 * The cash account that holds money earmarked for a program or capability category in a currency,
 * opened (and audited) in the caller's transaction the first time money arrives for that earmark. Like
 * the fund's bank accounts it may not pay out more than it holds.
 */
export async function earmarkedCashAccount(trx: Transaction<Database>, actor: AuditActor, earmarkType: 'program' | 'capability', earmarkCode: string, currency: string): Promise<AccountRow> {
  const existing = await repo.findEarmarkAccount(trx, earmarkType, earmarkCode, currency);
  if (existing) return existing;
  const id = uuidv7();
  const code = earmarkAccountCode(earmarkType, earmarkCode, currency);
  const what = earmarkType === 'program' ? { uk: 'програма', en: 'program' } : { uk: 'категорія спроможностей', en: 'capability' };
  const opened = await repo.insertAccountIfAbsent(trx, {
    id,
    code,
    name_uk: `Цільові кошти фонду: ${what.uk} ${earmarkCode} (${currency})`,
    name_en: `Earmarked fund cash: ${what.en} ${earmarkCode} (${currency})`,
    type: 'asset',
    currency,
    credits_must_not_exceed_debits: true,
    owner_type: 'fund',
    earmark_type: earmarkType,
    earmark_code: earmarkCode,
    opened_at: new Date(),
  });
  if (opened) {
    await recordAudit(trx, actor, { action: 'fund.ledger.account_opened', targetType: 'ledger_account', targetId: id, details: { code, type: 'asset', currency, earmarkType, earmarkCode } });
    return (await repo.findAccount(trx, id))!;
  }
  const raced = await repo.findEarmarkAccount(trx, earmarkType, earmarkCode, currency);
  if (!raced) throw new AppError('conflict', `ledger account ${code} exists without the earmark ${earmarkType} ${earmarkCode}`);
  return raced;
}

/** Closes an account with nothing on it (zero balance, no reservation); it then takes no new postings. */
export async function closeAccount(db: Db, actor: AuditActor, id: string, version: number): Promise<TAccount> {
  return inTransaction(db, async (trx) => {
    const [row] = await repo.lockAccounts(trx, [id]);
    if (!row) throw new AppError('not_found', ACCOUNT_NOT_FOUND);
    if (row.version !== version) throw new AppError('conflict', { detail: `the account changed (version ${row.version}, you sent ${version}); read it again`, extra: { version: row.version } });
    if (row.closed_at) throw new AppError('conflict', `account ${row.code} is already closed`);
    const { balance } = balancesOf(row);
    if (balance !== 0n || row.debits_pending !== 0n || row.credits_pending !== 0n) {
      throw new AppError('conflict', { detail: `account ${row.code} still holds ${balance} minor units posted and ${row.debits_pending + row.credits_pending} pending; move them first`, extra: { account: row.code } });
    }
    await repo.closeAccount(trx, id, new Date());
    await recordAudit(trx, actor, { action: 'fund.ledger.account_closed', targetType: 'ledger_account', targetId: id, details: { code: row.code } });
    return presentAccount((await repo.findAccount(trx, id))!);
  });
}

/** A page of accounts with their balances. */
export async function listAccounts(db: Db, query: TAccountListQuery) {
  const { items, total } = await repo.listAccounts(db, { currency: query.currency, type: query.type }, query.limit, query.offset);
  return { items: items.map(presentAccount), total };
}

/** One account with its balances; 404 when there is none. */
export async function getAccount(db: Db, id: string): Promise<TAccount> {
  const row = await repo.findAccount(db, id);
  if (!row) throw new AppError('not_found', ACCOUNT_NOT_FOUND);
  return presentAccount(row);
}

/** An account's statement over a date range with the running balance (posted entries only). */
export async function accountStatement(db: Db, id: string, query: TStatementQuery): Promise<TStatement> {
  const row = await repo.findAccount(db, id);
  if (!row) throw new AppError('not_found', ACCOUNT_NOT_FOUND);
  if (query.from && query.to && query.from > query.to) throw invalid([{ field: 'querystring.to', message: 'must not be before from' }]);
  const sign = normalSide(row.type) === 'debit' ? 1 : -1;
  const result = await repo.statement(db, id, sign, query.from ?? null, query.to ?? null, query.limit, query.offset);
  return {
    account: presentAccount(row),
    from: query.from ?? null,
    to: query.to ?? null,
    openingBalance: money(result.opening),
    closingBalance: money(result.closing),
    total: Number(result.total),
    lines: result.lines.map((l) => ({
      entryId: l.entry_id,
      entrySeq: Number(l.entry_seq),
      effectiveDate: l.effective_date,
      description: l.description,
      referenceType: l.reference_type,
      referenceId: l.reference_id,
      direction: l.direction,
      amount: money(l.amount),
      balance: money(l.balance),
    })),
  };
}

/** The trial balance at a date: per currency, each account's posted debits and credits, and whether the currency balances. */
export async function trialBalance(db: Db, at: string = todayUtc()): Promise<TTrialBalance> {
  const rows = await repo.trialBalance(db, at);
  const currencies = new Map<string, TTrialBalance['currencies'][number] & { sumDebits: bigint; sumCredits: bigint }>();
  for (const row of rows) {
    let c = currencies.get(row.currency);
    if (!c) currencies.set(row.currency, (c = { currency: row.currency, debits: 0, credits: 0, balanced: true, accounts: [], sumDebits: 0n, sumCredits: 0n }));
    c.sumDebits += row.debits;
    c.sumCredits += row.credits;
    const balance = normalSide(row.type) === 'debit' ? row.debits - row.credits : row.credits - row.debits;
    c.accounts.push({ id: row.id, code: row.code, nameUk: row.name_uk, nameEn: row.name_en, type: row.type, debits: money(row.debits), credits: money(row.credits), balance: money(balance) });
  }
  const list = [...currencies.values()].map(({ sumDebits, sumCredits, ...c }) => ({ ...c, debits: money(sumDebits), credits: money(sumCredits), balanced: sumDebits === sumCredits }));
  return { at, balanced: list.every((c) => c.balanced), currencies: list };
}

/** The outcome of `verifyLedger`: counts, and each discrepancy as a readable line. */
export interface LedgerVerification {
  ok: boolean;
  accounts: number;
  entries: number;
  postings: number;
  problems: string[];
}

/**
 * Recomputes the ledger from its postings, set-based (a few aggregate queries, no row-by-row work):
 * every account's four running totals and flags, every entry's balance and currency, the zero sum per
 * currency, and every reversal against its original.
 */
export async function verifyLedger(db: Db, onProgress?: (done: number, total: number) => void): Promise<LedgerVerification> {
  const steps = 5;
  const counts = await repo.ledgerCounts(db);
  onProgress?.(1, steps);
  const problems: string[] = [];
  const accounts = await repo.accountTotalsFromPostings(db);
  const netByCurrency = new Map<string, { posted: bigint; pending: bigint }>();
  for (const a of accounts) {
    const net = netByCurrency.get(a.currency) ?? { posted: 0n, pending: 0n };
    net.posted += a.sum_debits_posted - a.sum_credits_posted;
    net.pending += a.sum_debits_pending - a.sum_credits_pending;
    netByCurrency.set(a.currency, net);
    const diffs: string[] = [];
    const check = (name: string, stored: bigint, computed: bigint) => {
      if (stored !== computed) diffs.push(`${name} is ${stored}, postings give ${computed}`);
    };
    check('debits_posted', a.debits_posted, a.sum_debits_posted);
    check('credits_posted', a.credits_posted, a.sum_credits_posted);
    check('debits_pending', a.debits_pending, a.sum_debits_pending);
    check('credits_pending', a.credits_pending, a.sum_credits_pending);
    if (a.debits_must_not_exceed_credits && a.sum_debits_posted + a.sum_debits_pending > a.sum_credits_posted) diffs.push('debits exceed credits against its flag');
    if (a.credits_must_not_exceed_debits && a.sum_credits_posted + a.sum_credits_pending > a.sum_debits_posted) diffs.push('credits exceed debits against its flag');
    if (diffs.length) problems.push(`account ${a.code}: ${diffs.join('; ')}`);
  }
  onProgress?.(2, steps);
  for (const e of await repo.unbalancedEntries(db)) {
    const why = e.postings < 2 ? `has ${e.postings} posting(s)` : e.foreign_postings > 0 ? `posts to ${e.foreign_postings} account(s) in another currency` : `debits ${e.debits} ≠ credits ${e.credits}`;
    problems.push(`entry ${e.entry_seq} (${e.id}): ${why}`);
  }
  onProgress?.(3, steps);
  // Every currency's postings sum to zero, posted and pending apart (debits positive, credits negative).
  for (const [currency, net] of netByCurrency) {
    if (net.posted !== 0n) problems.push(`currency ${currency} (posted entries): postings sum to ${net.posted}, not zero`);
    if (net.pending !== 0n) problems.push(`currency ${currency} (pending entries): postings sum to ${net.pending}, not zero`);
  }
  onProgress?.(4, steps);
  for (const r of await repo.badReversals(db)) problems.push(`reversal entry ${r.entry_seq} (${r.id}): ${r.problem}`);
  for (const b of await repo.earmarkBreaches(db)) problems.push(`entry ${b.entry_seq} (${b.id}): takes money from ${b.code}, earmarked for ${b.earmark_type} ${b.earmark_code}, without that purpose`);
  onProgress?.(5, steps);
  return { ok: problems.length === 0, ...counts, problems };
}

/** The public aggregate of the fund: money in by source and out by use, per currency, for a period. */
export async function publicSourcesAndUses(db: Db, from: string, to: string) {
  if (to < from) throw new AppError('validation_failed', { detail: 'to is before from', errors: [{ field: 'querystring.to', message: 'must not be before from' }] });
  const rows = await repo.sourcesAndUses(db, from, to);
  const present = (side: 'source' | 'use') => rows.filter((r) => r.side === side).map((r) => ({ currency: r.currency, category: r.category, amount: Number(r.amount) }));
  return { from, to, sources: present('source'), uses: present('use') };
}
