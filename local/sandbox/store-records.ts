// The records a sandbox store holds, as BigCommerce's APIs return them (plain serialisable data:
// the state file keeps them between runs). Types only: every other sandbox module may import them.

/** A customer attribute (customers.v3.yml). */
export interface Attribute {
  id: number;
  name: string;
  type: 'string' | 'number' | 'date';
  date_created: string;
  date_modified: string;
}
export interface AttributeValue {
  id: number;
  attribute_id: number;
  customer_id: number;
  attribute_value: string;
  date_created: string;
  date_modified: string;
}

/** An order (orders.v2.oas2.yml), with the fields bc-loyalty reads. */
export interface SandboxOrder {
  id: number;
  customer_id: number;
  status_id: number;
  status: string;
  subtotal_ex_tax: string;
  subtotal_inc_tax: string;
  total_ex_tax: string;
  total_inc_tax: string;
  refunded_amount: string;
  currency_code: string;
  date_created: string;
  date_modified: string;
  items_total: number;
  payment_status: string;
  base_shipping_cost: string;
  shipping_cost_ex_tax: string;
  shipping_cost_inc_tax: string;
  discount_amount: string;
  coupon_discount: string;
  coupons: { url: string; resource: string };
}

/** A coupon an order used (orderCoupons_Base); `type` 1 percentage, 2 per total, 4 free shipping. */
export interface OrderCoupon {
  id: number;
  coupon_id: number;
  order_id: number;
  code: string;
  amount: number;
  type: 0 | 1 | 2 | 3 | 4 | 5;
  discount: number;
}

/** A webhook (webhooks.v3.yml). */
export interface SandboxHook {
  id: number;
  client_id: string;
  store_hash: string;
  scope: string;
  destination: string;
  is_active: boolean;
  headers: Record<string, string>;
  created_at: number;
  updated_at: number;
}

/** A saved coupon promotion as BigCommerce returns it (SavedCouponPromotion). */
export interface Promotion {
  id: number;
  redemption_type: 'COUPON';
  name: string;
  display_name?: string;
  channels: Array<{ id: number }>;
  customer: Record<string, unknown>;
  rules: PromotionRule[];
  notifications: unknown[];
  stop: boolean;
  currency_code: string;
  current_uses: number;
  max_uses?: number;
  start_date: string;
  end_date?: string;
  status: 'ENABLED' | 'DISABLED' | 'INVALID';
  can_be_used_with_other_promotions: boolean;
  coupon_overrides_other_promotions: boolean;
  coupon_type: 'SINGLE' | 'BULK';
  created_from: 'api';
}
export interface PromotionRule {
  action: {
    cart_value?: { discount: { fixed_amount?: string; percentage_amount?: string } };
    shipping?: { free_shipping?: boolean; zone_ids: '*' | number[] };
  };
  condition?: { cart?: { minimum_spend?: string } };
  apply_once?: boolean;
  stop?: boolean;
}
/** A coupon code and the promotion it belongs to (the API omits promotion_id). */
export interface CouponCode {
  id: number;
  promotion_id: number;
  code: string;
  current_uses: number;
  max_uses: number;
  max_uses_per_customer: number;
  created: string;
}
export interface CouponUse {
  codeId: number;
  customerId: number;
  orderId: number;
}

/** A storefront cart (carts.sf.yml), one per shopper session. */
export interface SandboxCart {
  id: string;
  session: string;
  customerId: number;
  items: CartItem[];
  couponCodes: string[];
  createdTime: string;
  updatedTime: string;
  version: number;
}
interface CartItem {
  id: string;
  productId: number;
  name: string;
  sku: string;
  quantity: number;
  priceCents: number;
}

/** A script installed through the Scripts API (scripts.v3.yml script_Full). */
export interface SandboxScript {
  uuid: string;
  name: string;
  description?: string;
  html?: string;
  src?: string;
  kind?: 'src' | 'script_tag';
  load_method?: 'default' | 'async' | 'defer';
  location?: 'head' | 'footer';
  visibility?: 'storefront' | 'all_pages' | 'checkout' | 'order_confirmation';
  consent_category?: string;
  auto_uninstall?: boolean;
  enabled?: boolean;
  integrity_hashes?: string[];
  api_client_id: string;
  date_created: string;
  date_modified: string;
}

/** A store's customer as the Customers API v3 answers it (customer_Full, the fields the sandbox keeps). */
export interface SandboxCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  customer_group_id: number;
  date_created: string;
  date_modified: string;
}
