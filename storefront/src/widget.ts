// bc-loyalty storefront widget: shows the signed-in shopper's points and lets them redeem.
// No dependencies. Configured by its script tag:
//   <script src=".../bc-loyalty-widget.js" data-api-url="https://…/v1" data-client-id="…" async></script>
// Optional: data-target="#css-selector" (default: an element with [data-bc-loyalty], else one is
// created after the script), data-history="5".
// Security: the current-customer token is asked from the storefront for every call and kept only in
// that call's local variable — never in storage, a cookie or a long-lived variable.

export {}; // a module: nothing leaks into the storefront's global scope but window.bcLoyalty

interface Account { balance: number; lifetimeEarned: number; lifetimeRedeemed: number }
interface Entry { id: string; type: string; points: number; reason: string; createdAt: string }
type State = { kind: 'loading' } | { kind: 'guest' } | { kind: 'error'; message: string } | { kind: 'ready'; account: Account; history: Entry[] };

const script = document.currentScript as HTMLScriptElement | null;
const config = {
  apiUrl: (script?.dataset.apiUrl ?? '').replace(/\/$/, ''),
  clientId: script?.dataset.clientId ?? '',
  historySize: Number(script?.dataset.history ?? 5),
};

class Guest extends Error {}
class ApiError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

/** The shopper's token, fresh from the storefront (BigCommerce answers 404 for guests). */
async function currentCustomerToken(): Promise<string> {
  const response = await fetch(`/customer/current.jwt?app_client_id=${encodeURIComponent(config.clientId)}`, { credentials: 'same-origin' });
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
  const body = await response.json().catch(() => ({})) as { error?: { message?: string }; message?: string };
  if (response.status === 401) throw new ApiError('Your session has expired. Please reload the page or sign in again.', 401);
  if (!response.ok) throw new ApiError(body.error?.message ?? 'Something went wrong. Please try again.', response.status);
  return body as T;
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

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}
const format = (n: number) => n.toLocaleString();

const status = el('p', { className: 'bc-loyalty__status' });
status.setAttribute('role', 'status');
status.setAttribute('aria-live', 'polite');
const body = el('div');
root.replaceChildren(el('h2', { className: 'bc-loyalty__title' }, 'Loyalty points'), body, status);

// A redeem action keeps its Idempotency-Key until the API answers, so a retry after a network
// error is the same action (debited once); a new amount or an answer starts a new action.
let pending: { points: number; key: string } | undefined;
let busy = false;
let generation = 0;

function render(state: State): void {
  if (state.kind === 'loading') return body.replaceChildren(el('p', {}, 'Loading your points…'));
  if (state.kind === 'guest') return body.replaceChildren(el('p', { className: 'bc-loyalty__guest' }, 'Log in to see your points.'));
  if (state.kind === 'error') return body.replaceChildren(el('p', { className: 'bc-loyalty__error' }, state.message));

  // No max: the API is the authority on the balance (it may have changed since this render).
  const input = el('input', { id: 'bc-loyalty-points', type: 'number', min: '1', step: '1', required: true, name: 'points' });
  const button = el('button', { type: 'submit', className: 'bc-loyalty__redeem' }, 'Redeem');
  const form = el('form', { className: 'bc-loyalty__form' }, el('label', { htmlFor: 'bc-loyalty-points' }, 'Points to redeem'), ' ', input, ' ', button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void redeem(Number(input.value), button);
  });
  const list = el('ul', { className: 'bc-loyalty__history' }, ...state.history.map((e) =>
    el('li', {}, `${new Date(e.createdAt).toLocaleDateString()} · ${e.points > 0 ? '+' : ''}${format(e.points)} · ${e.reason}`)));
  body.replaceChildren(
    el('p', { className: 'bc-loyalty__balance' }, 'Balance: ', el('strong', {}, format(state.account.balance)), ' points'),
    form,
    ...(state.history.length ? [el('h3', {}, 'Recent activity'), list] : []),
  );
}

async function refresh(): Promise<void> {
  const mine = ++generation; // a newer refresh (e.g. another shopper signed in) wins
  render({ kind: 'loading' });
  let state: State;
  try {
    const [account, page] = await Promise.all([
      callApi<Account>('/points'),
      callApi<{ items: Entry[] }>(`/points/history?limit=${config.historySize}`),
    ]);
    state = { kind: 'ready', account, history: page.items };
  } catch (error) {
    state = error instanceof Guest ? { kind: 'guest' }
      : { kind: 'error', message: error instanceof ApiError ? error.message : 'We could not load your points. Check your connection and try again.' };
  }
  if (mine !== generation) return;
  render(state);
}

async function redeem(points: number, button: HTMLButtonElement): Promise<void> {
  if (busy || !Number.isInteger(points) || points < 1) return;
  busy = true;
  button.disabled = true;
  if (pending?.points !== points) pending = { points, key: crypto.randomUUID() };
  status.textContent = 'Redeeming…';
  try {
    const result = await callApi<{ redemption: { id: string; points: number }; balance: number }>('/points/redeem', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': pending.key },
      body: JSON.stringify({ points }),
    });
    pending = undefined;
    root.dispatchEvent(new CustomEvent('bc-loyalty:redeemed', { bubbles: true, detail: result }));
    await refresh();
    status.textContent = `Redeemed ${format(points)} points. New balance: ${format(result.balance)}.`;
  } catch (error) {
    if (error instanceof ApiError) pending = undefined; // answered: a new attempt is a new action
    status.textContent = error instanceof ApiError ? error.message : 'Network problem: your redemption may not have gone through. Press Redeem again to retry safely.';
  } finally {
    busy = false;
    button.disabled = false;
  }
}

/** The widget's API for themes that render their own UI. */
const api = {
  refresh,
  on(event: 'redeemed', listener: (detail: unknown) => void): void {
    root.addEventListener(`bc-loyalty:${event}`, (e) => listener((e as CustomEvent).detail));
  },
};
(window as unknown as { bcLoyalty: typeof api }).bcLoyalty = api;
void refresh();
