// Timing helpers: medians of repeated rounds, so one noisy round on a shared machine does not count.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/**
 * µs per operation of each op in each of `rounds` rounds of `iterations` sequential calls. Each
 * round times every op in turn, so a slow spell of a shared machine hits all of them alike, and
 * two ops can be compared round by round.
 */
export async function microsPerOpInterleaved(
  ops: Array<() => unknown>,
  iterations = 2_000,
  rounds = 25,
): Promise<number[][]> {
  for (const op of ops) for (let i = 0; i < 500; i++) await op(); // warm-up
  const perRound = ops.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    for (const [index, op] of ops.entries()) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await op();
      perRound[index]!.push(Number(process.hrtime.bigint() - start) / 1_000 / iterations);
    }
  }
  return perRound;
}

/** The median of round-by-round ratios a[i] / b[i]: steadier than a ratio of two medians. */
export const pairedRatio = (a: number[], b: number[]): number => median(a.map((x, i) => x / b[i]!));
