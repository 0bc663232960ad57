import type { Kysely } from 'kysely';
import type { AuthContext } from '../../core/access.ts';
import { AppError, type FieldError } from '../../core/errors.ts';
import { inTransaction } from '../../core/idempotency.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database } from '../../db/schema.ts';
import { type AuditActor, recordAudit } from '../audit/service.ts';
import { listCapabilities } from '../registry/service.ts';
import { registryPartyExists } from './assets-service.ts';
import * as repo from './donations-repo.ts';
import type { TCreateDonation, TDonation, TDonationListQuery } from './donations-schema.ts';
import { createEntry, earmarkedCashAccount, todayUtc } from './service.ts';

type Db = Kysely<Database>;

function present(row: repo.DonationRow): TDonation {
  return {
    id: row.id,
    donor: { kind: row.donor_kind, name: row.donor_name, registryId: row.donor_registry_id },
    amount: Number(row.amount),
    currency: row.currency,
    date: row.donated_on,
    earmark: { type: row.earmark_type, code: row.earmark_code },
    agreementDocumentId: row.agreement_document_id,
    ledgerEntryId: row.ledger_entry_id,
    recordedBy: row.created_by,
    recordedAt: row.created_at.toISOString(),
  };
}

/** A page of donations filtered by currency, donor kind, earmark type and date range. */
export async function listDonations(db: Db, query: TDonationListQuery) {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('validation_failed', { detail: 'querystring.to: must not be before from', errors: [{ field: 'querystring.to', message: 'must not be before from' }] });
  }
  const { items, total } = await repo.listDonations(db, query, query.limit, query.offset);
  return { items: items.map(present), total };
}

/** One donation; 404 when there is none. */
export async function getDonation(db: Db, id: string): Promise<TDonation> {
  const row = await repo.findDonation(db, id);
  if (!row) throw new AppError('not_found', 'no such donation');
  return present(row);
}

/**
 * Records a donation and books it in the same transaction: debit the fund bank account, credit the
 * donations income account of its currency, reference `donation`/donation id, effective on its date.
 * A capability earmark must be a code of the registry's capability list; a registry id must name an
 * organization or person of the donor's kind.
 */
export async function recordDonation(db: Db, auth: AuthContext, actor: AuditActor, input: TCreateDonation, requestKey?: string): Promise<TDonation> {
  const errors: FieldError[] = [];
  if (input.date > todayUtc()) errors.push({ field: 'body.date', message: 'must not be in the future' });
  if (input.date < '2000-01-01') errors.push({ field: 'body.date', message: 'must not be before 2000 (the ledger books from 2000)' });
  const { donor, earmark } = input;
  if (donor.registryId) {
    if (donor.kind === 'state') errors.push({ field: 'body.donor.registryId', message: 'a state donor has no registry id' });
    else if (!(await registryPartyExists(db, auth, donor.kind === 'person' ? 'person' : 'organization', donor.registryId))) {
      errors.push({ field: 'body.donor.registryId', message: `is not a ${donor.kind} in the registry` });
    }
  }
  if (earmark.type === 'capability' && !(await listCapabilities(db)).some((c) => c.code === earmark.code)) {
    errors.push({ field: 'body.earmark.code', message: 'is not a capability category of the registry' });
  }
  if (errors.length) throw new AppError('validation_failed', { detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
  const earmarkCode = earmark.type === 'none' ? null : earmark.code;
  return inTransaction(db, async (trx) => {
    const id = uuidv7();
    // Earmarked money is held apart, in the earmark's own cash account, so the ledger can refuse to
    // spend it on anything else (docs/decisions/0009-fund-earmarks-and-tracing.md).
    const cashAccount = earmark.type === 'none' ? `1000.${input.currency}.fund` : (await earmarkedCashAccount(trx, actor, earmark.type, earmark.code, input.currency)).code;
    const booked = await createEntry(trx, actor, {
      currency: input.currency,
      description: `Donation from ${donor.name}${earmarkCode ? ` (earmarked ${earmark.type} ${earmarkCode})` : ''}`.slice(0, 500),
      referenceType: 'donation',
      referenceId: id,
      effectiveDate: input.date,
      // Keyed by the request's Idempotency-Key when there is one: the HTTP answer is kept for a day,
      // the key on the entry for ever, so a late retry is refused (409) instead of booking twice.
      clientKey: requestKey ? `donation:${requestKey}` : `donation:${id}`,
      postings: [
        { account: cashAccount, direction: 'debit', amount: input.amount },
        { account: `4100.${input.currency}.donations`, direction: 'credit', amount: input.amount },
      ],
    });
    const now = new Date();
    await repo.insertDonation(trx, {
      id,
      donor_kind: donor.kind,
      donor_name: donor.name,
      donor_registry_id: donor.registryId ?? null,
      amount: BigInt(input.amount),
      currency: input.currency,
      donated_on: input.date,
      earmark_type: earmark.type,
      earmark_code: earmarkCode,
      agreement_document_id: input.agreementDocumentId ?? null,
      ledger_entry_id: booked.entry.id,
      created_by: actor.actorLabel,
      created_at: now,
    });
    await recordAudit(trx, actor, {
      action: 'fund.donation.recorded',
      targetType: 'fund_donation',
      targetId: id,
      details: { donorKind: donor.kind, amount: input.amount, currency: input.currency, earmark: earmark.type, ...(earmarkCode ? { earmarkCode } : {}), ledgerEntryId: booked.entry.id },
    });
    return present((await repo.findDonation(trx, id))!);
  });
}
