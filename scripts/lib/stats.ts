// The benchmark's summaries of its rounds (scripts/bench.ts).

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * How far apart the sizes of a scaling row are: `costs[size][round]` is a size's cost in a round.
 * Each round's costs are taken relative to that round's mean over the sizes, since a machine whose
 * speed moves between rounds moves every size of a round alike; then each size's median over the
 * rounds, since the size launched, warmed and measured first, which turns round by round, costs
 * more in its round. Returns the largest of those medians over the smallest, minus 1: a size that
 * costs more in every round still shows.
 */
export function spreadWithinRounds(costs: number[][]): number {
  const rounds = costs[0]?.length ?? 0;
  if (costs.some((size) => size.length !== rounds)) throw new Error("Every size needs a cost in every round.");
  const roundMeans = Array.from({ length: rounds }, (_, round) => costs.reduce((sum, size) => sum + size[round]!, 0) / costs.length);
  const relative = costs.map((size) => median(size.map((cost, round) => cost / roundMeans[round]!)));
  return Math.max(...relative) / Math.min(...relative) - 1;
}
