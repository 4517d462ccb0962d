// The BigCommerce sandbox: the Management API endpoints bc-loyalty calls, with state, every request
// and response checked against BigCommerce's OpenAPI files; BigCommerce's rate-limit headers and a
// request budget per store; fault injection; and a call log for tests. `npm start` serves it on
// SANDBOX_PORT; tests create their own.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { customerHandlers, unprocessable, type ApiResult } from './customers-api';
import {
  newOrder,
  orderCallback,
  orderHandlers,
  refundOrder,
  setOrderStatus,
  type NewOrderOptions,
  type SandboxOrder,
} from './orders-api';
import { promotionHandlers } from './promotions-api';
import { scriptHandlers } from './scripts-api';
import { JsonFile } from '../json-file';
import { FaultPlan } from './faults';
import { SpecValidator, type ValidationProblem } from './spec-validator';
import { StoreState } from './store-state';
import { Storefront, type StorefrontOptions } from './storefront';

const MANAGEMENT_PATH = /^\/stores\/([a-z0-9]{1,32})\/(v2|v3)(\/.*)$/;
const ERROR_TYPE = 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes';

export interface SandboxOptions {
  /** Installed stores and their access tokens. */
  stores: Record<string, string>;
  /** Requests allowed per window per store (BigCommerce: 150–450 per 30 s by plan). */
  quota?: number;
  windowMs?: number;
  /** Serve the demo storefront and /customer/current.jwt for this app and store. */
  storefront?: StorefrontOptions;
  /** Keep the stores (orders, attributes, hooks, ids: every StoreState field) in this file between runs. */
  stateFile?: string;
  log?: (line: string) => void;
}

export interface SandboxCall {
  storeHash: string;
  operation: string;
  method: string;
  status: number;
  items: number;
  at: number;
}

type Handler = (
  state: StoreState,
  query: Record<string, unknown>,
  body: unknown,
  params: Record<string, string>,
  storeHash: string,
) => ApiResult;
const HANDLERS: Record<string, Handler> = {
  ...customerHandlers,
  ...orderHandlers,
  ...promotionHandlers,
  ...scriptHandlers,
};

/**
 * Where BigCommerce's published specs refuse what BigCommerce does. webhooks_Resp says data has
 * minItems 1, but a store without hooks answers an empty list. promotions.v3.yml has `oneOf`s
 * between schemas nothing tells apart (CartCondition/AndCondition, neither with required
 * properties; PatchCouponPromotion/PatchAutomaticPromotion), so any rule with a condition, and any
 * promotion update, fails them; the enclosing promotion's oneOf then fails only because of that.
 */
const ONE_OF = 'must match exactly one schema in oneOf';
const PROMOTION_OPERATIONS = ['createPromotion', 'getPromotion', 'getPromotions', 'updatePromotion'];
const KNOWN_SPEC_GAPS = [
  { operations: ['getWebhooks'], where: /^\/data$/, message: 'must NOT have fewer than 1 items' },
  // scripts.v3.yml gives deleteScript's 204 a JSON body; a 204 has none (HTTP), and BigCommerce sends none.
  { operations: ['deleteScript'], where: /^\/$/, message: 'must be object' },
  { operations: ['updatePromotion'], where: /^\/requestBody$/, message: ONE_OF },
  { operations: PROMOTION_OPERATIONS, where: /^\/(requestBody|data(\/\d+)?)\/rules\/\d+\/condition$/, message: ONE_OF },
];
const ENCLOSING_PROMOTION = /^\/(requestBody|data(\/\d+)?)$/;

function withoutSpecGaps(operation: string, problems: ValidationProblem[]): ValidationProblem[] {
  const isGap = (p: ValidationProblem) =>
    KNOWN_SPEC_GAPS.some((g) => g.operations.includes(operation) && g.where.test(p.where) && g.message === p.message);
  const rest = problems.filter((p) => !isGap(p));
  const onlyEnclosing =
    rest.length < problems.length && rest.every((p) => ENCLOSING_PROMOTION.test(p.where) && p.message === ONE_OF);
  return onlyEnclosing && PROMOTION_OPERATIONS.includes(operation) ? [] : rest;
}

/** How the sandbox delivers a callback: several times (duplicates), or held back until released. */
export interface Delivery {
  times?: number;
  hold?: boolean;
}
export interface DeliveredCallback {
  scope: string;
  orderId: number;
  destination: string;
  status: number | 'failed';
}

export class BigCommerceSandbox {
  readonly faults = new FaultPlan();
  readonly calls: SandboxCall[] = [];
  /** Every callback delivery attempt, in order. */
  readonly deliveries: DeliveredCallback[] = [];
  private held: Array<() => Promise<void>> = [];
  /** Most Management API requests in flight at once, per store. */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly states = new Map<string, StoreState>();
  private readonly budgets = new Map<string, { windowStart: number; used: number }>();
  private server: Server | undefined;
  private port = 0;
  private validator!: SpecValidator;
  /** The storefront side (demo store, login, current.jwt), when configured. */
  storefront: Storefront | undefined;
  quota: number;
  windowMs: number;
  /** Requests refused because the store's budget was spent. */
  rateLimited = 0;

  constructor(private readonly options: SandboxOptions) {
    this.quota = options.quota ?? 450;
    this.windowMs = options.windowMs ?? 30_000;
    this.stateFile = options.stateFile === undefined ? undefined : new JsonFile(options.stateFile);
    for (const [storeHash, saved] of this.stateFile?.load() ?? [])
      this.states.set(storeHash, Object.assign(new StoreState(), saved));
  }

  private readonly stateFile: JsonFile<Map<string, StoreState>> | undefined;

  /** Saves the stores soon (debounced): after every change a request or a callback may have made. */
  private persist(): void {
    this.stateFile?.save(() => this.states);
  }

  /** Installed stores and their access tokens. */
  get storeTokens(): Record<string, string> {
    return this.options.stores;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  store(storeHash: string): StoreState {
    const state = this.states.get(storeHash) ?? new StoreState();
    this.states.set(storeHash, state);
    return state;
  }

  async listen(port = 0): Promise<void> {
    if (!this.validator) {
      this.validator = await SpecValidator.load([
        'customers.v3.yml',
        'current_customer.yml',
        'orders.v2.oas2.yml',
        'webhooks.v3.yml',
        'carts.sf.yml',
        'checkouts.sf.yml',
        'promotions.v3.yml',
        'scripts.v3.yml',
      ]);
      const storefront = this.options.storefront;
      if (storefront) {
        this.storefront = new Storefront(storefront, this.validator, {
          state: () => this.store(storefront.storeHash),
          placeOrder: (customerId, subtotal, coupons) =>
            this.createOrder(storefront.storeHash, customerId, subtotal, {}, { coupons }),
        });
      }
    }
    this.server = createServer(
      (req, res) =>
        void this.handle(req, res).catch((error: unknown) => {
          this.options.log?.(`sandbox error: ${(error as Error).stack ?? String(error)}`);
          if (!res.headersSent) this.send(res, 500, { status: 500, title: 'Sandbox error' });
        }),
    );
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port || this.port, '127.0.0.1', () => resolve());
    });
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.stateFile?.flush();
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** BigCommerce goes away: connections are refused for `ms`, then it comes back on the same port. */
  async goAway(ms: number): Promise<void> {
    await this.close();
    setTimeout(() => void this.listen(this.port), ms).unref();
  }

  /**
   * A shopper places an order (status Awaiting Fulfillment), optionally with coupon codes applied
   * (`options.coupons`: each must be usable; the order uses it once); BigCommerce says store/order/created.
   */
  async createOrder(
    storeHash: string,
    customerId: number,
    subtotal: string,
    delivery: Delivery = {},
    options: NewOrderOptions = {},
  ): Promise<SandboxOrder> {
    const order = newOrder(this.store(storeHash), storeHash, customerId, subtotal, options);
    await this.deliver(storeHash, 'store/order/created', { type: 'order', id: order.id }, delivery);
    return order;
  }

  /** The merchant moves the order to a status; BigCommerce says store/order/statusUpdated. */
  async changeOrderStatus(
    storeHash: string,
    orderId: number,
    statusId: number,
    delivery: Delivery = {},
  ): Promise<void> {
    const order = this.order(storeHash, orderId);
    const previous = setOrderStatus(order, statusId);
    await this.deliver(
      storeHash,
      'store/order/statusUpdated',
      { type: 'order', id: orderId, status: { previous_status_id: previous, new_status_id: statusId } },
      delivery,
    );
  }

  /** The merchant refunds part or all of the order: store/order/refund/created, then the new status. */
  async refundOrder(storeHash: string, orderId: number, amount: string, delivery: Delivery = {}): Promise<void> {
    const order = this.order(storeHash, orderId);
    const previous = refundOrder(order, amount);
    const store = this.store(storeHash);
    await this.deliver(
      storeHash,
      'store/order/refund/created',
      { type: 'order', id: orderId, refund: { refund_id: store.newId() } },
      delivery,
    );
    await this.deliver(
      storeHash,
      'store/order/statusUpdated',
      { type: 'order', id: orderId, status: { previous_status_id: previous, new_status_id: order.status_id } },
      delivery,
    );
  }

  /** Delivers the held callbacks, oldest first or (out of order) newest first. */
  async releaseHeld(order: 'oldest-first' | 'newest-first' = 'oldest-first'): Promise<void> {
    const held = order === 'newest-first' ? [...this.held].reverse() : this.held;
    this.held = [];
    for (const send of held) await send();
  }

  private order(storeHash: string, orderId: number): SandboxOrder {
    const order = this.store(storeHash).orders.get(orderId);
    if (!order) throw new Error(`sandbox: no order ${orderId} in ${storeHash}`);
    return order;
  }

  private async deliver(
    storeHash: string,
    scope: string,
    data: Record<string, unknown> & { id: number },
    delivery: Delivery,
  ): Promise<void> {
    this.persist();
    const callback = orderCallback(storeHash, scope, data);
    const hooks = this.store(storeHash).hooks.filter(
      (h) => h.is_active && (h.scope === scope || (h.scope.endsWith('/*') && scope.startsWith(h.scope.slice(0, -1)))),
    );
    const send = async () => {
      for (const hook of hooks) {
        for (let i = 0; i < (delivery.times ?? 1); i++)
          await this.post(hook.destination, hook.headers, callback, scope, data.id);
      }
    };
    if (delivery.hold) this.held.push(send);
    else await send();
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
        this.options.log?.(`webhook ${scope} #${orderId} → ${destination} ${response.status}`);
        if (response.ok) return;
      } catch {
        this.deliveries.push({ scope, orderId, destination, status: 'failed' });
      }
      await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    }
  }

  countOf(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method !== 'GET') res.once('finish', () => this.persist());
    if (url.pathname.startsWith('/__sandbox/')) return this.control(req, res, url.pathname);
    const route = MANAGEMENT_PATH.exec(url.pathname);
    if (!route && this.storefront && (await this.storefront.handle(req, res, url, await readBody(req)))) return;
    if (!route) return this.send(res, 404, { status: 404, title: 'Not found', type: ERROR_TYPE });
    const [, storeHash = '', version = '', path = ''] = route;
    const current = (this.inFlight.get(storeHash) ?? 0) + 1;
    this.inFlight.set(storeHash, current);
    this.maxInFlight.set(storeHash, Math.max(current, this.maxInFlight.get(storeHash) ?? 0));
    try {
      await this.handleManagement(req, res, url, storeHash, version, path);
    } finally {
      this.inFlight.set(storeHash, (this.inFlight.get(storeHash) ?? 1) - 1);
    }
  }

  private async handleManagement(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    storeHash: string,
    version: string,
    path: string,
  ): Promise<void> {
    const method = req.method ?? 'GET';
    const raw = await readBody(req);

    const fault = this.faults.next();
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    const token = this.options.stores[storeHash];
    if (token === undefined) return this.send(res, 404, { status: 404, title: 'Store not found', type: ERROR_TYPE });
    if (req.headers['x-auth-token'] !== token)
      return this.send(res, 401, {
        status: 401,
        title: 'Unauthorized: missing or invalid X-Auth-Token',
        type: ERROR_TYPE,
      });

    const limit = this.spendBudget(storeHash);
    if (fault?.kind === 'rate-limit') {
      return this.send(
        res,
        429,
        { status: 429, title: 'Too many requests', type: ERROR_TYPE },
        fault.withHeaders === false
          ? {}
          : { ...limit, 'X-Rate-Limit-Requests-Left': '0', 'X-Rate-Limit-Time-Reset-Ms': String(fault.resetMs) },
      );
    }
    if (limit['X-Rate-Limit-Requests-Left'] === '-1') {
      this.rateLimited++;
      return this.send(
        res,
        429,
        { status: 429, title: 'Too many requests', type: ERROR_TYPE },
        { ...limit, 'X-Rate-Limit-Requests-Left': '0' },
      );
    }
    if (fault?.kind === 'server-error') {
      return this.send(
        res,
        fault.status ?? 500,
        { status: fault.status ?? 500, title: 'Internal Server Error', type: ERROR_TYPE },
        limit,
      );
    }

    let body: unknown;
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return this.send(
          res,
          400,
          { status: 400, title: 'The request body is not valid JSON.', type: ERROR_TYPE },
          limit,
        );
      }
    }
    const query = Object.fromEntries(url.searchParams);
    const request = { method, path, query, headers: req.headers as Record<string, string>, body };
    const matched = this.validator.match(request);
    const handler = matched && HANDLERS[matched.operation.operationId ?? ''];
    if (!matched || !handler)
      return this.send(
        res,
        404,
        { status: 404, title: `The sandbox does not serve ${method} ${path}`, type: ERROR_TYPE },
        limit,
      );
    const operation = matched.operation.operationId ?? '';

    const problems = withoutSpecGaps(
      operation,
      this.validator.validateRequest(matched.api, matched.operation, request),
    );
    const result = problems.length
      ? unprocessable('JSON data is missing or invalid', Object.fromEntries(problems.map((p) => [p.where, p.message])))
      : handler(
          this.store(storeHash),
          query,
          body,
          matched.api.router.parseRequest(request, matched.operation).params as Record<string, string>,
          storeHash,
        );
    if (result.status < 300) {
      // A 204 has no body, which the validator reads as null.
      const responseProblems = withoutSpecGaps(
        operation,
        this.validator.validateResponse(matched.api, matched.operation, result.status, result.body ?? null),
      );
      if (responseProblems.length)
        throw new Error(`sandbox response to ${operation} violates the spec: ${JSON.stringify(responseProblems)}`);
    }
    this.calls.push({
      storeHash,
      operation,
      method,
      status: result.status,
      items: Array.isArray(body) ? body.length : 0,
      at: Date.now(),
    });
    this.options.log?.(`${method} /stores/${storeHash}/${version}${path} → ${result.status} (${operation})`);
    return this.send(res, result.status, result.body, limit);
  }

  /**
   * Controls for a developer poking at `npm start`: POST /__sandbox/faults {"fault":{…},"times":n},
   * DELETE /__sandbox/faults, GET /__sandbox/calls.
   */
  private async control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (path === '/__sandbox/calls' && req.method === 'GET')
      return this.send(res, 200, { calls: this.calls.slice(-500), rateLimited: this.rateLimited });
    if (path === '/__sandbox/token-mode' && req.method === 'POST' && this.storefront) {
      const { mode } = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { mode?: string };
      if (mode !== 'valid' && mode !== 'expired' && mode !== 'forged')
        return this.send(res, 400, { title: 'send {"mode":"valid"|"expired"|"forged"}' });
      this.storefront.tokenMode = mode;
      return this.send(res, 204, undefined);
    }
    const orderRoute = /^\/__sandbox\/orders(?:\/(\d+)\/(status|refund))?$/.exec(path);
    if (orderRoute && req.method === 'POST') {
      const input = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
        storeHash?: string;
        customerId?: number;
        subtotal?: string;
        statusId?: number;
        amount?: string;
        times?: number;
        coupons?: string[];
        shipping?: string;
      };
      const storeHash = input.storeHash ?? Object.keys(this.options.stores)[0]!;
      try {
        if (!orderRoute[1])
          return this.send(
            res,
            201,
            await this.createOrder(
              storeHash,
              Number(input.customerId ?? 0),
              input.subtotal ?? '64.53',
              {},
              { coupons: input.coupons, shipping: input.shipping },
            ),
          );
        if (orderRoute[2] === 'status')
          await this.changeOrderStatus(storeHash, Number(orderRoute[1]), Number(input.statusId), {
            times: input.times ?? 1,
          });
        else await this.refundOrder(storeHash, Number(orderRoute[1]), input.amount ?? '0');
        return this.send(res, 200, this.store(storeHash).orders.get(Number(orderRoute[1])));
      } catch (error) {
        return this.send(res, 400, { title: (error as Error).message });
      }
    }
    if (path === '/__sandbox/faults' && req.method === 'DELETE') {
      this.faults.clear();
      return this.send(res, 204, undefined);
    }
    if (path === '/__sandbox/faults' && req.method === 'POST') {
      const { fault, times } = JSON.parse((await readBody(req)).toString('utf8') || '{}') as {
        fault?: Parameters<FaultPlan['inject']>[0];
        times?: number;
      };
      if (!fault || !['rate-limit', 'server-error', 'slow', 'drop'].includes(fault.kind)) {
        return this.send(res, 400, {
          title: 'send {"fault":{"kind":"rate-limit"|"server-error"|"slow"|"drop",…},"times":n}',
        });
      }
      this.faults.inject(fault, times ?? 1);
      return this.send(res, 201, { pending: this.faults.pending });
    }
    return this.send(res, 404, { title: 'unknown sandbox control' });
  }

  /** BigCommerce's rate-limit headers; Requests-Left is '-1' when the budget is spent. */
  private spendBudget(storeHash: string): Record<string, string> {
    const now = Date.now();
    const current = this.budgets.get(storeHash);
    const budget = current && now - current.windowStart < this.windowMs ? current : { windowStart: now, used: 0 };
    this.budgets.set(storeHash, budget);
    budget.used++;
    return {
      'X-Rate-Limit-Time-Window-Ms': String(this.windowMs),
      'X-Rate-Limit-Time-Reset-Ms': String(Math.max(0, budget.windowStart + this.windowMs - now)),
      'X-Rate-Limit-Requests-Quota': String(this.quota),
      'X-Rate-Limit-Requests-Left': String(budget.used > this.quota ? -1 : this.quota - budget.used),
    };
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
