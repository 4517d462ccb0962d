// The rewards invariant (DESIGN §11), per account: every reward redemption's debit has exactly one
// redemption record, and that record either has its code (issued, used), or failed with exactly one
// restore entry giving the points back; nothing is restored twice or without a failed redemption.
// A redemption still pending after the issuer's retry window (24 h) is a finding too.

const PENDING_LIMIT_MS = 24 * 3_600_000;

type Item = Record<string, unknown>;

/** Problems of one account's reward redemptions, given its ledger entries and redemption records. */
export function redemptionFindings(entries: Item[], redemptions: Item[], nowMs = Date.now()): string[] {
  const findings: string[] = [];
  const byId = new Map(redemptions.map((r) => [String(r.id), r]));
  const debits = entries.filter((e) => e.type === 'redeem' && typeof e.rewardId === 'string');
  const restores = entries.filter((e) => e.type === 'restore');
  const restoresOf = (id: string) => restores.filter((e) => e.redemptionId === id).length;
  for (const debit of debits) {
    const id = String(debit.redemptionId);
    const record = byId.get(id);
    if (!record) {
      findings.push(`redemption ${id}: debited without a redemption record`);
      continue;
    }
    if (Number(record.points) !== -Number(debit.points))
      findings.push(`redemption ${id}: record says ${String(record.points)} points, the debit ${String(debit.points)}`);
    const restored = restoresOf(id);
    if (record.status === 'failed' && restored !== 1)
      findings.push(`redemption ${id}: failed with ${restored} restore entries (expected 1)`);
    if (record.status !== 'failed' && restored > 0)
      findings.push(`redemption ${id}: ${String(record.status)} yet restored ${restored}×`);
    if (record.status === 'pending' && nowMs - Date.parse(String(record.createdAt)) > PENDING_LIMIT_MS)
      findings.push(`redemption ${id}: code still pending after 24 h`);
  }
  const debited = new Set(debits.map((d) => String(d.redemptionId)));
  for (const restore of restores) {
    if (!debited.has(String(restore.redemptionId)))
      findings.push(`restore ${String(restore.sk ?? restore.id)}: no redemption debit ${String(restore.redemptionId)}`);
  }
  for (const id of byId.keys()) if (!debited.has(id)) findings.push(`redemption ${id}: a record without a debit`);
  return findings;
}
