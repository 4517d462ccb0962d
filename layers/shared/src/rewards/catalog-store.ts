// The reward catalog in PointsTable (keys: table-keys.ts).
import { PutCommand, TransactWriteCommand } from '../aws';
import { conditionalWrite, getItem, type PointsTable, queryPages, type TransactItem } from '../ledger';
import { REWARD_PREFIX, rewardKey, storePk } from '../table-keys';
import { type Reward, toReward } from './model';

/** The reward, active or not, or undefined when the store has no such reward. */
export async function getReward(table: PointsTable, storeHash: string, rewardId: string): Promise<Reward | undefined> {
  const item = await getItem(table, rewardKey(storeHash, rewardId));
  return item ? toReward(item) : undefined;
}

/** Every reward of the store, active or not. */
export async function listRewards(table: PointsTable, storeHash: string): Promise<Reward[]> {
  const rewards: Reward[] = [];
  const pages = queryPages(table, {
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reward)',
    ExpressionAttributeValues: { ':pk': storePk(storeHash), ':reward': REWARD_PREFIX },
  });
  for await (const items of pages) rewards.push(...items.map(toReward));
  return rewards;
}

/**
 * Writes a reward; `isNew` refuses to overwrite one with the same id (false when it exists).
 * `also` (an admin's audit item) is written in the same transaction.
 */
export async function saveReward(
  { client, name }: PointsTable,
  reward: Reward,
  isNew: boolean,
  also: TransactItem[] = [],
): Promise<boolean> {
  const put = {
    TableName: name,
    Item: { ...rewardKey(reward.storeHash, reward.id), ...reward },
    ...(isNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
  };
  return conditionalWrite(
    also.length
      ? client.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...also] }))
      : client.send(new PutCommand(put)),
  );
}
