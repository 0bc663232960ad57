import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely, Selectable, Transaction } from 'kysely';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { AuthContext } from '../../core/access.ts';
import { AppError } from '../../core/errors.ts';
import type { AppDeps } from '../../core/http.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Database, EmailOutboxTable } from '../../db/schema.ts';
import { notificationScope } from './policy.ts';
import * as repo from './repo.ts';
import type { EmailMessage, TNotification } from './schema.ts';

/** Messages one delivery run handles at most (the timer or the next commit picks up the rest). */
export const DELIVERY_BATCH = 50;
/** After this many failed attempts a message stays undelivered, with its last error, for an operator. */
export const MAX_DELIVERY_ATTEMPTS = 10;

type Deps = Pick<AppDeps, 'db' | 'config'>;
type OutboxRow = Selectable<EmailOutboxTable>;

// A header must never carry a line break (header injection); the body may.
const singleLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

/**
 * Puts one e-mail in the outbox, in the caller's transaction: a change that rolls back sends
 * nothing, and a committed change is delivered even if the process stops right after the commit.
 */
export async function enqueueEmail(trx: Transaction<Database>, message: EmailMessage): Promise<string> {
  const id = uuidv7();
  await repo.insertMessages(trx, [{ id, organization_id: message.organizationId, to_address: singleLine(message.to), subject: singleLine(message.subject), body: message.body, created_at: new Date(), attempts: 0 }]);
  return id;
}

/** Puts one e-mail per active user of the organization in the outbox (caller's transaction); the number queued. */
export async function enqueueOrganizationEmail(trx: Transaction<Database>, message: { organizationId: string; subject: string; body: string }): Promise<number> {
  const addresses = await repo.activeUserAddresses(trx, message.organizationId);
  const now = new Date();
  await repo.insertMessages(
    trx,
    addresses.map((to) => ({ id: uuidv7(), organization_id: message.organizationId, to_address: singleLine(to), subject: singleLine(message.subject), body: message.body, created_at: now, attempts: 0 })),
  );
  return addresses.length;
}

// One transport per SMTP URL, reused across runs (nodemailer keeps no connection open between sends
// unless pooled; the object itself is cheap but holds the parsed options).
const smtpTransports = new Map<string, Transporter>();

function smtpTransport(url: string): Transporter {
  let transport = smtpTransports.get(url);
  if (!transport) {
    // Bounded waits: a message is delivered while its outbox row is locked, so a hung server must not
    // hold the lock (and, on PGlite, the only connection) for long.
    transport = nodemailer.createTransport(new SMTPTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }));
    smtpTransports.set(url, transport);
  }
  return transport;
}

// Builds the RFC 5322 text of a message (MIME-encoded headers for Cyrillic, CRLF line ends) without sending it.
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

function messageDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'adi.localhost';
}

function mailOptions(config: Deps['config'], row: Pick<OutboxRow, 'id' | 'to_address' | 'subject' | 'body' | 'created_at'>): SendMailOptions {
  return {
    from: config.mailFrom,
    to: row.to_address,
    subject: row.subject,
    text: row.body,
    date: row.created_at,
    messageId: `<${row.id}@${messageDomain(config.mailFrom)}>`,
  };
}

async function deliver(config: Deps['config'], row: Pick<OutboxRow, 'id' | 'to_address' | 'subject' | 'body' | 'created_at'>): Promise<'smtp' | 'file'> {
  if (config.smtpUrl) {
    await smtpTransport(config.smtpUrl).sendMail(mailOptions(config, row));
    return 'smtp';
  }
  const info = await composer.sendMail(mailOptions(config, row));
  const folder = path.join(config.dataDir, 'outbox');
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  // Write then rename, so a reader of the folder never sees half a message.
  const file = path.join(folder, `${row.id}.eml`);
  await fs.writeFile(`${file}.tmp`, info.message as Buffer, { mode: 0o600 });
  await fs.rename(`${file}.tmp`, file);
  return 'file';
}

/**
 * Delivers up to DELIVERY_BATCH undelivered messages: by SMTP when ADI_SMTP_URL is set, else as
 * `.eml` files in `<data dir>/outbox`. Each message is claimed with FOR UPDATE SKIP LOCKED in its own
 * short transaction, so several nodes never deliver the same message and a slow mail server holds
 * one row, not a batch (on PGlite a transaction holds the only connection). Delivery is at least
 * once: a crash between sending and the commit sends that message again on the next run.
 */
export async function deliverPendingEmails(deps: Deps): Promise<{ delivered: number; failed: number }> {
  const tried: string[] = [];
  let delivered = 0;
  let failed = 0;
  while (tried.length < DELIVERY_BATCH) {
    const outcome = await deps.db.transaction().execute(async (trx) => {
      const row = await repo.claimNextPending(trx, MAX_DELIVERY_ATTEMPTS, tried);
      if (!row) return 'none' as const;
      tried.push(row.id);
      try {
        const how = await deliver(deps.config, row);
        await repo.markDelivered(trx, row.id, how, new Date());
        return 'delivered' as const;
      } catch (error) {
        await repo.markFailed(trx, row.id, String((error as Error)?.message ?? error).slice(0, 1000));
        return 'failed' as const;
      }
    });
    if (outcome === 'none') break;
    if (outcome === 'delivered') delivered += 1;
    else failed += 1;
  }
  return { delivered, failed };
}

// Runs in progress per database, so commits in quick succession start one run (and one more after
// it for what arrived meanwhile), not one each.
const runs = new WeakMap<object, { done: Promise<void>; again: boolean }>();

/**
 * Starts delivery in the background (after a commit, or from the timer) and returns at once;
 * failures are logged, never thrown to the caller whose change already committed.
 */
export function deliverInBackground(deps: Deps, log: Pick<FastifyBaseLogger, 'error' | 'warn'>): void {
  const running = runs.get(deps.db);
  if (running) {
    running.again = true;
    return;
  }
  const state = { done: Promise.resolve(), again: true };
  state.done = (async () => {
    try {
      while (state.again) {
        state.again = false;
        const { failed } = await deliverPendingEmails(deps);
        if (failed > 0) log.warn({ failed }, 'some e-mails could not be delivered; they are retried later');
      }
    } catch (error) {
      log.error({ err: error }, 'e-mail delivery failed');
    } finally {
      runs.delete(deps.db);
    }
  })();
  runs.set(deps.db, state);
}

/** Settles when the background delivery run of this database (if any) has finished (for shutdown and tests). */
export async function settleBackgroundDelivery(db: Kysely<Database>): Promise<void> {
  await runs.get(db)?.done;
}

function present(row: OutboxRow, staff: boolean): TNotification {
  return {
    id: row.id,
    organizationId: row.organization_id,
    to: row.to_address,
    subject: row.subject,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    delivery: row.delivery,
    attempts: row.attempts,
    lastError: staff ? row.last_error : null,
  };
}

/** Notifications the caller may read, newest first: staff all (or one organization's), a company user its own organization's. */
export async function listNotifications(db: Kysely<Database>, auth: AuthContext, query: { organizationId?: string; limit: number; offset: number }) {
  const { limit, offset } = query;
  const scope = notificationScope(auth);
  if (scope === 'none') return { items: [], total: 0, limit, offset };
  // Asking for another company's messages is answered as if that organization did not exist.
  if (scope !== null && query.organizationId !== undefined && query.organizationId !== scope) throw new AppError('not_found', 'no such organization');
  const { items, total } = await repo.listMessages(db, { organizationId: scope ?? query.organizationId }, limit, offset);
  return { items: items.map((row) => present(row, scope === null)), total, limit, offset };
}
