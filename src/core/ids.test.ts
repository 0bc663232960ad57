import { describe, expect, it } from 'vitest';
import { randomToken, uuidv7 } from './ids.ts';

describe('ids', () => {
  it('makes RFC 9562 version-7 UUIDs in creation order, all different', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7());
    for (const id of ids.slice(0, 20)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const at = Date.now() + 60_000;
    expect(parseInt(uuidv7(at).replaceAll('-', '').slice(0, 12), 16)).toBe(at);
    // More than 4096 ids in one millisecond still come out in order.
    const burst = Array.from({ length: 6000 }, () => uuidv7(at));
    expect([...burst].sort()).toEqual(burst);
  });

  it('makes URL-safe tokens with the asked entropy', () => {
    expect(Buffer.from(randomToken(32), 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(randomToken());
  });
});
