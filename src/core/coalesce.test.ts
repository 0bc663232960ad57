import { describe, expect, it } from 'vitest';
import { ReadCoalescer } from './coalesce.ts';

describe('read coalescing', () => {
  it('shares one read among callers of the same turn, and starts a new read after it began', async () => {
    const coalescer = new ReadCoalescer<number>();
    let reads = 0;
    const load = async () => ++reads;
    const first = await Promise.all([coalescer.read('a', load), coalescer.read('a', load), coalescer.read('a', load)]);
    expect(first).toEqual([1, 1, 1]);
    expect(await coalescer.read('a', load)).toBe(2);
    const [x, y] = await Promise.all([coalescer.read('x', load), coalescer.read('y', load)]);
    expect(new Set([x, y]).size).toBe(2);
  });

  it('passes a failure to every waiting caller and recovers', async () => {
    const coalescer = new ReadCoalescer<number>();
    const failing = Promise.allSettled([coalescer.read('k', async () => Promise.reject(new Error('down'))), coalescer.read('k', async () => 1)]);
    expect((await failing).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await coalescer.read('k', async () => 7)).toBe(7);
  });
});
