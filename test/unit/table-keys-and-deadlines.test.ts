// The table's key layout (one module every reader and writer uses) and the retry deadlines handlers
// pass down: pure, so they live in the unit tier.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, batchDeadline, deadlineOf } from '@bc-loyalty/shared/retry';
import {
  accountKey,
  accountOfKey,
  couponKey,
  entrySk,
  ENTRY_SK_PATTERN,
  orderEventKey,
  orderKey,
  redemptionKey,
  redemptionOfKey,
  REDEMPTION_SK_PATTERN,
  rewardKey,
  storeCustomersPrefix,
  storeOrdersPrefix,
} from '../../layers/shared/src/table-keys';

const storeHash = fc.stringMatching(/^[a-z0-9]{1,32}$/);
const customerId = fc.integer({ min: 1, max: 999_999_999_999 });
const ULID = '01JD7X5Q9W2M3N4P5R6S7T8V9W';

describe('table keys', () => {
  it('reads back the account and the redemption a key names, and nothing else', () => {
    fc.assert(
      fc.property(storeHash, customerId, (store, id) => {
        const customer = { storeHash: store, customerId: id };
        expect(accountOfKey(accountKey(customer))).toEqual(customer);
        expect(redemptionOfKey(redemptionKey(customer, ULID))).toEqual({ ...customer, redemptionId: ULID });
        expect(accountOfKey(redemptionKey(customer, ULID))).toBeUndefined();
        expect(redemptionOfKey(accountKey(customer))).toBeUndefined();
        expect(accountOfKey(orderKey(store, id))).toBeUndefined();
        expect(accountOfKey(rewardKey(store, 'five-off'))).toBeUndefined();
      }),
    );
  });

  it("starts every partition with its store, so one store's prefix never covers another's items", () => {
    fc.assert(
      fc.property(storeHash, storeHash, customerId, (a, b, id) => {
        fc.pre(a !== b);
        const keysOfB = [
          accountKey({ storeHash: b, customerId: id }),
          orderKey(b, id),
          orderEventKey(b, id, 'abc'),
          couponKey(b, 'PTS-X'),
          rewardKey(b, 'r'),
        ];
        for (const { pk } of keysOfB) {
          expect(pk.startsWith(`STORE#${b}`)).toBe(true);
          expect(pk.startsWith(storeCustomersPrefix(a))).toBe(false);
          expect(pk.startsWith(storeOrdersPrefix(a))).toBe(false);
        }
      }),
    );
  });

  it('sorts entries by version and matches cursors only to their own kind of item', () => {
    expect(entrySk(9) < entrySk(10)).toBe(true);
    expect(ENTRY_SK_PATTERN.test(entrySk(1))).toBe(true);
    expect(REDEMPTION_SK_PATTERN.test(entrySk(1))).toBe(false);
    expect(REDEMPTION_SK_PATTERN.test(redemptionKey({ storeHash: 's', customerId: 1 }, ULID).sk)).toBe(true);
    expect(couponKey('s', 'pts-abc')).toEqual(couponKey('s', 'PTS-ABC'));
  });
});

describe('retry deadlines', () => {
  const remaining = (ms: number) => ({ getRemainingTimeInMillis: () => ms });

  it('stops retries a margin before the invocation ends, or after the fallback without a context', () => {
    const now = Date.now();
    expect(deadlineOf(remaining(10_000), 1_500, 4_000) - now).toBeGreaterThanOrEqual(8_500);
    expect(deadlineOf(remaining(10_000), 1_500, 4_000) - now).toBeLessThan(8_600);
    expect(deadlineOf(undefined, 1_500, 4_000) - now).toBeGreaterThanOrEqual(4_000);
    expect(deadlineOf(remaining(1_000), 1_500, 4_000)).toBeLessThanOrEqual(Date.now());
    expect(batchDeadline(remaining(120_000)) - now).toBeGreaterThanOrEqual(115_000);
  });

  it('backs off within [0, min(cap, base·2^attempt))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), (attempt) => {
        const delay = backoffMs(attempt, 5, 200);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(200, 5 * 2 ** attempt) + 1e-9);
      }),
    );
  });
});
