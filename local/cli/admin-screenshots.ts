// npm run screenshots:admin [-- --store <hash> --out <dir>] — with `npm start` running: installs the
// app from the sandbox's control panel, gives the demo customers a few points through the admin API
// (fixed Idempotency-Keys: a second run adds nothing), and saves the README's pictures of the admin
// in the control panel's iframe (docs/images/admin-*.png) with Chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/browser';
import { repoRoot } from '../paths';
import { LOCAL_HOST } from '../ports';
import { localSettings } from '../settings';
import { commandLine } from './command-line';

const cli = commandLine('screenshots:admin', 'usage: npm run screenshots:admin [-- --store <hash>] [--out <dir>]', {
  store: { type: 'string' },
  out: { type: 'string', default: join(repoRoot, 'docs', 'images') },
});
const settings = localSettings();
const storeHash = cli.storeHash(cli.values.store ?? settings.storeHash.split(',')[0]);
const out = cli.values.out!;
const sandboxUrl = `http://${LOCAL_HOST}:${settings.sandboxPort}`;
const WAIT = { timeout: 30_000 };

/** The demo customers' points: what the overview and a customer's history then show. */
const ADJUSTMENTS = [
  { customerId: 1, points: 1200, reason: 'Welcome bonus' },
  { customerId: 1, points: -150, reason: 'Points for a cancelled order' },
  { customerId: 1, points: 250, reason: 'Goodwill: a late delivery' },
  { customerId: 2, points: 480, reason: 'Welcome bonus' },
  { customerId: 3, points: 90, reason: 'Review of the month' },
];

/** Gives the points through the admin API, with the session the shell handed the UI. */
async function seed(frame: Frame): Promise<void> {
  const boot = await frame.evaluate(() => document.getElementById('bc-loyalty-admin')?.textContent ?? '{}');
  const { session, apiBase } = JSON.parse(boot) as { session: string; apiBase: string };
  for (const [i, a] of ADJUSTMENTS.entries()) {
    const response = await fetch(`${apiBase}/admin/customers/${a.customerId}/adjustments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${session}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': `admin-screenshots-${storeHash}-${i}`,
      },
      body: JSON.stringify({ points: a.points, reason: a.reason }),
    });
    if (!response.ok) cli.fail(`adjusting customer ${a.customerId}: ${response.status} ${await response.text()}`);
  }
}

async function shoot(page: Page, admin: FrameLocator, tab: string, ready: string, file: string): Promise<void> {
  await admin.getByRole('tab', { name: tab }).click();
  await admin.getByText(ready).first().waitFor(WAIT);
  await page.screenshot({ path: join(out, file) });
  console.log(join(out, file));
}

const chromium = await launchChromium();
try {
  mkdirSync(out, { recursive: true });
  const page = await chromium.context.newPage();
  await page.setViewportSize({ width: 1280, height: 860 });
  await page.goto(`${sandboxUrl}/manage/app?store=${storeHash}`).catch((error: unknown) => {
    cli.exitIfUnreachable(error);
    throw error;
  });
  await page.getByRole('button', { name: 'Install app' }).click();
  const admin = page.frameLocator('iframe[name="app"]');
  await admin.getByRole('heading', { name: 'Loyalty points' }).waitFor(WAIT);
  await seed(page.frame({ name: 'app' })!);

  await shoot(page, admin, 'Rewards', 'Discount', 'admin-rewards.png');
  await shoot(page, admin, 'Overview', 'Points outstanding', 'admin-overview.png');
  await admin.getByRole('tab', { name: 'Customers' }).click();
  await admin.getByLabel('Email or name').fill('ada@example.com');
  await admin.getByLabel('Email or name').press('Enter');
  await admin.getByRole('button', { name: 'View Ada Lovelace' }).click();
  await admin.getByRole('button', { name: 'Adjust points' }).click();
  await admin
    .getByRole('dialog')
    .getByLabel(/^Points\b/)
    .fill('100');
  await admin
    .getByRole('dialog')
    .getByLabel(/^Reason\b/)
    .fill('Birthday gift');
  await page.screenshot({ path: join(out, 'admin-adjust.png') });
  console.log(join(out, 'admin-adjust.png'));
  await admin.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await admin.getByText('Goodwill: a late delivery').waitFor(WAIT);
  await page.screenshot({ path: join(out, 'admin-customer.png') });
  console.log(join(out, 'admin-customer.png'));
  await shoot(page, admin, 'Earning', 'Statuses that earn points', 'admin-earning.png');
} finally {
  await chromium.close();
}
