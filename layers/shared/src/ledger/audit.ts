// The ledger's invariants, checked over the whole table (an ops tool: a full scan):
// balance = sum of the account's entries, version = number of entries, each entry's balanceAfter
// follows from the previous one, no redemption ever left a negative balance, and every reward
// redemption has its code or its points back (audit-redemptions.ts).
import { ACCOUNT_SK, ENTRY_PREFIX, REDEMPTION_PREFIX } from '../table-keys';
import { redemptionFindings } from './audit-redemptions';
import { type PointsTable, queryAll, scanPages } from './table';

/** One broken invariant, in the partition (account) where it was found. */
export interface AuditFinding {
  pk: string;
  problem: string;
}
/** What an audit covered, and every finding (none when the ledger is sound). */
export interface AuditReport {
  accounts: number;
  entries: number;
  redemptions: number;
  findings: AuditFinding[];
}

/** The ledger's invariants over every account of the table. `onProgress` gets the accounts checked so far. */
export async function auditLedger(
  table: PointsTable,
  onProgress: (accounts: number) => void = () => {},
): Promise<AuditReport> {
  const report: AuditReport = { accounts: 0, entries: 0, redemptions: 0, findings: [] };
  const itemsOf = (pk: string, prefix: string) =>
    queryAll(table, {
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    });
  const pages = scanPages(table, {
    FilterExpression: 'sk = :account',
    ExpressionAttributeValues: { ':account': ACCOUNT_SK },
  });
  for await (const page of pages) {
    for (const account of page) {
      const pk = String(account.pk);
      const entries = await itemsOf(pk, ENTRY_PREFIX); // ascending by version
      const redemptions = await itemsOf(pk, REDEMPTION_PREFIX);
      report.accounts++;
      report.entries += entries.length;
      report.redemptions += redemptions.length;
      let running = 0;
      for (const entry of entries) {
        running += Number(entry.points);
        if (Number(entry.balanceAfter) !== running)
          report.findings.push({
            pk,
            problem: `entry ${String(entry.sk)}: balanceAfter ${String(entry.balanceAfter)} ≠ running sum ${running}`,
          });
        if (entry.type === 'redeem' && running < 0)
          report.findings.push({ pk, problem: `redemption ${String(entry.sk)} left the balance at ${running}` });
      }
      if (Number(account.balance) !== running)
        report.findings.push({ pk, problem: `balance ${String(account.balance)} ≠ sum of entries ${running}` });
      if (Number(account.version) !== entries.length)
        report.findings.push({ pk, problem: `version ${String(account.version)} ≠ ${entries.length} entries` });
      for (const problem of redemptionFindings(entries, redemptions)) report.findings.push({ pk, problem });
    }
    onProgress(report.accounts);
  }
  return report;
}
