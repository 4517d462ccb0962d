// Managing a store's rewards (the rewards CLI today, the admin UI later): each reward's discount
// rule lives in a BigCommerce coupon promotion, created and updated here together with the reward.
import {
  BigCommerceError,
  createCouponPromotion,
  requireStoreClient,
  updateCouponPromotion,
  type BigCommerceClient,
  type PromotionInput,
  type PromotionRule,
} from '../bigcommerce';
import { z } from '../config';
import { DomainError, RewardNotFound, ValidationError } from '../errors';
import type { PointsTable, TransactItem } from '../ledger';
import { getReward, saveReward } from './catalog-store';
import type { Reward, RewardDiscount } from './model';

/** A decimal string as BigCommerce writes money (up to 7 digits, 2 places) within [min, max]. */
const decimal = (min: number, max: number, what: string) =>
  z.string().check(z.refine((v) => /^\d{1,7}(\.\d{1,2})?$/.test(v) && Number(v) >= min && Number(v) <= max, what));
const money = decimal(0, 9_999_999.99, 'an amount like 5 or 4.99');
// BigCommerce refuses (422) a discount of nothing or of more than the whole order: a 400 here first.
const discount = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed_amount'), amount: decimal(0.01, 9_999_999.99, 'an amount above 0, like 5') }),
  z.strictObject({ type: z.literal('percentage'), amount: decimal(0.01, 100, 'a percentage from 0.01 to 100') }),
  z.strictObject({ type: z.literal('free_shipping') }),
]);

/** What a merchant sets on a reward. */
const rewardInput = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a slug: lowercase letters, digits and hyphens')),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  pointsCost: z.int().check(z.minimum(1), z.maximum(1_000_000)),
  discount,
  minimumSubtotal: z.optional(money),
  active: z._default(z.boolean(), true),
});
type RewardInput = z.infer<typeof rewardInput>;
/** The fields updateReward may change (all optional). */
export type RewardChanges = Partial<Omit<RewardInput, 'id'>>;
/** Records written in the same transaction as the reward, built from it (an admin's audit item). */
export type AlsoWrite = (reward: Reward) => TransactItem[];

function promotionOf(reward: Omit<Reward, 'promotionId' | 'createdAt' | 'updatedAt'>): PromotionInput {
  const d: RewardDiscount = reward.discount;
  const action: PromotionRule['action'] =
    d.type === 'free_shipping'
      ? { shipping: { free_shipping: true, zone_ids: '*' } }
      : {
          cart_value: {
            discount: d.type === 'fixed_amount' ? { fixed_amount: d.amount } : { percentage_amount: d.amount },
          },
        };
  return {
    name: `Loyalty reward: ${reward.name} (${reward.id})`,
    displayName: reward.name,
    rule: {
      action,
      ...(reward.minimumSubtotal ? { condition: { cart: { minimum_spend: reward.minimumSubtotal } } } : {}),
    },
    // Kept enabled even when the reward is retired: codes already bought must keep working.
    enabled: true,
  };
}

function parse(input: unknown): RewardInput {
  const parsed = rewardInput.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'reward'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/**
 * Adds a reward and its promotion (through `client`, by default the store's own); `also` is written
 * with it. Throws ValidationError for bad input or an id in use.
 */
export async function addReward(
  table: PointsTable,
  storeHash: string,
  input: unknown,
  client?: BigCommerceClient,
  also?: AlsoWrite,
): Promise<Reward> {
  const fields = parse(input);
  if (await getReward(table, storeHash, fields.id))
    throw new ValidationError(`a reward ${fields.id} exists; use update`);
  const promotion = await createCouponPromotion(
    client ?? (await requireStoreClient(storeHash, { priority: 'admin' }, table)),
    promotionOf({ storeHash, ...fields }),
  );
  const now = new Date().toISOString();
  const reward: Reward = { storeHash, ...fields, promotionId: promotion.id, createdAt: now, updatedAt: now };
  if (!(await saveReward(table, reward, true, also?.(reward))))
    throw new DomainError(
      'CONCURRENT_UPDATE',
      `a reward ${fields.id} was added meanwhile (promotion ${promotion.id} is unused)`,
    );
  return reward;
}

/** The promotion brought in line with the reward; re-created if someone deleted it in BigCommerce. */
async function syncPromotion(client: BigCommerceClient, promotionId: number, input: PromotionInput): Promise<number> {
  try {
    return (await updateCouponPromotion(client, promotionId, input)).id;
  } catch (error) {
    if (!(error instanceof BigCommerceError && error.status === 404)) throw error;
    return (await createCouponPromotion(client, input)).id;
  }
}

/**
 * Changes a reward; the promotion follows (an empty change just re-syncs it); `also` is written
 * with it. Throws RewardNotFound, ValidationError.
 */
export async function updateReward(
  table: PointsTable,
  storeHash: string,
  rewardId: string,
  changes: RewardChanges,
  also?: AlsoWrite,
): Promise<Reward> {
  const current = await getReward(table, storeHash, rewardId);
  if (!current) throw new RewardNotFound(rewardId);
  const { storeHash: _s, promotionId: previousPromotion, createdAt, updatedAt: _u, ...fields } = current;
  const next = parse({ ...fields, ...changes, id: rewardId });
  const promotionId = await syncPromotion(
    await requireStoreClient(storeHash, { priority: 'admin' }, table),
    previousPromotion,
    promotionOf({ storeHash, ...next }),
  );
  const reward: Reward = { storeHash, ...next, promotionId, createdAt, updatedAt: new Date().toISOString() };
  await saveReward(table, reward, false, also?.(reward));
  return reward;
}

/** Stops offering a reward. Its promotion stays enabled, so codes already issued still apply. */
export function disableReward(table: PointsTable, storeHash: string, rewardId: string): Promise<Reward> {
  return updateReward(table, storeHash, rewardId, { active: false });
}
