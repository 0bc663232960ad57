import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { GENESIS_HASH, auditPayload, canonicalJson, chainHash } from './audit-chain.ts';

function shuffleKeys(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    entries.sort((a, b) => ((a[0].length * 31 + seed) % 7) - ((b[0].length * 31 + seed) % 7) || (seed % 2 ? 1 : -1));
    return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
  }
  return value;
}

describe('canonical JSON', () => {
  it('sorts keys and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 1, y: 2 } })).toBe('{"a":[true,null,"x"],"b":1,"d":{"y":2,"z":1}}');
  });

  it('gives the same text whatever the key order (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 1000 }), (value, seed) => {
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it('round-trips through JSON.parse to the same text (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('chain hash', () => {
  const payload = auditPayload({
    id: '01900000-0000-7000-8000-000000000001',
    occurredAt: '2026-11-27T10:00:00.000Z',
    actorId: null,
    actorLabel: 'system',
    action: 'test.created',
    targetType: 'thing',
    targetId: 'x',
    requestId: null,
    details: { b: 1, a: 2 },
  });

  it('is SHA-256 of previous hash, sequence number and payload, as documented', () => {
    expect(payload).toBe(
      '{"action":"test.created","actorId":null,"actorLabel":"system","details":{"a":2,"b":1},"id":"01900000-0000-7000-8000-000000000001","occurredAt":"2026-11-27T10:00:00.000Z","requestId":null,"targetId":"x","targetType":"thing"}',
    );
    expect(chainHash(GENESIS_HASH, 1, payload)).toBe(createHash('sha256').update(`${GENESIS_HASH}\n1\n${payload}`).digest('hex'));
  });

  it('changes when the previous hash, the sequence number or the payload changes', () => {
    const base = chainHash(GENESIS_HASH, 1, payload);
    expect(chainHash('1'.repeat(64), 1, payload)).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 2, payload)).not.toBe(base);
    expect(chainHash(GENESIS_HASH, 1, payload.replace('test.created', 'test.deleted'))).not.toBe(base);
  });
});
