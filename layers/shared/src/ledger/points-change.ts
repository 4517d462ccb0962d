// The one way a balance changes (DESIGN §4): read the account (and the idempotency record), then
// one TransactWriteItems that updates the account only if its version is still the one read, puts
// the ledger entry and the idempotency record, plus any records the caller adds (an order record,
// a redemption and its coupon lookup), built from the change so they carry its time and ids.
// A concurrent change makes the transaction fail as a whole; we then read again and retry.
import { BatchGetCommand, TransactionCanceledException, TransactWriteCommand } from '../aws';
import { ulid } from 'ulid';
import { ConcurrentUpdate, IdempotencyKeyReused, InsufficientPoints } from '../errors';
import { ACCOUNT_SK, accountPk, entrySk, idempotencySk, type CustomerRef } from './keys';
import { toAccount, type EntryType, type LedgerEntry, type PointsAccount } from './model';
import { pointsTable } from './table';

export type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

export interface PointsChange {
  type: EntryType;
  /** Signed: positive credits, negative debits. A non-zero integer. */
  points: number;
  reason: string;
  orderId?: string;
  redemptionId?: string;
  rewardId?: string;
  /** Reversals may leave a negative balance; redemptions and adjustments never do. */
  allowNegativeBalance?: boolean;
}

export interface Idempotency<R> {
  key: string;
  /** Hash of the request's meaning: the same key with another request is refused. */
  requestHash: string;
  /** The response kept with the key and replayed to retries. */
  response: (result: AppliedChange) => R;
  ttlSeconds?: number;
}

export interface AppliedChange {
  account: PointsAccount;
  entry: LedgerEntry;
}

export type ChangeOutcome<R> = { replayed: false; result: AppliedChange; response: R } | { replayed: true; response: R };

/** A record the caller added to the transaction already existed in a conflicting state. */
export class ConditionOfExtraWriteFailed extends Error {
  constructor(readonly index: number) {
    super(`condition of extra write ${index} failed`);
  }
}

const MAX_ATTEMPTS = 30;
/** Give up well inside the function's timeout: the client gets a clean 409 and retries the same key. */
const RETRY_BUDGET_MS = 4_000;
const DAY_SECONDS = 86_400;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));

export async function applyPointsChange<R = undefined>(
  customer: CustomerRef,
  change: PointsChange,
  options: { idempotency?: Idempotency<R>; extraWrites?: TransactItem[] | ((result: AppliedChange) => TransactItem[]) } = {},
): Promise<ChangeOutcome<R>> {
  if (!Number.isSafeInteger(change.points) || change.points === 0) throw new Error('points must be a non-zero integer');
  const { client, name } = pointsTable();
  const pk = accountPk(customer);
  const { idempotency, extraWrites = [] } = options;

  const deadline = Date.now() + RETRY_BUDGET_MS;
  for (let attempt = 0; attempt < MAX_ATTEMPTS && Date.now() < deadline; attempt++) {
    if (attempt > 0) await backoff(attempt);
    const nowMs = Date.now();
    const keys = [{ pk, sk: ACCOUNT_SK }];
    if (idempotency) keys.push({ pk, sk: idempotencySk(idempotency.key) });
    const read = await client.send(new BatchGetCommand({ RequestItems: { [name]: { Keys: keys, ConsistentRead: true } } }));
    if (Object.keys(read.UnprocessedKeys ?? {}).length > 0) continue;
    const items = read.Responses?.[name] ?? [];
    const stored = items.find((i) => i.sk !== ACCOUNT_SK && Number(i.expiresAt) * 1000 > nowMs);
    if (idempotency && stored) {
      if (stored.requestHash !== idempotency.requestHash) throw new IdempotencyKeyReused();
      // Kept as the JSON text sent the first time, so a replay is byte-for-byte the same.
      return { replayed: true, response: JSON.parse(String(stored.response)) as R };
    }

    const before = toAccount(customer, items.find((i) => i.sk === ACCOUNT_SK));
    const balanceAfter = before.balance + change.points;
    if (change.points < 0 && balanceAfter < 0 && !change.allowNegativeBalance) {
      throw new InsufficientPoints(before.balance, -change.points);
    }
    const createdAt = new Date(nowMs).toISOString();
    const account: PointsAccount = {
      ...before,
      balance: balanceAfter,
      lifetimeEarned: before.lifetimeEarned + (change.type === 'earn' || change.type === 'reverse' ? change.points : 0),
      // A restore gives back a redemption that bought nothing: it was never really spent.
      lifetimeRedeemed: before.lifetimeRedeemed + (change.type === 'redeem' || change.type === 'restore' ? -change.points : 0),
      updatedAt: createdAt,
      version: before.version + 1,
    };
    const entry: LedgerEntry = {
      id: ulid(nowMs),
      type: change.type,
      points: change.points,
      balanceAfter,
      reason: change.reason,
      createdAt,
      ...(change.orderId ? { orderId: change.orderId } : {}),
      ...(change.redemptionId ? { redemptionId: change.redemptionId } : {}),
      ...(change.rewardId ? { rewardId: change.rewardId } : {}),
    };
    const result: AppliedChange = { account, entry };
    const response = idempotency?.response(result) as R;

    const transactItems: TransactItem[] = [
      {
        Update: {
          TableName: name,
          Key: { pk, sk: ACCOUNT_SK },
          UpdateExpression: 'SET storeHash = :store, customerId = :customer, balance = :balance, '
            + 'lifetimeEarned = :earned, lifetimeRedeemed = :redeemed, updatedAt = :at, version = :next',
          ConditionExpression: before.version === 0 ? 'attribute_not_exists(pk)' : 'version = :read',
          ExpressionAttributeValues: {
            ':store': customer.storeHash,
            ':customer': customer.customerId,
            ':balance': account.balance,
            ':earned': account.lifetimeEarned,
            ':redeemed': account.lifetimeRedeemed,
            ':at': createdAt,
            ':next': account.version,
            ...(before.version === 0 ? {} : { ':read': before.version }),
          },
        },
      },
      {
        Put: {
          TableName: name,
          Item: { pk, sk: entrySk(account.version), ...entry },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ];
    if (idempotency) {
      transactItems.push({
        Put: {
          TableName: name,
          Item: {
            pk,
            sk: idempotencySk(idempotency.key),
            requestHash: idempotency.requestHash,
            response: JSON.stringify(response),
            createdAt,
            expiresAt: Math.floor(nowMs / 1000) + (idempotency.ttlSeconds ?? DAY_SECONDS),
          },
          // An expired record may linger until TTL deletes it; it no longer counts.
          ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now',
          ExpressionAttributeValues: { ':now': Math.floor(nowMs / 1000) },
        },
      });
    }
    transactItems.push(...(typeof extraWrites === 'function' ? extraWrites(result) : extraWrites));

    try {
      await client.send(new TransactWriteCommand({ TransactItems: transactItems }));
      return { replayed: false, result, response };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      const extraStart = idempotency ? 3 : 2;
      const failedExtra = reasons.findIndex((r, i) => i >= extraStart && r.Code === 'ConditionalCheckFailed');
      if (failedExtra >= 0) throw new ConditionOfExtraWriteFailed(failedExtra - extraStart);
      // Version moved, a concurrent idempotent twin won, or a transaction conflict: read again.
    }
  }
  throw new ConcurrentUpdate();
}
