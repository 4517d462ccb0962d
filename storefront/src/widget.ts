// bc-loyalty storefront widget: the signed-in shopper's points, the store's rewards, and the coupon
// codes their points bought, which they can copy or apply to their cart. No dependencies.
// Installed by `npm run bc:setup` through BigCommerce's Scripts API (one inline script tag carrying
// its configuration, see config.ts); shown inline in the merchant's [data-bc-loyalty] element or
// behind a floating launcher button (mode). Drawn in a shadow root with its own stylesheet (styles.ts),
// every word from messages.ts.

import {
  ApiError,
  Guest,
  JSON_TYPE,
  loyaltyApi,
  storefront as storefrontApi,
  type Account,
  type Entry,
  type Redemption,
  type Reward,
} from './api';
import { readConfig } from './config';
import { wordsFor } from './messages';
import { STYLES } from './styles';
import { el, view, type State } from './view';

const script = document.currentScript as HTMLScriptElement | null;
const config = readConfig(script);
const w = wordsFor(config.messages, document.documentElement.lang || navigator.language);
const { t } = w;
const call = loyaltyApi(config.apiUrl, config.clientId);
// A second copy of this script on the page (two installs raced, or a theme embeds it as well)
// draws nothing: the first set window.bcLoyalty, and nothing below runs unless mounted.
const first = !('bcLoyalty' in window);
const { shadow, body, status, title } = first ? mount() : ({} as ReturnType<typeof mount>);

function mount() {
  const target = config.mode === 'launcher' ? null : document.querySelector<HTMLElement>(config.target);
  const inline = config.mode === 'inline' || (config.mode === 'auto' && target !== null);
  const host = target ?? el('div');
  if (!target) inline && script ? script.after(host) : document.body.append(host);
  host.classList.add('bc-loyalty');
  const shadow = host.attachShadow({ mode: 'open' });
  const title = el('h2', { id: 't', tabIndex: -1 }, t('title'));
  const head = el('div', { className: 'hd' }, title);
  const body = el('div', { className: 'bd' });
  const status = el('p', { className: 'st' });
  status.setAttribute('role', 'status'); // a polite live region: every outcome is announced
  const panel = el('section', { className: 'p' }, head, body, status);
  panel.setAttribute('aria-labelledby', 't');
  shadow.append(el('style', {}, STYLES));
  if (inline) shadow.append(panel);
  else mountLauncher(shadow, panel, head);
  return { shadow, body, status, title };
}

/** A floating button that opens the panel as a modal dialog: focus trapped, Escape closes, focus returns. */
function mountLauncher(shadow: ShadowRoot, panel: HTMLElement, head: HTMLElement): void {
  const launcher = el(
    'button',
    { type: 'button', className: 'ln' },
    el('span', { ariaHidden: 'true' }, '★ '),
    t('launcher'),
  );
  launcher.setAttribute('aria-haspopup', 'dialog');
  launcher.setAttribute('aria-expanded', 'false');
  const dialog = el('dialog', {}, panel);
  dialog.setAttribute('aria-labelledby', 't');
  const close = el('button', { type: 'button', className: 'sec', onclick: () => dialog.close() }, '×');
  close.setAttribute('aria-label', t('close'));
  head.append(close);
  launcher.onclick = () => {
    dialog.showModal();
    launcher.setAttribute('aria-expanded', 'true');
  };
  dialog.addEventListener('close', () => {
    launcher.setAttribute('aria-expanded', 'false');
    launcher.focus();
  });
  dialog.addEventListener('click', (e) => e.target === dialog && dialog.close()); // the backdrop
  dialog.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab') return;
    const items = [...panel.querySelectorAll<HTMLElement>('button,a[href]')];
    const at = shadow.activeElement;
    const [first, last] = [items[0], items[items.length - 1]];
    if (e.shiftKey ? at === first || !items.includes(at as HTMLElement) : at === last) {
      e.preventDefault();
      (e.shiftKey ? last : first)?.focus();
    }
  });
  shadow.append(launcher, dialog);
}

/** Says what happened in the status region: info, ok (success) or err (error), each drawn differently. */
function announce(message: string, tone: 'info' | 'ok' | 'err' = 'info'): void {
  status.dataset.tone = tone;
  status.textContent = message;
}
const messageOf = (error: unknown, fallback: Parameters<typeof t>[0]) =>
  error instanceof ApiError ? (error.apiMessage ?? t(error.key)) : t(fallback);

// A redeem action keeps its Idempotency-Key until the API answers, so a retry after a network
// error is the same action (debited once); another reward or an answer starts a new action.
let pending: { rewardId: string; key: string } | undefined;
let busy = false;
let generation = 0;
let poll: ReturnType<typeof setTimeout> | undefined;

/** Puts focus back on the element with this key after a re-render, else on the panel's title. */
function focusOn(key: string | undefined): void {
  const found = key && [...body.querySelectorAll<HTMLElement>('[data-k]')].find((e) => e.dataset.k === key);
  (found || title).focus();
}

function render(state: State): void {
  clearTimeout(poll);
  const focused = shadow.activeElement as HTMLElement | null;
  const hadFocus = !!focused && body.contains(focused);
  body.setAttribute('aria-busy', String(state.kind === 'loading'));
  body.replaceChildren(
    ...view(state, w, config, {
      redeem: (r) => void redeem(r),
      copy: (c) => void copy(c),
      apply: (c) => void applyToCart(c),
      retry: () => void refresh(),
    }),
  );
  if (hadFocus) focusOn(focused.dataset.k);
  // A code being issued appears within seconds: look again until it has.
  if (state.kind === 'ready' && state.codes.some((r) => r.coupon.status === 'pending'))
    poll = setTimeout(() => void refresh(true), 2000);
}

/** Reloads everything; `quiet` keeps the current view until the answer (no skeleton flash). */
async function refresh(quiet = false): Promise<void> {
  const mine = ++generation; // a newer refresh (e.g. another shopper signed in) wins
  if (status.dataset.tone === 'err') announce(''); // an old error is not news
  if (!quiet) render({ kind: 'loading' });
  let state: State;
  try {
    const [account, page, catalog, codes] = await Promise.all([
      call<Account>('/points'),
      call<{ items: Entry[] }>(`/points/history?limit=${config.history}`),
      call<{ items: Reward[] }>('/rewards'),
      call<{ items: Redemption[] }>(`/points/redemptions?limit=${config.history}`),
    ]);
    state = { kind: 'ready', account, history: page.items, rewards: catalog.items, codes: codes.items };
  } catch (error) {
    state = error instanceof Guest ? { kind: 'guest' } : { kind: 'error', message: messageOf(error, 'loadFailed') };
  }
  if (mine !== generation) return;
  render(state);
  if (state.kind === 'error') announce(state.message, 'err');
}

async function redeem(reward: Reward): Promise<void> {
  if (busy) return;
  busy = true;
  const buttons = [...body.querySelectorAll('[data-k^="redeem:"]')];
  for (const b of buttons) b.setAttribute('aria-disabled', 'true'); // not `disabled`: that would drop the focus
  if (pending?.rewardId !== reward.id) pending = { rewardId: reward.id, key: crypto.randomUUID() };
  announce(t('redeeming', { reward: reward.name }));
  try {
    const result = await call<{ redemption: Redemption; balance: number }>('/points/redeem', {
      method: 'POST',
      headers: { 'Content-Type': JSON_TYPE, 'Idempotency-Key': pending.key },
      body: JSON.stringify({ rewardId: reward.id }),
    });
    pending = undefined;
    shadow.host.dispatchEvent(new CustomEvent('bc-loyalty:redeemed', { bubbles: true, detail: result }));
    const { code } = result.redemption.coupon;
    await refresh(true);
    focusOn(`code:${code}`); // the code just bought: Copy and Apply are next to it
    announce(
      t('redeemed', {
        reward: reward.name,
        points: w.points(result.redemption.points),
        code,
        balance: w.number(result.balance),
      }),
      'ok',
    );
  } catch (error) {
    if (error instanceof ApiError) pending = undefined; // answered: a new attempt is a new action
    announce(messageOf(error, 'redeemNetwork'), 'err');
  } finally {
    for (const b of buttons) b.removeAttribute('aria-disabled');
    busy = false;
  }
}

async function copy(code: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(code);
    announce(t('copied', { code }), 'ok');
  } catch {
    announce(t('copyFailed', { code }), 'err');
  }
}

/** Finds the shopper's cart and adds the code to its checkout (the cart id is the checkout id). */
async function applyToCart(code: string): Promise<void> {
  announce(t('applying', { code }));
  try {
    const carts = await storefrontApi('/carts');
    const [cart] = carts.ok ? ((await carts.json()) as Array<{ id: string }>) : [];
    if (!cart) return announce(t('cartEmpty'), 'err');
    const answer = await storefrontApi(`/checkouts/${cart.id}/coupons`, {
      method: 'POST',
      body: JSON.stringify({ couponCode: code }),
    });
    if (!answer.ok) return announce(t('notAccepted', { code }), 'err');
    shadow.host.dispatchEvent(new CustomEvent('bc-loyalty:applied', { bubbles: true, detail: await answer.json() }));
    announce(t('applied', { code }), 'ok');
  } catch {
    announce(t('applyNetwork'), 'err');
  }
}

/** The widget's API for themes that render their own UI. */
const api = {
  refresh: () => refresh(),
  on(event: 'redeemed' | 'applied', listener: (detail: unknown) => void): void {
    shadow.host.addEventListener(`bc-loyalty:${event}`, (e) => listener((e as CustomEvent).detail));
  },
};
if (first) {
  (window as unknown as { bcLoyalty: typeof api }).bcLoyalty = api;
  void refresh();
}
