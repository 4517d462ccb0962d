// The black-friday figures: BigCommerce calls per order by purpose, quota use per window (ours vs
// our share and vs the limit), completion → points latency in store time against the bound the
// quota and the batching window allow, 429s, lost events and the audit, as a markdown section.
import type { SandboxCall } from '../local/sandbox/management-api';
import type { QuotaWindow } from '../local/sandbox/request-budget';
import type { BlackFridayAudit } from './black-friday-audit';

/** What each operation is spent on (anything else: rewards issuance, setup). */
const PURPOSES: Record<string, string> = {
  getOrders: 'earning',
  getOrder: 'earning',
  getOrderCoupons: 'coupons',
  upsertCustomersAttributeValues: 'mirror',
  getCustomersAttributes: 'mirror',
  createCustomersAttributes: 'mirror',
};
/** Our share of the quota: the rest is left to the merchant's other apps (the budget's default reserve, 20%). */
const SHARE = 0.8;
/** The earning target under burst (issue 16). */
const EARNING_TARGET = 0.05;
/** Store seconds a completion may wait for points: the batching window, plus one quota window if it is spent. */
const BATCHING_WINDOW_S = 10;
const QUOTA_WINDOW_S = 30;
/** The longest completion delay of the load: from then on, events arrive at the hour's full rate. */
const RAMP_S = 600;

/**
 * Earning calls per order in the steady state (the burst): calls made while orders were still being
 * placed and completions of earlier ones had ramped up, over the orders placed meanwhile. A short
 * run's tail (the last completions and refunds trickling in) would otherwise count as the burst.
 */
function steadyEarningPerOrder(run: BlackFridayRun): { perOrder: number; orders: number } | undefined {
  const from = Math.min(...run.placedAt) + (RAMP_S * 1000) / run.timeScale;
  const to = Math.max(...run.placedAt);
  const orders = run.placedAt.filter((at) => at >= from).length;
  if (orders < 500) return undefined;
  const calls = run.calls.filter((c) => PURPOSES[c.operation] === 'earning' && c.at >= from && c.at <= to).length;
  return { perOrder: calls / orders, orders };
}

export interface BlackFridayRun {
  orders: number;
  ordersPerHour: number;
  timeScale: number;
  quota: number;
  calls: SandboxCall[];
  /** The sandbox's quota windows of the run: our requests, the other app's, the refused. */
  windows: QuotaWindow[];
  otherAppPerWindow: number;
  /** When each order was placed (wall ms): the steady state is after the first completions are due. */
  placedAt: number[];
  rateLimited: number;
  storeSeconds: number;
  deadLetters: number;
  audit: BlackFridayAudit;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : Number.NaN;
};

export function blackFridayReport(run: BlackFridayRun): { markdown: string; clean: boolean } {
  const { audit, orders, timeScale, quota } = run;
  const byPurpose = new Map<string, number>();
  for (const call of run.calls) {
    const purpose = PURPOSES[call.operation] ?? 'rewards and other';
    byPurpose.set(purpose, (byPurpose.get(purpose) ?? 0) + 1);
  }
  const perOrder = (purpose: string) => (byPurpose.get(purpose) ?? 0) / orders;
  const busiest = Math.max(0, ...run.windows.map((w) => w.ours));
  const busiestAll = Math.max(0, ...run.windows.map((w) => w.ours + w.other));
  const share = Math.floor(quota * SHARE);
  const latencies = audit.latenciesMs.map((ms) => (ms * timeScale) / 1000);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const bound = BATCHING_WINDOW_S + QUOTA_WINDOW_S;
  const steady = steadyEarningPerOrder(run);
  const earning = steady?.perOrder ?? perOrder('earning');
  const clean = audit.problems.length === 0 && run.deadLetters === 0 && earning <= EARNING_TARGET && busiest <= share;
  const f = (n: number, digits = 3) => n.toFixed(digits);
  const markdown = `## Black Friday on a Standard plan (\`npm run bench -- black-friday\`)

${orders} orders at ${run.ordersPerHour} an hour of store time, store time ${timeScale}× faster than the
wall clock (the sandbox's 30 s quota window lasts ${f(30 / timeScale, 2)} s, the stream's 10 s batching window
${f(10 / timeScale, 2)} s); the run took ${f(run.storeSeconds / 60, 1)} store minutes. Each order is completed
1–10 store minutes after it is placed, 10% refunded 1–5 minutes later, 20% paid with a reward code, 5%
guests; 10% of completions delivered twice, 10% followed by a second, distinct callback, 5% held and
delivered newest first (refund before completion). The mirror runs throughout, and another app of the store sends ${run.otherAppPerWindow} requests at the start of every window. DynamoDB Local and the
CPU are not compressed: latencies in store time are upper bounds.

| figure | value |
|---|---|
| BigCommerce calls per order, **earning** under burst (GET /v2/orders lists + stragglers) | **${f(earning)}** ${steady ? `(steady state: ${steady.orders} orders placed after the first ${RAMP_S / 60} store minutes)` : '(whole run)'}; target ≤ ${EARNING_TARGET}: ${earning <= EARNING_TARGET ? 'met' : '**not met**'} |
| earning calls per order over the whole run (its tail included) | ${f(perOrder('earning'))} (${byPurpose.get('earning') ?? 0} calls) |
| calls per order, reward codes used (GET /v2/orders/{id}/coupons) | ${f(perOrder('coupons'))} (${byPurpose.get('coupons') ?? 0}) |
| calls per order, mirror (attribute upserts) | ${f(perOrder('mirror'))} (${byPurpose.get('mirror') ?? 0}) |
| calls, rewards issuance and other | ${byPurpose.get('rewards and other') ?? 0} |
| busiest quota window (30 store s), ours | ${busiest} requests: ${f(busiest / share, 2)} of our share (${share}), ${f(busiest / quota, 2)} of the limit (${quota}); ${run.windows.length} windows |
| busiest window, ours + the other app's (${run.otherAppPerWindow} a window) | ${busiestAll}: ${f(busiestAll / quota, 2)} of the limit |
| completion → points visible, p50 / p99 (store s) | ${f(p50, 1)} / ${f(p99, 1)} over ${latencies.length} orders (bound: ${bound} s = batching window + one quota window) |
| 429s received | ${run.rateLimited} |
| events lost (dead letters) | ${run.deadLetters} |
| audit | ${audit.accounts} accounts, ${audit.ledgerFindings} ledger findings; ${audit.ordersEarning} orders earning: ${audit.pointsInLedger.earned} points earned / ${audit.pointsDue.earned} due, ${audit.pointsInLedger.reversed} reversed / ${audit.pointsDue.reversed} due; ${audit.codesMarkedUsed} of ${audit.codesUsed} codes marked used; ${audit.problems.length === 0 ? '**clean**' : `**${audit.problems.length} problems**`} |
${
  audit.problems.length
    ? `\nFirst problems:\n\n${audit.problems
        .slice(0, 10)
        .map((p) => `- ${p}`)
        .join('\n')}\n`
    : ''
}`;
  return { markdown, clean };
}
