// The ledger's pure rules (planChange, replayOf) as properties: any sequence of changes keeps the
// balance equal to the sum of its entries, never lets a redemption overdraw, and orders entries by
// version; a retry replays exactly what the first request answered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryChange } from '../support/ledger-changes';
import { emptyAccount } from '../../layers/shared/src/ledger/model';
import { planChange, replayOf, type PointsChange } from '../../layers/shared/src/ledger/plan-change';
import type { LedgerEntry, PointsAccount } from '@bc-loyalty/shared/ledger';

const customer = { storeHash: 'teststore', customerId: 7 };
const T0 = Date.parse('2026-11-26T00:00:00Z');

const change = arbitraryChange();

/** Applies the changes that the rules allow, as the adapter would one after another. */
function run(changes: PointsChange[]) {
  let account: PointsAccount = emptyAccount(customer);
  const entries: LedgerEntry[] = [];
  let refused = 0;
  for (const [i, c] of changes.entries()) {
    try {
      const plan = planChange(account, c, T0 + i * 1000);
      account = plan.account;
      entries.push(plan.entry);
    } catch (error) {
      expect((error as { code?: string }).code).toBe('INSUFFICIENT_POINTS');
      refused++;
    }
  }
  return { account, entries, refused };
}

describe('planChange', () => {
  it('keeps balance = Σ entries and balanceAfter = the running sum, for any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const { account, entries } = run(changes);
        let sum = 0;
        for (const entry of entries) {
          sum += entry.points;
          expect(entry.balanceAfter).toBe(sum);
        }
        expect(account.balance).toBe(sum);
        expect(account.version).toBe(entries.length);
      }),
    );
  });

  it('never lets a redemption or an adjustment take the balance below zero', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const { entries } = run(changes);
        for (const entry of entries) {
          if (entry.type !== 'reverse' && entry.points < 0) expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('counts earnings net of reversals and redemptions as positive lifetime figures', () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 60 }), (changes) => {
        const { account, entries } = run(changes);
        const total = (type: string) => entries.filter((e) => e.type === type).reduce((s, e) => s + e.points, 0);
        expect(account.lifetimeEarned).toBe(total('earn') + total('reverse'));
        expect(account.lifetimeRedeemed + total('redeem')).toBe(0);
      }),
    );
  });

  it('refuses an overdraft with the balance and the amount asked in the message', () => {
    const before = { ...emptyAccount(customer), balance: 400, version: 3 };
    expect(() => planChange(before, { type: 'redeem', points: -500, reason: 'x' }, T0)).toThrow(
      'Not enough points: the balance is 400, 500 requested.',
    );
  });

  it.each([0, 1.5, Number.NaN, 2 ** 60])('refuses %s points as a programming error', (points) => {
    expect(() => planChange(emptyAccount(customer), { type: 'adjust', points, reason: 'x' }, T0)).toThrow(
      'non-zero integer',
    );
  });

  it('stamps the entry with the change time and a time-sortable id, and keeps order and redemption ids', () => {
    const { entry, account } = planChange(
      emptyAccount(customer),
      { type: 'earn', points: 42, reason: 'Order #9', orderId: '9' },
      T0,
    );
    expect(entry).toMatchObject({
      type: 'earn',
      points: 42,
      balanceAfter: 42,
      orderId: '9',
      createdAt: '2026-11-26T00:00:00.000Z',
    });
    expect(entry.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(account.updatedAt).toBe(entry.createdAt);
  });
});

describe('replayOf', () => {
  const stored = { requestHash: 'h1', response: '{"balance":400}', expiresAt: T0 / 1000 + 60 };

  it('replays a live record of the same request byte for byte', () => {
    expect(replayOf(stored, 'h1', T0)).toEqual({ response: { balance: 400 } });
  });

  it('refuses a live record made by another request', () => {
    expect(() => replayOf(stored, 'h2', T0)).toThrow('already used with a different request');
  });

  it.each([
    ['no record', undefined],
    ['an expired record', { ...stored, expiresAt: T0 / 1000 }],
  ])('has nothing to replay with %s', (_, record) => {
    expect(replayOf(record, 'h2', T0)).toBeUndefined();
  });
});
