// GET /rewards: what a shopper can buy with points, and whether they can afford it now.
import { type CustomerRef, getAccount, type PointsTable } from '../ledger';
import { listRewards } from './catalog-store';
import type { Reward } from './model';

/** A reward as a shopper sees it: what it costs and whether the balance covers it now. */
export type RewardOffer = Pick<Reward, 'id' | 'name' | 'pointsCost' | 'discount' | 'minimumSubtotal'> & {
  affordable: boolean;
};

/** The store's active rewards, cheapest first. */
export async function rewardsFor(table: PointsTable, customer: CustomerRef): Promise<{ items: RewardOffer[] }> {
  const [rewards, account] = await Promise.all([listRewards(table, customer.storeHash), getAccount(table, customer)]);
  const items = rewards
    .filter((r) => r.active)
    .sort((a, b) => a.pointsCost - b.pointsCost || a.id.localeCompare(b.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      pointsCost: r.pointsCost,
      discount: r.discount,
      ...(r.minimumSubtotal ? { minimumSubtotal: r.minimumSubtotal } : {}),
      affordable: account.balance >= r.pointsCost,
    }));
  return { items };
}
