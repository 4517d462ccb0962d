// The pure parts of rewards: derived coupon codes, the discounted subtotal earning runs on, and the
// audit's redemption invariant.
import { describe, expect, it } from 'vitest';
import { redemptionFindings } from '../../layers/shared/src/ledger/audit-redemptions';
import { discountedSubtotal } from '@bc-loyalty/shared/orders';
import { couponCodeFor } from '@bc-loyalty/shared/rewards';

describe('coupon codes', () => {
  const secret = 'test-client-secret-0123456789abcdef';
  it('derives the same code for the same redemption every time, in the checkout-friendly alphabet', () => {
    const code = couponCodeFor(secret, 'store1', '01JABCDEFGHJKMNPQRSTVWXYZ0');
    expect(code).toBe(couponCodeFor(secret, 'store1', '01JABCDEFGHJKMNPQRSTVWXYZ0'));
    expect(code).toMatch(/^PTS-[0-9A-HJKMNP-TV-Z]{16}$/);
  });

  it('gives another code for another redemption, store or secret', () => {
    const codes = new Set([
      couponCodeFor(secret, 'store1', 'A'),
      couponCodeFor(secret, 'store1', 'B'),
      couponCodeFor(secret, 'store2', 'A'),
      couponCodeFor(`${secret}x`, 'store1', 'A'),
    ]);
    expect(codes.size).toBe(4);
  });

  it('spreads codes evenly: no collisions among 20,000 redemptions', () => {
    const codes = new Set(Array.from({ length: 20_000 }, (_, i) => couponCodeFor(secret, 'store1', String(i))));
    expect(codes.size).toBe(20_000);
  });
});

describe('discounted subtotal', () => {
  it.each([
    ['42.0000', '5.0000', '37.0000'],
    ['42', '0', '42'],
    ['4.20', '5.00', '0'],
    ['64.5300', '0.5', '64.0300'],
    ['10', '2.125', '7.875'],
  ])('%s − %s = %s', (subtotal, discount, expected) => {
    expect(discountedSubtotal(subtotal, discount)).toBe(expected);
  });
});

describe('the redemption audit', () => {
  const debit = (id: string, points = 500) => ({
    type: 'redeem',
    points: -points,
    redemptionId: id,
    rewardId: 'five-off',
  });
  const restore = (id: string, points = 500) => ({ type: 'restore', points, redemptionId: id, rewardId: 'five-off' });
  const record = (id: string, status: string, createdAt = new Date().toISOString()) => ({
    id,
    status,
    points: 500,
    createdAt,
  });

  it('is clean for issued, used, pending and failed-with-one-restore redemptions', () => {
    expect(
      redemptionFindings(
        [debit('a'), debit('b'), debit('c'), debit('d'), restore('d')],
        [record('a', 'issued'), record('b', 'used'), record('c', 'pending'), record('d', 'failed')],
      ),
    ).toEqual([]);
  });

  it('ignores points-only redemptions from before rewards (no rewardId)', () => {
    expect(redemptionFindings([{ type: 'redeem', points: -100, redemptionId: 'old' }], [])).toEqual([]);
  });

  it.each([
    ['a debit without a record', [debit('a')], [], /without a redemption record/],
    ['a failed redemption without its restore', [debit('a')], [record('a', 'failed')], /failed with 0 restore/],
    [
      'a failed redemption restored twice',
      [debit('a'), restore('a'), restore('a')],
      [record('a', 'failed')],
      /failed with 2 restore/,
    ],
    [
      'an issued code whose points came back too',
      [debit('a'), restore('a')],
      [record('a', 'issued')],
      /issued yet restored/,
    ],
    ['a restore without a debit', [restore('z')], [], /no redemption debit z/],
    ['a record without a debit', [], [record('a', 'issued')], /a record without a debit/],
    [
      'a code pending for more than a day',
      [debit('a')],
      [record('a', 'pending', '2020-01-01T00:00:00.000Z')],
      /pending after 24 h/,
    ],
    ['a record for other points than the debit', [debit('a', 400)], [record('a', 'issued')], /record says 500 points/],
  ])('finds %s', (_, entries, records, problem) => {
    expect(redemptionFindings(entries, records)).toEqual([expect.stringMatching(problem)]);
  });
});
