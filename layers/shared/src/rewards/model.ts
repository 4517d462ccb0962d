// Rewards and redemptions (DESIGN §11): what a store offers for points, and what a shopper got.
import type { CustomerRef } from '../ledger';

/** Money amounts are decimal strings ("5.00"), as BigCommerce writes them; a percentage is "10". */
export type RewardDiscount =
  | { type: 'fixed_amount'; amount: string }
  | { type: 'percentage'; amount: string }
  | { type: 'free_shipping' };

/** A reward of a store's catalog. */
export interface Reward {
  storeHash: string;
  /** A slug, unique in the store. */
  id: string;
  name: string;
  pointsCost: number;
  discount: RewardDiscount;
  /** The order subtotal the code needs at checkout, if any. */
  minimumSubtotal?: string;
  /** Inactive rewards cannot be redeemed; codes already issued keep working. */
  active: boolean;
  /** The BigCommerce coupon promotion that carries the discount rule. */
  promotionId: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * `pending`: points debited, code not yet in BigCommerce; `issued`: the code exists; `used`: an
 * order used it; `failed`: BigCommerce refused for good and the points were given back.
 */
export type CouponStatus = 'pending' | 'issued' | 'used' | 'failed';

/** A redemption as stored, beside the customer's account. */
export interface Redemption extends CustomerRef {
  id: string;
  rewardId: string;
  points: number;
  promotionId: number;
  code: string;
  status: CouponStatus;
  createdAt: string;
  updatedAt: string;
  orderId?: number;
}

/** A redemption as the shopper API shows it. */
export interface RedemptionView {
  id: string;
  rewardId: string;
  points: number;
  createdAt: string;
  coupon: { code: string; status: CouponStatus };
  orderId?: number;
}

/** The shopper's view of a redemption. */
export const viewOf = (r: Redemption): RedemptionView => ({
  id: r.id,
  rewardId: r.rewardId,
  points: r.points,
  createdAt: r.createdAt,
  coupon: { code: r.code, status: r.status },
  ...(r.orderId === undefined ? {} : { orderId: r.orderId }),
});

/** A reward from its table item. */
export function toReward(item: Record<string, unknown>): Reward {
  return {
    storeHash: String(item.storeHash),
    id: String(item.id),
    name: String(item.name),
    pointsCost: Number(item.pointsCost),
    discount: item.discount as RewardDiscount,
    active: item.active === true,
    promotionId: Number(item.promotionId),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    ...(typeof item.minimumSubtotal === 'string' ? { minimumSubtotal: item.minimumSubtotal } : {}),
  };
}

/** A redemption from its table item. */
export function toRedemption(item: Record<string, unknown>): Redemption {
  return {
    storeHash: String(item.storeHash),
    customerId: Number(item.customerId),
    id: String(item.id),
    rewardId: String(item.rewardId),
    points: Number(item.points),
    promotionId: Number(item.promotionId),
    code: String(item.code),
    status: item.status as CouponStatus,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    ...(item.orderId === undefined ? {} : { orderId: Number(item.orderId) }),
  };
}
