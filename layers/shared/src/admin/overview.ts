// The overview figures of a store: read from its running figures (ledger/stats.ts), never a scan.
import { type PointsTable, readStoreStats } from '../ledger';

/** The admin overview: members, liability, this month's flow (positive numbers), rewards. */
export async function overview(table: PointsTable, storeHash: string, now = new Date()) {
  const month = now.toISOString().slice(0, 7);
  const stats = await readStoreStats(table, storeHash, month);
  return {
    members: stats.members,
    pointsOutstanding: stats.pointsOutstanding,
    month: {
      start: `${month}-01T00:00:00.000Z`,
      earned: stats.month.earn,
      // A restore gives back a redemption whose code could never be issued: it was never spent.
      redeemed: -(stats.month.redeem + stats.month.restore),
      reversed: -stats.month.reverse,
      adjusted: stats.month.adjust,
    },
    rewards: { issued: stats.rewardsIssued, used: stats.rewardsUsed },
  };
}
