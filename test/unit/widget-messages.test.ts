// The widget's words: the merchant's table over the English one, placeholders, plural forms and
// Intl formats in the page's language. Pure: no browser needed.
import { describe, expect, it } from 'vitest';
import { MESSAGES, wordsFor } from '../../storefront/src/messages';

describe('wordsFor', () => {
  it('says English by default, with numbers and plurals in the page language', () => {
    const w = wordsFor({}, 'en');
    expect(w.points(1)).toBe('1 point');
    expect(w.points(5600)).toBe('5,600 points');
    expect(w.t('earnRule', { points: w.points(1), amount: w.money(1, 'USD') })).toBe('1 point per $1 spent');
    expect(w.t('guest')).toBe(MESSAGES.guest);
  });

  it("takes the merchant's words key by key, formatting numbers for their language", () => {
    const w = wordsFor({ balance: 'Votre solde', points: { one: '{n} point', other: '{n} points' } }, 'fr');
    expect(w.t('balance')).toBe('Votre solde');
    expect(w.points(5600)).toBe('5\u202f600 points');
    expect(w.t('redeem')).toBe('Redeem'); // not translated: the English word stays
    expect(w.money(1, 'EUR')).toBe('1\u00a0€');
  });

  it('leaves an unknown placeholder empty rather than showing braces', () => {
    expect(wordsFor({ title: 'Points {missing}!' }, 'en').t('title')).toBe('Points !');
  });
});
