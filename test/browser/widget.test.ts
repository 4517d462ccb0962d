// The storefront widget in real headless Chromium, on the sandbox storefront (a different origin
// from the API, as in production), against the local API and DynamoDB Local.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page, Request } from 'playwright-core';
import type { LocalStack } from '../../local/stack';
import { launchChromium } from '../support/browser';
import { startTestStack, TEST_STORE, ledgerOf } from '../support/environment';

let stack: LocalStack;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let ledger: typeof import('@bc-loyalty/shared/ledger');
let page: Page;
let apiRequests: Request[];

const ADA = 1;
const BEN = 2;

beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: '', storeHash: TEST_STORE });
  ledger = await ledgerOf(stack);
  await ledger.applyPointsChange({ storeHash: TEST_STORE, customerId: ADA }, { type: 'adjust', points: 1000, reason: 'Welcome bonus' });
  await ledger.applyPointsChange({ storeHash: TEST_STORE, customerId: BEN }, { type: 'adjust', points: 70, reason: 'Welcome bonus' });
  chromium = await launchChromium();
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
  page.on('request', (r) => { if (r.url().startsWith(stack.apiUrl)) apiRequests.push(r); });
  await page.goto(`${stack.sandbox!.url}/`);
});

const widget = () => page.locator('[data-bc-loyalty]');
const balanceOf = async (customerId: number) => (await ledger.getAccount({ storeHash: TEST_STORE, customerId })).balance;
const shown = (n: number) => n.toLocaleString('en-US'); // Chromium's default locale here

async function logIn(customerId: number) {
  await page.selectOption('#customer', String(customerId));
  await page.click('#login');
  await widget().getByText('Balance:').waitFor();
}

async function redeem(points: number) {
  await page.getByLabel('Points to redeem').fill(String(points));
  await page.getByRole('button', { name: 'Redeem' }).click();
}

describe('loyalty widget', () => {
  it('shows a guest the login prompt and makes no API call', async () => {
    await widget().getByText('Log in to see your points.').waitFor();
    expect(apiRequests).toHaveLength(0);
  });

  it('shows a signed-in customer their balance and history', async () => {
    await logIn(ADA);
    await expect.poll(() => widget().locator('.bc-loyalty__balance').textContent()).toContain(shown(await balanceOf(ADA)));
    expect(await widget().locator('.bc-loyalty__history').textContent()).toContain('Welcome bonus');
  });

  it('redeems: the new balance, the history line and an announcement in the live region', async () => {
    await logIn(ADA);
    const before = await balanceOf(ADA);
    await redeem(100);
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`Redeemed 100 points. New balance: ${shown(before - 100)}`);
    expect(await widget().locator('.bc-loyalty__balance').textContent()).toContain(shown(before - 100));
    expect(await widget().locator('.bc-loyalty__history li').first().textContent()).toContain('-100');
    expect(await balanceOf(ADA)).toBe(before - 100);
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
    await redeem(40);
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Network problem');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`New balance: ${shown(before - 40)}`);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await balanceOf(ADA)).toBe(before - 40);
  });

  it('never double-submits a redeem', async () => {
    await logIn(ADA);
    const before = await balanceOf(ADA);
    await page.getByLabel('Points to redeem').fill('5');
    await page.getByRole('button', { name: 'Redeem' }).evaluate((button: HTMLButtonElement) => { button.click(); button.click(); button.click(); });
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Redeemed 5 points');
    expect(apiRequests.filter((r) => r.method() === 'POST')).toHaveLength(1);
    expect(await balanceOf(ADA)).toBe(before - 5);
  });

  it('shows the API\'s message when there are not enough points', async () => {
    await logIn(BEN);
    await redeem(100_000);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Not enough points/);
  });

  it('shows B\'s balance, never A\'s, when A logs out and B logs in on the same page', async () => {
    await logIn(ADA);
    await page.click('#logout');
    await widget().getByText('Log in to see your points.').waitFor();
    const afterLogout = apiRequests.length;
    await logIn(BEN);
    await expect.poll(() => widget().locator('.bc-loyalty__balance').textContent()).toContain(shown(await balanceOf(BEN)));
    const answers = await Promise.all(apiRequests.slice(afterLogout).filter((r) => r.url().endsWith('/points')).map(async (r) => (await r.response())?.json() as Promise<{ customerId: number }>));
    expect(answers.map((a) => a.customerId)).toEqual(answers.map(() => BEN));
    expect(await widget().textContent()).not.toContain(shown(await balanceOf(ADA)));
  });

  it.each(['expired', 'forged'] as const)('shows a clean message for an %s token, reading the CORS-enabled 401', async (mode) => {
    stack.sandbox!.storefront!.tokenMode = mode;
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' && /CORS|Access-Control/.test(m.text())) errors.push(m.text()); });
    await page.selectOption('#customer', String(ADA));
    await page.click('#login');
    await widget().getByText('Your session has expired. Please reload the page or sign in again.').waitFor();
    const statuses = await Promise.all(apiRequests.map(async (r) => (await r.response())?.status()));
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('offers a tiny JS API: refresh() and a redeemed event', async () => {
    await logIn(BEN);
    const event = page.evaluate(() => new Promise((resolve) => (window as unknown as { bcLoyalty: { on: (e: string, f: (d: unknown) => void) => void } }).bcLoyalty.on('redeemed', resolve)));
    await redeem(10);
    expect(await event).toMatchObject({ redemption: { points: 10 }, balance: expect.any(Number) });
    await ledger.applyPointsChange({ storeHash: TEST_STORE, customerId: BEN }, { type: 'adjust', points: 1234, reason: 'Goodwill' });
    await page.evaluate(() => (window as unknown as { bcLoyalty: { refresh: () => Promise<void> } }).bcLoyalty.refresh());
    await expect.poll(() => widget().locator('.bc-loyalty__history li').first().textContent()).toContain('Goodwill');
  });

  it('keeps no token in storage or cookies the widget could leak', async () => {
    await logIn(ADA);
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    expect(stored).not.toMatch(/eyJ/);
  });
});
