// The BigCommerce app end to end in headless Chromium (issue 14's "Done when"): the merchant installs
// it from the sandbox's control panel, the admin UI opens in the control panel's iframe and changes
// the loyalty program, and the shopper's widget on the storefront (another origin) sees each change.
// The store is app-installed only (not in the app secret), so every BigCommerce call of the
// functions goes through the token vault, and the uninstall really ends the store's service.
// The tests are one journey, in order: install, adjust, earn rate, reward, uninstall.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { listRedemptions } from '@bc-loyalty/shared/rewards';
import { getStoreRecord } from '@bc-loyalty/shared/stores';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack';
import { launchChromium } from '../support/browser';
import {
  callApi,
  OTHER_STORE,
  stackTable,
  startTestStack,
  TEST_STORE,
  tailOfLog,
  tokenFor,
} from '../support/environment';
import { axeViolations } from '../support/widget-page';

const ADA = 1;
const BEN = 2;
const COMPLETED = 10;
/** An answer that went through the API, the stream or BigCommerce (a cold start included). */
const SOON = { timeout: 45_000 };

let stack: LocalStack;
let table: PointsTable;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let panel: Page;
let ledger: typeof import('@bc-loyalty/shared/ledger');

beforeAll(async () => {
  stack = await startTestStack(
    { allowedOrigins: '', storeHash: TEST_STORE },
    // The app secret names another store: TEST_STORE is served only once the app is installed there.
    { functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'INFO', BC_STORE_HASH: OTHER_STORE } },
  );
  table = stackTable(stack);
  ledger = await import('@bc-loyalty/shared/ledger');
  chromium = await launchChromium();
  panel = await chromium.context.newPage();
  await panel.goto(`${stack.sandbox!.url}/manage/app?store=${TEST_STORE}`);
}, 120_000);
afterAll(async () => {
  await chromium?.close();
  await stack?.stop();
});

/** The app, in the control panel's iframe (a required field's label ends with a mark: /^Label\b/). */
const admin = () => panel.frameLocator('iframe[name="app"]');
const openTab = (name: string) => admin().getByRole('tab', { name }).click();
const balanceOf = async (customerId: number) =>
  (await ledger.getAccount(table, { storeHash: TEST_STORE, customerId })).balance;

/** The storefront in another tab, logged in as the customer; answers its widget. */
async function shopperWidget(customerId: number) {
  const page = await chromium.context.newPage();
  await page.goto(`${stack.sandbox!.url}/`);
  await page.selectOption('#customer', String(customerId));
  await page.click('#login');
  const widget = page.locator('[data-bc-loyalty]');
  await widget.getByText('Your balance').waitFor(SOON);
  return { page, widget };
}

describe('the app in the control panel', () => {
  it('installs with one click: the admin opens in the iframe, the store is served and its token kept encrypted', async () => {
    expect((await callApi(stack, await tokenFor(ADA, { storeHash: TEST_STORE }), '/points')).status).toBe(401);
    await panel.getByRole('button', { name: 'Install app' }).click();
    await admin().getByRole('heading', { name: 'Loyalty points' }).waitFor(SOON);
    await admin().getByRole('group', { name: 'Points outstanding' }).waitFor(SOON);
    const record = await getStoreRecord(table, TEST_STORE, true);
    expect(record).toMatchObject({ status: 'installed', encryptedAccessToken: expect.any(String) });
    expect(record!.encryptedAccessToken).not.toContain(stack.sandbox!.store(TEST_STORE).appTokens[0]);
    expect((await callApi(stack, await tokenFor(ADA, { storeHash: TEST_STORE }), '/points')).status).toBe(200);
    const frame = panel.frame({ name: 'app' })!;
    expect(await axeViolations(frame, '#root')).toEqual([]);
  }, 120_000);

  it('adjusts a customer found by email by +250 with a reason: the widget shows it, the mirror writes it', async () => {
    await openTab('Customers');
    await admin().getByLabel('Email or name').fill('ada@example.com');
    await admin().getByLabel('Email or name').press('Enter');
    await admin().getByRole('button', { name: 'View Ada Lovelace' }).click();
    await admin().getByRole('button', { name: 'Adjust points' }).click();
    const dialog = admin().getByRole('dialog');
    await dialog.getByRole('button', { name: 'Adjust', exact: true }).click();
    await dialog.getByText('Enter a reason').waitFor(); // validated before anything is sent
    expect(await axeViolations(panel.frame({ name: 'app' })!, '#root')).toEqual([]);
    await dialog.getByLabel(/^Points\b/).fill('250');
    await dialog.getByLabel(/^Reason\b/).fill('Goodwill: a late delivery');
    await dialog.getByRole('button', { name: 'Adjust', exact: true }).click();
    await admin().getByText('Points adjusted. New balance: 250.').waitFor(SOON);
    await admin().getByRole('cell', { name: 'Goodwill: a late delivery' }).waitFor(SOON);

    expect(await balanceOf(ADA)).toBe(250);
    const [entry] = (await ledger.listHistory(table, { storeHash: TEST_STORE, customerId: ADA }, 1)).items;
    expect(entry).toMatchObject({ type: 'adjust', points: 250, reason: 'Goodwill: a late delivery' });
    await expect.poll(() => stack.sandbox!.store(TEST_STORE).valueOf('Loyalty points', ADA), SOON).toBe('250');
    const { page, widget } = await shopperWidget(ADA);
    await expect.poll(() => widget.locator('.bal').textContent(), SOON).toContain('250');
    expect(await widget.locator('.history').textContent()).toContain('Goodwill: a late delivery');
    await page.close();
  }, 120_000);

  it('changes the earn rate: the next completed order earns at the new rate', async () => {
    await openTab('Earning');
    const rate = admin().getByLabel(/^Points per currency unit\b/);
    await expect.poll(() => rate.inputValue(), SOON).toBe('1');
    await rate.fill('3');
    await admin().getByRole('button', { name: 'Save' }).click();
    await admin().getByText('Earning settings saved').waitFor(SOON);

    const order = await stack.sandbox!.createOrder(TEST_STORE, BEN, '40.00');
    await stack.sandbox!.changeOrderStatus(TEST_STORE, order.id, COMPLETED);
    await expect.poll(() => balanceOf(BEN), SOON).toBe(120); // 3 × 40.00, not 1 × 40.00
  }, 120_000);

  it('adds a reward the shopper can then redeem', async () => {
    await openTab('Rewards');
    await admin().getByRole('button', { name: 'Add reward' }).click();
    const dialog = admin().getByRole('dialog');
    await dialog.getByRole('button', { name: 'Add reward' }).click();
    await dialog.getByText('Enter 1 to 1,000,000 points.').waitFor(); // validated before anything is sent
    expect(await axeViolations(panel.frame({ name: 'app' })!, '#root')).toEqual([]);
    await dialog.getByLabel(/^Id\b/).fill('ten-off');
    await dialog.getByLabel(/^Name\b/).fill('$10 off');
    await dialog.getByLabel(/^Points cost\b/).fill('100');
    await dialog.getByLabel(/^Amount\b/).fill('10');
    await dialog.getByRole('button', { name: 'Add reward' }).click();
    await admin().getByText('$10 off saved.').waitFor(SOON);
    await admin().getByRole('cell', { name: 'ten-off' }).waitFor(SOON);

    const { page, widget } = await shopperWidget(BEN);
    await widget.getByRole('button', { name: 'Redeem $10 off' }).click();
    await expect
      .poll(() => widget.locator('.st').textContent(), SOON)
      .toMatch(/Redeemed \$10 off for 100 points\. Your code: PTS-\S+\. New balance: 20\./);
    await page.close();
    expect(await balanceOf(BEN)).toBe(20);
    // The coupon may still be on its way to BigCommerce (the stream's issuer finishes what the request
    // did not): an uninstall before it lands refunds the points, so the journey waits for the code.
    const redemptionStatus = async () =>
      (await listRedemptions(table, { storeHash: TEST_STORE, customerId: BEN }, 1)).items[0]?.coupon.status;
    await expect.poll(redemptionStatus, SOON).toBe('issued');
  }, 120_000);

  it("uninstalls: the store's shoppers get 401 and its access token is gone from storage", async () => {
    const token = await tokenFor(BEN, { storeHash: TEST_STORE });
    await panel.getByRole('button', { name: 'Uninstall' }).click();
    await admin().getByText('uninstall of store teststore: the app answered 200.').waitFor(SOON);
    const record = await getStoreRecord(table, TEST_STORE, true);
    expect(record?.status, tailOfLog(stack)).toBe('uninstalled');
    expect(record).not.toHaveProperty('encryptedAccessToken');
    expect((await callApi(stack, token, '/points')).status).toBe(401);
    expect(await balanceOf(BEN)).toBe(20); // the ledger is kept
  }, 120_000);
});

describe('the admin UI on its own', () => {
  it('tells the merchant to reopen the app when the API refuses the session (401)', async () => {
    const page = await chromium.context.newPage();
    const boot = {
      session: 'not.a-valid.session',
      storeHash: TEST_STORE,
      user: { id: 1, email: null },
      apiBase: stack.apiUrl,
    };
    // The shell as /app/load answers it, on the API's origin, with a session the admin authorizer refuses.
    await page.route(`${stack.apiUrl}/shell`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Loyalty points</title>
<script id="bc-loyalty-admin" type="application/json">${JSON.stringify(boot)}</script>
<script type="module" src="${stack.apiUrl}/admin/ui/admin.js"></script></head><body><div id="root"></div></body></html>`,
      }),
    );
    await page.goto(`${stack.apiUrl}/shell`);
    await page.getByText('Your session has ended — reopen the app from the control panel').waitFor(SOON);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await axeViolations(page, '#root')).toEqual([]);
    await page.close();
  }, 60_000);
});
