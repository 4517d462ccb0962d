// Reads account changes out of DynamoDB stream records (NEW_IMAGE). Items other than accounts are
// skipped here too, in case the event source's filter is ever loosened.
import type { DynamoDBRecord } from 'aws-lambda';
import { customerOfPk } from '../ledger/keys';
import type { AccountChange } from './mirror-balances';

export function accountChangesOf(records: DynamoDBRecord[]): AccountChange[] {
  const changes: AccountChange[] = [];
  for (const record of records) {
    const keys = record.dynamodb?.Keys;
    const recordId = record.dynamodb?.SequenceNumber;
    const customer = customerOfPk(keys?.pk?.S ?? '');
    if (!customer || keys?.sk?.S !== 'ACCOUNT' || !recordId) continue;
    const createdSeconds = record.dynamodb?.ApproximateCreationDateTime;
    changes.push({
      ...customer,
      recordId,
      changedAt: createdSeconds === undefined ? undefined : createdSeconds * 1000,
    });
  }
  return changes;
}
