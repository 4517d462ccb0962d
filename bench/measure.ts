// Timing helpers: medians of repeated rounds, so one noisy round on a shared machine does not count.
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median µs per operation over `rounds` rounds of `iterations` sequential calls. */
export async function microsPerOp(op: () => unknown, iterations = 5_000, rounds = 9): Promise<number> {
  for (let i = 0; i < 500; i++) await op(); // warm-up
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await op();
    perRound.push(Number(process.hrtime.bigint() - start) / 1_000 / iterations);
  }
  return median(perRound);
}
