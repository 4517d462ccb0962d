// The admin's pure rules: what a balance change adds to the store's figures (summed over any
// sequence, the deltas equal a recount), and which earning settings a merchant may save.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryChange } from '../support/ledger-changes';
import { earningSettingsInput } from '../../layers/shared/src/admin/earning-settings';
import { emptyAccount } from '../../layers/shared/src/ledger/model';
import { planChange } from '../../layers/shared/src/ledger/plan-change';
import { totalsDelta } from '../../layers/shared/src/ledger/stats';

const change = arbitraryChange(500);

describe('store figures', () => {
  it('sum to the recount: members (balance > 0), points outstanding, rewards issued', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), change), { maxLength: 60 }), (steps) => {
        const accounts = new Map<number, ReturnType<typeof emptyAccount>>();
        const sum = { members: 0, pointsOutstanding: 0, rewardsIssued: 0 };
        let redeemed = 0;
        for (const [customerId, c] of steps) {
          const before = accounts.get(customerId) ?? emptyAccount({ storeHash: 's', customerId });
          let planned: ReturnType<typeof planChange>;
          try {
            planned = planChange(before, c, 0);
          } catch {
            continue; // refused (insufficient points): no change, no figures
          }
          const delta = totalsDelta(before, planned);
          sum.members += delta.members!;
          sum.pointsOutstanding += delta.pointsOutstanding!;
          sum.rewardsIssued += delta.rewardsIssued!;
          if (c.type === 'redeem') redeemed++;
          accounts.set(customerId, planned.account);
        }
        const balances = [...accounts.values()].map((a) => a.balance);
        expect(sum).toEqual({
          members: balances.filter((b) => b > 0).length,
          pointsOutstanding: balances.reduce((a, b) => a + b, 0),
          rewardsIssued: redeemed,
        });
      }),
    );
  });
});

describe('earning settings a merchant may save', () => {
  const valid = { pointsPerUnit: '1.5', earnStatusIds: [2, 10], reverseStatusIds: [4, 5] };
  it('accepts a decimal rate and disjoint status ids 0..14 (none at all turns earning off)', () => {
    expect(earningSettingsInput.safeParse(valid).success).toBe(true);
    expect(earningSettingsInput.safeParse({ ...valid, earnStatusIds: [], pointsPerUnit: '0' }).success).toBe(true);
  });
  it.each([
    ['a status that earns and reverses', { ...valid, reverseStatusIds: [10] }],
    ['a status id above 14', { ...valid, earnStatusIds: [15] }],
    ['a negative status id', { ...valid, earnStatusIds: [-1] }],
    ['a repeated status id', { ...valid, earnStatusIds: [2, 2] }],
    ['a rate with 7 decimals', { ...valid, pointsPerUnit: '1.0000001' }],
    ['a numeric rate', { ...valid, pointsPerUnit: 1 }],
    ['an unknown field', { ...valid, storeHash: 'x' }],
    ['a missing field', { pointsPerUnit: '1', earnStatusIds: [2] }],
  ])('refuses %s', (_, input) => {
    expect(earningSettingsInput.safeParse(input).success).toBe(false);
  });
});
