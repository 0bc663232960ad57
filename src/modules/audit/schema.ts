import { z } from 'zod';
import { zFilterText } from '../../core/schemas.ts';

export const ZAuditEvent = z
  .object({
    seq: z.number().int(),
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    actorId: z.uuid().nullable(),
    actorLabel: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    requestId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    payload: z.string().describe('the canonical JSON the hash covers: hash = SHA-256(prevHash + "\\n" + seq + "\\n" + payload)'),
    prevHash: z.string().describe('the hash of the event before (zeros for the first)'),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

const zSeq = z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

export const ZAuditEventQuery = z.strictObject({
  action: zFilterText(100),
  actorId: z.uuid().optional(),
  targetType: zFilterText(100),
  targetId: zFilterText(200),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  before: zSeq.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const ZAuditEventPage = z.object({ items: z.array(ZAuditEvent), nextBefore: z.number().int().nullable() });

export const ZCheckpoint = z
  .object({
    seq: z.number().int(),
    fromSeq: z.number().int(),
    headHash: z.string(),
    rangeDigest: z.string(),
    signedAt: z.iso.datetime(),
    keyId: z.string(),
    publicKey: z.string().optional().describe('the signing key (in lists, the page-level publicKey for keyId)'),
    signature: z.string(),
  })
  .meta({ id: 'AuditCheckpoint' });

export const ZCheckpointQuery = z.strictObject({
  before: zSeq.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(10),
});

export const ZCheckpointPage = z.object({
  items: z.array(ZCheckpoint),
  publicKey: z.string(),
  keyId: z.string(),
  nextBefore: z.number().int().nullable(),
});

export const ZAuditHead = z.object({ seq: z.number().int(), hash: z.string() });
