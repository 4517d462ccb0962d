// What each state of the widget looks like: pure DOM building, no fetching. Every focusable
// element carries a data-k key, so a re-render can put the keyboard focus back where it was.
import type { Account, Entry, Redemption, Reward } from './api';
import type { WidgetConfig } from './config';
import type { MessageKey, Words } from './messages';

export interface Ready {
  kind: 'ready';
  account: Account;
  history: Entry[];
  rewards: Reward[];
  codes: Redemption[];
}
export type State = { kind: 'loading' } | { kind: 'guest' } | { kind: 'error'; message: string } | Ready;
export interface Actions {
  redeem(reward: Reward): void;
  copy(code: string): void;
  apply(code: string): void;
  retry(): void;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, unknown> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

export function button(text: string, key: string, onclick: () => void, label?: string, className = '') {
  const node = el('button', { type: 'button', onclick, className }, text);
  node.dataset.k = key;
  if (label) node.setAttribute('aria-label', label); // (the ariaLabel property is missing in Firefox before 119)
  return node;
}

const CODE_STATUS: Record<string, MessageKey> = {
  pending: 'codePending',
  issued: 'codeIssued',
  used: 'codeUsed',
  failed: 'codeFailed',
};

export function view(state: State, w: Words, config: WidgetConfig, act: Actions): Node[] {
  const { t } = w;
  if (state.kind === 'loading')
    return [
      el(
        'div',
        { className: 'sk' },
        el('span', { className: 'vh' }, t('loading')),
        el('i'),
        el('i'),
        el('i'),
        el('i'),
        el('i'),
      ),
    ];
  if (state.kind === 'guest') {
    const link = (href: string, key: MessageKey, className: string) => {
      const a = el('a', { href, className }, t(key));
      a.dataset.k = key;
      return a;
    };
    return [
      el('p', { className: 'guest' }, t('guest')),
      el('p', { className: 'rule' }, earnRule(w, config)),
      el(
        'div',
        { className: 'acts' },
        link(config.loginUrl, 'logIn', 'btn'),
        link(config.createAccountUrl, 'createAccount', 'btn sec'),
      ),
    ];
  }
  // The error itself is said in the status region (widget.ts): here only the way out.
  if (state.kind === 'error') return [el('div', { className: 'acts' }, button(t('retry'), 'retry', act.retry))];

  const { account, rewards, codes, history } = state;
  const balance = el(
    'div',
    { className: 'balance' },
    el('p', { className: 'm' }, t('balance')),
    el('p', { className: 'bal' }, w.points(account.balance)),
    el('p', { className: 'rule' }, account.balance ? earnRule(w, config) : t('zero', { rule: earnRule(w, config) })),
  );
  const list = rewards.map((r) => {
    // The API's `affordable` is the authority; the shortfall is only the hint shown beside it.
    const short = Math.max(1, r.pointsCost - account.balance);
    const minimum = r.minimumSubtotal
      ? ` · ${t('orderMinimum', { amount: w.money(r.minimumSubtotal, config.earn.currency) })}`
      : '';
    const item = el(
      'li',
      { className: `rw ${r.affordable ? 'ok' : 'short'}` },
      el('span', {}, el('strong', {}, r.name), el('span', { className: 'm' }, w.points(r.pointsCost) + minimum)),
    );
    if (r.affordable)
      item.append(button(t('redeem'), `redeem:${r.id}`, () => act.redeem(r), t('redeemLabel', { reward: r.name })));
    else {
      const bar = el(
        'span',
        { className: 'bar' },
        el('i', { style: `width:${Math.min(100, (100 * account.balance) / r.pointsCost)}%` }),
      );
      bar.setAttribute('aria-hidden', 'true');
      item.append(el('span', { className: 'm need' }, t('moreNeeded', { points: w.points(short) })), bar);
    }
    return item;
  });
  return [
    balance,
    el('h3', {}, t('rewards')),
    rewards.length ? el('ul', { className: 'rewards' }, ...list) : el('p', { className: 'm' }, t('noRewards')),
    ...(codes.length
      ? [el('h3', {}, t('codes')), el('ul', { className: 'codes' }, ...codes.map((r) => codeItem(r, rewards, w, act)))]
      : []),
    ...(history.length
      ? [
          el('h3', {}, t('activity')),
          el(
            'ul',
            { className: 'history' },
            ...history.map((e) =>
              el(
                'li',
                {},
                el('span', {}, `${e.reason}`, el('span', { className: 'm' }, ` · ${w.date(e.createdAt)}`)),
                el('strong', {}, `${e.points > 0 ? '+' : ''}${w.number(e.points)}`),
              ),
            ),
          ),
        ]
      : []),
  ];
}

const earnRule = (w: Words, config: WidgetConfig) =>
  w.t('earnRule', { points: w.points(config.earn.points), amount: w.money(config.earn.per, config.earn.currency) });

function codeItem(r: Redemption, rewards: Reward[], w: Words, act: Actions): HTMLLIElement {
  const { t } = w;
  const { code, status } = r.coupon;
  const name = rewards.find((x) => x.id === r.rewardId)?.name ?? r.rewardId;
  const said =
    status === 'used' && r.orderId
      ? t('codeUsedOn', { order: String(r.orderId) })
      : CODE_STATUS[status]
        ? t(CODE_STATUS[status])
        : status;
  const item = el(
    'li',
    { className: `code ${status}`, tabIndex: -1 },
    el('span', {}, el('code', {}, code), ` ${name} · `, el('span', { className: 'm' }, said)),
  );
  item.dataset.k = `code:${code}`;
  if (status === 'issued')
    item.append(
      el(
        'span',
        { className: 'acts' },
        button(t('copy'), `copy:${code}`, () => act.copy(code), t('copyLabel', { code }), 'sec'),
        button(t('apply'), `apply:${code}`, () => act.apply(code), t('applyLabel', { code })),
      ),
    );
  return item;
}
