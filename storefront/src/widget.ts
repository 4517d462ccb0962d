// bc-loyalty storefront widget: shows the signed-in shopper's points, the store's rewards, and the
// coupon codes their points bought, which they can copy or apply to their cart. No dependencies.
// Configured by its script tag:
//   <script src=".../bc-loyalty-widget.js" data-api-url="https://…/v1" data-client-id="…" async></script>
// Optional: data-target="#css-selector" (default: an element with [data-bc-loyalty], else one is
// created after the script), data-history="5" (history lines and codes shown).
// Security: the current-customer token is asked from the storefront for every call and kept only in
// that call's local variable — never in storage, a cookie or a long-lived variable.

export {}; // a module: nothing leaks into the storefront's global scope but window.bcLoyalty

interface Account {
  balance: number;
  lifetimeEarned: number;
  lifetimeRedeemed: number;
}
interface Entry {
  id: string;
  type: string;
  points: number;
  reason: string;
  createdAt: string;
}
interface Reward {
  id: string;
  name: string;
  pointsCost: number;
  minimumSubtotal?: number;
  affordable: boolean;
}
interface Redemption {
  id: string;
  rewardId: string;
  points: number;
  createdAt: string;
  coupon: { code: string; status: string };
  orderId?: number;
}
interface Ready {
  kind: 'ready';
  account: Account;
  history: Entry[];
  rewards: Reward[];
  codes: Redemption[];
}
type State = { kind: 'loading' } | { kind: 'guest' } | { kind: 'error'; message: string } | Ready;

const script = document.currentScript as HTMLScriptElement | null;
const config = {
  apiUrl: (script?.dataset.apiUrl ?? '').replace(/\/$/, ''),
  clientId: script?.dataset.clientId ?? '',
  historySize: Number(script?.dataset.history ?? 5),
};
const JSON_TYPE = 'application/json';

class Guest extends Error {}
class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** The shopper's token, fresh from the storefront (BigCommerce answers 404 for guests). */
async function currentCustomerToken(): Promise<string> {
  const response = await fetch(`/customer/current.jwt?app_client_id=${encodeURIComponent(config.clientId)}`, {
    credentials: 'same-origin',
  });
  if (response.status === 404) throw new Guest();
  if (!response.ok) throw new ApiError('The store could not confirm who you are.', response.status);
  return (await response.text()).trim().replace(/^"|"$/g, '');
}

async function callApi<T>(path: string, init: RequestInit = {}): Promise<T> {
  const token = await currentCustomerToken();
  const response = await fetch(config.apiUrl + path, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
  });
  const body = (await response.json().catch(() => ({}))) as { error?: { message?: string } };
  if (response.status === 401)
    throw new ApiError('Your session has expired. Please reload the page or sign in again.', 401);
  if (!response.ok)
    throw new ApiError(body.error?.message ?? 'Something went wrong. Please try again.', response.status);
  return body as T;
}

/** The store's own Storefront API (same origin, the shopper's session cookie). */
function storefront(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`/api/storefront${path}`, {
    ...init,
    credentials: 'same-origin',
    headers: { Accept: JSON_TYPE, 'Content-Type': JSON_TYPE },
  });
}

const root = (() => {
  const selector = script?.dataset.target;
  const found = (selector ? document.querySelector(selector) : null) ?? document.querySelector('[data-bc-loyalty]');
  if (found) return found as HTMLElement;
  const created = document.createElement('div');
  script?.after(created);
  return created;
})();
root.classList.add('bc-loyalty');

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
const format = (n: number) => n.toLocaleString();
function button(
  text: string,
  label: string,
  onclick: () => void,
  props: Record<string, unknown> = {},
): HTMLButtonElement {
  const node = el('button', { type: 'button', onclick, ...props }, text);
  node.setAttribute('aria-label', label); // (the ariaLabel property is missing in Firefox before 119)
  return node;
}
const announce = (message: string) => {
  status.textContent = message;
};

const status = el('p', { className: 'bc-loyalty__status' });
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const body = el('div');
root.replaceChildren(el('h2', { className: 'bc-loyalty__title' }, 'Loyalty points'), body, status);

// A redeem action keeps its Idempotency-Key until the API answers, so a retry after a network
// error is the same action (debited once); another reward or an answer starts a new action.
let pending: { rewardId: string; key: string } | undefined;
let busy = false;
let generation = 0;
let poll: ReturnType<typeof setTimeout> | undefined;

const CODE_STATUS: Record<string, string> = {
  pending: 'on its way…',
  issued: 'ready to use',
  used: 'used',
  failed: 'could not be issued: points returned',
};

function codeItem(r: Redemption, rewards: Reward[]): HTMLLIElement {
  const { code, status: state } = r.coupon;
  const name = rewards.find((w) => w.id === r.rewardId)?.name ?? r.rewardId;
  const item = el(
    'li',
    { className: `bc-loyalty__code bc-loyalty__code--${state}` },
    el('code', {}, code),
    ` · ${name} · `,
    el('span', {}, state === 'used' && r.orderId ? `used on order #${r.orderId}` : (CODE_STATUS[state] ?? state)),
  );
  if (state === 'issued')
    item.append(
      ' ',
      button('Copy', `Copy code ${code}`, () => void copy(code)),
      ' ',
      button('Apply to cart', `Apply to cart: code ${code}`, () => void applyToCart(code)),
    );
  return item;
}

function render(state: State): void {
  clearTimeout(poll);
  if (state.kind !== 'ready') {
    const [className, text] =
      state.kind === 'loading'
        ? ['', 'Loading your points…']
        : state.kind === 'guest'
          ? ['bc-loyalty__guest', 'Log in to see your points.']
          : ['bc-loyalty__error', state.message];
    body.replaceChildren(el('p', { className }, text));
    return;
  }

  const { account, rewards, codes, history } = state;
  const rewardList = el(
    'ul',
    { className: 'bc-loyalty__rewards' },
    ...rewards.map((r) => {
      // The API's `affordable` is the authority; the shortfall is only the hint shown beside it.
      const short = r.affordable ? '' : `${format(Math.max(1, r.pointsCost - account.balance))} more points`;
      return el(
        'li',
        {},
        `${r.name} · ${format(r.pointsCost)} points${r.minimumSubtotal ? ` · orders from ${format(r.minimumSubtotal)}` : ''} `,
        button(short || 'Redeem', short ? `${r.name}: ${short} needed` : `Redeem ${r.name}`, () => void redeem(r), {
          className: 'bc-loyalty__redeem',
          disabled: !r.affordable,
        }),
      );
    }),
  );
  body.replaceChildren(
    el('p', { className: 'bc-loyalty__balance' }, 'Balance: ', el('strong', {}, format(account.balance)), ' points'),
    el('h3', {}, 'Rewards'),
    rewards.length ? rewardList : el('p', { className: 'bc-loyalty__no-rewards' }, 'This store has no rewards yet.'),
    ...(codes.length
      ? [
          el('h3', {}, 'Your codes'),
          el('ul', { className: 'bc-loyalty__codes' }, ...codes.map((r) => codeItem(r, rewards))),
        ]
      : []),
    ...(history.length
      ? [
          el('h3', {}, 'Recent activity'),
          el(
            'ul',
            { className: 'bc-loyalty__history' },
            ...history.map((e) =>
              el(
                'li',
                {},
                `${new Date(e.createdAt).toLocaleDateString()} · ${e.points > 0 ? '+' : ''}${format(e.points)} · ${e.reason}`,
              ),
            ),
          ),
        ]
      : []),
  );
  // A code being issued appears within seconds: look again until it has.
  if (codes.some((r) => r.coupon.status === 'pending')) poll = setTimeout(() => void refresh(true), 2000);
}

/** Reloads everything; `quiet` keeps the current view until the answer (no "Loading…" flash). */
async function refresh(quiet = false): Promise<void> {
  const mine = ++generation; // a newer refresh (e.g. another shopper signed in) wins
  if (!quiet) render({ kind: 'loading' });
  let state: State;
  try {
    const [account, page, catalog, codes] = await Promise.all([
      callApi<Account>('/points'),
      callApi<{ items: Entry[] }>(`/points/history?limit=${config.historySize}`),
      callApi<{ items: Reward[] }>('/rewards'),
      callApi<{ items: Redemption[] }>(`/points/redemptions?limit=${config.historySize}`),
    ]);
    state = { kind: 'ready', account, history: page.items, rewards: catalog.items, codes: codes.items };
  } catch (error) {
    state =
      error instanceof Guest
        ? { kind: 'guest' }
        : {
            kind: 'error',
            message:
              error instanceof ApiError
                ? error.message
                : 'We could not load your points. Check your connection and try again.',
          };
  }
  if (mine !== generation) return;
  render(state);
}

async function redeem(reward: Reward): Promise<void> {
  if (busy) return;
  busy = true;
  root.querySelectorAll<HTMLButtonElement>('.bc-loyalty__redeem').forEach((b) => {
    b.disabled = true;
  });
  if (pending?.rewardId !== reward.id) pending = { rewardId: reward.id, key: crypto.randomUUID() };
  announce(`Redeeming ${reward.name}…`);
  try {
    const result = await callApi<{ redemption: Redemption; balance: number }>('/points/redeem', {
      method: 'POST',
      headers: { 'Content-Type': JSON_TYPE, 'Idempotency-Key': pending.key },
      body: JSON.stringify({ rewardId: reward.id }),
    });
    pending = undefined;
    root.dispatchEvent(new CustomEvent('bc-loyalty:redeemed', { bubbles: true, detail: result }));
    await refresh(true);
    announce(
      `Redeemed ${reward.name} for ${format(result.redemption.points)} points. Your code: ${result.redemption.coupon.code}. New balance: ${format(result.balance)}.`,
    );
  } catch (error) {
    if (error instanceof ApiError) pending = undefined; // answered: a new attempt is a new action
    announce(
      error instanceof ApiError
        ? error.message
        : 'Network problem: your redemption may not have gone through. Press Redeem again to retry safely.',
    );
    root.querySelectorAll<HTMLButtonElement>('.bc-loyalty__redeem').forEach((b) => {
      b.disabled = b.textContent !== 'Redeem';
    });
  } finally {
    busy = false;
  }
}

async function copy(code: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    announce(`Copied ${code}.`);
  } catch {
    announce(`Could not copy: select the code ${code} and copy it.`);
  }
}

/** Finds the shopper's cart and adds the code to its checkout (the cart id is the checkout id). */
async function applyToCart(code: string): Promise<void> {
  announce(`Applying ${code}…`);
  try {
    const carts = await storefront('/carts');
    const [cart] = carts.ok ? ((await carts.json()) as Array<{ id: string }>) : [];
    if (!cart) return announce('Your cart is empty: add something to it, then apply the code.');
    const answer = await storefront(`/checkouts/${cart.id}/coupons`, {
      method: 'POST',
      body: JSON.stringify({ couponCode: code }),
    });
    if (!answer.ok)
      return announce(
        `The store did not accept ${code} for this cart (it may be used already, or the cart may not qualify).`,
      );
    root.dispatchEvent(new CustomEvent('bc-loyalty:applied', { bubbles: true, detail: await answer.json() }));
    announce(`Code ${code} is applied to your cart.`);
  } catch {
    announce('Network problem: the code was not applied. Try again.');
  }
}

/** The widget's API for themes that render their own UI. */
const api = {
  refresh: () => refresh(),
  on(event: 'redeemed' | 'applied', listener: (detail: unknown) => void): void {
    root.addEventListener(`bc-loyalty:${event}`, (e) => listener((e as CustomEvent).detail));
  },
};
(window as unknown as { bcLoyalty: typeof api }).bcLoyalty = api;
void refresh();
