// Coupon promotions and their codes (promotions.v3.yml). A reward's discount rule lives in one
// promotion (`redemption_type: COUPON`); each redemption adds one single-use code to it.
import { BigCommerceError, type BigCommerceClient } from './client';

/** The discount rule of a promotion, in BigCommerce's terms (a Rule of promotions.v3.yml). */
export interface PromotionRule {
  action:
    | { cart_value: { discount: { fixed_amount: string } | { percentage_amount: string } } }
    | { shipping: { free_shipping: true; zone_ids: '*' } };
  condition?: { cart: { minimum_spend: string } };
}

/** A coupon promotion as the rewards catalog defines it. */
export interface PromotionInput {
  name: string;
  /** What the shopper sees at checkout. */
  displayName: string;
  rule: PromotionRule;
  enabled: boolean;
}

/** A promotion as BigCommerce answers it. */
export interface Promotion {
  id: number;
  name: string;
  status: 'ENABLED' | 'DISABLED' | 'INVALID';
}
interface One<T> {
  data: T;
}
interface Page<T> {
  data: T[];
}
interface CouponCode {
  id: number;
  code: string;
}

/** How creating a code ended: created now, already there (a retry), or refused for good. */
export type CodeOutcome = { outcome: 'created' | 'exists'; codeId: number } | { outcome: 'refused'; reason: string };

const body = (input: PromotionInput) => ({
  name: input.name,
  display_name: input.displayName,
  rules: [{ ...input.rule, apply_once: true }],
  status: input.enabled ? 'ENABLED' : 'DISABLED',
  // One promotion, many codes (one per redemption).
  coupon_type: 'BULK',
});

/**
 * Creates a coupon promotion (one per reward).
 *
 * @throws BigCommerceError
 */
export async function createCouponPromotion(client: BigCommerceClient, input: PromotionInput): Promise<Promotion> {
  return (
    await client.call<One<Promotion>>('createPromotion', 'POST', '/v3/promotions', {
      body: { ...body(input), redemption_type: 'COUPON' },
    })
  ).data;
}

/**
 * Brings a promotion in line with `input`.
 *
 * @throws BigCommerceError (404 when it was deleted)
 */
export async function updateCouponPromotion(
  client: BigCommerceClient,
  promotionId: number,
  input: PromotionInput,
): Promise<Promotion> {
  return (
    await client.call<One<Promotion>>('updatePromotion', 'PUT', `/v3/promotions/${promotionId}`, { body: body(input) })
  ).data;
}

/**
 * Adds a single-use code (`max_uses` 1, `max_uses_per_customer` 1) to the promotion. Safe to repeat:
 * codes are unique in a store, and a 409 for a code that the promotion already has means an
 * earlier attempt created it. A 404 (the promotion was deleted) or another 4xx is a refusal for
 * good; 429, 5xx and timeouts are retried by the client and then thrown.
 */
export async function createCouponCode(
  client: BigCommerceClient,
  promotionId: number,
  code: string,
): Promise<CodeOutcome> {
  try {
    const created = await client.call<One<CouponCode>>(
      'createPromotionCode',
      'POST',
      `/v3/promotions/${promotionId}/codes`,
      {
        body: { code, max_uses: 1, max_uses_per_customer: 1 },
      },
    );
    return { outcome: 'created', codeId: created.data.id };
  } catch (error) {
    if (!(error instanceof BigCommerceError) || error.retryable || error.status === undefined) throw error;
    if (error.status !== 409) return { outcome: 'refused', reason: error.message };
  }
  const existing = await client.call<Page<CouponCode>>(
    'getPromotionCodes',
    'GET',
    `/v3/promotions/${promotionId}/codes`,
    { query: { code } },
  );
  const mine = existing.data.find((c) => c.code.toUpperCase() === code.toUpperCase());
  return mine
    ? { outcome: 'exists', codeId: mine.id }
    : { outcome: 'refused', reason: `code ${code} belongs to another promotion` };
}
