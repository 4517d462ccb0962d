// The storefront half of the sandbox: the demo store page with the widget, a login that sets a
// session cookie for a demo customer, and GET /customer/current.jwt as BigCommerce documents it
// (current_customer.yml): 404 for a guest, an error for an unknown app_client_id, otherwise an HS256
// token with the claims of DESIGN §3, valid 15 minutes, signed with the app's client secret.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { widgetFile } from '../../storefront/build';
import { signCurrentCustomerToken } from '../current-customer-token';
import { demoStorePage, type DemoCustomer } from './demo-store-page';
import type { SpecValidator } from './spec-validator';

export type TokenMode = 'valid' | 'expired' | 'forged';

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

export class Storefront {
  /** The loyalty API the page's widget calls; set once the local API is listening. */
  apiUrl = '';
  /** Tests make the store hand out expired or forged tokens. */
  tokenMode: TokenMode = 'valid';
  private readonly sessions = new Map<string, number>();

  constructor(private readonly options: StorefrontOptions, private readonly validator: SpecValidator) {}

  /** Answers the storefront routes; false for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    const customer = this.signedIn(req);
    if (route === 'GET /') return send(res, 200, 'text/html; charset=utf-8', demoStorePage({ apiUrl: this.apiUrl, clientId: this.options.clientId, customers: this.options.customers, signedIn: customer }));
    if (route === 'GET /bc-loyalty-widget.js') return send(res, 200, 'text/javascript; charset=utf-8', readFileSync(widgetFile));
    if (route === 'POST /login') {
      const { customerId } = JSON.parse(body.toString('utf8') || '{}') as { customerId?: number };
      if (!this.options.customers.some((c) => c.id === customerId)) return send(res, 400, 'application/json', '{"title":"unknown demo customer"}');
      const session = randomBytes(24).toString('base64url');
      this.sessions.set(session, customerId!);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`);
      return send(res, 204);
    }
    if (route === 'POST /logout') {
      const session = sessionOf(req);
      if (session) this.sessions.delete(session);
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
      return send(res, 204);
    }
    if (url.pathname === '/customer/current.jwt') return this.currentCustomer(req, res, url, customer);
    return false;
  }

  private async currentCustomer(req: IncomingMessage, res: ServerResponse, url: URL, customer: DemoCustomer | undefined): Promise<true> {
    const request = { method: req.method ?? 'GET', path: '/customer/current.jwt', query: Object.fromEntries(url.searchParams), headers: req.headers as Record<string, string> };
    const matched = this.validator.match(request);
    const problems = matched ? this.validator.validateRequest(matched.api, matched.operation, request) : [{ where: '/', message: 'not a documented operation' }];
    if (problems.length) return send(res, 400, 'application/json', JSON.stringify({ status: 400, title: problems.map((p) => `${p.where} ${p.message}`).join('; ') }));
    if (url.searchParams.get('app_client_id') !== this.options.clientId) {
      return send(res, 403, 'application/json', JSON.stringify({ status: 403, title: 'Unknown app_client_id' }));
    }
    if (!customer) return send(res, 404, 'application/json', JSON.stringify({ status: 404, title: 'No customer is logged in' }));
    const now = Math.floor(Date.now() / 1000);
    const token = await signCurrentCustomerToken({
      clientId: this.options.clientId,
      clientSecret: this.tokenMode === 'forged' ? 'not-the-client-secret-of-this-app' : this.options.clientSecret,
      storeHash: this.options.storeHash,
      customerId: customer.id,
      email: customer.email,
      groupId: customer.groupId,
      issuedAt: this.tokenMode === 'expired' ? now - 3600 : now,
    });
    const answered = this.validator.validateResponse(matched!.api, matched!.operation, 200, token);
    if (answered.length) throw new Error(`sandbox current.jwt answer violates the spec: ${JSON.stringify(answered)}`);
    return send(res, 200, 'application/json', token);
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

function send(res: ServerResponse, status: number, contentType?: string, body?: string | Buffer): true {
  res.writeHead(status, { ...(contentType ? { 'Content-Type': contentType } : {}), 'Cache-Control': 'no-store' });
  res.end(body);
  return true;
}
