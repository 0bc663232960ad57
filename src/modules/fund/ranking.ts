// Ranking the proposals of a call and funding them within its budget (docs/decisions/0012-fund-calls.md).
//
// The rule, in order:
// 1. A proposal is fundable only when every criterion's final score reaches that criterion's threshold
//    and its weighted score reaches the call's overall threshold. Scores are 0–5 in steps of 0.5.
// 2. Fundable proposals are ranked by weighted score, highest first. Ties go to the smaller request
//    (more capacity per hryvnia is the program's aim), then to the earlier submission, then by id, so
//    the order is total and the same on every run.
// 3. In rank order, each proposal gets its full request while the budget remaining covers it. When it
//    does not, the proposal is offered the remainder as partial funding if the remainder is at least the
//    call's minimum partial share of the request; otherwise it is skipped (it stays on the reserve list)
//    and the next proposal is considered, since a smaller one may still fit.
// All arithmetic is on integers: scores in tenths, weights as integers, money in minor units.

export interface RankingCriterion {
  key: string;
  /** A positive integer weight. */
  weight: number;
  /** Minimum final score, in tenths of a point (0–50). */
  thresholdTenths: number;
}

export interface RankingProposal {
  id: string;
  requestedMinor: bigint;
  submittedAt: string;
  /** Final (consensus) score per criterion key, in tenths of a point (0–50). */
  scoresTenths: Record<string, number>;
}

export interface RankingInput {
  budgetMinor: bigint;
  /** Overall threshold of the weighted score, in tenths (0–50). */
  overallThresholdTenths: number;
  /** Smallest share of a request, in percent (0–100), worth offering as partial funding; 100 = never partial. */
  minPartialPercent: number;
  criteria: RankingCriterion[];
  proposals: RankingProposal[];
}

export type RankingOutcome = 'funded' | 'partially_funded' | 'reserve' | 'below_threshold';

export interface RankedProposal {
  id: string;
  rank: number | null;
  /** Weighted score in thousandths of a point, rounded half up (for display and ties it is the exact fraction that counts). */
  weightedScoreMilli: number;
  outcome: RankingOutcome;
  awardedMinor: bigint;
  failedThresholds: string[];
}

export interface RankingResult {
  proposals: RankedProposal[];
  fundedMinor: bigint;
  remainingMinor: bigint;
}

/** Σ weight × score over Σ weight, as an exact fraction of tenths. */
function weighted(criteria: RankingCriterion[], scores: Record<string, number>): { num: bigint; den: bigint } {
  let num = 0n;
  let den = 0n;
  for (const criterion of criteria) {
    num += BigInt(criterion.weight) * BigInt(scores[criterion.key] ?? 0);
    den += BigInt(criterion.weight);
  }
  return { num, den: den === 0n ? 1n : den };
}

function compareFractions(a: { num: bigint; den: bigint }, b: { num: bigint; den: bigint }): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0 : left < right ? -1 : 1;
}

/** Ranks the proposals and funds them within the budget by the rule above. */
export function rankProposals(input: RankingInput): RankingResult {
  const scored = input.proposals.map((proposal) => {
    const score = weighted(input.criteria, proposal.scoresTenths);
    const failedThresholds = input.criteria.filter((c) => (proposal.scoresTenths[c.key] ?? 0) < c.thresholdTenths).map((c) => c.key);
    if (compareFractions(score, { num: BigInt(input.overallThresholdTenths), den: 1n }) < 0) failedThresholds.push('overall');
    return { proposal, score, failedThresholds };
  });
  const fundable = scored
    .filter((s) => s.failedThresholds.length === 0)
    .sort(
      (a, b) =>
        compareFractions(b.score, a.score) ||
        (a.proposal.requestedMinor < b.proposal.requestedMinor ? -1 : a.proposal.requestedMinor > b.proposal.requestedMinor ? 1 : 0) ||
        a.proposal.submittedAt.localeCompare(b.proposal.submittedAt) ||
        a.proposal.id.localeCompare(b.proposal.id),
    );
  let remaining = input.budgetMinor;
  const results = new Map<string, RankedProposal>();
  fundable.forEach((s, index) => {
    const request = s.proposal.requestedMinor;
    let outcome: RankingOutcome = 'reserve';
    let awarded = 0n;
    if (request <= remaining) {
      outcome = 'funded';
      awarded = request;
    } else if (remaining > 0n && remaining * 100n >= request * BigInt(input.minPartialPercent) && input.minPartialPercent < 100) {
      outcome = 'partially_funded';
      awarded = remaining;
    }
    remaining -= awarded;
    results.set(s.proposal.id, { id: s.proposal.id, rank: index + 1, weightedScoreMilli: milli(s.score), outcome, awardedMinor: awarded, failedThresholds: [] });
  });
  for (const s of scored) {
    if (!results.has(s.proposal.id)) results.set(s.proposal.id, { id: s.proposal.id, rank: null, weightedScoreMilli: milli(s.score), outcome: 'below_threshold', awardedMinor: 0n, failedThresholds: s.failedThresholds });
  }
  const ordered = [...fundable.map((s) => results.get(s.proposal.id)!), ...scored.filter((s) => s.failedThresholds.length > 0).map((s) => results.get(s.proposal.id)!)];
  return { proposals: ordered, fundedMinor: input.budgetMinor - remaining, remainingMinor: remaining };
}

/** A fraction of tenths as thousandths of a point, rounded half up. */
function milli(score: { num: bigint; den: bigint }): number {
  return Number((score.num * 100n * 2n + score.den) / (score.den * 2n));
}
