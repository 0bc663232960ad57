import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutSankey } from '../../web/src/sankey.ts';

// The Sankey chart on the public fund page is drawn from this geometry: nodes as tall as their
// money, bands as thick as their amount, on one scale, inside the drawing and never overlapping.

const nodes = [
  { id: 'source:donation', column: 0 },
  { id: 'source:budget', column: 0 },
  { id: 'general', column: 1 },
  { id: 'capability:uav', column: 1 },
  { id: 'unspent', column: 1 },
  { id: 'award:a', column: 2 },
  { id: 'award:b', column: 2 },
];
const links = [
  { source: 'source:donation', target: 'general', amount: 300 },
  { source: 'source:budget', target: 'capability:uav', amount: 100 },
  { source: 'source:donation', target: 'unspent', amount: 100 },
  { source: 'general', target: 'award:a', amount: 300 },
  { source: 'capability:uav', target: 'award:b', amount: 100 },
];

describe('Sankey layout', () => {
  it('makes heights and band widths proportional to the money, on one scale', () => {
    const layout = layoutSankey(nodes, links, { width: 800, last: (id) => id === 'unspent' });
    const node = (id: string) => layout.nodes.find((n) => n.node.id === id)!;
    const k = node('source:donation').height / 400;
    expect(node('source:budget').height).toBeCloseTo(100 * k);
    expect(node('award:a').height).toBeCloseTo(300 * k);
    for (const placed of layout.links) expect(placed.width).toBeCloseTo(Math.max(1, placed.link.amount * k));
    // Columns left to right across the width; "unspent" kept at the bottom of its column.
    expect(node('source:donation').x).toBe(0);
    expect(node('award:a').x).toBe(800 - 12);
    expect(node('unspent').y).toBeGreaterThan(node('general').y);
    expect(node('unspent').y).toBeGreaterThan(node('capability:uav').y);
    expect(node('award:a').labelSide).toBe('left');
    expect(node('general').labelSide).toBe('right');
  });

  it('leaves out links without money or with an unknown end, and nodes that carry nothing', () => {
    const layout = layoutSankey(
      [...nodes, { id: 'lonely', column: 1 }],
      [...links, { source: 'source:budget', target: 'nowhere', amount: 5 }, { source: 'source:budget', target: 'general', amount: 0 }],
      { width: 600 },
    );
    expect(layout.links).toHaveLength(links.length);
    expect(layout.nodes.map((n) => n.node.id)).not.toContain('lonely');
  });

  it('keeps every node inside the drawing and apart from its neighbours, whatever the flows', () => {
    const flow = fc.record({
      sources: fc.integer({ min: 1, max: 6 }),
      middles: fc.integer({ min: 1, max: 8 }),
      amounts: fc.array(fc.integer({ min: 1, max: 1_000_000_000_000 }), { minLength: 1, maxLength: 40 }),
      width: fc.integer({ min: 300, max: 1400 }),
    });
    fc.assert(
      fc.property(flow, ({ sources, middles, amounts, width }) => {
        const ns = [
          ...Array.from({ length: sources }, (_, i) => ({ id: `s${i}`, column: 0 })),
          ...Array.from({ length: middles }, (_, i) => ({ id: `m${i}`, column: 1 })),
        ];
        const ls = amounts.map((amount, i) => ({ source: `s${i % sources}`, target: `m${(i * 7) % middles}`, amount }));
        const layout = layoutSankey(ns, ls, { width });
        for (const column of [0, width - 12]) {
          const stacked = layout.nodes.filter((n) => n.x === column).sort((a, b) => a.y - b.y);
          for (const [i, n] of stacked.entries()) {
            expect(n.y).toBeGreaterThanOrEqual(0);
            expect(n.y + n.height).toBeLessThanOrEqual(layout.height + 1e-6);
            if (i > 0) expect(n.y).toBeGreaterThanOrEqual(stacked[i - 1].y + stacked[i - 1].height + 29.999);
          }
        }
        // A node's bands fill it exactly (within rounding of the path coordinates).
        for (const n of layout.nodes) {
          const out = layout.links.filter((l) => l.link.source === n.node.id).reduce((sum, l) => sum + l.link.amount, 0);
          if (out > 0) expect(Math.abs(out - n.outflow)).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
