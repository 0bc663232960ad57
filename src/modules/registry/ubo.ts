/**
 * Ultimate beneficial owners of an organization, traced through chains of companies.
 *
 * Input: the ownership links *upward* from the target, already filtered to the links in force on
 * the date in question. Rules:
 *
 * - Effective share of a person = the sum, over every simple path person → org₁ → … → target, of
 *   the product of the shares along the path. A path with a control-only link (sharePpm null)
 *   contributes no share. Arithmetic is exact (BigInt: a path of k links is a product of k ppm
 *   values over 10^(6k)), so 24.99 % against 25 % and 50 % × 50 % = 25 % are decided exactly;
 *   reported ppm and percent strings are rounded *down* so that a displayed figure never
 *   overstates a holding.
 * - Control through a chain: a person controls the target if on some path every link either has
 *   `control: true` or a share strictly above 50 %.
 * - Beneficial owner: effective share ≥ 25 % (250,000 ppm exactly counts) OR control; `reasons`
 *   says which.
 * - An organization in the chain (the target included) with no recorded owners is "unresolved":
 *   the chain stops at a company (a listed company, or owners not yet declared) and the UI warns.
 * - Cycles (self-ownership, A ↔ B, longer rings) are reported once each, written in ownership
 *   direction (first owns second … last owns first) and rotated to start at the smallest id. A path
 *   never visits an organization twice, so a cross-holding adds nothing beyond its simple paths.
 * - Path enumeration is bounded: `maxPaths` (default 100,000) counts every upward path prefix
 *   explored, `maxDepth` (default 50) the links in one path. Hitting either sets `truncated` and the
 *   result holds what was found so far (shares can then only be understated, never overstated).
 */

export interface OwnershipEdge {
  id: string;
  ownerKind: 'person' | 'organization';
  ownerId: string;
  ownedId: string;
  /** Share in parts per million (25 % = 250,000); null for a control-only link. */
  sharePpm: number | null;
  /** The owner controls the owned (voting majority, right to appoint the board, veto, …). */
  control: boolean;
}

export interface UboPath {
  edgeIds: string[];
  /** From the person's first company down to the target. */
  organizationIds: string[];
  /** This path's share of the target in ppm, as an exact decimal. */
  sharePpmExact: string;
  /** The same share as a percentage, cut to 12 decimals. */
  sharePercentExact: string;
}

export interface UboOwner {
  personId: string;
  effectiveSharePpm: number;
  effectiveShareExact: string;
  control: boolean;
  isBeneficialOwner: boolean;
  reasons: Array<'share' | 'control'>;
  paths: UboPath[];
}

export interface UboResult {
  targetId: string;
  owners: UboOwner[];
  unresolvedOrganizations: string[];
  cycles: string[][];
  truncated: boolean;
}

/** A person holding at least this effective share (25 %) is a beneficial owner. */
export const BENEFICIAL_OWNER_THRESHOLD_PPM = 250_000;
const MAJORITY_PPM = 500_000;
const PPM = 1_000_000;
const PPM_BIG = 1_000_000n;
const PERCENT_DECIMALS = 12;

/** A share held as numerator / 10^(6·exponent), exact. */
interface ExactShare {
  numerator: bigint;
  exponent: number;
}

interface OwnerAccumulator {
  share: ExactShare;
  control: boolean;
  paths: UboPath[];
}

function scaleOf(exponent: number): bigint {
  return PPM_BIG ** BigInt(exponent);
}

function addShare(total: ExactShare, numerator: bigint, exponent: number): void {
  if (numerator === 0n) return;
  if (exponent > total.exponent) {
    total.numerator *= scaleOf(exponent - total.exponent);
    total.exponent = exponent;
  }
  total.numerator += numerator * scaleOf(total.exponent - exponent);
}

function compareShares(a: ExactShare, b: ExactShare): number {
  const exponent = Math.max(a.exponent, b.exponent);
  const left = a.numerator * scaleOf(exponent - a.exponent);
  const right = b.numerator * scaleOf(exponent - b.exponent);
  return left === right ? 0 : left < right ? -1 : 1;
}

/** numerator / 10^scale as a decimal string, cut (not rounded) to `maxDecimals`, without trailing zeros. */
function formatDecimal(numerator: bigint, scale: number, maxDecimals = scale): string {
  const kept = Math.min(scale, maxDecimals);
  const truncated = kept === scale ? numerator : numerator / 10n ** BigInt(scale - kept);
  const digits = truncated.toString().padStart(kept + 1, '0');
  const whole = digits.slice(0, digits.length - kept);
  const fraction = digits.slice(digits.length - kept).replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

function checkEdge(edge: OwnershipEdge): void {
  if (edge.sharePpm !== null && !(Number.isSafeInteger(edge.sharePpm) && edge.sharePpm >= 0 && edge.sharePpm <= PPM)) {
    throw new RangeError(`ownership link ${edge.id} has share ${edge.sharePpm} ppm; it must be a whole number from 0 to 1000000`);
  }
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number`);
  return value;
}

function normalizeCycle(ownershipOrder: string[]): string[] {
  let start = 0;
  for (let i = 1; i < ownershipOrder.length; i++) if (ownershipOrder[i] < ownershipOrder[start]) start = i;
  return [...ownershipOrder.slice(start), ...ownershipOrder.slice(0, start)];
}

/** Traces every person's effective share and control of `targetId` through the given upward ownership links. */
export function computeUltimateBeneficialOwners(
  targetId: string,
  edges: OwnershipEdge[],
  options: { maxPaths?: number; maxDepth?: number } = {},
): UboResult {
  const maxPaths = positiveInteger(options.maxPaths, 100_000, 'maxPaths');
  const maxDepth = positiveInteger(options.maxDepth, 50, 'maxDepth');

  const ownersOf = new Map<string, OwnershipEdge[]>();
  for (const edge of edges) {
    checkEdge(edge);
    const list = ownersOf.get(edge.ownedId);
    if (list === undefined) ownersOf.set(edge.ownedId, [edge]);
    else list.push(edge);
  }

  // Which organizations are in the chain at all does not depend on the path limits: one pass.
  const reachable = new Set<string>([targetId]);
  const queue = [targetId];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const edge of ownersOf.get(next) ?? []) {
      if (edge.ownerKind === 'organization' && !reachable.has(edge.ownerId)) {
        reachable.add(edge.ownerId);
        queue.push(edge.ownerId);
      }
    }
  }
  const unresolvedOrganizations = [...reachable].filter((id) => !ownersOf.has(id)).sort();

  const owners = new Map<string, OwnerAccumulator>();
  const cycles = new Map<string, string[]>();
  let pathsExplored = 0;
  let truncated = false;
  let stopped = false;

  // The current path, upward: pathOrganizations[0] is the target, pathEdges[i] is owned by pathOrganizations[i].
  const pathOrganizations: string[] = [targetId];
  const pathEdges: OwnershipEdge[] = [];
  const onPath = new Set<string>([targetId]);

  const recordPerson = (edge: OwnershipEdge, product: bigint, controlling: boolean): void => {
    const links = pathEdges.length + 1;
    let owner = owners.get(edge.ownerId);
    if (owner === undefined) {
      owner = { share: { numerator: 0n, exponent: 0 }, control: false, paths: [] };
      owners.set(edge.ownerId, owner);
    }
    addShare(owner.share, product, links);
    owner.control ||= controlling;
    owner.paths.push({
      edgeIds: [edge.id, ...pathEdges.map((e) => e.id).reverse()],
      organizationIds: [...pathOrganizations].reverse(),
      sharePpmExact: formatDecimal(product, 6 * (links - 1)),
      sharePercentExact: formatDecimal(product, 6 * (links - 1) + 4, 12),
    });
  };

  const recordCycle = (ownerId: string): void => {
    const from = pathOrganizations.indexOf(ownerId);
    // The owner at `from` owns the current organization, which is owned … down to from + 1.
    const ring = [ownerId, ...pathOrganizations.slice(from + 1).reverse()];
    const normalized = normalizeCycle(ring);
    const key = normalized.join('\u0000');
    if (!cycles.has(key)) cycles.set(key, normalized);
  };

  const visit = (organizationId: string, product: bigint, controlling: boolean): void => {
    const incoming = ownersOf.get(organizationId);
    if (incoming === undefined) return;
    if (pathEdges.length + 1 > maxDepth) {
      truncated = true;
      return;
    }
    for (const edge of incoming) {
      if (stopped) return;
      pathsExplored += 1;
      if (pathsExplored > maxPaths) {
        truncated = true;
        stopped = true;
        return;
      }
      const linkProduct = edge.sharePpm === null ? 0n : product * BigInt(edge.sharePpm);
      const linkControls = controlling && (edge.control || (edge.sharePpm !== null && edge.sharePpm > MAJORITY_PPM));
      if (edge.ownerKind === 'person') {
        recordPerson(edge, linkProduct, linkControls);
      } else if (onPath.has(edge.ownerId)) {
        recordCycle(edge.ownerId);
      } else {
        pathEdges.push(edge);
        pathOrganizations.push(edge.ownerId);
        onPath.add(edge.ownerId);
        visit(edge.ownerId, linkProduct, linkControls);
        onPath.delete(edge.ownerId);
        pathOrganizations.pop();
        pathEdges.pop();
      }
    }
  };

  visit(targetId, 1n, true);

  const threshold: ExactShare = { numerator: BigInt(BENEFICIAL_OWNER_THRESHOLD_PPM), exponent: 1 };
  const ranked = [...owners.entries()].sort(
    ([idA, a], [idB, b]) => compareShares(b.share, a.share) || (idA < idB ? -1 : idA > idB ? 1 : 0),
  );
  const result: UboOwner[] = ranked.map(([personId, owner]) => {
    const { numerator, exponent } = owner.share;
    const byShare = compareShares(owner.share, threshold) >= 0;
    const reasons: Array<'share' | 'control'> = [];
    if (byShare) reasons.push('share');
    if (owner.control) reasons.push('control');
    return {
      personId,
      effectiveSharePpm: exponent === 0 ? 0 : Number(numerator / scaleOf(exponent - 1)),
      effectiveShareExact: formatDecimal(numerator * 100n, 6 * exponent, PERCENT_DECIMALS),
      control: owner.control,
      isBeneficialOwner: reasons.length > 0,
      reasons,
      paths: owner.paths,
    };
  });

  return {
    targetId,
    owners: result,
    unresolvedOrganizations,
    cycles: [...cycles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, ring]) => ring),
    truncated,
  };
}

/** Converts a percentage (0–100) to whole parts per million, rounding to the nearest; RangeError outside 0–100. */
export function sharePercentToPpm(percent: number): number {
  if (typeof percent !== 'number' || Number.isNaN(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`a share must be a percentage from 0 to 100, not ${String(percent)}`);
  }
  return Math.round(percent * 10_000);
}

/** Writes whole parts per million as a percentage without trailing zeros: 250000 → "25", 249900 → "24.99", 1 → "0.0001". */
export function ppmToPercentString(ppm: number): string {
  if (!Number.isSafeInteger(ppm) || ppm < 0) throw new RangeError(`ppm must be a non-negative whole number, not ${String(ppm)}`);
  return formatDecimal(BigInt(ppm), 4);
}
