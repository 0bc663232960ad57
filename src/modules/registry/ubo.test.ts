import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BENEFICIAL_OWNER_THRESHOLD_PPM,
  computeUltimateBeneficialOwners,
  ppmToPercentString,
  sharePercentToPpm,
  type OwnershipEdge,
  type UboResult,
} from './ubo.ts';

let nextEdge = 0;
function person(ownerId: string, ownedId: string, sharePpm: number | null, control = false): OwnershipEdge {
  nextEdge += 1;
  return { id: `e${nextEdge}`, ownerKind: 'person', ownerId, ownedId, sharePpm, control };
}
function company(ownerId: string, ownedId: string, sharePpm: number | null, control = false): OwnershipEdge {
  nextEdge += 1;
  return { id: `e${nextEdge}`, ownerKind: 'organization', ownerId, ownedId, sharePpm, control };
}

function ownerOf(result: UboResult, personId: string) {
  const owner = result.owners.find((o) => o.personId === personId);
  if (owner === undefined) throw new Error(`${personId} is not among the owners`);
  return owner;
}

describe('computeUltimateBeneficialOwners: hand-worked cases', () => {
  it('a direct 30 % owner is a beneficial owner by share', () => {
    const edge = person('alice', 'T', 300_000);
    const result = computeUltimateBeneficialOwners('T', [edge]);
    expect(result).toEqual({
      targetId: 'T',
      owners: [
        {
          personId: 'alice',
          effectiveSharePpm: 300_000,
          effectiveShareExact: '30',
          control: false,
          isBeneficialOwner: true,
          reasons: ['share'],
          paths: [{ edgeIds: [edge.id], organizationIds: ['T'], sharePpmExact: '300000', sharePercentExact: '30' }],
        },
      ],
      unresolvedOrganizations: [],
      cycles: [],
      truncated: false,
    });
  });

  it('24.99 % is below the threshold and 25 % exactly is on it', () => {
    const result = computeUltimateBeneficialOwners('T', [person('bob', 'T', 249_900), person('alice', 'T', 250_000)]);
    // Sorted by share, the larger first.
    expect(result.owners.map((o) => [o.personId, o.effectiveShareExact, o.isBeneficialOwner])).toEqual([
      ['alice', '25', true],
      ['bob', '24.99', false],
    ]);
    expect(ownerOf(result, 'bob').reasons).toEqual([]);
  });

  it('60 % of a holding that holds 50 % of the target is 30 %', () => {
    // 600000 · 500000 / 10^12 = 0.30 → 300000 ppm.
    const top = person('alice', 'H', 600_000);
    const mid = company('H', 'T', 500_000);
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [top, mid]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: 300_000, effectiveShareExact: '30', isBeneficialOwner: true, reasons: ['share'] });
    // 60 % of H is a majority, but H's 50 % of T is not: no control through this chain.
    expect(owner.control).toBe(false);
    expect(owner.paths).toEqual([{ edgeIds: [top.id, mid.id], organizationIds: ['H', 'T'], sharePpmExact: '300000', sharePercentExact: '30' }]);
  });

  it('adds parallel paths: 15 % directly and 30 % × 40 % through a holding make 27 %', () => {
    // 150000 + 300000 · 400000 / 10^6 = 150000 + 120000 = 270000 ppm.
    const result = computeUltimateBeneficialOwners('T', [person('alice', 'T', 150_000), person('alice', 'H', 300_000), company('H', 'T', 400_000)]);
    const owner = ownerOf(result, 'alice');
    expect(owner.effectiveSharePpm).toBe(270_000);
    expect(owner.effectiveShareExact).toBe('27');
    expect(owner.isBeneficialOwner).toBe(true);
    expect(owner.paths.map((p) => p.sharePpmExact).sort()).toEqual(['120000', '150000']);
  });

  it('50 % × 50 % is exactly 25 % and counts', () => {
    // 500000 · 500000 / 10^12 = 0.25 exactly.
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 500_000), company('H', 'T', 500_000)]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: BENEFICIAL_OWNER_THRESHOLD_PPM, effectiveShareExact: '25', isBeneficialOwner: true });
  });

  it('49.99 % × 50.01 % is just below 25 %', () => {
    // 499900 · 500100 = 249 999 990 000 → 0.24999999 = 24.999999 % = 249999.99 ppm, shown rounded down.
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 499_900), company('H', 'T', 500_100)]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: 249_999, effectiveShareExact: '24.999999', isBeneficialOwner: false, reasons: [] });
    expect(owner.paths[0].sharePpmExact).toBe('249999.99');
  });

  it('a control-only link makes a beneficial owner by control with no share', () => {
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('carol', 'T', null, true)]), 'carol');
    expect(owner).toMatchObject({
      effectiveSharePpm: 0,
      effectiveShareExact: '0',
      control: true,
      isBeneficialOwner: true,
      reasons: ['control'],
    });
    expect(owner.paths[0].sharePpmExact).toBe('0');
  });

  it('a control-only link anywhere on a path makes that path worth no share', () => {
    // alice → H 80 %, H → T control only: 0 share through H; plus 10 % directly.
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 800_000), company('H', 'T', null, true), person('alice', 'T', 100_000)]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: 100_000, control: true, reasons: ['control'] });
  });

  it('controls through a majority chain: 60 % of a holding that has control of the target', () => {
    // Share: 600000 · 100000 / 10^6 = 60000 ppm = 6 %; control: 60 % > 50 %, then control = true.
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 600_000), company('H', 'T', 100_000, true)]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: 60_000, effectiveShareExact: '6', control: true, isBeneficialOwner: true, reasons: ['control'] });
  });

  it('50 % exactly is not a majority for control', () => {
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 500_000), company('H', 'T', 100_000, true)]), 'alice');
    expect(owner).toMatchObject({ control: false, isBeneficialOwner: false });
  });

  it('a majority share all the way down is control, and both reasons are given', () => {
    // 510000 · 510000 / 10^6 = 260100 ppm = 26.01 %.
    const owner = ownerOf(computeUltimateBeneficialOwners('T', [person('alice', 'H', 510_000), company('H', 'T', 510_000)]), 'alice');
    expect(owner).toMatchObject({ effectiveSharePpm: 260_100, effectiveShareExact: '26.01', control: true, reasons: ['share', 'control'] });
  });

  it('reports a two-company cycle once, even when reached twice, and still gives finite shares', () => {
    // T ← A 100 %, T ← B 10 %; A ← B 50 %; B ← A 40 % (the ring); B ← dave 60 %.
    // dave: T←A←B←dave = 1 · 0.5 · 0.6 = 0.30; T←B←dave = 0.1 · 0.6 = 0.06; total 0.36.
    const result = computeUltimateBeneficialOwners('T', [
      company('A', 'T', 1_000_000),
      company('B', 'T', 100_000),
      company('B', 'A', 500_000),
      company('A', 'B', 400_000),
      person('dave', 'B', 600_000),
    ]);
    expect(result.cycles).toEqual([['A', 'B']]);
    expect(ownerOf(result, 'dave').effectiveSharePpm).toBe(360_000);
    expect(result.truncated).toBe(false);
  });

  it('reports a three-company cycle in ownership order', () => {
    // A owns B owns C owns A, each 50 %; A owns all of T; erin owns 50 % of B.
    // erin: T←A←C←B←erin = 1 · 0.5 · 0.5 · 0.5 = 0.125 = 12.5 %.
    const result = computeUltimateBeneficialOwners('T', [
      company('A', 'T', 1_000_000),
      company('C', 'A', 500_000),
      company('B', 'C', 500_000),
      company('A', 'B', 500_000),
      person('erin', 'B', 500_000),
    ]);
    expect(result.cycles).toEqual([['A', 'B', 'C']]);
    expect(ownerOf(result, 'erin').effectiveShareExact).toBe('12.5');
  });

  it('reports self-ownership (treasury shares) once', () => {
    const result = computeUltimateBeneficialOwners('T', [company('T', 'T', 100_000), person('frank', 'T', 900_000), company('H', 'T', 0), company('H', 'H', 50_000)]);
    expect(result.cycles).toEqual([['H'], ['T']]);
    expect(ownerOf(result, 'frank').effectiveShareExact).toBe('90');
  });

  it('lists organizations where the chain stops', () => {
    // ListedCo holds 40 % of H and has no declared owners; the target itself has owners.
    const result = computeUltimateBeneficialOwners('T', [company('H', 'T', 700_000), company('ListedCo', 'H', 400_000), person('gina', 'H', 600_000), person('hugo', 'T', 300_000)]);
    expect(result.unresolvedOrganizations).toEqual(['ListedCo']);
    // gina: 0.6 · 0.7 = 0.42.
    expect(result.owners.map((o) => [o.personId, o.effectiveShareExact])).toEqual([
      ['gina', '42'],
      ['hugo', '30'],
    ]);
  });

  it('lists the target itself when it has no recorded owners, and ignores links elsewhere', () => {
    const result = computeUltimateBeneficialOwners('T', [person('ivan', 'Other', 1_000_000)]);
    expect(result).toEqual({ targetId: 'T', owners: [], unresolvedOrganizations: ['T'], cycles: [], truncated: false });
  });

  it('orders equal shares by person id', () => {
    const result = computeUltimateBeneficialOwners('T', [person('zoe', 'T', 100_000), person('adam', 'T', 100_000), person('mia', 'T', 200_000)]);
    expect(result.owners.map((o) => o.personId)).toEqual(['mia', 'adam', 'zoe']);
  });

  it('keeps 12 decimals of a percentage, rounded down', () => {
    // Three links of 33.3333 %: 333333³ = 37036925926037037, over 10^18 = 0.037036925926037037,
    // so 3.7036925926037037 % (16 decimals, 12 kept) and 37036.925926037037 ppm (exact, all kept).
    const owner = ownerOf(
      computeUltimateBeneficialOwners('T', [person('jan', 'B', 333_333), company('B', 'A', 333_333), company('A', 'T', 333_333)]),
      'jan',
    );
    expect(owner.effectiveShareExact).toBe('3.703692592603');
    expect(owner.effectiveSharePpm).toBe(37_036);
    expect(owner.paths[0].sharePpmExact).toBe('37036.925926037037');
  });

  it('walks a six-level chain', () => {
    const edges = [person('kim', 'L5', 900_000)];
    for (let level = 5; level > 0; level--) edges.push(company(`L${level}`, `L${level - 1}`, 900_000));
    // 0.9^6 = 0.531441.
    const owner = ownerOf(computeUltimateBeneficialOwners('L0', edges), 'kim');
    expect(owner).toMatchObject({ effectiveSharePpm: 531_441, control: true, isBeneficialOwner: true });
    expect(owner.paths[0].organizationIds).toEqual(['L5', 'L4', 'L3', 'L2', 'L1', 'L0']);
  });

  it('stops at maxDepth and says the result is truncated', () => {
    const edges = [person('kim', 'L5', 900_000)];
    for (let level = 5; level > 0; level--) edges.push(company(`L${level}`, `L${level - 1}`, 900_000));
    const result = computeUltimateBeneficialOwners('L0', edges, { maxDepth: 3 });
    expect(result.truncated).toBe(true);
    expect(result.owners).toEqual([]);
    expect(computeUltimateBeneficialOwners('L0', edges, { maxDepth: 6 }).truncated).toBe(false);
  });

  it('stops at maxPaths on a graph whose paths multiply, and what it returns is still sane', () => {
    // 12 layers of 5 companies, each owning 20 % of every company in the layer below: 5^12 paths.
    // Every company's owners hold 100 % in total, so no person can exceed 100 %.
    const edges: OwnershipEdge[] = [];
    const layer = (l: number, i: number) => (l === 0 ? 'T' : `L${l}-${i}`);
    for (let l = 1; l <= 12; l++) {
      for (let i = 0; i < 5; i++) {
        for (let j = 0; j < (l === 1 ? 1 : 5); j++) edges.push(company(layer(l, i), layer(l - 1, j), 200_000));
      }
    }
    for (let i = 0; i < 5; i++) edges.push(person(`p${i}`, layer(12, i), 1_000_000));
    const result = computeUltimateBeneficialOwners('T', edges, { maxPaths: 20_000 });
    expect(result.truncated).toBe(true);
    for (const owner of result.owners) expect(owner.effectiveSharePpm).toBeLessThanOrEqual(1_000_000);
    expect(result.unresolvedOrganizations).toEqual([]);
  });

  it('refuses impossible shares and limits', () => {
    expect(() => computeUltimateBeneficialOwners('T', [person('a', 'T', 1_000_001)])).toThrow(RangeError);
    expect(() => computeUltimateBeneficialOwners('T', [person('a', 'T', 0.5)])).toThrow(RangeError);
    expect(() => computeUltimateBeneficialOwners('T', [person('a', 'T', -1)])).toThrow(RangeError);
    expect(() => computeUltimateBeneficialOwners('T', [], { maxPaths: 0 })).toThrow(RangeError);
    expect(() => computeUltimateBeneficialOwners('T', [], { maxDepth: 1.5 })).toThrow(RangeError);
  });
});

describe('sharePercentToPpm and ppmToPercentString', () => {
  it('converts both ways', () => {
    expect(sharePercentToPpm(25)).toBe(250_000);
    expect(sharePercentToPpm(24.99)).toBe(249_900);
    expect(sharePercentToPpm(33.3333)).toBe(333_333);
    expect(sharePercentToPpm(0.0001)).toBe(1);
    expect(sharePercentToPpm(0.00004)).toBe(0);
    expect(sharePercentToPpm(100)).toBe(1_000_000);
    expect(sharePercentToPpm(0)).toBe(0);
    expect(ppmToPercentString(250_000)).toBe('25');
    expect(ppmToPercentString(249_900)).toBe('24.99');
    expect(ppmToPercentString(1)).toBe('0.0001');
    expect(ppmToPercentString(0)).toBe('0');
    expect(ppmToPercentString(1_000_000)).toBe('100');
    expect(ppmToPercentString(333_333)).toBe('33.3333');
  });

  it('refuses what is not a share', () => {
    for (const bad of [Number.NaN, -0.0001, 100.0001, Number.POSITIVE_INFINITY]) expect(() => sharePercentToPpm(bad)).toThrow(RangeError);
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => ppmToPercentString(bad)).toThrow(RangeError);
  });

  it('round-trips every ppm value (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (ppm) => {
        expect(sharePercentToPpm(Number(ppmToPercentString(ppm)))).toBe(ppm);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- property tests -------------------------------------------------------------------------

interface GraphSpec {
  organizations: number;
  people: number;
  links: Array<{ owner: number; owned: number; share: number | null; control: boolean }>;
}

/** Random ownership graphs with arbitrary cycles; owner indexes below `organizations` are companies. */
function graphs(maxOrganizations: number, maxLinks: number) {
  return fc
    .record({ organizations: fc.integer({ min: 1, max: maxOrganizations }), people: fc.integer({ min: 1, max: 6 }) })
    .chain(({ organizations, people }) =>
      fc.record({
        organizations: fc.constant(organizations),
        people: fc.constant(people),
        links: fc.array(
          fc.record({
            owner: fc.integer({ min: 0, max: organizations + people - 1 }),
            owned: fc.integer({ min: 0, max: organizations - 1 }),
            share: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { freq: 4 }),
            control: fc.boolean(),
          }),
          { maxLength: maxLinks, size: 'max' },
        ),
      }),
    );
}

/** Builds edges from a spec, scaling each company's incoming shares so they sum to at most 100 %. */
function toEdges(spec: GraphSpec): OwnershipEdge[] {
  const incoming = new Map<number, number>();
  for (const link of spec.links) incoming.set(link.owned, (incoming.get(link.owned) ?? 0) + (link.share ?? 0));
  return spec.links.map((link, index) => {
    const total = incoming.get(link.owned) ?? 0;
    const share = link.share === null ? null : total > 1_000_000 ? Math.floor((link.share * 1_000_000) / total) : link.share;
    const isCompany = link.owner < spec.organizations;
    return {
      id: `e${index}`,
      ownerKind: isCompany ? 'organization' : 'person',
      ownerId: isCompany ? `o${link.owner}` : `p${link.owner - spec.organizations}`,
      ownedId: `o${link.owned}`,
      sharePpm: share,
      control: link.control,
    };
  });
}

/**
 * Independent enumeration: from every person link, walk *down* the ownership links without
 * revisiting a company, stopping at the target. Shares are summed over a fixed denominator of
 * 10^(6·(companies + 1)), enough for the longest simple path.
 */
function bruteForce(edges: OwnershipEdge[], organizations: number) {
  const SCALE = 10n ** BigInt(6 * (organizations + 1));
  const byOwner = new Map<string, OwnershipEdge[]>();
  for (const edge of edges) if (edge.ownerKind === 'organization') byOwner.set(edge.ownerId, [...(byOwner.get(edge.ownerId) ?? []), edge]);
  const totals = new Map<string, { sum: bigint; control: boolean; paths: number }>();
  const walk = (personId: string, at: string, visited: Set<string>, product: bigint, links: number, controlling: boolean) => {
    if (at === 'o0') {
      const total = totals.get(personId) ?? { sum: 0n, control: false, paths: 0 };
      total.sum += (product * SCALE) / 10n ** BigInt(6 * links);
      total.control ||= controlling;
      total.paths += 1;
      totals.set(personId, total);
      return;
    }
    for (const edge of byOwner.get(at) ?? []) {
      if (visited.has(edge.ownedId)) continue;
      const share = edge.sharePpm === null ? 0n : BigInt(edge.sharePpm);
      const controls = edge.control || (edge.sharePpm ?? 0) > 500_000;
      walk(personId, edge.ownedId, new Set([...visited, edge.ownedId]), product * share, links + 1, controlling && controls);
    }
  };
  for (const edge of edges) {
    if (edge.ownerKind !== 'person') continue;
    const share = edge.sharePpm === null ? 0n : BigInt(edge.sharePpm);
    walk(edge.ownerId, edge.ownedId, new Set([edge.ownedId]), share, 1, edge.control || (edge.sharePpm ?? 0) > 500_000);
  }
  return { totals, SCALE };
}

describe('computeUltimateBeneficialOwners: properties', () => {
  it('terminates on any graph, with finite shares never above 100 % when every company is at most 100 % owned', () => {
    fc.assert(
      fc.property(graphs(30, 80), (spec) => {
        const edges = toEdges(spec);
        // Dense random graphs have millions of simple paths; a lower limit keeps 200 runs fast, and
        // the invariants must hold for a truncated answer too.
        const result = computeUltimateBeneficialOwners('o0', edges, { maxPaths: 5_000 });
        let total = 0;
        for (const owner of result.owners) {
          expect(Number.isSafeInteger(owner.effectiveSharePpm)).toBe(true);
          expect(owner.effectiveSharePpm).toBeGreaterThanOrEqual(0);
          expect(owner.effectiveSharePpm).toBeLessThanOrEqual(1_000_000);
          const percent = Number(owner.effectiveShareExact);
          expect(Number.isFinite(percent)).toBe(true);
          expect(percent).toBeLessThanOrEqual(100);
          expect(owner.isBeneficialOwner).toBe(owner.reasons.length > 0);
          total += owner.effectiveSharePpm;
          // Plain checks in this loop: thousands of expect() calls per run would dominate the time.
          const badPaths = owner.paths.filter(
            (path) =>
              new Set(path.organizationIds).size !== path.organizationIds.length ||
              path.organizationIds.at(-1) !== 'o0' ||
              path.edgeIds.length !== path.organizationIds.length,
          );
          expect(badPaths).toEqual([]);
        }
        // All persons together cannot own more than the whole company either.
        expect(total).toBeLessThanOrEqual(1_000_000);

        const seen = new Set<string>();
        const linked = new Set(edges.filter((e) => e.ownerKind === 'organization').map((e) => `${e.ownerId}>${e.ownedId}`));
        for (const cycle of result.cycles) {
          const key = cycle.join(',');
          expect(seen.has(key)).toBe(false);
          seen.add(key);
          expect(new Set(cycle).size).toBe(cycle.length);
          expect(cycle[0]).toBe([...cycle].sort()[0]);
          cycle.forEach((owner, i) => expect(linked.has(`${owner}>${cycle[(i + 1) % cycle.length]}`)).toBe(true));
        }
        for (const id of result.unresolvedOrganizations) expect(edges.some((e) => e.ownedId === id)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('equals a brute-force sum over all simple paths on small graphs', () => {
    fc.assert(
      fc.property(graphs(8, 24), (spec) => {
        const edges = toEdges(spec);
        const result = computeUltimateBeneficialOwners('o0', edges);
        fc.pre(!result.truncated);
        const { totals, SCALE } = bruteForce(edges, spec.organizations);
        expect(result.owners.map((o) => o.personId).sort()).toEqual([...totals.keys()].sort());
        for (const owner of result.owners) {
          const expected = totals.get(owner.personId)!;
          expect(owner.effectiveSharePpm).toBe(Number((expected.sum * 1_000_000n) / SCALE));
          expect(owner.reasons.includes('share')).toBe(expected.sum * 4n >= SCALE);
          expect(owner.control).toBe(expected.control);
          expect(owner.paths).toHaveLength(expected.paths);
        }
      }),
      { numRuns: 200 },
    );
  });
});
