// The sandbox's own controls, for a developer poking at `npm start` (docs/earning.md,
// docs/mirroring.md): POST /__sandbox/orders (and …/{id}/status, …/{id}/refund) act as the shopper
// and the merchant; POST /__sandbox/faults {"fault":{…},"times":n}, DELETE /__sandbox/faults;
// GET /__sandbox/calls; POST /__sandbox/token-mode {"mode":…} for the demo store's tokens;
// POST /__sandbox/customers {"storeHash","customers":[{"id","email","name"}]} signs customers up.
// POST /__sandbox/quota {plan, quota, timeScale, otherAppPerWindow, offsetMs}, GET /__sandbox/quota?store=….
import type { ApiResult } from './api-result';
import { type CustomerSeed, seedCustomers } from './customers-api';
import type { Fault, FaultPlan } from './faults';
import type { SandboxCall } from './management-api';
import type { NewOrderOptions } from './orders';
import type { QuotaSettings, QuotaWindow } from './request-budget';
import type { StoreState } from './store-state';
import type { Storefront } from './storefront';
import type { Delivery } from './webhook-delivery';

/** What the controls act on: the sandbox (server.ts). */
interface ControlledSandbox {
  readonly calls: SandboxCall[];
  readonly rateLimited: number;
  readonly faults: FaultPlan;
  readonly storefront: Storefront | undefined;
  readonly storeTokens: Record<string, string>;
  store(storeHash: string): StoreState;
  configureQuota(settings: QuotaSettings): void;
  quotaOf(storeHash: string): { settings: unknown; windows: QuotaWindow[] };
  createOrder(
    storeHash: string,
    customerId: number,
    subtotal: string,
    delivery: Delivery,
    options: NewOrderOptions,
  ): Promise<unknown>;
  changeOrderStatus(storeHash: string, orderId: number, statusId: number, delivery: Delivery): Promise<void>;
  refundOrder(storeHash: string, orderId: number, amount: string): Promise<void>;
}

interface OrderInput {
  storeHash?: string;
  customerId?: number;
  subtotal?: string;
  statusId?: number;
  amount?: string;
  times?: number;
  coupons?: string[];
  shipping?: string;
}

const FAULT_KINDS = ['rate-limit', 'server-error', 'slow', 'drop'];

/** Answers a control request (its body already read); 404 for an unknown one. */
export async function answerControl(
  sandbox: ControlledSandbox,
  method: string,
  url: URL,
  raw: Buffer,
): Promise<ApiResult> {
  const path = url.pathname;
  const input = () => JSON.parse(raw.toString('utf8') || '{}') as unknown;
  const orderRoute = /^\/__sandbox\/orders(?:\/(\d+)\/(status|refund))?$/.exec(path);
  const route = `${method} ${orderRoute ? '/__sandbox/orders' : path}`;
  if (route === 'GET /__sandbox/calls')
    return answer(200, { calls: sandbox.calls.slice(-500), rateLimited: sandbox.rateLimited });
  if (route === 'POST /__sandbox/token-mode' && sandbox.storefront) {
    const { mode } = input() as { mode?: string };
    if (mode !== 'valid' && mode !== 'expired' && mode !== 'forged')
      return answer(400, { title: 'send {"mode":"valid"|"expired"|"forged"}' });
    sandbox.storefront.tokenMode = mode;
    return answer(204);
  }
  if (route === 'POST /__sandbox/orders' && orderRoute) {
    const order = input() as OrderInput;
    try {
      return await actOnOrder(sandbox, order, orderRoute[1], orderRoute[2]);
    } catch (error) {
      return answer(400, { title: (error as Error).message });
    }
  }
  if (route === 'POST /__sandbox/customers') {
    const { storeHash, customers } = input() as { storeHash?: string; customers?: CustomerSeed[] };
    const valid = (c: CustomerSeed) =>
      Number.isSafeInteger(c?.id) && typeof c.email === 'string' && typeof c.name === 'string';
    if (!storeHash || !Array.isArray(customers) || !customers.every(valid))
      return answer(400, { title: 'send {"storeHash","customers":[{"id","email","name"}]}' });
    return answer(201, { customers: seedCustomers(sandbox.store(storeHash), customers) });
  }
  if (route === 'GET /__sandbox/quota') {
    const storeHash = url.searchParams.get('store') ?? Object.keys(sandbox.storeTokens)[0]!;
    return answer(200, sandbox.quotaOf(storeHash));
  }
  if (route === 'POST /__sandbox/quota') {
    try {
      sandbox.configureQuota(input() as QuotaSettings);
      return answer(204);
    } catch (error) {
      return answer(400, { title: (error as Error).message });
    }
  }
  if (route === 'DELETE /__sandbox/faults') {
    sandbox.faults.clear();
    return answer(204);
  }
  if (route === 'POST /__sandbox/faults') {
    const { fault, times } = input() as { fault?: Fault; times?: number };
    if (!fault || !FAULT_KINDS.includes(fault.kind))
      return answer(400, { title: 'send {"fault":{"kind":"rate-limit"|"server-error"|"slow"|"drop",…},"times":n}' });
    sandbox.faults.inject(fault, times ?? 1);
    return answer(201, { pending: sandbox.faults.pending });
  }
  return answer(404, { title: 'unknown sandbox control' });
}

/** A new order, or a status change or refund of order `id`: answers the order. */
async function actOnOrder(
  sandbox: ControlledSandbox,
  input: OrderInput,
  id: string | undefined,
  action: string | undefined,
): Promise<ApiResult> {
  const storeHash = input.storeHash ?? Object.keys(sandbox.storeTokens)[0]!;
  if (!id) {
    const options = { coupons: input.coupons, shipping: input.shipping };
    const order = await sandbox.createOrder(
      storeHash,
      Number(input.customerId ?? 0),
      input.subtotal ?? '64.53',
      {},
      options,
    );
    return answer(201, order);
  }
  if (action === 'status')
    await sandbox.changeOrderStatus(storeHash, Number(id), Number(input.statusId), { times: input.times ?? 1 });
  else await sandbox.refundOrder(storeHash, Number(id), input.amount ?? '0');
  return answer(200, sandbox.store(storeHash).orders.get(Number(id)));
}

const answer = (status: number, body?: unknown): ApiResult => ({ status, body });
