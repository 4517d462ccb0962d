// The request-budget policy (layers/shared/src/quota/policy.ts): our share of a store's quota, the
// reserve for other apps, the priority caps, and what the X-Rate-Limit-* headers teach.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grantCondition } from '../../layers/shared/src/quota/grant-condition';
import {
  capOf,
  grantCutoffOf,
  grantOpeningOf,
  higherThan,
  othersAfterAnswer,
  othersUsedAt,
  othersUsedOf,
  PHASE_TOLERANCE,
  phaseDistanceToSpan,
  phaseOf,
  rateLimitOf,
  shareOf,
  wakeOf,
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

  it('leaves headroom above a lone mirror (10% of the share) and lone earning (5%) for the priorities above them', () => {
    const alone = (share: number) =>
      (['reward', 'admin', 'earning', 'mirror'] as const).map((p) => capOf(p, share, true));
    expect(alone(120)).toEqual([120, 120, 114, 108]); // Standard: the rebuild's bound is 108 calls a window
    expect(alone(360)).toEqual([360, 360, 342, 324]); // Pro
  });

  it.each([
    ['mirror', 0, false, 1],
    ['earning', 0, true, 1],
    ['mirror', 1, false, 1],
    ['mirror', 2, false, 1],
    ['earning', 1, false, 1],
    ['mirror', 3, false, 1],
    ['mirror', 4, false, 2],
  ] as const)('never caps a window at nothing: %s of share %i (alone: %s) → %i', (priority, share, alone, cap) => {
    // a window's first request always goes: the probe whose answer tells whether other apps still use the quota
    expect(capOf(priority, share, alone)).toBe(cap);
  });

  it("counts another app's burst in its window and the next, then no more (no answer of ours may come to say it ended)", () => {
    const seen = { used: 150, windowEnd: 30_000 };
    expect(othersUsedAt(seen, 29_999, 30_000)).toBe(150);
    expect(othersUsedAt(seen, 59_999, 30_000)).toBe(150);
    expect(othersUsedAt(seen, 60_000, 30_000)).toBe(0);
    expect(shareOf(150, 0.2, othersUsedAt(seen, 60_000, 30_000))).toBe(120);
  });

  it('keeps the most seen of other apps in a window (their use only grows in one) and starts over in the next', () => {
    const seen = { used: 40, windowEnd: 30_000 };
    expect(othersAfterAnswer(seen, 30, 30_020, 30_000)).toEqual({ used: 40, windowEnd: 30_020 });
    expect(othersAfterAnswer(seen, 50, 29_990, 30_000)).toEqual({ used: 50, windowEnd: 29_990 });
    expect(othersAfterAnswer(seen, 5, 60_010, 30_000)).toEqual({ used: 5, windowEnd: 60_010 });
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

  it('phases windows as BigCommerce does, and sends nothing in the first 5% nor the last 10% of one', () => {
    expect(windowStartOf(1_000_123, 300)).toBe(999_900);
    expect(windowStartOf(1_000_123, 300, 50)).toBe(999_950);
    expect(windowStartOf(1_000_123, 300, 250)).toBe(999_850);
    expect(phaseOf(1_000_015, 300)).toBe(115); // an answer at 999_900 saying Reset-Ms 115
    expect(phaseOf(1_000_015.4, 300)).toBe(115); // whole ms: every handle keys the same windows
    // an answer's span of window ends (sent … answered, plus Reset-Ms) allows the phases in it
    const span = { earliest: 1_000_015, latest: 1_000_045 }; // phases 115 to 145
    expect([100, 115, 130, 145, 160].map((p) => phaseDistanceToSpan(p, span, 300))).toEqual([15, 0, 0, 0, 15]);
    expect(phaseDistanceToSpan(5, { earliest: 1_000_185, latest: 1_000_195 }, 300)).toBe(10); // around the window
    expect(phaseDistanceToSpan(0, { earliest: 0, latest: 400 }, 300)).toBe(0); // a span as long as a window allows any
    expect(grantOpeningOf(999_900, 300)).toBe(999_900 + 15);
    expect(grantCutoffOf(999_900, 300)).toBe(999_900 + 270);
  });

  it('wakes a waiting call as a window opens, higher priorities first', () => {
    expect(wakeOf('reward', 999_950, 999_900, 300, 0)).toBe(1_000_200 + 15); // the next window's opening
    expect(wakeOf('mirror', 999_950, 999_900, 300, 0.5)).toBe(1_000_215 + 3.5 * 6); // after 3 priorities' 2%
    expect(wakeOf('earning', 999_905, 999_900, 300, 0)).toBe(999_915 + 12); // before this one opened: this one
  });

  it("puts every grant of one of our windows in one of BigCommerce's, wherever its windows start", () => {
    // Our phase is agreed within PHASE_TOLERANCE of BigCommerce's; a request reaches it within `latency`.
    const windowMs = 30_000;
    const tolerance = windowMs * PHASE_TOLERANCE;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: windowMs - 1 }),
        fc.integer({ min: -tolerance, max: tolerance }),
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1_000 }),
        (bcPhase, error, t0, latency) => {
          const ours = phaseOf(bcPhase + error, windowMs);
          const start = windowStartOf(t0, windowMs, ours);
          const first = grantOpeningOf(start, windowMs);
          const last = grantCutoffOf(start, windowMs) - 1 + latency;
          expect(windowStartOf(first, windowMs, bcPhase)).toBe(windowStartOf(last, windowMs, bcPhase));
        },
      ),
    );
  });

  it('conditions a grant on the cap, or on the alone cap while no higher priority is in the window', () => {
    const both = grantCondition(5, 60, { cap: 108, higher: ['reward', 'admin', 'earning'] });
    expect(both.expression).toBe(
      '(attribute_not_exists(used) OR used < :cap) OR ((attribute_not_exists(used) OR used < :alone) AND attribute_not_exists(#h0) AND attribute_not_exists(#h1) AND attribute_not_exists(#h2))',
    );
    expect(both.values).toEqual({ ':cap': 56, ':alone': 104 });
    expect(both.names).toEqual({ '#h0': 'reward', '#h1': 'admin', '#h2': 'earning' });
    // more units than the cap: only the alone branch (a new item would pass the cap's)
    expect(grantCondition(5, 1, { cap: 14, higher: ['reward'] }).expression).toBe(
      '((attribute_not_exists(used) OR used < :alone) AND attribute_not_exists(#h0))',
    );
    expect(grantCondition(1, 16)).toEqual({
      expression: '(attribute_not_exists(used) OR used < :cap)',
      values: { ':cap': 16 },
      names: {},
    });
  });
});
