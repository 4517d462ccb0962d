// The overview's running figures stay exact under concurrency: many parallel earns, redemptions,
// reversals and adjustments on a few accounts (each change adds to one random stats shard in its
// own transaction), then the figures must equal a full recount of the ledger; a rebuild from the
// ledger gives the same figures.
import { beforeAll, expect, it } from 'vitest';
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import { retryingConcurrentUpdates } from './support/client-retries';
import { testTable, useTestTable } from './support/environment';

let table: PointsTable;
let ledger: typeof import('@bc-loyalty/shared/ledger');
beforeAll(async () => {
  table = testTable(await useTestTable());
  ledger = await import('@bc-loyalty/shared/ledger');
});

/** A small seeded generator: the same operations every run. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % n;
  };
}

it('keeps members, points outstanding and the month’s flow equal to a recount of the ledger', async () => {
  const storeHash = 'statsstore';
  const next = random(42);
  const changes = Array.from({ length: 200 }, () => {
    const customer = { storeHash, customerId: 1 + next(30) };
    const kind = next(4);
    const points = 1 + next(90);
    if (kind === 0)
      return { customer, change: { type: 'earn' as const, points, reason: 'order', orderId: String(next(1e6)) } };
    if (kind === 1)
      return { customer, change: { type: 'redeem' as const, points: -points, reason: 'reward', rewardId: 'r' } };
    if (kind === 2)
      return {
        customer,
        change: { type: 'reverse' as const, points: -points, reason: 'refund', allowNegativeBalance: true },
      };
    return { customer, change: { type: 'adjust' as const, points: next(2) ? points : -points, reason: 'merchant' } };
  });
  const started = Date.now();
  // 16 writers at once (several Lambda containers), each change retried while others win its account,
  // and sent again, as a client would, when it answers CONCURRENT_UPDATE (nothing written).
  const outcomes: PromiseSettledResult<unknown>[] = [];
  const queue = [...changes];
  const writer = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { customer, change } = job;
      const deadline = Date.now() + 60_000;
      const apply = () => ledger.applyPointsChange(table, customer, change, { deadline });
      outcomes.push(...(await Promise.allSettled([retryingConcurrentUpdates(apply)])));
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
  const seconds = (Date.now() - started) / 1000;
  const applied = outcomes.filter((o) => o.status === 'fulfilled').length;
  const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o.reason as Error).name);
  console.log(
    `stats: ${applied} changes applied, ${refused.length} refused (${[...new Set(refused)].join(', ')}) in ${seconds.toFixed(1)} s`,
  );
  expect(applied).toBeGreaterThan(100);
  expect(refused.every((name) => name === 'INSUFFICIENT_POINTS')).toBe(true);

  const month = new Date().toISOString().slice(0, 7);
  const { totals, months } = await ledger.ledgerStats(table, storeHash);
  const figures = await ledger.readStoreStats(table, storeHash, month);
  expect({
    members: figures.members,
    pointsOutstanding: figures.pointsOutstanding,
    rewardsIssued: figures.rewardsIssued,
    rewardsUsed: figures.rewardsUsed,
  }).toEqual(totals);
  expect(figures.month).toEqual(months.get(month));
  expect(totals.members).toBeGreaterThan(0);

  await ledger.rebuildStats(table, storeHash);
  const rebuilt = await ledger.readStoreStats(table, storeHash, month);
  expect({ ...rebuilt, lastChange: null }).toEqual({ ...figures, lastChange: null });
}, 180_000);
