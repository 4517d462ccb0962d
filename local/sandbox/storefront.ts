// The storefront half of the sandbox: the demo store page with the scripts installed through the
// Scripts API (the widget, once bc:setup or `npm start` installed it), a login that sets a
// session cookie for a demo customer, GET /customer/current.jwt for the signed-in customer
// (current-customer.ts), and the session's cart through the Storefront API (storefront-cart.ts),
// which the demo page turns into an order.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { INVALID_JSON, jsonOf } from '../http-body';
import { currentCustomerAnswer, type TokenMode } from './current-customer';
import { demoStorePage, type DemoCustomer } from './demo-store-page';
import { FaultPlan } from './faults';
import { renderScripts } from './scripts-api';
import type { SpecValidator } from './spec-validator';
import type { StoreState } from './store-state';
import { appliedCoupons, subtotalCents } from './cart-view';
import { cartHandlers } from './storefront-cart';

export interface StorefrontOptions {
  storeHash: string;
  clientId: string;
  clientSecret: string;
  customers: DemoCustomer[];
}

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  { id: 1, name: 'Ada Lovelace', email: 'ada@example.com', groupId: '1' },
  { id: 2, name: 'Ben Okafor', email: 'ben@example.com', groupId: '1' },
  { id: 3, name: 'Chen Wei', email: 'chen@example.com', groupId: '2' },
];

const SESSION_COOKIE = 'SHOP_SESSION_TOKEN';
const STOREFRONT_API = '/api/storefront';

/** What the storefront needs from the rest of the sandbox: the store's state, and its orders. */
interface StorefrontStore {
  state(): StoreState;
  /** Places an order with these coupon codes, as the checkout's payment step does; answers the order. */
  placeOrder(customerId: number, subtotal: string, coupons: string[]): Promise<unknown>;
}

export class Storefront {
  /** Tests make the store hand out expired or forged tokens. */
  tokenMode: TokenMode = 'valid';
  /** Faults for the Storefront API routes (the Management API has its own plan). */
  readonly faults = new FaultPlan();
  /** Session token → customer id (0: a guest with a cart). */
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly options: StorefrontOptions,
    private readonly validator: SpecValidator,
    private readonly store: StorefrontStore,
  ) {}

  /** Answers the storefront routes; false for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    const customer = this.signedIn(req);
    if (route === 'GET /')
      return send(
        res,
        200,
        'text/html; charset=utf-8',
        demoStorePage({
          scripts: {
            head: renderScripts(this.store.state(), 'head'),
            footer: renderScripts(this.store.state(), 'footer'),
          },
          customers: this.options.customers,
          signedIn: customer,
        }),
      );
    if (route === 'POST /login') {
      const { customerId } = JSON.parse(body.toString('utf8') || '{}') as { customerId?: number };
      if (!this.options.customers.some((c) => c.id === customerId))
        return send(res, 400, 'application/json', '{"title":"unknown demo customer"}');
      const session = this.newSession(res, customerId!);
      // A guest's cart becomes the customer's, as BigCommerce carries it over at login.
      for (const cart of this.store.state().carts.filter((c) => c.session === sessionOf(req)))
        Object.assign(cart, { session, customerId });
      return send(res, 204);
    }
    if (route === 'POST /logout') {
      const session = sessionOf(req);
      if (session) this.sessions.delete(session);
      const state = this.store.state();
      state.carts = state.carts.filter((c) => c.session !== session);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return send(res, 204);
    }
    if (route === 'POST /place-order') return this.placeOrder(req, res);
    if (url.pathname === '/customer/current.jwt') {
      const request = {
        method: req.method ?? 'GET',
        query: Object.fromEntries(url.searchParams),
        headers: req.headers as Record<string, string>,
      };
      const answer = await currentCustomerAnswer(this.validator, this.options, this.tokenMode, request, customer);
      return send(res, answer.status, 'application/json', answer.body);
    }
    if (url.pathname.startsWith(`${STOREFRONT_API}/`)) return this.storefrontApi(req, res, url, body);
    return false;
  }

  /** The Storefront API: faults first, then the spec-checked request, the handler, the spec-checked answer. */
  private async storefrontApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<true> {
    const fault = this.faults.next(url.pathname);
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return true;
    }
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.kind === 'rate-limit') return sendJson(res, 429, { status: 429, title: 'Too many requests' });
    if (fault?.kind === 'server-error')
      return sendJson(res, fault.status ?? 500, { status: fault.status ?? 500, title: 'Internal Server Error' });

    const body = jsonOf(raw);
    if (body === INVALID_JSON) return sendJson(res, 400, { status: 400, title: 'The request body is not valid JSON.' });
    const request = {
      method: req.method ?? 'GET',
      path: url.pathname.slice(STOREFRONT_API.length),
      query: Object.fromEntries(url.searchParams),
      headers: req.headers as Record<string, string>,
      body,
    };
    const matched = this.validator.match(request);
    const handler = matched && cartHandlers[matched.operation.operationId ?? ''];
    if (!matched || !handler)
      return sendJson(res, 404, { status: 404, title: `The sandbox does not serve ${request.method} ${url.pathname}` });
    const problems = this.validator.validateRequest(matched.api, matched.operation, request);
    if (problems.length)
      return sendJson(res, 400, { status: 400, title: problems.map((p) => `${p.where} ${p.message}`).join('; ') });

    // BigCommerce keeps a cart in the shopper's session, guest or not: a guest's first cart starts one.
    const known = sessionOf(req);
    const session =
      known && this.sessions.has(known)
        ? known
        : matched.operation.operationId === 'createCart'
          ? this.newSession(res, 0)
          : '';
    const params = matched.api.router.parseRequest(request, matched.operation).params as Record<string, string>;
    const result = handler(
      { state: this.store.state(), session, customerId: this.sessions.get(session) ?? 0 },
      params,
      body,
    );
    if (result.status < 300) {
      const answered = this.validator.validateResponse(matched.api, matched.operation, result.status, result.body);
      if (answered.length)
        throw new Error(
          `sandbox answer to ${matched.operation.operationId} violates the spec: ${JSON.stringify(answered)}`,
        );
    }
    return result.body === undefined ? send(res, result.status) : sendJson(res, result.status, result.body);
  }

  /** The demo page's stand-in for paying at checkout: the session's cart becomes an order. */
  private async placeOrder(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const state = this.store.state();
    const cart = state.carts.find((c) => c.session === sessionOf(req) && c.items.length);
    if (!cart) return sendJson(res, 400, { title: 'The cart is empty.' });
    const coupons = appliedCoupons(state, cart).map((c) => c.code);
    const order = await this.store.placeOrder(cart.customerId, (subtotalCents(cart) / 100).toFixed(2), coupons);
    state.carts = state.carts.filter((c) => c !== cart); // a placed cart is gone, as on BigCommerce
    return sendJson(res, 201, order);
  }

  private newSession(res: ServerResponse, customerId: number): string {
    const session = randomBytes(24).toString('base64url');
    this.sessions.set(session, customerId);
    res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`);
    return session;
  }

  private signedIn(req: IncomingMessage): DemoCustomer | undefined {
    const session = sessionOf(req);
    const id = session ? this.sessions.get(session) : undefined;
    return this.options.customers.find((c) => c.id === id);
  }
}

function sessionOf(req: IncomingMessage): string | undefined {
  const cookies = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('='));
  return cookies.find(([name]) => name === SESSION_COOKIE)?.[1] || undefined;
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, 'application/json', JSON.stringify(body));

function send(res: ServerResponse, status: number, contentType?: string, body?: string | Buffer): true {
  res.writeHead(status, { ...(contentType ? { 'Content-Type': contentType } : {}), 'Cache-Control': 'no-store' });
  res.end(body);
  return true;
}
