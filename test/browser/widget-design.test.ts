// The widget as shoppers meet it, in headless Chromium at desktop (1200 px) and phone (375 px)
// widths: every state drawn and accessible (axe-core, WCAG 2.2 A/AA: zero violations), no sideways
// scrolling, keyboard-only use inline and behind the launcher, a merchant's theme and words.
// WIDGET_SCREENSHOTS=docs also saves the README's screenshots there.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { launchChromium } from '../support/browser';
import { rewardsOf, stackTable, startTestStack, TEST_STORE } from '../support/environment';
import { axeViolations, openStore, scrollsSideways, type Theme, widgetFocus } from '../support/widget-page';

let stack: LocalStack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let ledger: typeof import('@bc-loyalty/shared/ledger');
const ADA = 1; // thousands of points: $5 off yes, the weekend away not yet
const BEN = 2; // 0 points
// Generous: the first call to each function starts its execution environment, slow when the suite runs in parallel.
const SOON = { timeout: 20_000 };
const screenshots = process.env.WIDGET_SCREENSHOTS;

beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: '', storeHash: TEST_STORE });
  const { rewards } = await rewardsOf(stack);
  await rewards.addReward(stackTable(stack), TEST_STORE, {
    id: 'five-off',
    name: '$5 off',
    pointsCost: 500,
    discount: { type: 'fixed_amount', amount: '5' },
  });
  await rewards.addReward(stackTable(stack), TEST_STORE, {
    id: 'weekend',
    name: 'A weekend away',
    pointsCost: 90000,
    discount: { type: 'percentage', amount: '100' },
  });
  ledger = await import('@bc-loyalty/shared/ledger');
  await ledger.applyPointsChange(
    stackTable(stack),
    { storeHash: TEST_STORE, customerId: ADA },
    { type: 'adjust', points: 5600, reason: 'Welcome bonus' },
  );
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});
afterEach(async () => {
  stack.sandbox!.storefront!.tokenMode = 'valid';
  await page?.close();
  await chromium.context.clearCookies();
});

const widget = () => page.locator('.bc-loyalty');
const status = () => widget().locator('.st');
async function open(width: number, theme?: Theme) {
  page = await openStore(chromium.context, stack.sandbox!.url, width, theme);
}
async function logIn(customerId: number) {
  await page.selectOption('#customer', String(customerId));
  await page.click('#login');
}
async function expectAccessibleAndFitting() {
  expect(await axeViolations(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
}

describe.each([1200, 375])('at %i px', (width) => {
  it('draws a loading skeleton while the points are on their way', async () => {
    await open(width);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route(`${stack.apiUrl}/points`, async (route) => {
      await held;
      await route.continue();
    });
    await logIn(ADA);
    await widget().locator('.sk').waitFor();
    expect(await widget().locator('.bd').getAttribute('aria-busy')).toBe('true');
    const shimmer = () =>
      widget()
        .locator('.sk i')
        .first()
        .evaluate((e) => getComputedStyle(e).animationName);
    expect(await shimmer()).toBe('sh');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await shimmer()).toBe('none'); // reduced motion respected
    await expectAccessibleAndFitting();
    release();
    await widget().locator('.bal').waitFor(SOON);
  });

  it('invites a guest to log in or create an account, with the earning rule', async () => {
    await open(width);
    await widget().getByText('Log in or create an account to earn points').waitFor();
    expect(await widget().getByRole('link', { name: 'Log in' }).getAttribute('href')).toBe('/login.php');
    expect(await widget().getByRole('link', { name: 'Create account' }).getAttribute('href')).toBe(
      '/login.php?action=create_account',
    );
    expect(await widget().locator('.rule').textContent()).toBe('1 point per $1 spent');
    await expectAccessibleAndFitting();
  });

  it('tells a shopper with no points how to earn them', async () => {
    await open(width);
    await logIn(BEN);
    await widget().getByText('You have no points yet. Shop to start earning: 1 point per $1 spent.').waitFor(SOON);
    expect(
      await widget()
        .getByRole('button', { name: /^Redeem/ })
        .count(),
    ).toBe(0);
    await expectAccessibleAndFitting();
  });

  it('sets rewards the shopper can afford apart from those not yet affordable', async () => {
    await open(width);
    await logIn(ADA);
    await widget().locator('.bal').waitFor(SOON);
    expect(await widget().locator('.rw.ok').textContent()).toContain('$5 off');
    expect(await widget().locator('.rw.short .need').textContent()).toMatch(/^[\d,]+ points more needed$/);
    await expectAccessibleAndFitting();
    if (screenshots && width === 1200)
      await page.screenshot({ path: join(screenshots, 'widget-desktop.png'), fullPage: true });
  });

  it('shows success and error differently, keeps focus on the new code, and clears an error on the next action', async () => {
    await open(width);
    await logIn(ADA);
    let fail = true;
    await page.route(`${stack.apiUrl}/points/redeem`, (route) =>
      fail
        ? route.fulfill({
            status: 409,
            contentType: 'application/json',
            headers: { 'Access-Control-Allow-Origin': '*' },
            body: '{"error":{"code":"insufficient_points","message":"Not enough points."}}',
          })
        : route.continue(),
    );
    await widget().getByRole('button', { name: 'Redeem $5 off' }).click();
    await expect.poll(() => status().getAttribute('data-tone'), SOON).toBe('err');
    expect(await status().textContent()).toBe('Not enough points.');
    const errorColour = await status().evaluate((e) => getComputedStyle(e).backgroundColor);
    await expectAccessibleAndFitting();
    expect((await widgetFocus(page))?.key).toBe('redeem:five-off'); // the error leaves focus where it was

    fail = false;
    await widget().getByRole('button', { name: 'Redeem $5 off' }).click();
    await expect.poll(() => status().getAttribute('data-tone'), SOON).toBe('ok');
    expect(await status().textContent()).toMatch(/^Redeemed \$5 off for 500 points\./);
    expect(await status().evaluate((e) => getComputedStyle(e).backgroundColor)).not.toBe(errorColour);
    expect((await widgetFocus(page))?.key).toMatch(/^code:/); // not <body> after the re-render
    await expectAccessibleAndFitting();
  });

  it('says a failed load in the error style, offers Try again, and clears it once loading works', async () => {
    stack.sandbox!.storefront!.tokenMode = 'expired';
    await open(width);
    await logIn(ADA);
    await expect.poll(() => status().getAttribute('data-tone'), SOON).toBe('err');
    await expectAccessibleAndFitting();
    stack.sandbox!.storefront!.tokenMode = 'valid';
    await widget().getByRole('button', { name: 'Try again' }).click();
    await widget().locator('.bal').waitFor(SOON);
    expect(await status().textContent()).toBe('');
  });

  it('opens the launcher panel as a dialog that fits the screen', async () => {
    await open(width, { config: { mode: 'launcher' } });
    await logIn(ADA);
    await widget().getByRole('button', { name: 'Rewards' }).click();
    await widget().locator('dialog .bal').waitFor(SOON);
    await expectAccessibleAndFitting();
    if (screenshots && width === 375) await page.screenshot({ path: join(screenshots, 'widget-mobile-launcher.png') });
  });
});

describe('keyboard only', () => {
  async function tabTo(key: string | RegExp, limit = 40) {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const focus = await widgetFocus(page);
      if (focus && (typeof key === 'string' ? focus.key === key || focus.className === key : key.test(focus.key)))
        return;
    }
    throw new Error(`Tab never reached ${key}`);
  }

  it('redeems and copies a code in the inline panel', async () => {
    await open(1200);
    await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.sandbox!.url });
    await logIn(ADA);
    await widget().locator('.bal').waitFor(SOON);
    await tabTo('redeem:five-off');
    await page.keyboard.press('Enter');
    await expect.poll(() => status().getAttribute('data-tone'), SOON).toBe('ok');
    expect((await widgetFocus(page))?.key).toMatch(/^code:/);
    await tabTo(/^copy:/, 3);
    await page.keyboard.press('Enter');
    await expect.poll(() => status().textContent(), SOON).toMatch(/^Copied \S+\.$/);
  });

  it('opens the launcher dialog, keeps Tab inside it, closes on Escape and returns focus to the launcher', async () => {
    await open(375, { config: { mode: 'launcher' } });
    await logIn(ADA);
    await tabTo('ln');
    await page.keyboard.press('Enter');
    await widget().locator('dialog .bal').waitFor(SOON);
    expect((await widgetFocus(page))?.inDialog).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i % 4 === 3 ? 'Shift+Tab' : 'Tab');
      expect((await widgetFocus(page))?.inDialog).toBe(true);
    }
    await page.keyboard.press('Escape');
    expect(
      await widget()
        .locator('dialog')
        .evaluate((d: HTMLDialogElement) => d.open),
    ).toBe(false);
    expect((await widgetFocus(page))?.className).toBe('ln');
    expect(await widget().getByRole('button', { name: 'Rewards' }).getAttribute('aria-expanded')).toBe('false');
  });
});

describe('two copies of the script on one page (two installs raced)', () => {
  it('draws one widget, behind one launcher', async () => {
    const scripts = stack.sandbox!.store(TEST_STORE).scripts;
    const copy = { ...scripts.find((s) => s.name === 'bc-loyalty widget')!, uuid: randomUUID() };
    scripts.push(copy);
    try {
      await open(1200, { config: { mode: 'launcher' } });
      expect(await page.locator('script[data-config]').count()).toBe(2);
      await logIn(ADA);
      await widget().getByRole('button', { name: 'Rewards' }).waitFor(SOON);
      expect(await page.locator('.bc-loyalty').count()).toBe(1);
    } finally {
      scripts.splice(scripts.indexOf(copy), 1);
    }
  });
});

describe("a merchant's theme", () => {
  it('applies custom properties: brand colour and radius', async () => {
    await open(1200, { css: ':root { --bc-loyalty-brand: #7a0d5a; --bc-loyalty-radius: 0px; }' });
    await logIn(ADA);
    const redeem = widget().getByRole('button', { name: 'Redeem $5 off' });
    await redeem.waitFor(SOON);
    expect(await redeem.evaluate((b) => getComputedStyle(b).backgroundColor)).toBe('rgb(122, 13, 90)');
    expect(
      await widget()
        .locator('.p')
        .evaluate((p) => getComputedStyle(p).borderTopLeftRadius),
    ).toBe('0px');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('applies a translated message table, with numbers in the page language', async () => {
    const messages = {
      title: 'Points fidélité',
      balance: 'Votre solde',
      points: { one: '{n} point', other: '{n} points' },
      earnRule: '{points} par tranche de {amount}',
      rewards: 'Récompenses',
      redeem: 'Échanger',
      redeemLabel: 'Échanger {reward}',
      moreNeeded: 'encore {points}',
      activity: 'Activité récente',
    };
    await open(1200, { lang: 'fr', config: { messages } });
    await logIn(ADA);
    await widget().getByText('Votre solde').waitFor(SOON);
    const balance = await widget().locator('.bal').textContent();
    const { balance: points } = await ledger.getAccount(stackTable(stack), { storeHash: TEST_STORE, customerId: ADA });
    expect(balance).toBe(`${new Intl.NumberFormat('fr').format(points)} points`);
    expect(balance).toMatch(/^\d+\u202f\d{3} points$/);
    expect(await widget().getByRole('heading', { name: 'Points fidélité' }).count()).toBe(1);
    expect(await widget().getByRole('button', { name: 'Échanger $5 off' }).textContent()).toBe('Échanger');
    expect(await widget().locator('.rule').textContent()).toMatch(/^1 point par tranche de 1\s\$US$/);
    expect(await axeViolations(page)).toEqual([]);
  });
});

it('is usable at 320 px without scrolling sideways', async () => {
  await open(320);
  await logIn(ADA);
  await widget().locator('.bal').waitFor(SOON);
  expect(await scrollsSideways(page)).toBe(false);
});
