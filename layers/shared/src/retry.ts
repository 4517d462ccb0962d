// The retry policy of the layer, in one place: full-jitter exponential backoff (a random delay up
// to base·2^attempt, capped: concurrent retriers spread out instead of colliding again) and the
// deadline a retry loop must not outlive (the invocation's remaining time, when there is one).

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The delay before retry number `attempt` (1 = the first retry), in ms. */
export const backoffMs = (attempt: number, baseMs: number, capMs: number): number =>
  Math.random() * Math.min(capMs, baseMs * 2 ** attempt);

/** What a deadline is computed from: a Lambda context, or anything else that knows its time left. */
export interface RemainingTime {
  getRemainingTimeInMillis(): number;
}

/**
 * The epoch ms by which retries must stop: `marginMs` before the invocation ends, or `fallbackMs`
 * from now without a context (CLIs, tests).
 *
 * @example
 * const deadline = deadlineOf(context, 1_000, 4_000); // stop retrying 1 s before the timeout
 */
export function deadlineOf(context: RemainingTime | undefined, marginMs: number, fallbackMs: number): number {
  const remaining =
    typeof context?.getRemainingTimeInMillis === 'function'
      ? context.getRemainingTimeInMillis() - marginMs
      : fallbackMs;
  return Date.now() + Math.max(0, remaining);
}

/**
 * A stream consumer's deadline for its BigCommerce retries: 5 s before the function's timeout, so
 * it can still report the failed records (a Lambda killed at its timeout retries the whole batch);
 * 60 s from now without a context.
 */
export const batchDeadline = (context: RemainingTime | undefined): number => deadlineOf(context, 5_000, 60_000);
