// The BigCommerce sandbox: the Management API endpoints bc-loyalty calls, with state, every request
// and response checked against BigCommerce's OpenAPI files; BigCommerce's rate-limit headers and a
// request budget per store; fault injection; webhook callbacks; and a call log for tests. `npm start`
// serves it on SANDBOX_PORT; tests create their own. This file routes and holds the parts together:
// management-api.ts answers the API, request-budget.ts counts, webhook-delivery.ts posts callbacks,
// control-api.ts serves /__sandbox/*, stores.ts keeps the state, storefront.ts the demo store.
// (~240 lines: besides routing, this class is what tests drive: the shopper's and merchant's order
// actions that send callbacks, the call log, faults, in-flight counts.)
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readBody } from '../http-body';
import { portOf } from '../ports';
import { problem, sendResult } from './api-result';
import { type AppOptions, AppInstalls } from './app-installs';
import { answerControl } from './control-api';
import { FaultPlan } from './faults';
import { answerManagement, SPEC_FILES, type SandboxCall } from './management-api';
import { type NewOrderOptions, newOrder, refundOrder, setOrderStatus } from './orders';
import { type QuotaSettings, type QuotaWindow, RequestBudget } from './request-budget';
import { SpecValidator } from './spec-validator';
import type { SandboxOrder } from './store-records';
import type { StoreState } from './store-state';
import { Stores } from './stores';
import { Storefront, type StorefrontOptions } from './storefront';
import { type Delivery, WebhookDelivery } from './webhook-delivery';

const MANAGEMENT_PATH = /^\/stores\/([a-z0-9]{1,32})\/(v2|v3)(\/.*)$/;

/** The stores, their quota (plan, time scale, another app's use: request-budget.ts; default Pro's 450 per 30 s) and more. */
interface SandboxOptions extends QuotaSettings {
  /** Installed stores and their access tokens. */
  stores: Record<string, string>;
  /** Serve the demo storefront and /customer/current.jwt for this app and store. */
  storefront?: StorefrontOptions;
  /** The app whose OAuth install and callbacks the control panel drives (/oauth2/token, /manage/app). */
  app?: AppOptions;
  /** Keep the stores (orders, attributes, hooks, ids: every StoreState field) in this file between runs. */
  stateFile?: string;
  log?: (line: string) => void;
}

export class BigCommerceSandbox {
  readonly faults = new FaultPlan();
  readonly calls: SandboxCall[] = [];
  private readonly webhooks: WebhookDelivery;
  /** Every callback delivery attempt, in order. */
  readonly deliveries: WebhookDelivery['deliveries'];
  /** Most Management API requests in flight at once, per store. */
  readonly maxInFlight = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly stores: Stores;
  private readonly budget: RequestBudget;
  private server: Server | undefined;
  private port = 0;
  private validator!: SpecValidator;
  /** The storefront side (demo store, login, current.jwt), when configured. */
  storefront: Storefront | undefined;
  /** The app's install side (token endpoint, control panel), when configured. */
  readonly app: AppInstalls | undefined;

  constructor(private readonly options: SandboxOptions) {
    this.budget = new RequestBudget(options);
    this.stores = new Stores(options.stateFile);
    this.webhooks = new WebhookDelivery(options.log);
    this.deliveries = this.webhooks.deliveries;
    this.app = options.app && new AppInstalls(options.app, (storeHash) => this.store(storeHash));
  }

  /** Installed stores and their access tokens. */
  get storeTokens(): Record<string, string> {
    return this.options.stores;
  }

  /** Requests refused because the store's budget was spent. */
  get rateLimited(): number {
    return this.budget.rateLimited;
  }

  /** Changes the stores' quota (plan, time scale, the other app's use); the counts so far are kept. */
  configureQuota(settings: QuotaSettings): void {
    this.budget.configure(settings);
  }

  /** The quota in force: requests per window, the window in real ms, the time scale, the other app's use. */
  get quota(): RequestBudget['current'] {
    return this.budget.current;
  }

  /** The quota in force and a store's windows: our use, the other app's, 429s. */
  quotaOf(storeHash: string): { settings: RequestBudget['current']; windows: QuotaWindow[] } {
    return { settings: this.quota, windows: this.budget.windowsOf(storeHash) };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  store(storeHash: string): StoreState {
    return this.stores.get(storeHash);
  }

  async listen(port = 0): Promise<void> {
    if (!this.validator) {
      this.validator = await SpecValidator.load(SPEC_FILES);
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
          if (!res.headersSent) sendResult(res, { status: 500, body: { status: 500, title: 'Sandbox error' } });
        }),
    );
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port || this.port, '127.0.0.1', () => resolve());
    });
    this.port = portOf(this.server);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.stores.flush();
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
  async changeOrderStatus(storeHash: string, orderId: number, statusId: number, delivery: Delivery = {}) {
    const previous = setOrderStatus(this.order(storeHash, orderId), statusId);
    const status = { previous_status_id: previous, new_status_id: statusId };
    await this.deliver(storeHash, 'store/order/statusUpdated', { type: 'order', id: orderId, status }, delivery);
  }

  /** The merchant refunds part or all of the order: store/order/refund/created, then the new status. */
  async refundOrder(storeHash: string, orderId: number, amount: string, delivery: Delivery = {}): Promise<void> {
    const order = this.order(storeHash, orderId);
    const previous = refundOrder(order, amount);
    const refund = { refund_id: this.store(storeHash).newId() };
    await this.deliver(storeHash, 'store/order/refund/created', { type: 'order', id: orderId, refund }, delivery);
    const status = { previous_status_id: previous, new_status_id: order.status_id };
    await this.deliver(storeHash, 'store/order/statusUpdated', { type: 'order', id: orderId, status }, delivery);
  }

  /** Delivers the held callbacks, oldest first or (out of order) newest first. */
  releaseHeld(order: 'oldest-first' | 'newest-first' = 'oldest-first'): Promise<void> {
    return this.webhooks.releaseHeld(order);
  }

  countOf(operation: string): number {
    return this.calls.filter((c) => c.operation === operation).length;
  }

  private order(storeHash: string, orderId: number): SandboxOrder {
    const order = this.store(storeHash).orders.get(orderId);
    if (!order) throw new Error(`sandbox: no order ${orderId} in ${storeHash}`);
    return order;
  }

  private deliver(
    storeHash: string,
    scope: string,
    data: Record<string, unknown> & { id: number },
    delivery: Delivery,
  ) {
    this.stores.persist();
    return this.webhooks.deliver(storeHash, this.store(storeHash).hooks, scope, data, delivery);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    if (req.method !== 'GET') res.once('finish', () => this.stores.persist());
    if (url.pathname.startsWith('/__sandbox/'))
      return sendResult(res, await answerControl(this, req.method ?? 'GET', url, await readBody(req)));
    const route = MANAGEMENT_PATH.exec(url.pathname);
    if (!route) {
      const body = await readBody(req);
      if (this.app && (await this.app.handle(req, res, url, body))) return;
      if (this.storefront && (await this.storefront.handle(req, res, url, body))) return;
      return sendResult(res, problem(404, 'Not found'));
    }
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

  /** Faults, the store's token, its budget; then the Management API answers. */
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
    const fault = this.faults.next(path);
    if (fault?.kind === 'drop') return void req.socket.destroy();
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));

    // An API account's token (single-store mode), or one the app's OAuth install was issued.
    const token = this.options.stores[storeHash];
    const presented = req.headers['x-auth-token'];
    const appToken = this.app?.accepts(storeHash, presented) ?? false;
    if (token === undefined && !appToken) return sendResult(res, problem(404, 'Store not found'));
    if (presented !== token && !appToken)
      return sendResult(res, problem(401, 'Unauthorized: missing or invalid X-Auth-Token'));

    const { headers, over } = this.budget.spend(storeHash);
    const tooMany = problem(429, 'Too many requests');
    if (fault?.kind === 'rate-limit') {
      const reset = { 'X-Rate-Limit-Requests-Left': '0', 'X-Rate-Limit-Time-Reset-Ms': String(fault.resetMs) };
      return sendResult(res, tooMany, fault.withHeaders === false ? {} : { ...headers, ...reset });
    }
    if (over) {
      this.budget.rateLimited++;
      return sendResult(res, tooMany, headers);
    }
    if (fault?.kind === 'server-error')
      return sendResult(res, problem(fault.status ?? 500, 'Internal Server Error'), headers);

    const query = Object.fromEntries(url.searchParams);
    const request = { method, path, query, headers: req.headers as Record<string, string>, raw };
    const { result, call } = answerManagement(this.validator, this.store(storeHash), storeHash, request);
    if (call) {
      this.calls.push(call);
      this.options.log?.(`${method} /stores/${storeHash}/${version}${path} → ${result.status} (${call.operation})`);
    }
    return sendResult(res, result, headers);
  }
}
