// The reward catalog in PointsTable: `pk STORE#{hash}`, `sk REWARD#{id}` (ledger/keys.ts).
import { ConditionalCheckFailedException, GetCommand, PutCommand, QueryCommand } from '../aws';
import { pointsTable } from '../ledger';
import { REWARD_PREFIX, rewardSk, storePk } from '../ledger/keys';
import { toReward, type Reward } from './model';

export async function getReward(storeHash: string, rewardId: string): Promise<Reward | undefined> {
  const { client, name } = pointsTable();
  const { Item } = await client.send(
    new GetCommand({ TableName: name, Key: { pk: storePk(storeHash), sk: rewardSk(rewardId) } }),
  );
  return Item ? toReward(Item) : undefined;
}

/** Every reward of the store, active or not (a catalog is small: one query page). */
export async function listRewards(storeHash: string): Promise<Reward[]> {
  const { client, name } = pointsTable();
  const rewards: Reward[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({
        TableName: name,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reward)',
        ExpressionAttributeValues: { ':pk': storePk(storeHash), ':reward': REWARD_PREFIX },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    rewards.push(...(page.Items ?? []).map(toReward));
    start = page.LastEvaluatedKey;
  } while (start);
  return rewards;
}

/** Writes a reward; `isNew` refuses to overwrite one with the same id (false when it exists). */
export async function saveReward(reward: Reward, isNew: boolean): Promise<boolean> {
  const { client, name } = pointsTable();
  try {
    await client.send(
      new PutCommand({
        TableName: name,
        Item: { pk: storePk(reward.storeHash), sk: rewardSk(reward.id), ...reward },
        ...(isNew ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
