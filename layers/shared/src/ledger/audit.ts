// The ledger's invariants, checked over the whole table (an ops tool: a full scan):
// balance = sum of the account's entries, version = number of entries, each entry's balanceAfter
// follows from the previous one, no redemption ever left a negative balance, and every reward
// redemption has its code or its points back (audit-redemptions.ts).
import type { QueryCommandOutput, ScanCommandOutput } from '@aws-sdk/lib-dynamodb';
import { QueryCommand, ScanCommand } from '../aws';
import { redemptionFindings } from './audit-redemptions';
import { ACCOUNT_SK, ENTRY_PREFIX, REDEMPTION_PREFIX } from './keys';
import { pointsTable } from './table';

export interface AuditFinding {
  pk: string;
  problem: string;
}
export interface AuditReport {
  accounts: number;
  entries: number;
  redemptions: number;
  findings: AuditFinding[];
}

/** Items of the partition whose sort key starts with `prefix`, in key order. */
async function itemsOf(pk: string, prefix: string): Promise<Array<Record<string, unknown>>> {
  const { client, name } = pointsTable();
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await client.send(
      new QueryCommand({
        TableName: name,
        ConsistentRead: true,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function auditLedger(onProgress: (accounts: number) => void = () => {}): Promise<AuditReport> {
  const { client, name } = pointsTable();
  const report: AuditReport = { accounts: 0, entries: 0, redemptions: 0, findings: [] };
  let start: Record<string, unknown> | undefined;
  do {
    const page: ScanCommandOutput = await client.send(
      new ScanCommand({
        TableName: name,
        FilterExpression: 'sk = :account',
        ExpressionAttributeValues: { ':account': ACCOUNT_SK },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const account of page.Items ?? []) {
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
    start = page.LastEvaluatedKey;
  } while (start);
  return report;
}
