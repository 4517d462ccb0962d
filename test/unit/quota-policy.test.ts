// The request-budget policy (layers/shared/src/quota/policy.ts): our share of a store's quota, the
// reserve for other apps, the priority caps, and what the X-Rate-Limit-* headers teach.
import { describe, expect, it } from 'vitest';
import {
  capOf,
  grantCutoffOf,
  higherThan,
  othersUsedOf,
  rateLimitOf,
  shareOf,
  windowStartOf,
} from '../../layers/shared/src/quota/policy';

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null;
const standard = {
  'x-rate-limit-time-window-ms': '30000',
  'x-rate-limit-time-reset-ms': '15000',
  'x-rate-limit-requests-quota': '150',
  'x-rate-limit-requests-left': '35',
};

describe('the request-budget policy', () => {
  it.each([
    [150, 0.2, 0, 120],
    [450, 0.2, 0, 360],
    [150, 0, 0, 150],
    [150, 0.2, 40, 80],
    [150, 0.2, 200, 0],
    [150, 0.25, 0, 112],
  ])(
    'leaves the reserve and what other apps use: quota %i, reserve %f, others %i → share %i',
    (quota, reserve, others, share) => {
      expect(shareOf(quota, reserve, others)).toBe(share);
    },
  );

  it('caps lower priorities while higher ones are active: reward and admin 100%, earning 80%, mirror 50%', () => {
    expect([capOf('reward', 120), capOf('admin', 120), capOf('earning', 120), capOf('mirror', 120)]).toEqual([
      120, 120, 96, 60,
    ]);
    expect(higherThan('reward')).toEqual([]);
    expect(higherThan('earning')).toEqual(['reward', 'admin']);
    expect(higherThan('mirror')).toEqual(['reward', 'admin', 'earning']);
  });

  it('reads the headers as BigCommerce sends them (the mdx example), and nothing from a 429 without them', () => {
    expect(rateLimitOf(headers(standard))).toEqual({ windowMs: 30_000, resetMs: 15_000, quota: 150, left: 35 });
    expect(rateLimitOf(headers({}))).toBeUndefined();
    expect(rateLimitOf(headers({ ...standard, 'x-rate-limit-requests-left': 'many' }))).toBeUndefined();
  });

  it("sees other apps' use in Requests-Left: their use is what our own grants do not explain", () => {
    const limit = { windowMs: 30_000, resetMs: 15_000, quota: 150, left: 35 };
    expect(othersUsedOf(limit, 100)).toBe(15); // 150 − 35 − 100
    expect(othersUsedOf(limit, 120)).toBe(0); // never negative (answers overtaking each other)
    // Requests-Left at the reserve: the share is exactly what we used, so we stop.
    const atReserve = { ...limit, left: 30 };
    expect(shareOf(150, 0.2, othersUsedOf(atReserve, 90))).toBe(90);
  });

  it('aligns windows to the clock and sends nothing in the last 10% of one', () => {
    expect(windowStartOf(1_000_123, 300)).toBe(999_900);
    expect(grantCutoffOf(999_900, 300)).toBe(999_900 + 270);
  });
});
