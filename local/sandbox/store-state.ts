// What the sandbox remembers of each store: customer attributes and their values, orders, hooks,
// promotions and their coupon codes, storefront carts, installed scripts. Plain serialisable fields (arrays/maps of the
// records in store-records.ts); the API modules read and change them, this module imports none of them.
import { couponDiscount, type CouponDiscount } from './coupons';
import type {
  Attribute,
  AttributeValue,
  CouponCode,
  CouponUse,
  OrderCoupon,
  Promotion,
  SandboxCart,
  SandboxCustomer,
  SandboxHook,
  SandboxOrder,
  SandboxScript,
} from './store-records';

/** A code looked up for a cart: its promotion's discount and whether this shopper may use it now. */
interface CouponCheck {
  code: CouponCode;
  promotion: Promotion;
  discount: CouponDiscount;
  usable: boolean;
  reason?: string;
}

export class StoreState {
  attributes: Attribute[] = [];
  attributeValues: AttributeValue[] = [];
  orders = new Map<number, SandboxOrder>();
  hooks: SandboxHook[] = [];
  promotions: Promotion[] = [];
  couponCodes: CouponCode[] = [];
  /** Which customer used which code on which order (BigCommerce keeps this to enforce max_uses_per_customer). */
  couponUses: CouponUse[] = [];
  /** The coupons each order carries (GET /v2/orders/{id}/coupons). */
  orderCoupons: OrderCoupon[] = [];
  /** Storefront carts, one per shopper session. */
  carts: SandboxCart[] = [];
  /** Scripts installed through the Scripts API (Script Manager). */
  scripts: SandboxScript[] = [];
  /** The store's customers (the Customers API; seeded by the stack and POST /__sandbox/customers). */
  customers: SandboxCustomer[] = [];
  /** Access tokens issued to the app by the OAuth install (app-installs.ts); emptied at uninstall. */
  appTokens: string[] = [];
  private nextId = 1;
  // The ledger outlives the sandbox (tests, a deleted .cache/sandbox-state.json): never reuse an order id.
  private nextOrderId = Math.floor(Date.now() / 100) % 1_000_000_000;

  newOrderId(): number {
    return this.nextOrderId++;
  }

  newId(): number {
    return this.nextId++;
  }

  /** The attribute value of a customer, by attribute name (what a merchant sees in the control panel). */
  valueOf(attributeName: string, customerId: number): string | undefined {
    const attribute = this.attributes.find((a) => a.name === attributeName);
    return this.attributeValues.find((v) => v.attribute_id === attribute?.id && v.customer_id === customerId)
      ?.attribute_value;
  }

  /**
   * A coupon code as a cart would see it (codes are case-insensitive at BigCommerce's checkout):
   * its promotion's discount, and whether it can be used now by this customer on this subtotal.
   * Undefined when no promotion has the code.
   */
  couponFor(code: string, customerId = 0, subtotal?: string): CouponCheck | undefined {
    const found = this.couponCodes.find((c) => c.code.toLowerCase() === code.trim().toLowerCase());
    const promotion = found && this.promotions.find((p) => p.id === found.promotion_id);
    if (!found || !promotion) return undefined;
    const discount = couponDiscount(promotion);
    const customerUses = this.couponUses.filter((u) => u.codeId === found.id && u.customerId === customerId).length;
    const reason =
      promotion.status !== 'ENABLED'
        ? 'The promotion is not enabled.'
        : found.max_uses && found.current_uses >= found.max_uses
          ? 'The coupon code has been used up.'
          : promotion.max_uses && promotion.current_uses >= promotion.max_uses
            ? 'The promotion has been used up.'
            : found.max_uses_per_customer && customerId && customerUses >= found.max_uses_per_customer
              ? 'You have already used this coupon code.'
              : subtotal !== undefined &&
                  discount.minimumSpend !== undefined &&
                  Number(subtotal) < Number(discount.minimumSpend)
                ? `The order must be at least ${discount.minimumSpend}.`
                : undefined;
    return { code: found, promotion, discount, usable: !reason, ...(reason ? { reason } : {}) };
  }

  /** An order used the code: counts a use of the code and its promotion (an order is placed once). */
  useCoupon(code: string, orderId: number, customerId = 0): void {
    const check = this.couponFor(code, customerId);
    if (!check) throw new Error(`sandbox: no coupon code ${code}`);
    if (!check.usable) throw new Error(`sandbox: coupon ${code} cannot be used: ${check.reason}`);
    check.code.current_uses++;
    check.promotion.current_uses++;
    this.couponUses.push({ codeId: check.code.id, customerId, orderId });
  }
}
