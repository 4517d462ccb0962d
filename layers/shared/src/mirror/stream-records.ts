// Reads account changes out of DynamoDB stream records (NEW_IMAGE). Items other than accounts are
// skipped here too, in case the event source's filter is ever loosened.
import type { DynamoDBRecord } from 'aws-lambda';
import type { AccountChange } from './mirror-balances';

const ACCOUNT_PK = /^STORE#([a-z0-9]{1,32})#CUSTOMER#(\d{1,15})$/;

export function accountChangesOf(records: DynamoDBRecord[]): AccountChange[] {
  const changes: AccountChange[] = [];
  for (const record of records) {
    const keys = record.dynamodb?.Keys;
    const recordId = record.dynamodb?.SequenceNumber;
    const match = ACCOUNT_PK.exec(keys?.pk?.S ?? '');
    if (!match || keys?.sk?.S !== 'ACCOUNT' || !recordId) continue;
    const createdSeconds = record.dynamodb?.ApproximateCreationDateTime;
    changes.push({
      storeHash: match[1] as string, customerId: Number(match[2]), recordId,
      changedAt: createdSeconds === undefined ? undefined : createdSeconds * 1000,
    });
  }
  return changes;
}
