// Every word the widget shows, in one table: English by default, replaced key by key by the
// merchant's `messages` (see config.ts). `{name}` is a placeholder; a value may be an object of
// plural forms (Intl.PluralRules categories) chosen by `{n}`. Numbers, money and dates are
// formatted with Intl in the page's language (<html lang>), so a translated table reads naturally.

export const MESSAGES = {
  title: 'Loyalty points',
  launcher: 'Rewards',
  close: 'Close',
  loading: 'Loading your points…',
  guest: 'Log in or create an account to earn points',
  logIn: 'Log in',
  createAccount: 'Create account',
  points: { one: '{n} point', other: '{n} points' } as Plural,
  balance: 'Your balance',
  earnRule: '{points} per {amount} spent',
  zero: 'You have no points yet. Shop to start earning: {rule}.',
  rewards: 'Rewards',
  noRewards: 'This store has no rewards yet.',
  redeem: 'Redeem',
  redeemLabel: 'Redeem {reward}',
  orderMinimum: 'orders from {amount}',
  moreNeeded: '{points} more needed',
  codes: 'Your codes',
  copy: 'Copy',
  copyLabel: 'Copy code {code}',
  apply: 'Apply to cart',
  applyLabel: 'Apply to cart: code {code}',
  codePending: 'on its way…',
  codeIssued: 'ready to use',
  codeUsed: 'used',
  codeUsedOn: 'used on order #{order}',
  codeFailed: 'could not be issued: points returned',
  activity: 'Recent activity',
  retry: 'Try again',
  redeeming: 'Redeeming {reward}…',
  redeemed: 'Redeemed {reward} for {points}. Your code: {code}. New balance: {balance}.',
  copied: 'Copied {code}.',
  copyFailed: 'Could not copy: select the code {code} and copy it.',
  applying: 'Applying {code}…',
  applied: 'Code {code} is applied to your cart.',
  cartEmpty: 'Your cart is empty: add something to it, then apply the code.',
  notAccepted: 'The store did not accept {code} for this cart (it may be used already, or the cart may not qualify).',
  applyNetwork: 'Network problem: the code was not applied. Try again.',
  redeemNetwork: 'Network problem: your redemption may not have gone through. Press Redeem again to retry safely.',
  expired: 'Your session has expired. Please reload the page or sign in again.',
  unknownShopper: 'The store could not confirm who you are.',
  failed: 'Something went wrong. Please try again.',
  loadFailed: 'We could not load your points. Check your connection and try again.',
};
type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Messages = { [K in keyof typeof MESSAGES]: string | Plural };
export type MessageKey = keyof typeof MESSAGES;

/** Words and formats for one page: the merchant's table over the English one. */
export function wordsFor(overrides: Partial<Messages>, language: string) {
  const table: Messages = { ...MESSAGES, ...overrides };
  const plural = new Intl.PluralRules(language);
  const number = new Intl.NumberFormat(language);
  const date = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const t = (key: MessageKey, vars: Record<string, string | number> = {}): string => {
    const value = table[key];
    const text = typeof value === 'string' ? value : (value[plural.select(Number(vars.n))] ?? value.other);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = vars[name];
      return typeof v === 'number' ? number.format(v) : (v ?? '');
    });
  };
  return {
    t,
    number: (n: number) => number.format(n),
    points: (n: number) => t('points', { n }),
    money: (amount: number, currency: string) =>
      new Intl.NumberFormat(language, { style: 'currency', currency, minimumFractionDigits: 0 }).format(amount),
    date: (iso: string) => date.format(new Date(iso)),
  };
}
export type Words = ReturnType<typeof wordsFor>;
