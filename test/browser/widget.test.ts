// The storefront widget in real headless Chromium, on the sandbox storefront (a different origin
// from the API, as in production), against the local API, DynamoDB Local and the sandbox's
// promotions, cart and orders: the whole loop from points to a coupon on an order and back to points.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { LocalStack } from '../../local/stack';
import { launchChromium } from '../support/browser';
import { rewardsOf, startTestStack, TEST_STORE, stackTable } from '../support/environment';

let stack: LocalStack;
let table: PointsTable;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let ledger: typeof import('@bc-loyalty/shared/ledger');
let catalog: Awaited<ReturnType<typeof rewardsOf>>['rewards'];
let page: Page;
let apiRequests: Request[];

const ADA = 1;
const BEN = 2;
const CHEN = 3;
const FIVE_OFF = {
  id: 'five-off',
  name: '$5 off',
  pointsCost: 500,
  discount: { type: 'fixed_amount', amount: '5' },
} as const;
const BIG_ORDER = {
  id: 'big-order',
  name: '$10 off orders from $100',
  pointsCost: 100,
  discount: { type: 'fixed_amount', amount: '10' },
  minimumSubtotal: '100',
} as const;

beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: '', storeHash: TEST_STORE });
  table = stackTable(stack);
  catalog = (await rewardsOf(stack)).rewards;
  ledger = await import('@bc-loyalty/shared/ledger');
  const welcome = (customerId: number, points: number) =>
    ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId },
      { type: 'adjust', points, reason: 'Welcome bonus' },
    );
  await Promise.all([welcome(ADA, 5000), welcome(BEN, 70), welcome(CHEN, 500)]);
  chromium = await launchChromium();
  await chromium.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.sandbox!.url });
});
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});
beforeEach(async () => {
  stack.sandbox!.storefront!.tokenMode = 'valid';
  await chromium.context.clearCookies();
  page = await chromium.context.newPage();
  apiRequests = [];
  page.on('request', (r) => {
    if (r.url().startsWith(stack.apiUrl)) apiRequests.push(r);
  });
  await page.goto(`${stack.sandbox!.url}/`);
});

afterEach(() => page.close());

/** How long the page may take to show an answer that went through the API (and BigCommerce). */
const SOON = { timeout: 10_000 };
const widget = () => page.locator('[data-bc-loyalty]');
const announced = () => widget().locator('.st').textContent();
const balanceOf = async (customerId: number) =>
  (await ledger.getAccount(table, { storeHash: TEST_STORE, customerId })).balance;
const shown = (n: number) => n.toLocaleString('en-US'); // Chromium's default locale here

async function logIn(customerId: number) {
  await page.selectOption('#customer', String(customerId));
  await page.click('#login');
  await widget().getByText('Your balance').waitFor();
}
const redeemButton = (name: string) => widget().getByRole('button', { name: `Redeem ${name}` });

describe('a store with no rewards yet', () => {
  it('shows a guest the login prompt and makes no API call', async () => {
    await widget().getByText('Log in or create an account to earn points').waitFor();
    expect(apiRequests).toHaveLength(0);
  });

  it('says so to a signed-in shopper', async () => {
    await logIn(ADA);
    await widget().getByText('This store has no rewards yet.').waitFor();
  });
});

describe('a store with rewards', () => {
  beforeAll(async () => {
    await catalog.addReward(table, TEST_STORE, FIVE_OFF);
    await catalog.addReward(table, TEST_STORE, BIG_ORDER);
    await catalog.addReward(table, TEST_STORE, {
      id: 'ten-percent',
      name: '10% off',
      pointsCost: 2000,
      discount: { type: 'percentage', amount: '10' },
    });
  });

  it('shows a signed-in customer their balance, the rewards with their cost, and their history', async () => {
    await logIn(ADA);
    await expect.poll(() => widget().locator('.bal').textContent(), SOON).toContain(shown(await balanceOf(ADA)));
    expect(await widget().locator('.rewards').textContent()).toMatch(/\$5 off500 points.*10% off2,000 points/);
    expect(await widget().locator('.history').textContent()).toContain('Welcome bonus');
  });

  it('offers no Redeem for a reward the shopper cannot afford yet, saying how many more points it needs', async () => {
    await logIn(BEN);
    const reward = widget().locator('.rw', { hasText: FIVE_OFF.name });
    await expect.poll(() => reward.locator('.need').textContent(), SOON).toBe('430 points more needed');
    expect(await reward.getByRole('button').count()).toBe(0);
  });

  it('takes 500 points to a $5 code, onto the cart and the order, and earns on the discounted order', async () => {
    await logIn(CHEN);
    await redeemButton('$5 off').click();
    await expect.poll(announced, SOON).toMatch(/Redeemed \$5 off for 500 points\. Your code: \S+\. New balance: 0\./);
    const code = /Your code: (\S+)\./.exec((await announced())!)![1]!;
    const codeItem = widget().locator('.codes li', { hasText: code });
    await codeItem.getByText('ready to use').waitFor(SOON); // issued (or pending, then issued)
    const { promotionId } = (await catalog.getReward(table, TEST_STORE, FIVE_OFF.id))!;
    expect(stack.sandbox!.store(TEST_STORE).couponFor(code)).toMatchObject({
      promotion: { id: promotionId },
      code: { max_uses: 1, max_uses_per_customer: 1 },
      usable: true,
    });
    await codeItem.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(announced, SOON).toBe(`Copied ${code}.`);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);

    await codeItem.getByRole('button', { name: 'Apply to cart' }).click();
    await expect.poll(announced, SOON).toContain('Your cart is empty');
    await page.click('#add');
    await page.locator('#cart-lines').waitFor();
    await codeItem.getByRole('button', { name: 'Apply to cart' }).click();
    await expect.poll(announced, SOON).toBe(`Code ${code} is applied to your cart.`);
    await expect
      .poll(() => page.locator('#cart-view').textContent(), SOON)
      .toMatch(new RegExp(`Coupon ${code} .*−\\$5\\.00.*Total \\$59\\.53`));
    await page.click('#place');
    const order = page.locator('#order-list li').first();
    await expect
      .poll(() => order.textContent(), SOON)
      .toMatch(/Order #\d+ — \$64\.53 − \$5\.00 coupon — Awaiting Fulfillment/);
    await order.getByRole('button', { name: 'Mark completed' }).click();
    await expect.poll(() => balanceOf(CHEN), { timeout: 15_000 }).toBe(59); // 1 point per dollar of the discounted subtotal
    // A batch writes its points first, then marks the codes its orders used: refresh until it shows.
    await expect
      .poll(
        async () => {
          await page.evaluate(() =>
            (window as unknown as { bcLoyalty: { refresh: () => Promise<void> } }).bcLoyalty.refresh(),
          );
          return widget().locator('.codes li', { hasText: code }).textContent();
        },
        { timeout: 15_000, interval: 500 },
      )
      .toMatch(/used on order #\d+/);
    expect(await widget().locator('.codes li', { hasText: code }).getByRole('button').count()).toBe(0); // only an issued code offers Copy and Apply
  }, 60_000);

  it('shows a code still on its way, and looks again until BigCommerce has issued it', async () => {
    await logIn(ADA);
    const answer = page.waitForResponse((r) => r.url() === `${stack.apiUrl}/points/redeem`);
    // The in-request attempt fails (the code's call only: the mirror may call meanwhile); the stream completes it.
    stack.sandbox!.faults.inject({ kind: 'server-error', status: 503 }, 1, /\/promotions\/\d+\/codes$/);
    await redeemButton('$5 off').click();
    const { redemption } = (await (await answer).json()) as {
      redemption: { coupon: { code: string; status: string } };
    };
    expect(redemption.coupon.status).toBe('pending');
    await widget()
      .locator('.codes li', { hasText: redemption.coupon.code })
      .getByText('ready to use')
      .waitFor({ timeout: 20_000 });
  });

  it('debits once when a redeem is retried after a network failure lost the answer', async () => {
    await logIn(ADA);
    const before = await balanceOf(ADA);
    const keys: string[] = [];
    let dropped = false;
    await page.route(`${stack.apiUrl}/points/redeem`, async (route) => {
      if (route.request().method() === 'POST') keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped || route.request().method() !== 'POST') return route.continue();
      dropped = true;
      await route.fetch(); // the API debits…
      await route.abort('connectionreset'); // …but the shopper never hears back
    });
    await redeemButton('$5 off').click();
    await expect.poll(announced, SOON).toContain('Network problem');
    await redeemButton('$5 off').click();
    await expect.poll(announced, SOON).toContain(`New balance: ${shown(before - 500)}`);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await balanceOf(ADA)).toBe(before - 500);
  });

  it('never double-submits a redeem', async () => {
    await logIn(ADA);
    const before = await balanceOf(ADA);
    await redeemButton('$5 off').evaluate((button: HTMLButtonElement) => {
      button.click();
      button.click();
      button.click();
    });
    await expect.poll(announced, SOON).toContain('Redeemed $5 off');
    expect(apiRequests.filter((r) => r.method() === 'POST')).toHaveLength(1);
    expect(await balanceOf(ADA)).toBe(before - 500);
  });

  it("says so when the store will not take a code for this cart (below the reward's minimum order)", async () => {
    await logIn(ADA);
    await redeemButton(BIG_ORDER.name).click();
    await expect.poll(announced, SOON).toContain('Your code:');
    const code = /Your code: (\S+)\./.exec((await announced())!)![1]!;
    const codeItem = widget().locator('.codes li', { hasText: code });
    await codeItem.getByText('ready to use').waitFor(SOON);
    await page.click('#add');
    await page.locator('#cart-lines').waitFor();
    await codeItem.getByRole('button', { name: 'Apply to cart' }).click();
    await expect
      .poll(announced, SOON)
      .toBe(`The store did not accept ${code} for this cart (it may be used already, or the cart may not qualify).`);
    expect(await page.locator('#cart-view').textContent()).not.toContain('Coupon');
  });

  it("shows B's balance, never A's, when A logs out and B logs in on the same page", async () => {
    await logIn(ADA);
    await page.click('#logout');
    await widget().getByText('Log in or create an account to earn points').waitFor();
    const afterLogout = apiRequests.length;
    await logIn(BEN);
    await expect.poll(() => widget().locator('.bal').textContent(), SOON).toContain(shown(await balanceOf(BEN)));
    const answers = await Promise.all(
      apiRequests
        .slice(afterLogout)
        .filter((r) => r.url().endsWith('/points'))
        .map(async (r) => (await r.response())?.json() as Promise<{ customerId: number }>),
    );
    expect(answers.map((a) => a.customerId)).toEqual(answers.map(() => BEN));
    expect(await widget().locator('.p').textContent()).not.toContain(shown(await balanceOf(ADA)));
  });

  it.each(['expired', 'forged'] as const)(
    'shows a clean message for an %s token, reading the CORS-enabled 401',
    async (mode) => {
      stack.sandbox!.storefront!.tokenMode = mode;
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && /CORS|Access-Control/.test(m.text())) errors.push(m.text());
      });
      await page.selectOption('#customer', String(ADA));
      await page.click('#login');
      await widget().getByText('Your session has expired. Please reload the page or sign in again.').waitFor();
      const statuses = await Promise.all(apiRequests.map(async (r) => (await r.response())?.status()));
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 401)).toBe(true);
      expect(errors).toEqual([]);
    },
  );

  it('offers a tiny JS API: refresh() and a redeemed event', async () => {
    await logIn(ADA);
    const event = page.evaluate(
      () =>
        new Promise((resolve) =>
          (window as unknown as { bcLoyalty: { on: (e: string, f: (d: unknown) => void) => void } }).bcLoyalty.on(
            'redeemed',
            resolve,
          ),
        ),
    );
    await redeemButton('$5 off').click();
    expect(await event).toMatchObject({
      redemption: { rewardId: FIVE_OFF.id, points: 500, coupon: { code: expect.any(String) } },
      balance: expect.any(Number),
    });
    await ledger.applyPointsChange(
      table,
      { storeHash: TEST_STORE, customerId: ADA },
      { type: 'adjust', points: 1234, reason: 'Goodwill' },
    );
    await page.evaluate(() =>
      (window as unknown as { bcLoyalty: { refresh: () => Promise<void> } }).bcLoyalty.refresh(),
    );
    await expect.poll(() => widget().locator('.history li').first().textContent(), SOON).toContain('Goodwill');
  });

  it('keeps no token in storage or cookies the widget could leak', async () => {
    await logIn(ADA);
    const stored = await page.evaluate(() =>
      JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }),
    );
    expect(stored).not.toMatch(/eyJ/);
  });
});
