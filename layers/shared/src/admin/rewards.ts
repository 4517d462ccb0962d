// The merchant's reward catalog: the same domain functions as `npm run rewards`, each write with
// its audit item in the same transaction as the reward.
import type { AdminRef } from '../http';
import type { PointsTable } from '../ledger';
import { addReward, type Reward, type RewardChanges, updateReward } from '../rewards';
import { auditorOf } from './audit';

const auditable = (r: Reward) => ({ name: r.name, pointsCost: r.pointsCost, discount: r.discount, active: r.active });

/** Adds a reward (and its BigCommerce promotion). Throws ValidationError. */
export async function addAdminReward(table: PointsTable, admin: AdminRef, input: unknown): Promise<Reward> {
  const audit = await auditorOf(table, admin);
  return addReward(table, admin.storeHash, input, undefined, (r) => [
    audit('reward.add', `reward:${r.id}`, auditable(r)),
  ]);
}

/** Changes a reward; `action` names it in the audit trail. Throws RewardNotFound, ValidationError. */
export async function changeAdminReward(
  table: PointsTable,
  admin: AdminRef,
  rewardId: string,
  changes: RewardChanges,
  action: 'reward.update' | 'reward.disable' | 'reward.enable' = 'reward.update',
): Promise<Reward> {
  const audit = await auditorOf(table, admin);
  return updateReward(table, admin.storeHash, rewardId, changes, (r) => [
    audit(action, `reward:${r.id}`, { changes, ...auditable(r) }),
  ]);
}
