// What the black-friday run left behind, checked: the ledger's invariants (npm run audit:ledger's
// auditLedger), every order earned and reversed exactly once with sums equal to what the sandbox's
// orders say is due, the reward codes the orders used marked `used`, and the completion → points
// latency of each order from its earn entry's time.
import type { PointsTable } from '@bc-loyalty/shared/ledger';
import type { PlacedOrder } from './black-friday-load';

/** The audit's figures; `problems` lists what is off (empty when the run is clean). */
export interface BlackFridayAudit {
  accounts: number;
  ledgerFindings: number;
  ordersEarning: number;
  pointsDue: { earned: number; reversed: number };
  pointsInLedger: { earned: number; reversed: number };
  codesUsed: number;
  codesMarkedUsed: number;
  /** Wall-clock ms from each completion callback to its earn entry. */
  latenciesMs: number[];
  problems: string[];
}

/** Points the earning rule owes an order (1 point per unit of the discounted subtotal; guests none). */
function pointsDue({ order, refunded }: PlacedOrder): { earned: number; reversed: number } {
  if (order.customer_id === 0) return { earned: 0, reversed: 0 };
  const cents = Math.round(Number(order.subtotal_ex_tax) * 100) - Math.round(Number(order.discount_amount) * 100);
  const earned = Math.floor(cents / 100);
  return { earned, reversed: refunded ? earned : 0 };
}

export async function auditBlackFriday(
  table: PointsTable,
  storeHash: string,
  placed: PlacedOrder[],
): Promise<BlackFridayAudit> {
  const { auditLedger, scanPages } = await import('@bc-loyalty/shared/ledger');
  const ledger = await auditLedger(table);
  const byOrder = new Map<string, { earn: number[]; reverse: number[]; earnedAt?: number }>();
  let codesMarkedUsed = 0;
  for await (const items of scanPages(table, {})) {
    for (const item of items) {
      if (!String(item.pk).startsWith(`STORE#${storeHash}#CUSTOMER#`)) continue;
      if (String(item.sk).startsWith('REDEMPTION#') && item.status === 'used') codesMarkedUsed++;
      if (!String(item.sk).startsWith('TX#') || typeof item.orderId !== 'string') continue;
      const entries = byOrder.get(item.orderId) ?? { earn: [], reverse: [] };
      byOrder.set(item.orderId, entries);
      if (item.type === 'earn') {
        entries.earn.push(Number(item.points));
        entries.earnedAt = Date.parse(String(item.createdAt));
      } else if (item.type === 'reverse') entries.reverse.push(-Number(item.points));
    }
  }
  const audit: BlackFridayAudit = {
    accounts: ledger.accounts,
    ledgerFindings: ledger.findings.length,
    ordersEarning: 0,
    pointsDue: { earned: 0, reversed: 0 },
    pointsInLedger: { earned: 0, reversed: 0 },
    codesUsed: placed.filter((p) => p.withCode).length,
    codesMarkedUsed,
    latenciesMs: [],
    problems: ledger.findings.slice(0, 5).map((f) => `${f.pk}: ${f.problem}`),
  };
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  for (const entry of placed) {
    const due = pointsDue(entry);
    const found = byOrder.get(String(entry.order.id)) ?? { earn: [], reverse: [] };
    if (due.earned > 0) audit.ordersEarning++;
    audit.pointsDue.earned += due.earned;
    audit.pointsDue.reversed += due.reversed;
    audit.pointsInLedger.earned += sum(found.earn);
    audit.pointsInLedger.reversed += sum(found.reverse);
    const earnedOnce = due.earned === 0 ? found.earn.length === 0 : found.earn.length === 1;
    const reversedOnce = due.reversed === 0 ? found.reverse.length === 0 : found.reverse.length === 1;
    if (!earnedOnce || !reversedOnce || sum(found.earn) !== due.earned || sum(found.reverse) !== due.reversed)
      audit.problems.push(
        `order ${entry.order.id}: due ${JSON.stringify(due)}, ledger earn ${found.earn} reverse ${found.reverse}`,
      );
    if (entry.completedAt !== undefined && found.earnedAt !== undefined)
      audit.latenciesMs.push(found.earnedAt - entry.completedAt);
  }
  if (audit.codesMarkedUsed !== audit.codesUsed)
    audit.problems.push(`${audit.codesUsed} codes used, ${audit.codesMarkedUsed} redemptions marked used`);
  return audit;
}
