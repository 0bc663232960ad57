import { createHash, hash } from 'node:crypto';

/** The hash that precedes the first event of the log. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that its payload (and so its hash) covers. */
export interface AuditPayloadFields {
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

/** The payload text of an event: the canonical JSON of its fields. */
export function auditPayload(fields: AuditPayloadFields): string {
  return canonicalJson(fields);
}

/**
 * The chain hash of one event: SHA-256 of `<previous hash>\n<seq>\n<payload>`. Anyone holding the
 * published columns (seq, hash, payload) and the previous event's hash can recompute it with any SHA-256 tool. Node's
 * OpenSSL SHA-256 is used rather than a JS one because verification must check 200k events/s
 * (docs/decisions/0003-audit-log.md).
 */
export function chainHash(prevHash: string, seq: number, payload: string): string {
  return hash('sha256', `${prevHash}\n${seq}\n${payload}`, 'hex');
}

/** SHA-256 of bytes or text, as hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
