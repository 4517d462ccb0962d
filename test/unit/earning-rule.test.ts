// The earning rule as a table: decimal strings without float drift, award once, reverse what is due.
import { describe, expect, it } from 'vitest';
import { ceilShare, decide, floorProduct, type EarningRule, type OrderSnapshot } from '@bc-loyalty/shared/orders';

const rule: EarningRule = { pointsPerUnit: '1', earnStatusIds: [2, 10], reverseStatusIds: [4, 5] };
const order = (o: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  id: 1,
  customerId: 5,
  statusId: 10,
  subtotalExTax: '64.5300',
  totalIncTax: '70.9800',
  refundedAmount: '0.0000',
  ...o,
});
const fresh = { pointsEarned: 0, pointsReversed: 0, closed: false };

describe('decimal arithmetic', () => {
  it.each([
    ['64.5300', '1', 64],
    ['19.99', '1.5', 29],
    ['0.10', '3', 0],
    ['100', '0.01', 1],
    ['1234567.89', '2.5', 3086419],
    ['0.3', '3', 0],
    ['1.1', '3', 3],
    ['64.53', '100', 6453],
  ])('floor(%s × %s) = %i', (a, b, expected) => {
    expect(floorProduct(a, b)).toBe(expected);
  });

  it('refuses what is not a decimal amount', () => {
    for (const bad of ['', 'abc', '1e3', '1,000.00', '--1', '1.2.3']) expect(() => floorProduct(bad, '1')).toThrow();
  });

  it.each([
    [100, '27.50', '110.00', 25],
    [100, '0.01', '110.00', 1],
    [100, '500', '110.00', 100],
    [64, '0', '70.98', 0],
  ])('ceil(%i × %s / %s) = %i, capped', (points, part, whole, expected) => {
    expect(ceilShare(points, part, whole)).toBe(expected);
  });
});

describe('decide', () => {
  it.each<
    [string, OrderSnapshot, typeof fresh, number | undefined, { earn: number; reverse: number; closed: boolean }]
  >([
    ['completed: award', order(), fresh, 10, { earn: 64, reverse: 0, closed: false }],
    [
      'completed again: nothing more',
      order(),
      { ...fresh, pointsEarned: 64 },
      10,
      { earn: 0, reverse: 0, closed: false },
    ],
    ['awaiting fulfillment: nothing', order({ statusId: 11 }), fresh, 11, { earn: 0, reverse: 0, closed: false }],
    ['guest: nothing', order({ customerId: 0 }), fresh, 10, { earn: 0, reverse: 0, closed: false }],
    [
      'refunded after award: reverse all',
      order({ statusId: 4 }),
      { ...fresh, pointsEarned: 64 },
      4,
      { earn: 0, reverse: 64, closed: true },
    ],
    [
      'late "completed" for an order now cancelled: award and reverse',
      order({ statusId: 5 }),
      fresh,
      10,
      { earn: 64, reverse: 64, closed: true },
    ],
    [
      're-completed after reversal: nothing (earns once)',
      order(),
      { pointsEarned: 64, pointsReversed: 64, closed: true },
      10,
      { earn: 0, reverse: 0, closed: true },
    ],
    [
      'partial refund: the refunded share',
      order({ statusId: 14, refundedAmount: '35.49' }),
      { ...fresh, pointsEarned: 64 },
      14,
      { earn: 0, reverse: 32, closed: false },
    ],
    [
      'second partial refund: only the rest',
      order({ statusId: 14, refundedAmount: '70.98' }),
      { ...fresh, pointsEarned: 64, pointsReversed: 32 },
      14,
      { earn: 0, reverse: 32, closed: true },
    ],
    [
      'refund event for a never-awarded order: nothing',
      order({ statusId: 4 }),
      fresh,
      4,
      { earn: 0, reverse: 0, closed: false },
    ],
  ])('%s', (_, o, done, reported, expected) => {
    expect(decide(rule, o, done, reported)).toEqual(expected);
  });
});
