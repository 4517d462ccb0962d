// The black-friday load: orders placed at a steady store-time rate, each completed minutes later,
// 10% refunded in full after that, 20% paid with a reward code, 5% guests; webhooks repeated (10%
// delivered twice, 10% a second distinct callback) and out of order (5%: completion and refund held
// and released newest first). Store time runs `timeScale` times faster than the wall clock.
import type { SandboxOrder } from '../local/sandbox/store-records';
import type { BigCommerceSandbox } from '../local/sandbox/server';

const COMPLETED = 10;

/** What the load did to one order, in wall-clock ms (store time = wall × timeScale). */
export interface PlacedOrder {
  order: SandboxOrder;
  placedAt: number;
  /** When its completion callback was sent (undefined: held, out of order, or never completed). */
  completedAt?: number;
  refunded: boolean;
  withCode: boolean;
}

export interface LoadOptions {
  orders: number;
  ordersPerHour: number;
  timeScale: number;
  storeHash: string;
  /** One unused reward code per customer who pays with one (customer id → code). */
  codes: Map<number, string>;
  log: (line: string) => void;
}

/** A deterministic pseudo-random sequence (the same load every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

/** Order placements in flight at most: the local API is the bottleneck, not the schedule. */
const MAX_IN_FLIGHT = 48;

/**
 * Runs the load and resolves when every callback was sent. Completion comes 1–10 store minutes
 * after the order, a refund 1–5 store minutes after that. Orders are placed on schedule, each in
 * its own flow (a slow webhook does not delay the next order), at most MAX_IN_FLIGHT at once.
 */
export async function runLoad(sandbox: BigCommerceSandbox, options: LoadOptions): Promise<PlacedOrder[]> {
  const { orders, ordersPerHour, timeScale, storeHash, codes, log } = options;
  const next = random(16);
  const storeSeconds = (s: number) => (s * 1000) / timeScale;
  const gapMs = storeSeconds(3600 / ordersPerHour);
  const codeHolders = [...codes.keys()];
  const placed: PlacedOrder[] = [];
  const flows: Promise<void>[] = [];
  let inFlight = 0;
  const start = Date.now();
  const releaser = setInterval(() => void sandbox.releaseHeld('newest-first'), storeSeconds(120));
  for (let i = 0; i < orders; i++) {
    await sleepUntil(start + i * gapMs);
    while (inFlight >= MAX_IN_FLIGHT) await new Promise((r) => setTimeout(r, 5));
    const roll = next();
    const customerId = roll < 0.2 && codeHolders.length ? codeHolders.pop()! : roll < 0.25 ? 0 : 100_000 + i;
    const code = codes.get(customerId);
    const subtotal = (10 + Math.floor(next() * 19_000) / 100).toFixed(2);
    const refunded = next() < 0.1;
    const duplicate = next();
    const held = next() < 0.05;
    const completeAfter = storeSeconds(60 + next() * 540);
    const refundAfter = storeSeconds(60 + next() * 240);
    inFlight++;
    flows.push(
      (async () => {
        const placedAt = Date.now();
        const order = await sandbox
          .createOrder(storeHash, customerId, subtotal, {}, code ? { coupons: [code] } : {})
          .finally(() => inFlight--);
        const entry: PlacedOrder = { order, placedAt, refunded, withCode: Boolean(code) };
        placed.push(entry);
        await sleepUntil(placedAt + completeAfter);
        const delivery = { hold: held, times: duplicate < 0.1 ? 2 : 1 };
        if (!held) entry.completedAt = Date.now();
        await sandbox.changeOrderStatus(storeHash, order.id, COMPLETED, delivery);
        if (duplicate >= 0.1 && duplicate < 0.2) await sandbox.changeOrderStatus(storeHash, order.id, COMPLETED);
        if (!refunded) return;
        await sleepUntil(Date.now() + refundAfter);
        await sandbox.refundOrder(storeHash, order.id, order.total_inc_tax, { hold: held });
      })(),
    );
    if ((i + 1) % 1000 === 0) log(`${i + 1} orders placed (${((Date.now() - start) / 1000).toFixed(0)} s)`);
  }
  const placedBy = Date.now();
  log(
    `all placed in ${((placedBy - start) / 1000).toFixed(0)} s (scheduled: ${((orders * gapMs) / 1000).toFixed(0)} s)`,
  );
  await Promise.all(flows);
  clearInterval(releaser);
  await sandbox.releaseHeld('newest-first');
  return placed;
}
