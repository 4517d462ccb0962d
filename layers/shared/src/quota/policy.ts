// The request-budget policy, pure: how much of a store's BigCommerce quota our functions may use in
// a window, and how it is split between priorities. BigCommerce's quota is per store and shared by
// every app of the store (local/vendor/bigcommerce-specs/api-rate-limits.mdx), so:
// - our share = quota − the reserve kept for other apps − what other apps are seen to use
//   (X-Rate-Limit-Requests-Left says less is left than our own use explains): their use shrinks ours;
// - within our share, a lower priority may use only part of it while a higher priority is active in
//   the window (has called, or is waiting); alone, any priority may use the whole share.

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

/** The start of the window `now` falls in (windows aligned to the clock). */
export const windowStartOf = (now: number, windowMs: number): number => now - (now % windowMs);

/**
 * No request sent in the last 10% of a window: it could reach BigCommerce in the next window, which
 * counts it against that one (3 s of a 30 s window; a bench's shrunken window keeps the same share).
 */
export const grantCutoffOf = (windowStart: number, windowMs: number): number => windowStart + windowMs * 0.9;

/** What other apps used in a window: the quota minus what is left minus our own grants when we sent. */
export const othersUsedOf = (limit: RateLimit, ourUsed: number): number =>
  Math.max(0, limit.quota - limit.left - ourUsed);

/**
 * Our share of a window: the quota less the reserve for other apps (`reserve`, a fraction) less
 * what other apps are seen to use; never negative.
 *
 * @example shareOf(150, 0.2, 0) // 120; with another app using 40: 80
 */
export const shareOf = (quota: number, reserve: number, othersUsed: number): number =>
  Math.max(0, Math.floor(quota - Math.ceil(quota * reserve) - othersUsed));

/** The most a priority may use of `share` while a higher priority is active in the window. */
export const capOf = (priority: CallPriority, share: number): number => Math.floor(share * PRIORITY_SHARE[priority]);
