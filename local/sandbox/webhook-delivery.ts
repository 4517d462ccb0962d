// Delivering BigCommerce's callbacks to the hooks a store registered: each body as BigCommerce posts
// it, retried a few times on failure, optionally several times (duplicates) or held back to be
// released later (out of order), every attempt recorded for tests.
import { createHash } from 'node:crypto';
import type { SandboxHook } from './store-records';

/** How the sandbox delivers a callback: several times (duplicates), or held back until released. */
export interface Delivery {
  times?: number;
  hold?: boolean;
}
interface DeliveredCallback {
  scope: string;
  orderId: number;
  destination: string;
  status: number | 'failed';
}

export class WebhookDelivery {
  /** Every callback delivery attempt, in order. */
  readonly deliveries: DeliveredCallback[] = [];
  private held: Array<() => Promise<void>> = [];

  constructor(private readonly log?: (line: string) => void) {}

  /** Sends the callback for `scope` to every active hook that subscribes to it (`store/order/*` included). */
  async deliver(
    storeHash: string,
    hooks: SandboxHook[],
    scope: string,
    data: Record<string, unknown> & { id: number },
    delivery: Delivery,
  ): Promise<void> {
    const callback = orderCallback(storeHash, scope, data);
    const subscribed = hooks.filter(
      (h) => h.is_active && (h.scope === scope || (h.scope.endsWith('/*') && scope.startsWith(h.scope.slice(0, -1)))),
    );
    const send = async () => {
      for (const hook of subscribed) {
        for (let i = 0; i < (delivery.times ?? 1); i++)
          await this.post(hook.destination, hook.headers, callback, scope, data.id);
      }
    };
    if (delivery.hold) this.held.push(send);
    else await send();
  }

  /** Delivers the held callbacks, oldest first or (out of order) newest first. */
  async releaseHeld(order: 'oldest-first' | 'newest-first' = 'oldest-first'): Promise<void> {
    const held = order === 'newest-first' ? [...this.held].reverse() : this.held;
    this.held = [];
    for (const send of held) await send();
  }

  /** One delivery, retried a few times on failure like BigCommerce (which retries for 48 h). */
  private async post(
    destination: string,
    headers: Record<string, string>,
    callback: unknown,
    scope: string,
    orderId: number,
  ): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const response = await fetch(destination, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: JSON.stringify(callback),
          signal: AbortSignal.timeout(10_000),
        });
        this.deliveries.push({ scope, orderId, destination, status: response.status });
        this.log?.(`webhook ${scope} #${orderId} → ${destination} ${response.status}`);
        if (response.ok) return;
      } catch {
        this.deliveries.push({ scope, orderId, destination, status: 'failed' });
      }
      await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    }
  }
}

/** A callback body as BigCommerce posts it (webhooks-callbacks/store_order_*.yml). */
function orderCallback(storeHash: string, scope: string, data: Record<string, unknown>) {
  const created_at = Math.floor(Date.now() / 1000);
  const hash = createHash('sha1')
    .update(JSON.stringify({ scope, data, created_at, storeHash, nonce: Math.random() }))
    .digest('hex');
  return { scope, store_id: '1025646', data, hash, created_at, producer: `stores/${storeHash}` };
}
