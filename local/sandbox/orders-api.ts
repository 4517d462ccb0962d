// Orders (orders.v2.oas2.yml) and webhooks (webhooks.v3.yml) of the Management API, with state,
// plus what the sandbox does that BigCommerce does on its own: moving orders through statuses,
// refunding them, and delivering the order callbacks to the registered hooks.
import { createHash } from 'node:crypto';
import type { ApiResult } from './customers-api';
import { unprocessable } from './customers-api';
import type { StoreState } from './store-state';

export const STATUS_NAMES: Record<number, string> = {
  0: 'Incomplete', 1: 'Pending', 2: 'Shipped', 3: 'Partially Shipped', 4: 'Refunded', 5: 'Cancelled', 6: 'Declined',
  7: 'Awaiting Payment', 8: 'Awaiting Pickup', 9: 'Awaiting Shipment', 10: 'Completed', 11: 'Awaiting Fulfillment',
  12: 'Manual Verification Required', 13: 'Disputed', 14: 'Partially Refunded',
};

export interface SandboxOrder {
  id: number; customer_id: number; status_id: number; status: string;
  subtotal_ex_tax: string; subtotal_inc_tax: string; total_ex_tax: string; total_inc_tax: string;
  refunded_amount: string; currency_code: string; date_created: string; date_modified: string; items_total: number; payment_status: string;
}

export interface SandboxHook { id: number; client_id: string; store_hash: string; scope: string; destination: string; is_active: boolean; headers: Record<string, string>; created_at: number; updated_at: number }

const rfc2822 = () => new Date().toUTCString().replace('GMT', '+0000');
const money = (cents: bigint) => `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}00`;
const cents = (amount: string) => { const [w = '0', f = ''] = amount.split('.'); return BigInt(w) * 100n + BigInt((f + '00').slice(0, 2)); };

export function newOrder(state: StoreState, customerId: number, subtotal: string, taxRate = 0.1): SandboxOrder {
  const sub = cents(subtotal);
  const total = sub + (sub * BigInt(Math.round(taxRate * 100))) / 100n;
  const order: SandboxOrder = {
    id: state.newOrderId(), customer_id: customerId, status_id: 11, status: STATUS_NAMES[11]!,
    subtotal_ex_tax: money(sub), subtotal_inc_tax: money(total), total_ex_tax: money(sub), total_inc_tax: money(total),
    refunded_amount: '0.0000', currency_code: 'USD', date_created: rfc2822(), date_modified: rfc2822(), items_total: 1, payment_status: 'captured',
  };
  state.orders.set(order.id, order);
  return order;
}

export function setOrderStatus(order: SandboxOrder, statusId: number): number {
  const previous = order.status_id;
  order.status_id = statusId;
  order.status = STATUS_NAMES[statusId] ?? 'Custom';
  if (statusId === 4) order.refunded_amount = order.total_inc_tax;
  order.date_modified = rfc2822();
  return previous;
}

/** Refunds `amount` (a decimal string); the order becomes Partially Refunded or Refunded. */
export function refundOrder(order: SandboxOrder, amount: string): number {
  const refunded = cents(order.refunded_amount) + cents(amount);
  const total = cents(order.total_inc_tax);
  order.refunded_amount = money(refunded > total ? total : refunded);
  return setOrderStatus(order, refunded >= total ? 4 : 14);
}

/** A callback body as BigCommerce posts it (webhooks-callbacks/store_order_*.yml). */
export function orderCallback(storeHash: string, scope: string, data: Record<string, unknown>) {
  const created_at = Math.floor(Date.now() / 1000);
  const hash = createHash('sha1').update(JSON.stringify({ scope, data, created_at, storeHash, nonce: Math.random() })).digest('hex');
  return { scope, store_id: '1025646', data, hash, created_at, producer: `stores/${storeHash}` };
}

type Handler = (state: StoreState, query: Record<string, unknown>, body: unknown, params: Record<string, string>, storeHash: string) => ApiResult;

const hookBody = (hook: SandboxHook) => ({ data: hook, meta: {} });

export const orderHandlers: Record<string, Handler> = {
  getOrder: (state, _q, _b, params) => {
    const order = state.orders.get(Number(params.order_id));
    return order ? { status: 200, body: order } : { status: 404, body: [{ status: 404, message: 'The requested resource was not found.' }] };
  },
  getWebhooks: (state) => ({ status: 200, body: { data: state.hooks, meta: { pagination: { total: state.hooks.length, count: state.hooks.length, per_page: 50, current_page: 1, total_pages: 1 } } } }),
  getWebhook: (state, _q, _b, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    return hook ? { status: 200, body: hookBody(hook) } : { status: 404, body: { status: 404, title: 'Webhook not found', type: '' } };
  },
  createWebhooks: (state, _q, body, _p, storeHash) => {
    const input = body as { scope?: string; destination?: string; is_active?: boolean; headers?: Record<string, string> };
    if (!input.scope || !input.destination) return unprocessable('scope and destination are required');
    const now = Math.floor(Date.now() / 1000);
    const hook: SandboxHook = {
      id: state.newId(), client_id: 'sandbox-app', store_hash: storeHash, scope: input.scope, destination: input.destination,
      is_active: input.is_active ?? true, headers: input.headers ?? {}, created_at: now, updated_at: now,
    };
    state.hooks.push(hook);
    return { status: 200, body: hookBody(hook) };
  },
  updateWebhook: (state, _q, body, params) => {
    const hook = state.hooks.find((h) => h.id === Number(params.webhook_id));
    if (!hook) return { status: 404, body: { status: 404, title: 'Webhook not found', type: '' } };
    Object.assign(hook, body as Partial<SandboxHook>, { updated_at: Math.floor(Date.now() / 1000) });
    return { status: 200, body: hookBody(hook) };
  },
};
