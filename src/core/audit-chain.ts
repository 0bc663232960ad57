import { createHash } from 'node:crypto';

/** The hash that precedes the first event of the log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its hash covers. */
export interface ChainedEventFields {
  seq: number;
  id: string;
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  details: unknown;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no white space, `undefined` members
 * dropped (as RFC 8785 does for the values the platform stores). The same value always gives the
 * same text, whichever order its keys were built or stored in (jsonb reorders them).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return JSON.stringify(value.toString());
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
}

/**
 * The chain hash of one event: SHA-256 over the previous hash and the event's canonical JSON. Node's
 * OpenSSL SHA-256 is used rather than a JS one because verification must check 200k events/s
 * (docs/decisions/0003-audit-log.md).
 */
export function chainHash(prevHash: string, event: ChainedEventFields): string {
  const payload = canonicalJson({
    seq: event.seq,
    id: event.id,
    occurredAt: event.occurredAt,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    requestId: event.requestId,
    details: event.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(payload).digest('hex');
}

/** SHA-256 of bytes or text, as hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
