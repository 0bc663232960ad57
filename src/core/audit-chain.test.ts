import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, chainHash } from './audit-chain.ts';

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
  const event = {
    seq: 1,
    id: '01900000-0000-7000-8000-000000000001',
    occurredAt: '2026-11-27T10:00:00.000Z',
    actorId: null,
    actorLabel: 'system',
    action: 'test.created',
    targetType: 'thing',
    targetId: 'x',
    requestId: null,
    details: { a: 1 },
  };

  it('changes when any field or the previous hash changes', () => {
    const base = chainHash(GENESIS_HASH, event);
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash('1'.repeat(64), event)).not.toBe(base);
    for (const [key, value] of Object.entries({ seq: 2, action: 'test.deleted', actorLabel: 'x', details: { a: 2 }, targetId: null })) {
      expect(chainHash(GENESIS_HASH, { ...event, [key]: value })).not.toBe(base);
    }
    expect(chainHash(GENESIS_HASH, { ...event })).toBe(base);
  });
});
