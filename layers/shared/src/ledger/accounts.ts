import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ACCOUNT_SK, accountPk, type CustomerRef } from './keys';
import { toAccount, type PointsAccount } from './model';
import { pointsTable } from './table';

/** The customer's account; a customer who never earned has a zero account, not an error. */
export async function getAccount(customer: CustomerRef): Promise<PointsAccount> {
  const { client, name } = pointsTable();
  const { Item } = await client.send(new GetCommand({ TableName: name, Key: { pk: accountPk(customer), sk: ACCOUNT_SK } }));
  return toAccount(customer, Item);
}
