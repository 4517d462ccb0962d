// The request-budget policy, pure: how much of a store's BigCommerce quota our functions may use in
// a window, and how it is split between priorities. BigCommerce's quota is per store and shared by
// every app of the store (local/vendor/bigcommerce-specs/api-rate-limits.mdx), so:
// - our share = quota − the reserve kept for other apps − what other apps are seen to use
//   (X-Rate-Limit-Requests-Left says less is left than our own use explains): their use shrinks ours;
// - within our share, a lower priority may use only part of it while a higher priority is active in
//   the window (has called, or is waiting); alone, earning and the mirror still leave a little of it
//   to the priorities above them, so their first call of a window does not wait for the next one;
// - our windows follow BigCommerce's (its X-Rate-Limit-Time-Reset-Ms tells where they end), so one
//   of its windows never holds the grants of two of ours.

/** Who a BigCommerce call serves, highest first: a shopper waiting for a reward code, a merchant, points, the mirror. */
export type CallPriority = 'reward' | 'admin' | 'earning' | 'mirror';

/** Highest first. */
export const PRIORITIES: readonly CallPriority[] = ['reward', 'admin', 'earning', 'mirror'];

/**
 * The part of our share a priority may use while a higher one is active. A shopper at the checkout
 * (reward) and a merchant in the control panel (admin) wait on the call; earning is asynchronous
 * but shoppers expect points within seconds; the mirror is a copy that converges later. Earning
 * keeps 20% of the share for rewards and admin; the mirror half of it for them and earning.
 */
export const PRIORITY_SHARE: Record<CallPriority, number> = { reward: 1, admin: 1, earning: 0.8, mirror: 0.5 };

/**
 * The part of our share a priority may use while no higher one is active: a mirror rebuild alone
 * leaves 10% of the share, earning alone 5%, for the first calls of the priorities above them in a
 * window (they then cap the lower ones by PRIORITY_SHARE).
 */
export const ALONE_SHARE: Record<CallPriority, number> = { reward: 1, admin: 1, earning: 0.95, mirror: 0.9 };

/** The priorities above `priority`. */
export const higherThan = (priority: CallPriority): CallPriority[] => PRIORITIES.slice(0, PRIORITIES.indexOf(priority));

/** What BigCommerce's X-Rate-Limit-* headers of one answer say. */
export interface RateLimit {
  windowMs: number;
  resetMs: number;
  quota: number;
  left: number;
}

/** The X-Rate-Limit-* headers of an answer, or undefined when any is missing (a 429 under load has none). */
export function rateLimitOf(header: (name: string) => string | null): RateLimit | undefined {
  const read = (name: string) => {
    const value = header(`x-rate-limit-${name}`);
    return value === null || value === '' ? Number.NaN : Number(value);
  };
  const limit = {
    windowMs: read('time-window-ms'),
    resetMs: read('time-reset-ms'),
    quota: read('requests-quota'),
    left: read('requests-left'),
  };
  return Object.values(limit).every((n) => Number.isFinite(n) && n >= 0) && limit.windowMs > 0 ? limit : undefined;
}

/**
 * Where BigCommerce's windows start, as a whole ms offset into the clock's (0 ≤ phase < windowMs),
 * from an answer's end of window (now + Time-Reset-Ms): whole, so every handle computes the same
 * window starts, the budget items' keys.
 */
export const phaseOf = (windowEnd: number, windowMs: number): number =>
  ((Math.round(windowEnd) % windowMs) + windowMs) % windowMs;

/**
 * Where BigCommerce's window ends, as an answer tells it: between the request's sending and its
 * answer, plus Reset-Ms (a slow answer tells it less precisely, not later).
 */
export interface WindowEndSpan {
  earliest: number;
  latest: number;
}

/** How far `phase` lies from the phases `span` allows, around the window (0 inside it). */
export function phaseDistanceToSpan(phase: number, span: WindowEndSpan, windowMs: number): number {
  const width = span.latest - span.earliest;
  if (width >= windowMs) return 0;
  const after = phaseOf(phase - span.earliest, windowMs);
  return after <= width ? 0 : Math.min(after - width, windowMs - after);
}

/**
 * How far (as a fraction of the window) an answer's phase may stray from the agreed one before a
 * function stores its own: answers reach us late by their latency, and every handle must keep to
 * the same windows, so the agreed phase does not follow every small difference.
 */
export const PHASE_TOLERANCE = 0.05;

/** The start of the window `now` falls in, windows starting at `phase` (ms) into the clock's. */
export const windowStartOf = (now: number, windowMs: number, phase = 0): number => now - phaseOf(now - phase, windowMs);

/**
 * No request sent in the first 5% of a window (the agreed phase may start ours up to that much
 * before BigCommerce's: PHASE_TOLERANCE) …
 */
export const grantOpeningOf = (windowStart: number, windowMs: number): number =>
  windowStart + windowMs * PHASE_TOLERANCE;

/**
 * … nor in the last 10%: it could reach BigCommerce in the next window, which counts it against that
 * one (3 s of a 30 s window; a bench's shrunken window keeps the same share).
 */
export const grantCutoffOf = (windowStart: number, windowMs: number): number => windowStart + windowMs * 0.9;

/**
 * When a call that got no unit tries again: as a window opens (this one's if it has not yet, else
 * the next), higher priorities first, each spread over 2% of it (`jitter`, 0 to 1, places it).
 */
export function wakeOf(priority: CallPriority, now: number, windowStart: number, windowMs: number, jitter: number) {
  const next = now < grantOpeningOf(windowStart, windowMs) ? windowStart : windowStart + windowMs;
  return grantOpeningOf(next, windowMs) + (PRIORITIES.indexOf(priority) + jitter) * windowMs * 0.02;
}

/** What other apps used in a window: the quota minus what is left minus our own grants when we sent. */
export const othersUsedOf = (limit: RateLimit, ourUsed: number): number =>
  Math.max(0, limit.quota - limit.left - ourUsed);

/** Other apps' use seen in BigCommerce's window ending at `windowEnd`. */
export interface OthersSeen {
  used: number;
  windowEnd: number;
}

/**
 * Other apps' use to count at `now`: what was seen, in its window and the next (a steady other app
 * uses about as much every window, and our answers in the next one tell it again), then nothing: a
 * burst of another app must not shrink our share after it, least of all when no call of ours is
 * left to answer with newer headers.
 */
export const othersUsedAt = (others: OthersSeen, now: number, windowMs: number): number =>
  now < others.windowEnd + windowMs ? others.used : 0;

/** What an answer's headers teach about other apps: the most seen in its window, as their use only grows within one. */
export function othersAfterAnswer(others: OthersSeen, seen: number, windowEnd: number, windowMs: number): OthersSeen {
  const sameWindow = Math.abs(windowEnd - others.windowEnd) < windowMs / 2;
  return { used: sameWindow ? Math.max(seen, others.used) : seen, windowEnd };
}

/**
 * Our share of a window: the quota less the reserve for other apps (`reserve`, a fraction) less
 * what other apps are seen to use; never negative.
 *
 * @example shareOf(150, 0.2, 0) // 120; with another app using 40: 80
 */
export const shareOf = (quota: number, reserve: number, othersUsed: number): number =>
  Math.max(0, Math.floor(quota - Math.ceil(quota * reserve) - othersUsed));

/**
 * The most of `share` the window's grants may reach for a priority's next one: PRIORITY_SHARE while
 * a higher priority is active in the window, ALONE_SHARE while none is. At least 1: a window's
 * first request is always allowed (a priority's part of a small share never rounds to nothing, and
 * with the share spent by other apps it is the probe whose answer tells whether they still use it).
 *
 * @example capOf('mirror', 120) // 60; capOf('mirror', 120, true) // 108; capOf('mirror', 0) // 1
 */
export const capOf = (priority: CallPriority, share: number, alone = false): number =>
  Math.max(1, Math.floor(share * (alone ? ALONE_SHARE : PRIORITY_SHARE)[priority]));
