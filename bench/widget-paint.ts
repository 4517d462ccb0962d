// npx tsx bench/widget-paint.ts (WIDTH=375 for a phone) — the widget's first paint and layout shift in headless Chromium on
// the local stack's demo store, for a signed-in shopper (median of 10 page loads): when the widget's
// shell (the skeleton) is on screen, when the current-customer token arrives, when the balance is
// shown, and the cumulative layout shift of the page up to a moment after that. Figures for
// docs/storefront.md; absolute times on a shared machine are noise, their order is the point.
import { launchChromium } from '../test/support/browser';
import { appEnvironment } from '../local/settings';
import { startLocalStack } from '../local/stack';
import { benchDynamoDb } from './bench-dynamodb';
import { median } from './measure';

const RUNS = 10;
const { dynamodb, settings } = await benchDynamoDb('widget-bench');
const stack = await startLocalStack({
  settings,
  dynamodbEndpoint: dynamodb.endpoint,
  log: () => {},
  functionEnvironment: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
});
// A shopper with points, a reward they can afford, one they cannot yet, and some history: a full panel.
Object.assign(process.env, {
  ...appEnvironment(settings),
  TABLE_NAME: settings.tableName,
  DYNAMODB_ENDPOINT: dynamodb.endpoint,
  BC_API_URL: stack.sandbox!.url,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});
const { addReward } = await import('@bc-loyalty/shared/rewards');
const { applyPointsChange, pointsTable } = await import('@bc-loyalty/shared/ledger');
const table = pointsTable();
const fixed = (amount: string) => ({ type: 'fixed_amount', amount }) as const;
await addReward(table, settings.storeHash, { id: 'five-off', name: '$5 off', pointsCost: 500, discount: fixed('5') });
await addReward(table, settings.storeHash, {
  id: 'fifty-off',
  name: '$50 off',
  pointsCost: 5000,
  discount: fixed('50'),
});
for (const points of [600, 64, 120])
  await applyPointsChange(
    table,
    { storeHash: settings.storeHash, customerId: 1 },
    { type: 'adjust', points, reason: 'Bench' },
  );
const chromium = await launchChromium();
try {
  const page = await chromium.context.newPage();
  const width = Number(process.env.WIDTH ?? 1200); // WIDTH=375 for a phone
  await page.setViewportSize({ width, height: 800 });
  const url = `${stack.sandbox!.url}/`;
  await page.goto(url);
  await page.selectOption('#customer', '1');
  await page.click('#login');
  // Layout shifts from the page's first script on; times are ms since navigation start, read in the page.
  await page.addInitScript(() => {
    const bench = { shift: 0 };
    Object.assign(window, { bench });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>)
        if (!e.hadRecentInput) bench.shift += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const when = async (selector: string) =>
    (
      await page.waitForFunction(
        (s) => !!document.querySelector('.bc-loyalty')?.shadowRoot?.querySelector(s) && performance.now(),
        selector,
        { polling: 'raf', timeout: 30_000 },
      )
    ).jsonValue() as Promise<number>;
  const runs: Array<{ shell: number; token: number; balance: number; shift: number; paint: number }> = [];
  for (let i = 0; i < RUNS; i++) {
    await page.goto(url, { waitUntil: 'commit' });
    const shell = await when('.sk');
    const balance = await when('.bal');
    await page.waitForTimeout(1000); // shifts after the balance count too
    runs.push({
      shell,
      balance,
      ...(await page.evaluate(() => ({
        token: (
          performance
            .getEntriesByType('resource')
            .find((e) => e.name.includes('/customer/current.jwt')) as PerformanceResourceTiming
        ).responseEnd,
        shift: (window as unknown as { bench: { shift: number } }).bench.shift,
        paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
      }))),
    });
  }
  const m = (key: keyof (typeof runs)[number]) => median(runs.map((r) => r[key]));
  console.log(
    `${width} px: page first contentful paint ${m('paint').toFixed(0)} ms; widget shell in a frame by ${m('shell').toFixed(0)} ms, first token answer ${m('token').toFixed(0)} ms, balance shown ${m('balance').toFixed(0)} ms (medians of ${RUNS}); cumulative layout shift ${m('shift').toFixed(3)} (max ${Math.max(...runs.map((r) => r.shift)).toFixed(3)})`,
  );
} finally {
  await chromium.close();
  await stack.stop();
  await dynamodb.stop();
}
