// GET /rewards: what a shopper can buy with points, and whether they can afford it now.
import { getAccount, type CustomerRef } from '../ledger';
import { listRewards } from './catalog-store';
import type { RewardDiscount } from './model';

export interface RewardOffer {
  id: string;
  name: string;
  pointsCost: number;
  discount: RewardDiscount;
  minimumSubtotal?: string;
  affordable: boolean;
}

/** The store's active rewards, cheapest first. */
export async function rewardsFor(customer: CustomerRef): Promise<{ items: RewardOffer[] }> {
  const [rewards, account] = await Promise.all([listRewards(customer.storeHash), getAccount(customer)]);
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
