// One request budget per store, shared through PointsTable by separate handles (as separate Lambda
// environments hold them), against a small sandbox quota (20 per 2 s window: DynamoDB Local writes
// ~80 budget items a second on this machine, so the window is not shrunk further).
import { beforeAll, describe, expect, it } from 'vitest';
import { bigCommerceClient } from '@bc-loyalty/shared/bigcommerce';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { type CallPriority, storeBudget } from '@bc-loyalty/shared/quota';
import { testTable, useTestTable } from './support/environment';
import { numberedStores, useSandbox } from './support/sandbox';

const TOKEN = 'budget-token';
const QUOTA = { plan: 'enterprise', quota: 20, windowMs: 2_000 } as const;
/** 20 less the 20% reserve. */
const SHARE = 16;
const sandbox = useSandbox({ stores: numberedStores('quota', 4, TOKEN), ...QUOTA });
let table: PointsTable;
beforeAll(async () => {
  table = testTable(await useTestTable());
});

/** A function's client in its own environment: its own budget handle on the shared table. */
function container(storeHash: string, priority: CallPriority) {
  // the window and quota a function is configured with (BC_QUOTA_WINDOW_MS), as a bench sets them
  const budget = storeBudget(table, storeHash, { reserve: 0.2, windowMs: QUOTA.windowMs, quota: QUOTA.quota });
  const client = bigCommerceClient({ apiUrl: sandbox.url, storeHash, accessToken: TOKEN, priority, budget });
  const call = () => client.call('getCustomersAttributes', 'GET', '/v3/customers/attributes');
  return { budget, call };
}

const windowsOf = (storeHash: string) => sandbox.quotaOf(storeHash).windows.filter((w) => w.ours > 0);

describe('the per-store request budget', () => {
  it('keeps four concurrent environments within 80% of the quota in every window, without a 429', async () => {
    const containers = Array.from({ length: 4 }, () => container('quota0', 'mirror'));
    await Promise.all(containers.flatMap((c) => Array.from({ length: 12 }, () => c.call())));
    const windows = windowsOf('quota0');
    expect(windows.reduce((n, w) => n + w.ours, 0)).toBe(48);
    expect(Math.max(...windows.map((w) => w.ours))).toBeLessThanOrEqual(SHARE);
    expect(windows.every((w) => w.rejected === 0)).toBe(true);
    // a write per grant, and a refused attempt per environment and window while it waits
    const writes = containers.reduce((n, c) => n + c.budget.writes.granted + c.budget.writes.refused, 0);
    expect(writes / 48).toBeLessThan(1.5);
  });

  it("shrinks our share by another app's use seen in Requests-Left", async () => {
    sandbox.configureQuota({ ...QUOTA, otherAppPerWindow: 5 });
    try {
      const c = container('quota1', 'earning');
      await Promise.all(Array.from({ length: 30 }, () => c.call()));
      const windows = windowsOf('quota1');
      // once an answer told the other app's use: 20 − 4 reserve − 5 = 11
      expect(Math.max(...windows.slice(1).map((w) => w.ours))).toBeLessThanOrEqual(11);
      expect(windows.every((w) => w.ours + w.other <= 20 && w.rejected === 0)).toBe(true);
    } finally {
      sandbox.configureQuota(QUOTA);
    }
  });

  it('lets shopper-facing reward calls through while the mirror saturates the budget', async () => {
    const mirrors = Array.from({ length: 3 }, () => container('quota2', 'mirror'));
    const reward = container('quota2', 'reward');
    const mirroring = Promise.all(mirrors.flatMap((m) => Array.from({ length: 20 }, () => m.call())));
    await new Promise((r) => setTimeout(r, 2_200)); // the mirror has the budget to itself first
    const latencies: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      await reward.call();
      latencies.push(Date.now() - started);
    }
    await mirroring;
    // a reward call waits at most for the next window (2 s here, 30 s in store time)
    expect(Math.max(...latencies)).toBeLessThan(2_500);
    const windows = windowsOf('quota2');
    expect(Math.max(...windows.map((w) => w.ours))).toBeLessThanOrEqual(SHARE);
    expect(windows.every((w) => w.rejected === 0)).toBe(true);
  });
});
