// What the sandbox remembers of each store: customer attributes and their values, orders, hooks, carts.
import type { SandboxHook, SandboxOrder } from './orders-api';
import type { SandboxCart } from './storefront-cart';
export interface Attribute { id: number; name: string; type: 'string' | 'number' | 'date'; date_created: string; date_modified: string }
export interface AttributeValue { id: number; attribute_id: number; customer_id: number; attribute_value: string; date_created: string; date_modified: string }

export class StoreState {
  attributes: Attribute[] = [];
  attributeValues: AttributeValue[] = [];
  orders = new Map<number, SandboxOrder>();
  hooks: SandboxHook[] = [];
  /** Storefront carts, one per shopper session. */
  carts: SandboxCart[] = [];
  private nextId = 1;
  // The sandbox forgets its orders on restart but the local ledger does not: never reuse an id.
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
    return this.attributeValues.find((v) => v.attribute_id === attribute?.id && v.customer_id === customerId)?.attribute_value;
  }
}
