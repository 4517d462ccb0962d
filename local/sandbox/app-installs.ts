// BigCommerce's side of the app (apps-guide/auth.mdx, callbacks.mdx): the login origin's
// POST /oauth2/token (a code issued by the control panel, accepted once, for the registered
// redirect URI), and a minimal control panel at GET /manage/app?store=<hash> whose "Install app",
// "Open app" and "Uninstall" drive the app's /app/auth, /app/load (in an iframe) and
// /app/uninstall as BigCommerce does. The tokens it issues work on its Management API for that store.
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { signAppPayload } from '../app-payload';
import { jsonOf } from '../http-body';
import type { StoreState } from './store-state';

/** What the control panel grants: the scopes docs/app.md lists. */
export const APP_SCOPES =
  'store_v2_customers store_v2_orders_read_only store_v2_marketing store_content_checkout store_v2_information_read_only';
const ACCOUNT_UUID = '00000000-0000-4000-8000-00000000a11e';
const OWNER_ID = 1001;

export interface AppOptions {
  clientId: string;
  clientSecret: string;
}

const userOf = (storeHash: string, id: number) => ({ id, email: `user${id}@${storeHash}.example` });
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export class AppInstalls {
  /** The app's base URL (its /app/* callbacks): the local API, set once it listens. */
  appUrl: string | undefined;
  private readonly codes = new Map<string, { storeHash: string; used: boolean }>();
  /**
   * Tests only: grant a code for its own store whatever `context` the request names, as a token
   * endpoint that did not check it would — what the app must not rely on.
   */
  ignoreRequestContext = false;

  constructor(
    private readonly app: AppOptions,
    private readonly state: (storeHash: string) => StoreState,
  ) {}

  /** A fresh install code for the store, as the control panel's consent step hands the app. */
  issueCode(storeHash: string): string {
    const code = randomBytes(12).toString('hex');
    this.codes.set(code, { storeHash, used: false });
    return code;
  }

  /** The auth callback URL the control panel sends the merchant's browser to. */
  installUrl(storeHash: string): string {
    const query = new URLSearchParams({
      account_uuid: ACCOUNT_UUID,
      code: this.issueCode(storeHash),
      context: `stores/${storeHash}`,
      scope: APP_SCOPES,
    });
    return `${this.callbackBase()}/app/auth?${query}`;
  }

  /** A callback's signed payload for `userId` of the store (the owner by default). */
  signedPayload(storeHash: string, userId = OWNER_ID): Promise<string> {
    const { clientId, clientSecret } = this.app;
    return signAppPayload({
      clientId,
      clientSecret,
      storeHash,
      user: userOf(storeHash, userId),
      owner: userOf(storeHash, OWNER_ID),
    });
  }

  /** Whether `token` is an app token the sandbox issued for the store (and not revoked). */
  accepts(storeHash: string, token: unknown): boolean {
    return typeof token === 'string' && this.state(storeHash).appTokens.includes(token);
  }

  /** Answers /oauth2/token and /manage/app*; false for anything else. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer): Promise<boolean> {
    const route = `${req.method} ${url.pathname}`;
    const storeHash = /^[a-z0-9]{1,32}$/.test(url.searchParams.get('store') ?? '')
      ? url.searchParams.get('store')!
      : 'appstore';
    const userId = Number(url.searchParams.get('user') ?? OWNER_ID);
    if (route === 'POST /oauth2/token') return json(res, ...this.exchange(jsonOf(body)));
    if (route === 'GET /manage/app') return html(res, 200, controlPanel(storeHash));
    if (route === 'GET /manage/app/install') return redirect(res, this.installUrl(storeHash));
    if (route === 'GET /manage/app/open')
      return redirect(
        res,
        `${this.callbackBase()}/app/load?signed_payload_jwt=${await this.signedPayload(storeHash, userId)}`,
      );
    if (route === 'POST /manage/app/uninstall' || route === 'POST /manage/app/remove-user') {
      const callback = route.endsWith('uninstall') ? 'uninstall' : 'remove-user';
      const answer = await fetch(
        `${this.callbackBase()}/app/${callback}?signed_payload_jwt=${await this.signedPayload(storeHash, userId)}`,
      );
      // BigCommerce revokes the store's token once the app has been told (the app used it to clean up).
      if (callback === 'uninstall') this.state(storeHash).appTokens = [];
      return html(res, 200, `<p>${callback} of store ${escapeHtml(storeHash)}: the app answered ${answer.status}.</p>`);
    }
    return false;
  }

  /** POST /oauth2/token: the code (once), client id and secret, redirect URI and grant type checked. */
  private exchange(input: unknown): [number, unknown] {
    const r = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
    const code = this.codes.get(String(r.code));
    const refused = (error: string): [number, unknown] => [400, { error: 'invalid_request', error_description: error }];
    if (r.client_id !== this.app.clientId || r.client_secret !== this.app.clientSecret)
      return [401, { error: 'invalid_client', error_description: 'Invalid client id or secret' }];
    if (r.grant_type !== 'authorization_code') return refused('grant_type must be authorization_code');
    if (r.redirect_uri !== `${this.callbackBase()}/app/auth`) return refused('redirect_uri does not match the app');
    const contextMatches = this.ignoreRequestContext || r.context === `stores/${code?.storeHash}`;
    if (!code || code.used || !contextMatches) return refused('Invalid or used code');
    code.used = true;
    const accessToken = `app-${randomUUID()}`;
    this.state(code.storeHash).appTokens.push(accessToken);
    const owner = { ...userOf(code.storeHash, OWNER_ID), username: `owner@${code.storeHash}.example` };
    return [
      200,
      {
        access_token: accessToken,
        scope: typeof r.scope === 'string' ? r.scope : APP_SCOPES,
        user: owner,
        owner,
        context: `stores/${code.storeHash}`,
        account_uuid: ACCOUNT_UUID,
      },
    ];
  }

  private callbackBase(): string {
    if (!this.appUrl) throw new Error('sandbox: the app URL is not known yet');
    return this.appUrl;
  }
}

function controlPanel(storeHash: string): string {
  const store = escapeHtml(storeHash);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Control panel — ${store}</title>
<style>body{font-family:system-ui;margin:0}header{padding:12px 20px;background:#313440;color:#fff;display:flex;gap:12px;align-items:center}
header form{margin:0}iframe{width:100%;height:calc(100vh - 60px);border:0}</style></head>
<body><header><strong>BigCommerce sandbox · store ${store}</strong>
<form action="/manage/app/install" target="app"><input type="hidden" name="store" value="${store}"><button>Install app</button></form>
<form action="/manage/app/open" target="app"><input type="hidden" name="store" value="${store}"><button>Open app</button></form>
<form action="/manage/app/uninstall?store=${store}" method="post" target="app"><button>Uninstall</button></form>
</header><iframe name="app" title="App"></iframe></body></html>
`;
}

function html(res: ServerResponse, status: number, body: string): true {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(body);
  return true;
}

function json(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

function redirect(res: ServerResponse, location: string): true {
  res.writeHead(302, { Location: location, 'Cache-Control': 'no-store' });
  res.end();
  return true;
}
