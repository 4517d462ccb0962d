// Reads account changes out of DynamoDB stream records (NEW_IMAGE). Items other than accounts, and
// accounts deleted (with their store, by the retention run: not a balance of 0), are skipped here
// too, in case the event source's filter is ever loosened.
import type { DynamoDBRecord } from 'aws-lambda';
import { accountOfKey } from '../table-keys';
import type { AccountChange } from './mirror-balances';

/** The account changes in a batch of stream records (other items skipped). */
export function accountChangesOf(records: DynamoDBRecord[]): AccountChange[] {
  const changes: AccountChange[] = [];
  for (const record of records) {
    if (record.eventName === 'REMOVE') continue;
    const keys = record.dynamodb?.Keys;
    const recordId = record.dynamodb?.SequenceNumber;
    const customer = accountOfKey({ pk: keys?.pk?.S, sk: keys?.sk?.S });
    if (!customer || !recordId) continue;
    const createdSeconds = record.dynamodb?.ApproximateCreationDateTime;
    changes.push({
      ...customer,
      recordId,
      changedAt: createdSeconds === undefined ? undefined : createdSeconds * 1000,
    });
  }
  return changes;
}
